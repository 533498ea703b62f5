"""The packaged actor knowledge files and their loader."""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from blocs.actors.entries import ActorEntry
from blocs.actors.knowledge import (
    SECTORS,
    load_actor_file,
    load_actor_knowledge,
    load_agents,
    load_groups,
    load_igo_cameo_codes,
    load_igos,
    load_missions,
    load_people,
    load_states,
)
from blocs.errors import KnowledgeError

ACTORS_DIR = resources.files("blocs").joinpath("knowledge", "actors")
STATE_HEADER = (
    "iso3\tname\taliases\tadjectives\tcombining\tcapitals\tmetonyms\tvalid_from\tvalid_to"
)
PEOPLE_HEADER = "name\taliases\tcountry\tsector\trole\tvalid_from\tvalid_to\tsource"


def _by_pattern(entries: list[ActorEntry]) -> dict[str, list[ActorEntry]]:
    found: dict[str, list[ActorEntry]] = defaultdict(list)
    for entry in entries:
        for pattern in entry.patterns:
            found[pattern].append(entry)
    return found


def _state_rows() -> list[ActorEntry]:
    return [e for e in load_states() if e.entry_id == f"state:{e.code}"]


def test_packaged_files_load_without_error() -> None:
    knowledge = load_actor_knowledge()
    kinds = {entry.kind for entry in knowledge.entries}
    assert {"state", "igo", "group"} <= kinds
    assert len(_state_rows()) == 199
    assert len(knowledge.agents) > 200


def test_packaged_knowledge_is_read_once_per_process() -> None:
    assert load_actor_knowledge() is load_actor_knowledge()


@pytest.mark.parametrize(
    "name",
    [
        "states.tsv",
        "igos.tsv",
        "groups.tsv",
        "agents.tsv",
        "forces.tsv",
        "missions.tsv",
        "operations.tsv",
        "ethnic.tsv",
        "agencies.tsv",
    ],
)
def test_every_file_opens_with_source_and_version_lines(name: str) -> None:
    lines = ACTORS_DIR.joinpath(name).read_text(encoding="utf-8").splitlines()
    head = [line for line in lines[:5] if line.startswith("#")]
    assert head[0].startswith("# source: ")
    assert any(line.startswith("# version: 20") for line in head)


def test_state_names_convert_back_to_their_iso3() -> None:
    coco = pytest.importorskip("country_converter")
    states = _state_rows()
    converted = coco.convert([s.name for s in states], to="ISO3", not_found=None)
    differ = [(s.code, s.name, got) for s, got in zip(states, converted, strict=True)]
    differ = [row for row in differ if row[0] != row[2]]
    print("country_converter disagrees on:", differ)
    assert len(differ) <= 0.05 * len(states), differ


def test_every_un_member_is_present() -> None:
    coco = pytest.importorskip("country_converter")
    data = coco.CountryConverter().data
    members = set(data.loc[data["UNmember"].notna(), "ISO3"])
    assert len(members) == 193
    assert members - {s.code for s in _state_rows()} == set()


def test_no_pattern_names_two_states() -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in load_states():
        for form in (*entry.patterns, *entry.adjectives, *entry.combining):
            owners[form.casefold()].add(entry.country or "")
    collisions = {form: sorted(codes) for form, codes in owners.items() if len(codes) > 1}
    print("forms naming several states:", collisions)
    assert collisions == {}


# Forms that name a state organ and a group on purpose; the resolver chooses by the
# countries the sentence names ("SDF": Japan's Self-Defense Forces, Syrian Democratic Forces).
CONTEXT_RESOLVED = frozenset({"sdf"})


def test_no_organisation_or_group_is_named_like_a_state() -> None:
    state_forms = {
        form.casefold() for entry in load_states() for form in (*entry.patterns, *entry.adjectives)
    }
    clashes = [
        (entry.entry_id, pattern)
        for entry in [*load_igos(), *load_groups()]
        for pattern in entry.patterns
        if pattern.casefold() in state_forms - CONTEXT_RESOLVED
    ]
    assert clashes == []


def test_no_group_pattern_names_two_codes_on_the_same_day() -> None:
    clashes = []
    for pattern, entries in _by_pattern([*load_groups(), *load_igos(), *load_missions()]).items():
        for i, one in enumerate(entries):
            for other in entries[i + 1 :]:
                overlap = (one.valid_to or date.max) >= (other.valid_from or date.min) and (
                    other.valid_to or date.max
                ) >= (one.valid_from or date.min)
                if one.code != other.code and overlap:
                    clashes.append((pattern, one.entry_id, other.entry_id))
    assert clashes == []


