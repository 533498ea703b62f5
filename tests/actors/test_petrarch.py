"""PETRARCH/TABARI dictionaries become actor entries and agent words with the file's own codes;
irregular lines become warnings, never crashes."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from blocs.actors.entries import ActorEntry
from blocs.actors.petrarch import PetrarchDictionary, read_petrarch_dictionary
from blocs.errors import KnowledgeError


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _actors(tmp_path: Path, text: str) -> PetrarchDictionary:
    return read_petrarch_dictionary(_write(tmp_path, "test.actors.txt", text))


def _agents(tmp_path: Path, text: str) -> PetrarchDictionary:
    return read_petrarch_dictionary(_write(tmp_path, "test.agents.txt", text))


def _named(dictionary: PetrarchDictionary, form: str) -> list[ActorEntry]:
    return [e for e in dictionary.entries if form in e.patterns]


def _in_force(entries: list[ActorEntry], day: date) -> list[str]:
    return [e.code for e in entries if e.valid_on(day)]


def _warned(dictionary: PetrarchDictionary, line: int, words: str) -> bool:
    return any(
        w.startswith(f"test.actors.txt:{line}: ") and words in w for w in dictionary.warnings
    )


# --- the format --------------------------------------------------------------------------


def test_plain_actor_and_its_synonyms_make_one_state_entry(tmp_path: Path) -> None:
    found = _actors(
        tmp_path,
        "# a comment line\n"
        "\n"
        "UNITED_STATES_OF_AMERICA_  [USA]  # CountryInfo.txt\n"
        "+UNITED_STATES_ \n"
        "+AMERICAN_\n"
        "+WASHINGTON_  #_POTENTIALLY_CONFUSED_WITH_THE_STATE\n",
    )
    assert len(found.entries) == 1
    usa = found.entries[0]
    assert (usa.code, usa.country, usa.kind, usa.sector) == ("USA", "USA", "state", None)
    assert usa.name == "United States of America"
    assert usa.patterns == ("United States of America", "United States", "American", "Washington")
    assert (usa.valid_from, usa.valid_to) == (None, None)
    assert usa.source == "test.actors.txt:3"
    assert usa.entry_id == "dict:test.actors:3"
    assert found.warnings == ()


def test_date_restricted_person_gets_one_entry_per_code_over_time(tmp_path: Path) -> None:
    found = _actors(
        tmp_path,
        "BARACK_OBAMA_  # CountryInfo.txt\n"
        "+PRESIDENT_OBAMA\n"
        "\t[USAELI 780101-000101]\n"
        "\t[USAGOV 20090120-20170120]\n",
    )
    eli, gov = found.entries
    assert (eli.code, eli.country, eli.sector, eli.kind) == ("USAELI", "USA", "ELI", "person")
    assert (eli.valid_from, eli.valid_to) == (date(1978, 1, 1), date(2000, 1, 1))
    assert (gov.code, gov.country, gov.sector) == ("USAGOV", "USA", "GOV")
    assert (gov.valid_from, gov.valid_to) == (date(2009, 1, 20), date(2017, 1, 20))
    assert gov.patterns == ("Barack Obama", "President Obama")
    assert [e.entry_id for e in found.entries] == ["dict:test.actors:3", "dict:test.actors:4"]
    assert _in_force(list(found.entries), date(2012, 5, 1)) == ["USAGOV"]
    assert _in_force(list(found.entries), date(2020, 5, 1)) == []


def test_bare_code_is_the_default_on_days_no_dated_code_covers(tmp_path: Path) -> None:
    found = _actors(
        tmp_path,
        "SERBIA_  [SRB]\n+BELGRADE_\n\t[YUGSRB <920427]\n\t[SCGSRB 920428-060605]\n",
    )
    entries = list(found.entries)
    assert {e.kind for e in entries} == {"state"}
    assert _in_force(entries, date(1990, 1, 1)) == ["YUGSRB"]
    assert _in_force(entries, date(2000, 1, 1)) == ["SCGSRB"]
    assert _in_force(entries, date(2020, 1, 1)) == ["SRB"]
    assert [e.country for e in entries] == ["SRB", "YUG", "SCG"]


def test_bare_code_between_two_terms_covers_the_gap_only(tmp_path: Path) -> None:
    found = _actors(
        tmp_path,
        "VLADIMIR_PUTIN_\n\t[RUSGOV 991231-080507]\n\t[RUSGOV >120507]\n\t[RUSELI]\n",
    )
    ids = [e.entry_id for e in found.entries]
    assert ids == [
        "dict:test.actors:2",
        "dict:test.actors:3",
        "dict:test.actors:4",
        "dict:test.actors:4.2",
    ]
    entries = list(found.entries)
    assert _in_force(entries, date(1995, 1, 1)) == ["RUSELI"]
    assert _in_force(entries, date(2010, 1, 1)) == ["RUSELI"]
    assert _in_force(entries, date(2015, 1, 1)) == ["RUSGOV"]


def test_several_codes_on_the_name_line_each_make_an_entry(tmp_path: Path) -> None:
    found = _actors(tmp_path, "JAVIER_SOLANA_ [IGOEUREEC 950701-951231][IGOWSTNAT 951205-991006]\n")
    eu, nato = found.entries
    assert (eu.code, eu.country, eu.kind) == ("IGOEUREEC", "IGOEUREEC", "person")
    assert (nato.code, nato.valid_to) == ("IGOWSTNAT", date(1999, 10, 6))
    assert (eu.entry_id, nato.entry_id) == ("dict:test.actors:1", "dict:test.actors:1.2")


def test_kinds_and_sectors_follow_the_codes(tmp_path: Path) -> None:
    found = _actors(
        tmp_path,
        "UN_ [IGOUNO]\n"
        "US_SECRETARY_OF_STATE_\n\t[USAGOV]\n"
        "HEZBOLLAH_ [LBNREBHZB]\n"
        "ACME_CORP_ [MNCUSA]\n"
        "KOSOVO_ [KSV]\n"
        "EAST_TIMOR_ [TMP]\n"
        "ARMENIA_ [ARM]\n\t[USRARM <900823]\n",
    )
    by_code = {e.code: e for e in found.entries}
    assert (by_code["IGOUNO"].kind, by_code["IGOUNO"].country) == ("igo", "IGOUNO")
    assert by_code["IGOUNO"].patterns == ("UN",)
    assert (by_code["USAGOV"].kind, by_code["USAGOV"].sector) == ("group", "GOV")
    assert by_code["USAGOV"].name == "US Secretary of State"
    assert (by_code["LBNREBHZB"].country, by_code["LBNREBHZB"].sector) == ("LBN", "REB")
    assert (by_code["MNCUSA"].country, by_code["MNCUSA"].sector) == (None, "BUS")
    assert (by_code["KSV"].kind, by_code["KSV"].country) == ("state", "XKX")
    assert by_code["TMP"].country == "TLS"
    assert (by_code["USRARM"].country, by_code["USRARM"].kind) == ("SUN", "state")


def test_comments_of_every_kind_are_ignored(tmp_path: Path) -> None:
    found = _actors(
        tmp_path,
        "#[IRNGOV >20130804] a commented code\n"
        "<!-- an XML comment -->\n"
        "<!-- a comment\n"
        "NOT_A_NAME_ [XXX]\n"
        "over three lines -->\n"
        "   \n"
        "KOFI_ANNAN_\t<!-- inline --> [IGOUNO 970101-061231]# IGOrulers.txt\n"
        "\t[ELI]# IGOrulers.txt\n",
    )
    assert {e.code for e in found.entries} == {"IGOUNO", "ELI"}
    assert {e.name for e in found.entries} == {"Kofi Annan"}
    assert found.warnings == ()


def test_names_are_written_as_they_appear_in_text(tmp_path: Path) -> None:
    found = _actors(
        tmp_path,
        "NATO_ [IGOWSTNAT]\n"
        "+XI_JINPING_\n"
        "+PEOPLE'S_LIBERATION_ARMY\n"
        "+COTE_D'IVOIRE\n"
        "+U.S._VICE_PRESIDENT\n"
        "+UN_Secy_Gen\n"
        "+ERDOĞAN\n"
        "+ST._LUCIA\n"
        "+KGB\n",
    )
    assert found.entries[0].patterns == (
        "Nato",
        "NATO",
        "Xi Jinping",
        "People's Liberation Army",
        "Cote d'Ivoire",
        "U.S. Vice President",
        "UN Secy Gen",
        "Erdoğan",
        "St. Lucia",
        "KGB",
    )


def test_agents_file_maps_phrases_to_sectors(tmp_path: Path) -> None:
    found = _agents(
        tmp_path,
        "# ======== SUBSTITUTION SETS ========\n"
        "!PERSON! = MAN, MEN, WOMAN\n"
        "!MINIST! = MINISTER, MINISTRY\n"
        "\n"
        "PRESIDENT [~GOV]\n"
        "FOREIGN_!MINIST! [~GOV]\n"
        "!MINIST! OF_FOREIGN_AFFAIRS [~GOV]\n"
        "CONGRESS!PERSON! [~LEG]\n"
        "DEFENSE_MINIST [~GOVMIL]\n"
        "POLICE {} [~COP]\n"
        "GENDARMERY {GENDARMERIE} [~COP] # ab 06 Jul 2005\n",
    )
    assert found.entries == ()
    pairs = [(a.phrase, a.sector) for a in found.agents]
    assert pairs == [
        ("president", "GOV"),
        ("foreign minister", "GOV"),
        ("foreign ministry", "GOV"),
        ("minister of foreign affairs", "GOV"),
        ("ministry of foreign affairs", "GOV"),
        ("congressman", "LEG"),
        ("congressmen", "LEG"),
        ("congresswoman", "LEG"),
        ("defense minist", "GOVMIL"),
        ("police", "COP"),
        ("gendarmery", "COP"),
        ("gendarmerie", "COP"),
    ]
    assert found.warnings == ()


def test_agent_code_with_the_tilde_last_goes_in_front_of_the_actor(tmp_path: Path) -> None:
    found = _agents(tmp_path, "PRESIDENT [~GOV]\nPEACEKEEPING_TROOPS {} [IGO~]\n")
    assert found.agents[-1].phrase == "peacekeeping troops"
    assert (found.agents[-1].sector, found.agents[-1].prefix) == ("IGO", True)
    assert (found.agents[0].sector, found.agents[0].prefix) == ("GOV", False)
    assert found.warnings == ()


# --- errors -------------------------------------------------------------------------------


def test_missing_file_raises_knowledge_error_naming_it(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match=r"nowhere\.actors\.txt"):
        read_petrarch_dictionary(tmp_path / "nowhere.actors.txt")


def test_directory_raises_knowledge_error(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeError, match="cannot read"):
        read_petrarch_dictionary(tmp_path)


def test_file_without_entries_raises_knowledge_error_naming_it(tmp_path: Path) -> None:
    path = _write(tmp_path, "empty.actors.txt", "# only a comment\n\n<!-- and this -->\n")
    with pytest.raises(KnowledgeError, match=r"empty\.actors\.txt.*no actor or agent"):
        read_petrarch_dictionary(path)


def test_file_of_codeless_names_raises_knowledge_error(tmp_path: Path) -> None:
    path = _write(tmp_path, "names.actors.txt", "ALPHA_\n\nBETA_\n")
    with pytest.raises(KnowledgeError, match=r"names\.actors\.txt"):
        read_petrarch_dictionary(path)


def test_bytes_that_are_not_utf8_are_replaced_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin1.actors.txt"
    path.write_bytes(b"FRANCE_ [FRA]\n+R\xc9PUBLIQUE_FRAN\xc7AISE\n+FRENCH_\n")
    found = read_petrarch_dictionary(path)
    assert found.entries[0].patterns == ("France", "French")
    assert found.warnings[0].startswith("latin1.actors.txt:2: not valid UTF-8")


# --- the irregularities listed in ../shared/dicts/README.md, one line each ----------------


@pytest.mark.parametrize(
    ("restriction", "valid_from", "valid_to", "words"),
    [
        ("> 140608", date(2014, 6, 8), None, "space after '>'"),
        (">201005011", date(2010, 5, 1), None, "9-digit date"),
        ("1920030320-20060520", date(2003, 3, 20), date(2006, 5, 20), "10-digit date"),
        ("9008223-911221", date(1990, 8, 22), date(1991, 12, 21), "7-digit date"),
        ("20121204", date(2012, 12, 4), None, "without '<' or '>'"),
        ("19171109-19911225", date(1917, 11, 9), date(1991, 12, 25), ""),
    ],
)
def test_odd_dates_are_read_leniently_with_a_warning(
    tmp_path: Path, restriction: str, valid_from: date, valid_to: date | None, words: str
) -> None:
    found = _actors(tmp_path, f"SOMEONE_\n\t[EGYGOV {restriction}]\n")
    (entry,) = found.entries
    assert (entry.valid_from, entry.valid_to) == (valid_from, valid_to)
    if words:
        assert _warned(found, 2, words)
    else:
        assert found.warnings == ()


@pytest.mark.parametrize(
    "restriction", ["2004017-20061201", "20121207-20120802", "20100931", "soon"]
)
def test_unusable_dates_skip_their_code_with_a_warning(tmp_path: Path, restriction: str) -> None:
    found = _actors(tmp_path, f"BAN_KI-MOON\n\t[IGOUNO >20070101]\n\t[KORGOVBUS {restriction}]\n")
    assert [e.code for e in found.entries] == ["IGOUNO"]
    assert _warned(found, 3, "code skipped")


def test_overlapping_ranges_and_repeated_names_are_all_kept(tmp_path: Path) -> None:
    found = _actors(
        tmp_path,
        "XI_JINPING\n\t[CHNGOV >20121115]\n"
        "VLADIMIR_PUTIN_\n\t[RUSGOV 991231-080507]\n\t[RUSGOV 990809-000507]\n"
        "XI_JINPING\n\t[CHNGOV >080401]\n",
    )
    assert len(_named(found, "Xi Jinping")) == 2
    assert _in_force(_named(found, "Vladimir Putin"), date(2000, 3, 1)) == ["RUSGOV", "RUSGOV"]
    assert found.warnings == ()


def test_codeless_names_right_above_an_entry_are_read_as_its_names(tmp_path: Path) -> None:
    found = _actors(
        tmp_path,
        "# Presidents\nIVO_JOSIPOVIC_\nPRESIDENT_JOSIPOVIC_\nJOSIPOVIC_\n\t[HRVGOV >20120219]\n",
    )
    (entry,) = found.entries
    assert entry.name == "Ivo Josipovic"
    assert entry.patterns == ("Ivo Josipovic", "President Josipovic", "Josipovic")
    assert _warned(found, 2, "has no code (missing '+'?); read as a name of the entry below")
    assert _warned(found, 3, "has no code (missing '+'?)")


def test_codeless_name_right_below_an_entry_is_read_as_its_name(tmp_path: Path) -> None:
    found = _actors(tmp_path, "UN_ [IGOUNO]\nU.N._\n\n# Secretarys General\n")
    assert found.entries[0].patterns == ("UN", "U.N.")
    assert _warned(found, 2, "read as a name of the entry above")


def test_codeless_name_standing_alone_is_skipped(tmp_path: Path) -> None:
    found = _actors(
        tmp_path,
        "FRANCE_ [FRA]\n\nUNITED_STATES_DEPARTMENT_OF_HOUSING_\n+HUD\n\nGERMANY_ [DEU]\n",
    )
    assert [e.code for e in found.entries] == ["FRA", "DEU"]
    assert _warned(found, 3, "has no code; entry skipped")


def test_two_synonyms_joined_by_plus_are_split(tmp_path: Path) -> None:
    found = _actors(
        tmp_path,
        "ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)_ [YEMREB] #  kkl 21 Mar 13\n"
        "+ARMY_OF_MOHAMMED_AND_THE_JAISH_ADAN_AL_ISLAMI+_ISLAMIC_ADEN_ARMY_\n"
        "B+H_OCEAN_CARRIERS_\t[MNCBMU]\n",
    )
    assert found.entries[0].patterns == (
        "Aden Abyan Islamic Army (AAIA)",
        "Army of Mohammed and the Jaish Adan al Islami",
        "Islamic Aden Army",
    )
    assert found.entries[1].name == "B+H Ocean Carriers"
    assert _warned(found, 2, "two names joined by '+'")


def test_stray_text_line_is_skipped(tmp_path: Path) -> None:
    found = _actors(
        tmp_path,
        "ABN_AMRO_\t[NLDGOVBUS >081004][MNCNLD]\t# recoded from SAE files\n"
        "Source: MNC.MLH.actors\n"
        "A._SCHULMAN_\t[MNCUSA]\t# Major Chemicals\t$643,000,000\n"
        "AMERICAN CIVIL LIBERTIES UNION\n+ACLU\n\t[NGOUSAHRI]\n",
    )
    assert [e.name for e in found.entries].count("A. Schulman") == 1
    assert "American Civil Liberties Union" in {e.name for e in found.entries}
    assert _warned(found, 2, "is not a dictionary line; skipped")
    assert len(found.warnings) == 1


def test_tab_indented_name_starts_an_entry(tmp_path: Path) -> None:
    found = _actors(
        tmp_path,
        "GEORGE_WOODS_\t[IGOUNODEVWBK 630101-680331]# IGOrulers.txt\n"
        "\tJOHN_MCCLOY_\t[IGOUNODEVWBK 470301-490630]# IGOrulers.txt\n",
    )
    assert [e.name for e in found.entries] == ["George Woods", "John Mccloy"]
    assert _warned(found, 2, "indented name line; read as a new entry")


def test_tab_inside_a_name_drops_what_follows_it(tmp_path: Path) -> None:
    found = _actors(tmp_path, "OSMAN_OLCAY\t_TURKEY_\t[IGOWSTNAT 690101-711231]\n")
    assert found.entries[0].patterns == ("Osman Olcay",)
    assert _warned(found, 1, "TAB inside name")


def test_code_line_indented_with_spaces_is_still_a_code_line(tmp_path: Path) -> None:
    found = _actors(tmp_path, "AYMAN_SAFADI\n\t[JORGOV 20071125-20091214]\n  \t[JORELI]\n")
    assert [e.code for e in found.entries] == ["JORGOV", "JORELI", "JORELI"]
    assert _warned(found, 3, "indented with spaces")


@pytest.mark.parametrize(
    ("line", "damage"),
    [
        ("+COTE_D\ufffdIVOIRE_", "replacement character U+FFFD"),
        ("+LIAMINE_Z\x1aROUAL_", "control character U+001A"),
        ("+MINIST\u00c3\u0160RIO_DE_OBRAS", "doubly-encoded UTF-8"),
    ],
)
def test_damaged_names_are_dropped_with_a_warning(tmp_path: Path, line: str, damage: str) -> None:
    found = _actors(tmp_path, f"IVORY_COAST_  [CIV]\n{line}\n+ABIDJAN_\n")
    assert found.entries[0].patterns == ("Ivory Coast", "Abidjan")
    assert _warned(found, 2, f"{damage} in name")


def test_entry_left_without_a_usable_name_is_skipped(tmp_path: Path) -> None:
    found = _actors(tmp_path, "LIAMINE_Z\x1aROUAL_\n\t[DZAGOV 940131-990427]\nALGERIA_ [DZA]\n")
    assert [e.code for e in found.entries] == ["DZA"]
    assert _warned(found, 1, "entry has no usable name; skipped")


def test_genuine_non_ascii_and_lower_case_names_are_kept(tmp_path: Path) -> None:
    found = _actors(tmp_path, "SOVIET_UNION_  [SUN]\n+СССР\n+UN_Secy_Gen\n+MESÛD_BARZANÎ\n")
    assert found.entries[0].patterns == ("Soviet Union", "СССР", "UN Secy Gen", "Mesûd Barzanî")
    assert found.entries[0].kind == "state"
    assert found.warnings == ()


def test_fictional_kinakuta_codes_are_dropped(tmp_path: Path) -> None:
    found = _actors(
        tmp_path,
        "KINAKUTA_  [KNT]\n+KINAKUTAN_\nSULTAN_OF_KINAKUTA\n\t[KNTGOV 830101-850630]\n"
        "BRUNEI_ [BRN]\n",
    )
    assert [e.code for e in found.entries] == ["BRN"]
    assert _warned(found, 1, "fictional country Kinakuta")
    assert _warned(found, 4, "fictional country Kinakuta")


def test_null_code_and_text_after_codes_are_warned_about(tmp_path: Path) -> None:
    found = _actors(
        tmp_path,
        "INDIAN_OCEAN  [---]\n"
        "A.H._BELO_CORPORATION_\t[MNCMED]\tNewspapers/Magazines\t$137,000,000\n",
    )
    assert [e.code for e in found.entries] == ["MNCMED"]
    assert _warned(found, 1, "null code [---]")
    assert _warned(found, 2, "text after the codes")


def test_irregular_agent_lines_are_repaired_or_skipped(tmp_path: Path) -> None:
    found = _agents(
        tmp_path,
        "!MINIST! = MINISTER\n"
        "DEPARMENT_OF_ENVIRONMENT [~ENV}\n"
        "ISLAMIC_EXTREMIST\n"
        "!MINIST! DE_OBRAS_P\u00c3\u0160BLICAS [~GOV]\n"
        "!UNKNOWN! OF_DEFENCE [~GOV]\n"
        "COP [~COP]\n",
    )
    assert [(a.phrase, a.sector) for a in found.agents] == [
        ("deparment of environment", "ENV"),
        ("cop", "COP"),
    ]
    assert [w.split(": ", 1)[0] for w in found.warnings] == [
        "test.agents.txt:2",
        "test.agents.txt:3",
        "test.agents.txt:4",
        "test.agents.txt:5",
    ]


# --- the real Phoenix dictionaries in ../shared/dicts -------------------------------------

# Exact figures for the files of PETRARCH2 commit 676801cd (../shared/dicts/README.md):
# entries are ActorEntry records (one per code and date range), names the distinct entry
# names; a change in the reader that moves any of them should be looked at, not waved through.
REAL = {
    "Phoenix.Countries.actors.txt": {"entries": 30474, "names": 18329, "warnings": 82},
    "Phoenix.International.actors.txt": {"entries": 7907, "names": 6691, "warnings": 11},
    "Phoenix.MilNonState.actors.txt": {"entries": 1021, "names": 1018, "warnings": 1},
    "Phoenix.agents.txt": {"agents": 3389, "warnings": 3},
}


@pytest.fixture(scope="module")
def real(shared_dir: Path) -> dict[str, PetrarchDictionary]:
    return {name: read_petrarch_dictionary(shared_dir / "dicts" / name) for name in sorted(REAL)}


@pytest.mark.needs_shared
@pytest.mark.parametrize("name", sorted(REAL))
def test_real_dictionary_loads_with_pinned_counts(
    real: dict[str, PetrarchDictionary], name: str
) -> None:
    found = real[name]
    expected = REAL[name]
    assert len(found.warnings) == expected["warnings"], "\n".join(found.warnings)
    if "agents" in expected:
        assert found.entries == ()
        assert len(found.agents) == expected["agents"]
        return
    assert found.agents == ()
    assert len(found.entries) == expected["entries"]
    assert len({e.name for e in found.entries}) == expected["names"]
    assert len({e.entry_id for e in found.entries}) == len(found.entries)
    stem = name.removesuffix(".txt")
    assert all(e.entry_id.startswith(f"dict:{stem}:") for e in found.entries)
    assert all(e.source.startswith(f"{name}:") for e in found.entries)


@pytest.mark.needs_shared
def test_real_countries_file_codes_putin_by_date(real: dict[str, PetrarchDictionary]) -> None:
    putin = _named(real["Phoenix.Countries.actors.txt"], "Vladimir Putin")
    assert {e.country for e in putin} == {"RUS"}
    assert {e.kind for e in putin} == {"person"}
    assert _in_force(putin, date(1995, 1, 1)) == ["RUSELI"]
    assert set(_in_force(putin, date(2004, 1, 1))) == {"RUSGOV"}
    assert _in_force(putin, date(2015, 1, 1)) == ["RUSGOV"]
    assert any(e.valid_from == date(2008, 5, 8) and e.valid_to is None for e in putin)


@pytest.mark.needs_shared
def test_real_countries_file_codes_united_states_as_usa(
    real: dict[str, PetrarchDictionary],
) -> None:
    found = real["Phoenix.Countries.actors.txt"]
    states = [e for e in _named(found, "United States") if e.kind == "state"]
    assert [(e.code, e.country) for e in states] == [("USA", "USA")]
    obama = _named(found, "Barack Obama")
    assert _in_force(obama, date(2012, 1, 1)) == ["USAGOV"]


@pytest.mark.needs_shared
def test_real_countries_file_irregular_lines_are_warned_about(
    real: dict[str, PetrarchDictionary],
) -> None:
    warnings = real["Phoenix.Countries.actors.txt"].warnings
    kinds = Counter(w.split(": ", 1)[1].split(" ", 1)[0] for w in warnings)
    assert kinds["name"] == 37  # the 37 codeless names: 35 joined to an entry, 2 skipped
    assert sum("Kinakuta" in w for w in warnings) == 18
    assert "Phoenix.Countries.actors.txt:24824: code line indented with spaces" in "\n".join(
        warnings
    )


@pytest.mark.needs_shared
def test_real_agents_file_maps_foreign_minister_to_gov(
    real: dict[str, PetrarchDictionary],
) -> None:
    agents = {(a.phrase, a.sector) for a in real["Phoenix.agents.txt"].agents}
    assert ("foreign minister", "GOV") in agents
    assert ("minister of foreign affairs", "GOV") in agents
    assert ("police", "COP") in agents
    assert ("congresswoman", "LEG") in agents
    assert len({sector for _, sector in agents}) == 84
