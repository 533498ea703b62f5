"""Load the actor knowledge base: states, organisations, groups, people and agent words.

In: the tab-separated files under `blocs/knowledge/actors/` (formats in
`blocs/knowledge/README.md`) and any user files in the same formats. Out: `ActorEntry`
records (one per thing the text can name) and `AgentWord` records (role words).

A state row gives several entries: the state itself (`state:FRA`, code `FRA`, with its
names, adjectives and combining forms), one per capital (`state:FRA:capital:Paris`, code
`FRAGOV`: a capital used as a metonym means the government) and one per metonym with its
sector (`state:USA:metonym:Pentagon`, code `USAMIL`). Organisation, group and person rows
give one entry each. Every entry's `source` is `file:line`.

Files are checked as they are read; a malformed row raises `KnowledgeError` naming the file
and line: wrong column count, a bad ISO 3166 code, an unknown CAMEO sector code, a bad date,
`valid_from` after `valid_to`, a duplicate row. The packaged files are read once per process.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from blocs.actors.entries import ActorEntry, AgentWord
from blocs.errors import KnowledgeError

# CAMEO's three-letter agent (sector) codes: the actor-type codes of the CAMEO codebook
# (as GDELT's CAMEO.type.txt lists them), PTY political party, and the religion codes the
# Phoenix dictionaries use. A sector may chain several (`GOVMIL`), as CAMEO codes do.
SECTORS: frozenset[str] = frozenset(
    {
        # state and armed actors
        "GOV", "MIL", "COP", "JUD", "SPY", "LEG", "REB", "INS", "SEP", "UAF", "OPP", "PTY",
        # society
        "AGR", "BUS", "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "MED",
        "REF", "MOD", "RAD", "SET",
        # international and transnational
        "IGO", "IMG", "INT", "MNC", "NGM", "NGO", "UIS", "PKO", "UNO", "AMN", "IRC", "GRP",
        # religion
        "REL", "MUS", "CHR", "JEW", "HIN", "BUD", "CTH", "PRO",
    }
)  # fmt: skip

_COLUMNS: dict[str, tuple[str, ...]] = {
    "state": (
        "iso3", "name", "aliases", "adjectives", "combining", "capitals", "metonyms",
        "valid_from", "valid_to",
    ),
    "igo": ("code", "name", "aliases", "cameo", "valid_from", "valid_to"),
    "group": ("code", "name", "aliases", "country", "sector", "valid_from", "valid_to"),
    "person": (
        "name", "aliases", "country", "sector", "role", "valid_from", "valid_to", "source",
    ),
    "mission": (
        "code", "name", "aliases", "parent", "cameo", "valid_from", "valid_to", "source",
    ),
    "agent": ("phrase", "sector", "role"),
}  # fmt: skip
# A file of any kind may add a `source` column (where the row's facts come from); the
# loader keeps it as documentation and gives every entry its `file:line` as `source`.
_SOURCE_COLUMN = "source"
_PACKAGED_FILES = {
    "state": "states.tsv",
    "igo": "igos.tsv",
    "group": "groups.tsv",
    "person": "people.tsv",
    "agent": "agents.tsv",
}
# Further packaged files of a kind, read after the main one (formats in the README).
_MORE_PACKAGED_FILES = {
    "group": ("forces.tsv", "operations.tsv", "ethnic.tsv", "agencies.tsv"),
    "mission": ("missions.tsv",),
}
_ISO3 = re.compile(r"[A-Z]{3}")
_IGO_CODE = re.compile(r"[A-Z][A-Z0-9]{1,11}")
_GROUP_CODE = re.compile(r"[A-Z]{3}(?:[A-Z0-9]{3}){1,4}")
_CAMEO_CODE = re.compile(r"[A-Z]{3}(?:[A-Z0-9]{3})*")
_DATE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


@dataclass(frozen=True, slots=True)
class ActorKnowledge:
    """Everything the actor resolver knows: named entries and role words."""

    entries: tuple[ActorEntry, ...]
    agents: tuple[AgentWord, ...]


# -- reading -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Row:
    file: str  # file name, for `source`
    where: str  # file as the user gave it, for error messages
    line: int
    cells: dict[str, str]

    def fail(self, message: str) -> KnowledgeError:
        return KnowledgeError(f"{self.where}:{self.line}: {message}")

    @property
    def source(self) -> str:
        return f"{self.file}:{self.line}"

    def get(self, column: str) -> str | None:
        return self.cells[column] or None

    def require(self, column: str) -> str:
        value = self.cells[column]
        if not value:
            raise self.fail(f"column {column!r} is empty; it is required")
        return value

    def items(self, column: str) -> tuple[str, ...]:
        """The `|`-separated items of a list cell, stripped, without empties or repeats."""
        return tuple(dict.fromkeys(i.strip() for i in self.cells[column].split("|") if i.strip()))


def _kind_of(header: tuple[str, ...]) -> str | None:
    for kind, columns in _COLUMNS.items():
        if set(header) == set(columns) and len(header) == len(columns):
            return kind
    if _SOURCE_COLUMN in header:
        return _kind_of(tuple(c for c in header if c != _SOURCE_COLUMN))
    return None


def _read(text: str, file: str, where: str) -> tuple[str, list[_Row]]:
    """Split a knowledge file into its kind (told by the header) and its data rows."""
    header: tuple[str, ...] | None = None
    kind = ""
    rows: list[_Row] = []
    for number, raw in enumerate(text.removeprefix("\ufeff").split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        cells = tuple(cell.strip() for cell in line.split("\t"))
        if header is None:
            header = cells
            found = _kind_of(header)
            if found is None:
                expected = "; ".join(f"{k}: {' '.join(c)}" for k, c in _COLUMNS.items())
                raise KnowledgeError(
                    f"{where}:{number}: header {' '.join(header)!r} matches no knowledge "
                    f"file format; the tab-separated columns must be those of one of {expected}"
                )
            kind = found
            continue
        if len(cells) != len(header):
            raise KnowledgeError(
                f"{where}:{number}: wrong column count: {len(cells)} tab-separated cells, "
                f"the header has {len(header)} ({' '.join(header)})"
            )
        rows.append(_Row(file, where, number, dict(zip(header, cells, strict=True))))
    if header is None:
        raise KnowledgeError(f"{where}: no header row; the file holds no knowledge")
    return kind, rows


def _packaged(kind: str) -> Traversable:
    return resources.files("blocs").joinpath("knowledge", "actors", _PACKAGED_FILES[kind])


def _open_packaged(file: str) -> tuple[str, list[_Row]]:
    text = resources.files("blocs").joinpath("knowledge", "actors", file).read_text("utf-8")
    return _read(text, file, f"blocs/knowledge/actors/{file}")


def _open(kind: str, path: Path | None) -> list[_Row]:
    """The rows of `path` (or of the packaged file of `kind`), checked to be of that kind."""
    if path is None:
        where = f"blocs/knowledge/actors/{_PACKAGED_FILES[kind]}"
        text, file = _packaged(kind).read_text(encoding="utf-8"), _PACKAGED_FILES[kind]
    else:
        where, text, file = str(path), _read_text(path), path.name
    found, rows = _read(text, file, where)
    if found != kind:
        raise KnowledgeError(
            f"{where}: holds {found} rows, not {kind} rows; the columns of a {kind} file "
            f"are: {' '.join(_COLUMNS[kind])}"
        )
    return rows


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        raise KnowledgeError(f"{path}: cannot read the knowledge file ({error})") from error
    except UnicodeDecodeError as error:
        raise KnowledgeError(f"{path}: not UTF-8 text ({error}); save it as UTF-8") from error


# -- cell checks -----------------------------------------------------------------------


def _iso3(row: _Row, column: str) -> str:
    value = row.require(column)
    if not _ISO3.fullmatch(value):
        raise row.fail(
            f"bad ISO code {value!r} in column {column!r}: use ISO 3166-1 alpha-3, "
            "three upper-case letters (FRA, XKX for Kosovo)"
        )
    return value


def _sector(row: _Row, value: str, column: str) -> str:
    parts = [value[i : i + 3] for i in range(0, len(value), 3)]
    if not value or len(value) % 3 or any(part not in SECTORS for part in parts):
        raise row.fail(
            f"unknown sector code {value!r} in column {column!r}: use a CAMEO agent code "
            f"such as GOV, MIL, REB, OPP (known: {' '.join(sorted(SECTORS))})"
        )
    return value


def _date(row: _Row, column: str, *, end: bool) -> date | None:
    value = row.get(column)
    if value is None:
        return None
    match = _DATE.fullmatch(value)
    try:
        if match is None:
            raise ValueError(value)
        year, month = int(match[1]), int(match[2] or (12 if end else 1))
        last = calendar.monthrange(year, month)[1]
        return date(year, month, int(match[3] or (last if end else 1)))
    except ValueError:
        raise row.fail(
            f"bad date {value!r} in column {column!r}: write YYYY-MM-DD, YYYY-MM or YYYY"
        ) from None


def _validity(row: _Row) -> tuple[date | None, date | None]:
    start = _date(row, "valid_from", end=False)
    stop = _date(row, "valid_to", end=True)
    if start is not None and stop is not None and start > stop:
        raise row.fail(f"valid_from {start} is after valid_to {stop}")
    return start, stop


# -- one builder per kind --------------------------------------------------------------


def _state_entries(row: _Row) -> Iterator[ActorEntry]:
    iso3 = _iso3(row, "iso3")
    name = row.require("name")
    start, stop = _validity(row)
    yield ActorEntry(
        entry_id=f"state:{iso3}",
        kind="state",
        name=name,
        code=iso3,
        country=iso3,
        patterns=tuple(dict.fromkeys((name, *row.items("aliases")))),
        adjectives=row.items("adjectives"),
        combining=row.items("combining"),
        valid_from=start,
        valid_to=stop,
        source=row.source,
    )
    for capital in row.items("capitals"):
        yield ActorEntry(
            entry_id=f"state:{iso3}:capital:{capital}",
            kind="state",
            name=capital,
            code=f"{iso3}GOV",
            country=iso3,
            sector="GOV",
            patterns=(capital,),
            valid_from=start,
            valid_to=stop,
            source=row.source,
        )
    for item in row.items("metonyms"):
        phrase, colon, sector = item.rpartition(":")
        phrase = phrase.strip()
        if not colon or not phrase:
            raise row.fail(f"metonym {item!r} must be written phrase:SECTOR (Kremlin:GOV)")
        sector = _sector(row, sector.strip(), "metonyms")
        yield ActorEntry(
            entry_id=f"state:{iso3}:metonym:{phrase}",
            kind="state",
            name=phrase,
            code=f"{iso3}{sector}",
            country=iso3,
            sector=sector,
            patterns=(phrase,),
            valid_from=start,
            valid_to=stop,
            source=row.source,
        )


def _check_cameo(row: _Row) -> None:
    cameo = row.get("cameo")
    if cameo is not None and not _CAMEO_CODE.fullmatch(cameo):
        raise row.fail(f"bad CAMEO code {cameo!r}: groups of three upper-case letters")


def _igo_entry(row: _Row) -> ActorEntry:
    code = row.require("code")
    if not _IGO_CODE.fullmatch(code):
        raise row.fail(
            f"bad organisation code {code!r}: upper-case letters and digits, 2 to 12 (NATO, G7)"
        )
    _check_cameo(row)
    name = row.require("name")
    start, stop = _validity(row)
    return ActorEntry(
        entry_id=_entry_id("igo", code, name, start),
        kind="igo",
        name=name,
        code=code,
        country=code,
        patterns=tuple(dict.fromkeys((name, *row.items("aliases")))),
        valid_from=start,
        valid_to=stop,
        source=row.source,
    )


def _group_entry(row: _Row) -> ActorEntry:
    code = row.require("code")
    if not _GROUP_CODE.fullmatch(code):
        raise row.fail(
            f"bad group code {code!r}: country + sector (+ suffix), three upper-case "
            "letters or digits each (LBYGOV, LBNREBHZB)"
        )
    name = row.require("name")
    start, stop = _validity(row)
    return ActorEntry(
        entry_id=_entry_id("group", code, name, start),
        kind="group",
        name=name,
        code=code,
        country=_iso3(row, "country"),
        sector=_sector(row, row.require("sector"), "sector"),
        patterns=tuple(dict.fromkeys((name, *row.items("aliases")))),
        valid_from=start,
        valid_to=stop,
        source=row.source,
    )


def _mission_entry(row: _Row) -> ActorEntry:
    """A peace or military operation of an organisation (MINUSMA, KFOR): its own code as the
    actor code, its parent organisation's code (UN, NATO, AU, EU) as the state-level code,
    since the mission acts for the organisation that mandates it."""
    code = row.require("code")
    if not _IGO_CODE.fullmatch(code):
        raise row.fail(f"bad mission code {code!r}: upper-case letters and digits, 2 to 12")
    parent = row.require("parent")
    if parent not in _igo_codes():
        raise row.fail(f"unknown parent organisation {parent!r}: use a code of igos.tsv")
    _check_cameo(row)
    name = row.require("name")
    start, stop = _validity(row)
    return ActorEntry(
        entry_id=_entry_id("mission", code, name, start),
        kind="igo",
        name=name,
        code=code,
        country=parent,
        sector="PKO",
        patterns=tuple(dict.fromkeys((name, *row.items("aliases")))),
        valid_from=start,
        valid_to=stop,
        source=row.source,
    )


@cache
def _igo_codes() -> frozenset[str]:
    return frozenset(entry.code for entry in load_igos())


def _person_entry(row: _Row) -> ActorEntry:
    """A person's term; the country column may hold an organisation's code for its
    leaders (NATO's secretary-general: `NATO`), whose actor code is then that code."""
    name = row.require("name")
    value = row.require("country")
    if value in _igo_codes():
        country, sector = value, (row.get("sector") or "IGO")
        code = value
    else:
        country = _iso3(row, "country")
        sector = _sector(row, row.require("sector"), "sector")
        code = f"{country}{sector}"
    role = row.get("role")
    start, stop = _validity(row)
    return ActorEntry(
        entry_id=_entry_id("person", name, role or "", start),
        kind="person",
        name=name,
        code=code,
        country=country,
        sector=sector,
        role=role,
        patterns=tuple(dict.fromkeys((name, *row.items("aliases")))),
        valid_from=start,
        valid_to=stop,
        source=row.source,
    )


def _agent_word(row: _Row) -> AgentWord:
    phrase = " ".join(row.require("phrase").split())
    if phrase != phrase.lower():
        raise row.fail(f"agent phrase {phrase!r} must be lower case ({phrase.lower()!r})")
    return AgentWord(
        phrase=phrase, sector=_sector(row, row.require("sector"), "sector"), role=row.get("role")
    )


def _entry_id(kind: str, first: str, second: str, start: date | None) -> str:
    """`group:LBYGOV:Government of National Accord@2015-12-17`, `igo:NATO:North Atlantic
    Treaty Organization`, `person:Emmanuel Macron:head of state@2017-05-14`."""
    suffix = f"@{start.isoformat()}" if start is not None else ""
    return f"{kind}:{first}:{second}{suffix}"


def _build(kind: str, rows: list[_Row]) -> tuple[list[ActorEntry], list[AgentWord]]:
    """The records of one file's rows; duplicates within the file are an error."""
    if kind == "agent":
        return [], _agent_words(rows)
    if kind == "state":
        entries = [entry for row in rows for entry in _state_entries(row)]
    else:
        build = {
            "igo": _igo_entry,
            "mission": _mission_entry,
            "group": _group_entry,
            "person": _person_entry,
        }[kind]
        entries = [build(row) for row in rows]
    seen: dict[str, int] = {}
    for entry in entries:
        line = int(entry.source.rpartition(":")[2])
        if entry.entry_id in seen:
            raise KnowledgeError(
                f"{rows[0].where}:{line}: repeats the row on line {seen[entry.entry_id]} "
                f"({entry.entry_id}); merge the two"
            )
        seen[entry.entry_id] = line
    return entries, []


def _agent_words(rows: list[_Row]) -> list[AgentWord]:
    words: list[AgentWord] = []
    seen: dict[str, int] = {}
    for row in rows:
        word = _agent_word(row)
        if word.phrase in seen:
            raise row.fail(f"agent phrase {word.phrase!r} is already on line {seen[word.phrase]}")
        seen[word.phrase] = row.line
        words.append(word)
    return words


# -- public loaders --------------------------------------------------------------------


def load_states(path: Path | None = None) -> list[ActorEntry]:
    """States, their capitals and metonyms; `path` None reads the packaged `states.tsv`."""
    return _build("state", _open("state", path))[0]


def load_igos(path: Path | None = None) -> list[ActorEntry]:
    """International organisations; `path` None reads the packaged `igos.tsv`."""
    return _build("igo", _open("igo", path))[0]


def load_igo_cameo_codes(path: Path | None = None) -> dict[str, str]:
    """Our organisation code -> CAMEO's code for it, where CAMEO has one (NATO -> IGOWSTNAT)."""
    return {row.require("code"): cameo for row in _open("igo", path) if (cameo := row.get("cameo"))}


def load_groups(path: Path | None = None) -> list[ActorEntry]:
    """Non-state and sub-state actors; `path` None reads the packaged `groups.tsv` and the
    packaged files of the same format (armed forces, military operations, ethnic groups)."""
    if path is not None:
        return _build("group", _open("group", path))[0]
    return [*_build("group", _open("group", None))[0], *_more_packaged("group")]


def load_missions(path: Path | None = None) -> list[ActorEntry]:
    """Peace and military operations of organisations; `path` None reads the packaged
    `missions.tsv`."""
    if path is not None:
        return _build("mission", _open("mission", path))[0]
    return _more_packaged("mission")


def _more_packaged(kind: str) -> list[ActorEntry]:
    entries: list[ActorEntry] = []
    for file in _MORE_PACKAGED_FILES[kind]:
        found, rows = _open_packaged(file)
        if found != kind:
            raise KnowledgeError(f"blocs/knowledge/actors/{file}: holds {found} rows, not {kind}")
        entries += _build(kind, rows)[0]
    return entries


def load_people(path: Path | None = None) -> list[ActorEntry]:
    """Leaders and officials, one entry per person per term; `path` None reads the packaged
    `people.tsv` (an empty list while the package ships none)."""
    if path is None and not _packaged("person").is_file():
        return []
    return _build("person", _open("person", path))[0]


def load_agents(path: Path | None = None) -> list[AgentWord]:
    """Role words; `path` None reads the packaged `agents.tsv`."""
    return _build("agent", _open("agent", path))[1]


def load_actor_file(path: Path) -> tuple[list[ActorEntry], list[AgentWord]]:
    """A user's knowledge file of any kind: the header row's columns tell which."""
    kind, rows = _read(_read_text(path), path.name, str(path))
    return _build(kind, rows)


def load_actor_knowledge(extra_files: Sequence[Path] = ()) -> ActorKnowledge:
    """The packaged knowledge plus the user's files (their entries come after the packaged
    ones). The packaged part is read once per process."""
    packaged = _packaged_knowledge()
    if not extra_files:
        return packaged
    entries = list(packaged.entries)
    agents = list(packaged.agents)
    for path in extra_files:
        more_entries, more_agents = load_actor_file(Path(path))
        entries.extend(more_entries)
        agents.extend(more_agents)
    return ActorKnowledge(entries=tuple(entries), agents=tuple(agents))


@cache
def _packaged_knowledge() -> ActorKnowledge:
    entries = [*load_states(), *load_igos(), *load_missions(), *load_groups(), *load_people()]
    return ActorKnowledge(entries=tuple(entries), agents=tuple(load_agents()))