@pytest.mark.parametrize(
    ("pattern", "code"),
    [
        ("Kremlin", "RUSGOV"),
        ("Pentagon", "USAMIL"),
        ("Élysée", "FRAGOV"),
        ("Elysee", "FRAGOV"),
        ("Ankara", "TURGOV"),
        ("Paris", "FRAGOV"),
        ("Washington", "USAGOV"),
        ("Moscow", "RUSGOV"),
        ("The Hague", "NLDGOV"),
        ("Federation Council", "RUSLEG"),
        ("Downing Street", "GBRGOV"),
    ],
)
def test_capitals_and_metonyms_name_a_state_organ(pattern: str, code: str) -> None:
    [entry] = _by_pattern(load_states())[pattern]
    assert entry.code == code
    assert entry.country == code[:3]
    assert entry.sector == code[3:]


@pytest.mark.parametrize(
    ("pattern", "iso3"),
    [("the US", "USA"), ("U.S.", "USA"), ("Britain", "GBR"), ("Russian Federation", "RUS")],
)
def test_common_short_forms_name_the_state(pattern: str, iso3: str) -> None:
    form = pattern.removeprefix("the ")
    [entry] = _by_pattern(load_states())[form]
    assert entry.code == iso3
    assert entry.sector is None


def test_state_adjectives_and_combining_forms_are_kept() -> None:
    france = next(e for e in load_states() if e.entry_id == "state:FRA")
    assert "French" in france.adjectives
    assert france.combining == ("Franco",)


def test_states_that_began_after_2000_carry_their_start_date() -> None:
    states = {e.code: e for e in _state_rows()}
    assert states["SSD"].valid_from == date(2011, 7, 9)
    assert not states["SSD"].valid_on(date(2010, 1, 1))
    assert states["MNE"].valid_from == date(2006, 6, 3)


def test_gna_is_the_libyan_government() -> None:
    [gna] = _by_pattern(load_groups())["GNA"]
    assert (gna.code, gna.country, gna.sector) == ("LBYGOV", "LBY", "GOV")
    assert gna.valid_on(date(2020, 6, 1))
    assert not gna.valid_on(date(2022, 1, 1))


def test_taliban_are_rebels_until_august_2021_and_the_government_after() -> None:
    taliban = _by_pattern(load_groups())["Taliban"]
    on = {day: [e.code for e in taliban if e.valid_on(day)] for day in (date(2010, 1, 1),)}
    assert on[date(2010, 1, 1)] == ["AFGREBTAL"]
    assert [e.code for e in taliban if e.valid_on(date(2022, 1, 1))] == ["AFGGOV"]


def test_igos_carry_their_own_code_as_country() -> None:
    [nato] = _by_pattern(load_igos())["NATO"]
    assert (nato.code, nato.country, nato.kind) == ("NATO", "NATO", "igo")
    assert load_igo_cameo_codes()["NATO"] == "IGOWSTNAT"
    assert {e.code for e in load_igos() if "European Commission" in e.patterns} == {"EU"}


def test_every_sector_is_a_known_cameo_code() -> None:
    knowledge = load_actor_knowledge()
    used = {e.sector for e in knowledge.entries if e.sector} | {a.sector for a in knowledge.agents}
    assert used - SECTORS == set()


def test_group_codes_start_with_country_and_sector() -> None:
    wrong = [e.entry_id for e in load_groups() if not e.code.startswith(f"{e.country}{e.sector}")]
    assert wrong == []


def test_agent_words_are_lower_case_role_words() -> None:
    agents = {a.phrase: a for a in load_agents()}
    assert agents["foreign minister"].sector == "GOV"
    assert agents["foreign minister"].role == "foreign minister"
    assert agents["rebel"].sector == "REB"
    assert agents["police"].sector == "COP"
    assert all(phrase == phrase.lower() for phrase in agents)


def test_people_file_gives_one_entry_per_term(tmp_path: Path) -> None:
    path = tmp_path / "people.tsv"
    path.write_text(
        "# source: test\n# version: 2026-01-01\n"
        f"{PEOPLE_HEADER}\n"
        "Emmanuel Macron\tMacron\tFRA\tGOV\thead of state\t2017-05-14\t\telysee.fr\n"
        "Sergei Lavrov\tLavrov\tRUS\tGOV\tforeign minister\t2004-03-09\t\tmid.ru\n"
        "François Hollande\tHollande\tFRA\tGOV\thead of state\t2012-05-15\t2017-05-14\t\n",
        encoding="utf-8",
    )
    people = load_people(path)
    assert [p.code for p in people] == ["FRAGOV", "RUSGOV", "FRAGOV"]
    macron = people[0]
    assert macron.kind == "person"
    assert macron.patterns == ("Emmanuel Macron", "Macron")
    assert macron.role == "head of state"
    assert macron.source == "people.tsv:4"
    assert not people[2].valid_on(date(2020, 1, 1))


