"""The event lexicon: verb and noun patterns that fire events, the CAMEO codebook and the
PLOVER types and modes, loaded from the knowledge files in `blocs/knowledge/events/`.

Files (tab-separated, header row, `#` comment lines; formats in `knowledge/README.md`):
- `plover.tsv`: the 16 PLOVER types (description, default CAMEO root, PLOVER quad class,
  symmetric?) and their modes;
- `cameo.tsv`: every CAMEO 1.1b3 code with its name, Goldstein weight, quad class and the
  PLOVER type/mode it maps to;
- `verbs.tsv` and `nouns.tsv`: the patterns. A user adds patterns with files of the same two
  formats (`--lexicon FILE`); which format a file has is told by its header row. A user row
  whose pattern (or noun) is already in the lexicon replaces that row.

A verb pattern reads `verb [particle] [+object-lemma] [preposition]`: `meet with`,
`pull out of`, `impose +sanction on`, `carry out +strike on`. Before the object there is at
most one particle and after it at most one preposition. Without an object, a single word after
the verb is a particle when it is one of `PARTICLES` and a preposition otherwise; two words
are a particle and a preposition.

Every malformed row raises `KnowledgeError` naming the file and line.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from types import MappingProxyType
from typing import TypeVar

from blocs.errors import KnowledgeError

TARGETS = ("dobj", "prep", "subj-pair", "none")
PARTICLES = frozenset("out off up down away back over forward ahead aside apart together".split())

_VERB_COLUMNS = ("pattern", "plover", "mode", "cameo", "target", "note")
_NOUN_COLUMNS = ("noun", "plover", "mode", "cameo", "preps", "note")
_CAMEO_COLUMNS = ("code", "name", "goldstein", "quad_class", "plover", "plover_mode")
_PLOVER_COLUMNS = (
    "type",
    "mode",
    "description",
    "cameo_root",
    "cameo_default",
    "quad_class",
    "symmetric",
)
_PACKAGE_DIR = "knowledge/events"


@dataclass(frozen=True, slots=True)
class VerbPattern:
    """One verb pattern. `source` is `file:line`."""

    verb: str
    particle: str | None
    object_lemma: str | None
    prep: str | None
    plover: str
    mode: str | None
    cameo: str
    target: str
    source: str

    @property
    def pattern(self) -> str:
        """The pattern as written in the file: `impose +sanction on`."""
        parts = [self.verb, self.particle, f"+{self.object_lemma}" if self.object_lemma else None]
        return " ".join(p for p in (*parts, self.prep) if p)


@dataclass(frozen=True, slots=True)
class NounPattern:
    """One noun pattern: `preps` introduce the participants ("talks between X and Y")."""

    noun: str
    plover: str
    mode: str | None
    cameo: str
    preps: tuple[str, ...]
    source: str


@dataclass(frozen=True, slots=True)
class CameoCode:
    """One CAMEO code. `plover` is None where PLOVER drops the code (CAMEO 01 statements)."""

    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None


@dataclass(frozen=True, slots=True)
class PloverType:
    """One PLOVER event type. `quad_class` is PLOVER's; `cameo_root` its CAMEO cue category and
    `cameo_default` the code an event of the type gets when nothing more specific is known;
    `symmetric` types are scored in either direction."""

    name: str
    description: str
    cameo_root: str
    cameo_default: str
    quad_class: int
    symmetric: bool
    modes: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class EventLexicon:
    """Verb and noun patterns with the CAMEO codebook and PLOVER types they refer to.

    Compared and hashed by identity: the packaged lexicon is one object per process."""

    verbs: tuple[VerbPattern, ...]
    nouns: tuple[NounPattern, ...]
    cameo: Mapping[str, CameoCode]
    plover_modes: Mapping[str, tuple[str, ...]]
    plover_types: Mapping[str, PloverType] = field(default_factory=dict)
    _verbs_by_lemma: Mapping[str, tuple[VerbPattern, ...]] = field(
        init=False, repr=False, compare=False
    )
    _nouns_by_lemma: Mapping[str, tuple[NounPattern, ...]] = field(
        init=False, repr=False, compare=False
    )

    def __post_init__(self) -> None:
        verbs: dict[str, list[VerbPattern]] = {}
        for verb in self.verbs:
            verbs.setdefault(verb.verb, []).append(verb)
        nouns: dict[str, list[NounPattern]] = {}
        for noun in self.nouns:
            nouns.setdefault(noun.noun, []).append(noun)
        object.__setattr__(
            self, "_verbs_by_lemma", MappingProxyType({k: tuple(v) for k, v in verbs.items()})
        )
        object.__setattr__(
            self, "_nouns_by_lemma", MappingProxyType({k: tuple(v) for k, v in nouns.items()})
        )

    def verbs_for(self, lemma: str) -> tuple[VerbPattern, ...]:
        """Patterns whose verb is `lemma`, in file order (packaged first, then user rows)."""
        return self._verbs_by_lemma.get(lemma, ())

    def nouns_for(self, lemma: str) -> tuple[NounPattern, ...]:
        """Patterns whose noun is `lemma`."""
        return self._nouns_by_lemma.get(lemma, ())

    def cameo_info(self, code: str) -> CameoCode:
        """The CAMEO code, else its 3-digit, else its 2-digit parent (`1834` -> `183`)."""
        code = code.strip()
        for candidate in (code, code[:3], code[:2]):
            if len(candidate) >= 2 and candidate in self.cameo:
                return self.cameo[candidate]
        raise KnowledgeError(f"unknown CAMEO code {code!r}: not in events/cameo.tsv")

    def symmetric(self, plover: str) -> bool:
        """Is this PLOVER type scored in either direction (CONSULT, COOPERATE, AGREE)?"""
        info = self.plover_types.get(plover)
        return info is not None and info.symmetric


# -- reading ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Row:
    where: str  # file:line
    cells: dict[str, str]


def _rows(text: str, name: str, columns: Sequence[str] | None = None) -> tuple[str, list[_Row]]:
    """(header kind, rows) of a TSV text: comments and blank lines skipped, cells stripped.

    With `columns` the header must equal them; without, the header is returned for the caller
    to recognise. A row may leave out a trailing empty `note` cell.
    """
    header: tuple[str, ...] | None = None
    rows: list[_Row] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        where = f"{name}:{number}"
        if header is None:
            header = tuple(c.lower() for c in cells)
            if columns is not None and header != tuple(columns):
                raise KnowledgeError(
                    f"{where}: header must be {' / '.join(columns)} (tab-separated), "
                    f"found {' / '.join(header)}"
                )
            continue
        if len(cells) == len(header) - 1 and header[-1] == "note":
            cells.append("")
        if len(cells) != len(header):
            raise KnowledgeError(
                f"{where}: expected {len(header)} tab-separated columns "
                f"({', '.join(header)}), found {len(cells)}"
            )
        rows.append(_Row(where, dict(zip(header, cells, strict=True))))
    if header is None:
        raise KnowledgeError(f"{name}: no header row")
    return "\t".join(header), rows


def _plover(text: str, name: str) -> dict[str, PloverType]:
    _, rows = _rows(text, name, _PLOVER_COLUMNS)
    types: dict[str, dict[str, str]] = {}
    modes: dict[str, list[str]] = {}
    for row in rows:
        c = row.cells
        kind = c["type"].upper()
        if not kind:
            raise KnowledgeError(f"{row.where}: empty type")
        if not c["mode"]:
            if kind in types:
                raise KnowledgeError(f"{row.where}: type {kind} defined twice")
            if len(c["cameo_root"]) != 2 or not c["cameo_root"].isdigit():
                raise KnowledgeError(f"{row.where}: cameo_root must be two digits")
            if not c["cameo_default"].startswith(c["cameo_root"]):
                raise KnowledgeError(f"{row.where}: cameo_default must be a code under cameo_root")
            if c["quad_class"] not in {"1", "2", "3", "4"}:
                raise KnowledgeError(f"{row.where}: quad_class must be 1, 2, 3 or 4")
            if c["symmetric"] not in {"", "yes", "no"}:
                raise KnowledgeError(f"{row.where}: symmetric must be yes, no or empty")
            types[kind] = c
            modes[kind] = []
        elif kind not in types:
            raise KnowledgeError(f"{row.where}: mode {c['mode']!r} of undefined type {kind}")
        elif c["mode"] in modes[kind]:
            raise KnowledgeError(f"{row.where}: mode {c['mode']!r} of {kind} defined twice")
        else:
            modes[kind].append(c["mode"])
    return {
        kind: PloverType(
            name=kind,
            description=c["description"],
            cameo_root=c["cameo_root"],
            cameo_default=c["cameo_default"],
            quad_class=int(c["quad_class"]),
            symmetric=c["symmetric"] == "yes",
            modes=tuple(modes[kind]),
        )
        for kind, c in types.items()
    }


def _quad_of_root(root: int) -> int:
    return 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4


def _check_type_and_mode(
    where: str, plover: str, mode: str, types: Mapping[str, PloverType]
) -> tuple[str, str | None]:
    kind = plover.upper()
    if kind not in types:
        raise KnowledgeError(f"{where}: unknown PLOVER type {plover!r} (one of {', '.join(types)})")
    if mode and mode not in types[kind].modes:
        allowed = ", ".join(types[kind].modes) or "none"
        raise KnowledgeError(f"{where}: unknown mode {mode!r} for {kind} (modes: {allowed})")
    return kind, mode or None


def _cameo(text: str, name: str, types: Mapping[str, PloverType]) -> dict[str, CameoCode]:
    _, rows = _rows(text, name, _CAMEO_COLUMNS)
    codes: dict[str, CameoCode] = {}
    for row in rows:
        c = row.cells
        code = c["code"]
        if not (code.isdigit() and 2 <= len(code) <= 4 and 1 <= int(code[:2]) <= 20):
            raise KnowledgeError(f"{row.where}: CAMEO code {code!r} is not 2-4 digits 01-20")
        if code in codes:
            raise KnowledgeError(f"{row.where}: CAMEO code {code} listed twice")
        if len(code) > 2 and code[:-1] not in codes:
            raise KnowledgeError(f"{row.where}: CAMEO code {code} comes before its parent")
        try:
            goldstein = float(c["goldstein"])
        except ValueError:
            raise KnowledgeError(f"{row.where}: Goldstein weight {c['goldstein']!r}") from None
        if not -10.0 <= goldstein <= 10.0:
            raise KnowledgeError(f"{row.where}: Goldstein weight {goldstein} outside [-10, 10]")
        quad = _quad_of_root(int(code[:2]))
        if c["quad_class"] != str(quad):
            raise KnowledgeError(
                f"{row.where}: quad_class {c['quad_class']!r} of {code}; its root gives {quad}"
            )
        plover: str | None = None
        mode: str | None = None
        if c["plover"]:
            plover, mode = _check_type_and_mode(row.where, c["plover"], c["plover_mode"], types)
        elif c["plover_mode"]:
            raise KnowledgeError(f"{row.where}: plover_mode without a PLOVER type")
        codes[code] = CameoCode(code, c["name"], goldstein, quad, plover, mode)
    return codes


def _parse_pattern(where: str, text: str) -> tuple[str, str | None, str | None, str | None]:
    """`impose +sanction on` -> ("impose", None, "sanction", "on")."""
    words = text.lower().split()
    if not words or words[0].startswith("+"):
        raise KnowledgeError(f"{where}: pattern {text!r} must start with a verb lemma")
    verb, rest = words[0], words[1:]
    objects = [i for i, w in enumerate(rest) if w.startswith("+")]
    particle = obj = prep = None
    if len(objects) > 1:
        raise KnowledgeError(f"{where}: pattern {text!r} has more than one +object")
    if objects:
        i = objects[0]
        obj = rest[i][1:]
        if not obj or i > 1 or len(rest) - i - 1 > 1:
            raise KnowledgeError(
                f"{where}: pattern {text!r} must read verb [particle] [+object] [preposition]"
            )
        particle = rest[0] if i == 1 else None
        prep = rest[i + 1] if len(rest) > i + 1 else None
    elif len(rest) == 1:
        if rest[0] in PARTICLES:
            particle = rest[0]
        else:
            prep = rest[0]
    elif len(rest) == 2:
        particle, prep = rest
    elif len(rest) > 2:
        raise KnowledgeError(
            f"{where}: pattern {text!r} must read verb [particle] [+object] [preposition]"
        )
    for word in (verb, particle, obj, prep):
        if word is not None and not all(part.isalpha() for part in word.split("-")):
            raise KnowledgeError(f"{where}: {word!r} in pattern {text!r} is not a word")
    return verb, particle, obj, prep


def _code(where: str, code: str, kind: str, context: _Context) -> str:
    if not code:
        return context.types[kind].cameo_default
    if code not in context.cameo:
        raise KnowledgeError(f"{where}: CAMEO code {code!r} is not in events/cameo.tsv")
    return code


@dataclass(frozen=True, slots=True)
class _Context:
    types: Mapping[str, PloverType]
    cameo: Mapping[str, CameoCode]


def _verbs(rows: Iterable[_Row], context: _Context) -> list[VerbPattern]:
    patterns: list[VerbPattern] = []
    seen: dict[str, str] = {}
    for row in rows:
        c = row.cells
        verb, particle, obj, prep = _parse_pattern(row.where, c["pattern"])
        kind, mode = _check_type_and_mode(row.where, c["plover"], c["mode"], context.types)
        target = c["target"].lower()
        if target not in TARGETS:
            raise KnowledgeError(
                f"{row.where}: target {c['target']!r} must be one of {', '.join(TARGETS)}"
            )
        if target == "prep" and prep is None:
            raise KnowledgeError(
                f"{row.where}: target prep but pattern {c['pattern']!r} has no preposition"
            )
        pattern = VerbPattern(
            verb,
            particle,
            obj,
            prep,
            kind,
            mode,
            _code(row.where, c["cameo"], kind, context),
            target,
            row.where,
        )
        if pattern.pattern in seen:
            raise KnowledgeError(
                f"{row.where}: pattern {pattern.pattern!r} already at {seen[pattern.pattern]}"
            )
        seen[pattern.pattern] = row.where
        patterns.append(pattern)
    return patterns


def _nouns(rows: Iterable[_Row], context: _Context) -> list[NounPattern]:
    patterns: list[NounPattern] = []
    seen: dict[str, str] = {}
    for row in rows:
        c = row.cells
        noun = c["noun"].lower()
        if not noun or not all(part.isalpha() for part in noun.split("-")):
            raise KnowledgeError(f"{row.where}: noun {c['noun']!r} must be one lemma")
        kind, mode = _check_type_and_mode(row.where, c["plover"], c["mode"], context.types)
        preps = tuple(p.strip().lower() for p in c["preps"].split("|") if p.strip())
        if any(not p.isalpha() for p in preps):
            raise KnowledgeError(f"{row.where}: preps {c['preps']!r} must be words joined by |")
        if noun in seen:
            raise KnowledgeError(f"{row.where}: noun {noun!r} already at {seen[noun]}")
        seen[noun] = row.where
        code = _code(row.where, c["cameo"], kind, context)
        patterns.append(NounPattern(noun, kind, mode, code, preps, row.where))
    return patterns


@functools.cache
def _packaged() -> EventLexicon:
    root = files("blocs").joinpath(*_PACKAGE_DIR.split("/"))

    def read(name: str) -> tuple[str, str]:
        return root.joinpath(name).read_text(encoding="utf-8"), f"{_PACKAGE_DIR}/{name}"

    types = _plover(*read("plover.tsv"))
    context = _Context(types, _cameo(*read("cameo.tsv"), types))
    for kind in types.values():
        if kind.cameo_default not in context.cameo:
            raise KnowledgeError(
                f"{_PACKAGE_DIR}/plover.tsv: cameo_default {kind.cameo_default} of {kind.name} "
                "is not in cameo.tsv"
            )
    _, verb_rows = _rows(*read("verbs.tsv"), _VERB_COLUMNS)
    _, noun_rows = _rows(*read("nouns.tsv"), _NOUN_COLUMNS)
    return _lexicon(_verbs(verb_rows, context), _nouns(noun_rows, context), context)


def _lexicon(
    verbs: Sequence[VerbPattern], nouns: Sequence[NounPattern], context: _Context
) -> EventLexicon:
    return EventLexicon(
        verbs=tuple(verbs),
        nouns=tuple(nouns),
        cameo=MappingProxyType(dict(context.cameo)),
        plover_modes=MappingProxyType({k: t.modes for k, t in context.types.items()}),
        plover_types=MappingProxyType(dict(context.types)),
    )


_P = TypeVar("_P", VerbPattern, NounPattern)


def _merge(base: Sequence[_P], extra: Sequence[_P], key: str) -> list[_P]:
    """`base` with rows of `extra` that share a key replacing them in place; the rest appended."""
    replacements = {getattr(p, key): p for p in extra}
    merged = [replacements.pop(getattr(p, key), p) for p in base]
    return merged + [p for p in extra if getattr(p, key) in replacements]


def load_event_lexicon(extra_files: Sequence[Path] = ()) -> EventLexicon:
    """The packaged lexicon (read once per process) plus the patterns of `extra_files`.

    Each extra file is in the verbs.tsv or nouns.tsv format, told by its header row.
    """
    lexicon = _packaged()
    if not extra_files:
        return lexicon
    context = _Context(lexicon.plover_types, lexicon.cameo)
    verbs: list[VerbPattern] = list(lexicon.verbs)
    nouns: list[NounPattern] = list(lexicon.nouns)
    for path in extra_files:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise KnowledgeError(f"{path}: cannot read lexicon file ({exc})") from exc
        header, rows = _rows(text, str(path))
        if tuple(header.split("\t")) == _VERB_COLUMNS:
            verbs = _merge(verbs, _verbs(rows, context), "pattern")
        elif tuple(header.split("\t")) == _NOUN_COLUMNS:
            nouns = _merge(nouns, _nouns(rows, context), "noun")
        else:
            found = header.replace("\t", " / ")
            raise KnowledgeError(
                f"{path}: header must be {' / '.join(_VERB_COLUMNS)} (verb patterns) or "
                f"{' / '.join(_NOUN_COLUMNS)} (noun patterns), found {found}"
            )
    return _lexicon(verbs, nouns, context)