def test_dates_are_read_as_the_first_or_last_day_of_their_period(tmp_path: Path) -> None:
    path = tmp_path / "groups.tsv"
    path.write_text(
        "code\tname\taliases\tcountry\tsector\tvalid_from\tvalid_to\n"
        "AAAREB\tA Front\t\tAFG\tREB\t2014\t2016-02\n",
        encoding="utf-8",
    )
    [group] = load_groups(path)
    assert (group.valid_from, group.valid_to) == (date(2014, 1, 1), date(2016, 2, 29))


def test_user_files_are_added_and_told_apart_by_their_header(tmp_path: Path) -> None:
    groups = tmp_path / "mine.tsv"
    groups.write_text(
        "code\tname\taliases\tcountry\tsector\tvalid_from\tvalid_to\n"
        "FRAOPPXYZ\tMovement X\tMX\tFRA\tOPP\t\t\n",
        encoding="utf-8",
    )
    agents = tmp_path / "words.tsv"
    agents.write_text("phrase\tsector\trole\nconsigliere\tCRM\t\n", encoding="utf-8")
    knowledge = load_actor_knowledge([groups, agents])
    assert knowledge.entries[-1].code == "FRAOPPXYZ"
    assert knowledge.entries[-1].source == "mine.tsv:2"
    assert knowledge.agents[-1].phrase == "consigliere"
    assert len(knowledge.entries) == len(load_actor_knowledge().entries) + 1
    assert load_actor_file(agents)[0] == []


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("FRA\tFrance\t\t\t\t\t\t", "wrong column count"),
        ("fra\tFrance\t\t\t\t\t\t\t", "bad ISO code 'fra'"),
        ("FRA\tFrance\t\t\t\t\tKremlin:XYZ\t\t", "unknown sector code 'XYZ'"),
        ("FRA\tFrance\t\t\t\t\t\t2011-13-01\t", "bad date '2011-13-01'"),
        ("FRA\tFrance\t\t\t\t\t\t2012\t2011", "valid_from 2012-01-01 is after valid_to"),
        ("FRA\t\t\t\t\t\t\t\t", "column 'name' is empty"),
    ],
)
def test_malformed_user_file_names_file_and_line(tmp_path: Path, row: str, message: str) -> None:
    path = tmp_path / "states.tsv"
    path.write_text(f"# source: test\n{STATE_HEADER}\n{row}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=f"states.tsv:3: .*{message}"):
        load_actor_knowledge([path])


def test_unknown_header_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "odd.tsv"
    path.write_text("# a comment\nname\tcolour\nFrance\tblue\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"odd.tsv:2: header .* matches no"):
        load_actor_file(path)


def test_a_file_of_the_wrong_kind_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "words.tsv"
    path.write_text("phrase\tsector\trole\nrebel\tREB\t\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match="holds agent rows, not state rows"):
        load_states(path)


def test_a_repeated_row_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "states.tsv"
    row = "FRA\tFrance\t\t\t\t\t\t\t"
    path.write_text(f"{STATE_HEADER}\n{row}\n{row}\n", encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"states\.tsv:3: repeats the row on line 2"):
        load_states(path)


def test_a_mission_acts_for_its_parent_organisation() -> None:
    [minusma] = _by_pattern(load_missions())["MINUSMA"]
    assert (minusma.code, minusma.country, minusma.kind) == ("MINUSMA", "UN", "igo")
    assert minusma.valid_on(date(2020, 1, 1)) and not minusma.valid_on(date(2024, 6, 1))
    [kfor] = _by_pattern(load_missions())["KFOR"]
    assert kfor.country == "NATO"


def test_armed_forces_operations_and_peoples_load_with_the_groups() -> None:
    forms = _by_pattern(load_groups())
    assert [e.code for e in forms["KDF"]] == ["KENMIL"]
    assert [e.code for e in forms["Operation Peace Spring"]] == ["TURMIL"]
    assert [e.code for e in forms["Rohingya"]] == ["MMRCVLROH"]


def test_a_source_column_is_accepted_in_any_file(tmp_path: Path) -> None:
    path = tmp_path / "forces.tsv"
    path.write_text(
        "code\tname\taliases\tcountry\tsector\tvalid_from\tvalid_to\tsource\n"
        "KENMIL\tKenya Defence Forces\tKDF\tKEN\tMIL\t\t\tWikipedia: Kenya Defence Forces\n",
        encoding="utf-8",
    )
    entries, _ = load_actor_file(path)
    assert [(e.code, e.source) for e in entries] == [("KENMIL", "forces.tsv:2")]


def test_a_mission_needs_a_known_parent(tmp_path: Path) -> None:
    path = tmp_path / "missions.tsv"
    path.write_text(
        "code\tname\taliases\tparent\tcameo\tvalid_from\tvalid_to\tsource\n"
        "XMIS\tSome Mission\t\tNOPE\t\t\t\t\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeError, match="unknown parent organisation"):
        load_actor_file(path)
