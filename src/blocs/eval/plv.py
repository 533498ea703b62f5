"""Score extracted events against a span-marked gold file (the PLV format).

In: gold sentences with one marked relation each (`id`, `text`, `source_span`,
`target_span`, `plover`, `quad_class`; `../shared/eval/plv/README.md`) and extracted events
(`doc_id`, `source_text`, `target_text`, `plover`, `quad_class`). Out: `PlvScore`.

The rules are the README's, read literally:

* a sentence's relation is *found* when one event of that sentence has source words that
  overlap the gold source span and target words that overlap the gold target span, or the
  reverse when the gold root is symmetric (AGREE, CONSULT, COOPERATE);
* "overlap" is at least one shared word, lower-cased, outside `STOPWORDS`;
* *pair and type* adds that the event's PLOVER type equals the gold root, where the old
  root YIELD accepts CONCEDE and RETREAT;
* *type right when found* is pair-and-type over pair-found, *quad class right when found*
  the share of found relations with an event of the gold quad class among those that found
  the pair; *events per sentence* counts every event of a gold sentence.

Where the README is silent: a sentence is scored by its best event (a type-right pair wins
over a pair of another type); words are runs of letters and digits (`U.S.` gives `u` and
`s`, so "U.S." overlaps "US" only through `us` when written so); events of documents not in
the gold file are ignored.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blocs.errors import EvalError
from blocs.events.lexicon import load_event_lexicon

STOPWORDS = frozenset(
    """the a an of in on and for to its his her their s by from with at as that this which
    who said mr ms""".split()
)
SYMMETRIC_ROOTS = frozenset(k for k, t in load_event_lexicon().plover_types.items() if t.symmetric)
_ALIASES = {"YIELD": frozenset({"CONCEDE", "RETREAT", "YIELD"})}
_WORD = re.compile(r"[^\W_]+")
_FIELDS = ("id", "text", "source_span", "target_span", "plover", "quad_class")


@dataclass(frozen=True, slots=True)
class PlvGold:
    """One marked relation of one sentence."""

    id: str
    text: str
    source_span: str
    target_span: str
    plover: str
    quad_class: int


@dataclass(frozen=True, slots=True)
class PlvScore:
    sentences: int
    pair_found: float
    pair_and_type: float
    type_when_found: float | None
    quad_when_found: float | None
    events_per_sentence: float
    per_root: dict[str, tuple[int, int, int]]  # root -> (pair found, pair and type, gold)
    found_ids: frozenset[str]
    typed_ids: frozenset[str]


def words(text: object) -> frozenset[str]:
    """The content words of a span for the overlap test."""
    if not isinstance(text, str):
        return frozenset()
    return frozenset(w for w in _WORD.findall(text.lower()) if w not in STOPWORDS)


def _overlaps(span: str, text: object) -> bool:
    return bool(words(span) & words(text))


def load_plv_gold(path: Path) -> list[PlvGold]:
    """Read a PLV-format gold file; a malformed line raises `EvalError` naming it."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise EvalError(f"{path}: not readable ({exc})") from exc
    gold: list[PlvGold] = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            data = json.loads(line)
        except ValueError as exc:
            raise EvalError(f"{where}: not valid JSON ({exc})") from exc
        if not isinstance(data, dict) or any(f not in data for f in _FIELDS):
            raise EvalError(f"{where}: a PLV record needs the fields {', '.join(_FIELDS)}")
        gold.append(
            PlvGold(
                str(data["id"]),
                str(data["text"]),
                str(data["source_span"]),
                str(data["target_span"]),
                str(data["plover"]).strip().upper(),
                int(data["quad_class"]),
            )
        )
    return gold


def _type_right(gold: PlvGold, plover: object) -> bool:
    value = str(plover or "").strip().upper()
    return value in _ALIASES.get(gold.plover, frozenset({gold.plover}))


def _pair_right(gold: PlvGold, event: Mapping[str, Any]) -> bool:
    source, target = event.get("source_text"), event.get("target_text")
    if _overlaps(gold.source_span, source) and _overlaps(gold.target_span, target):
        return True
    symmetric = gold.plover in SYMMETRIC_ROOTS
    return symmetric and _overlaps(gold.source_span, target) and _overlaps(gold.target_span, source)


def score_plv(gold: Sequence[PlvGold], predicted: Iterable[Mapping[str, Any]]) -> PlvScore:
    """Pair found, pair and type, type and quad class right when found, events a sentence."""
    by_doc: dict[str, list[Mapping[str, Any]]] = {}
    for event in predicted:
        by_doc.setdefault(str(event.get("doc_id")), []).append(event)
    found: set[str] = set()
    typed: set[str] = set()
    quad = 0
    events = 0
    per_root: Counter[tuple[str, str]] = Counter()
    for record in gold:
        own = by_doc.get(record.id, [])
        events += len(own)
        pairs = [e for e in own if _pair_right(record, e)]
        per_root[(record.plover, "gold")] += 1
        if not pairs:
            continue
        found.add(record.id)
        per_root[(record.plover, "found")] += 1
        if any(_type_right(record, e.get("plover")) for e in pairs):
            typed.add(record.id)
            per_root[(record.plover, "typed")] += 1
        if any(_int(e.get("quad_class")) == record.quad_class for e in pairs):
            quad += 1
    n = len(gold)
    return PlvScore(
        sentences=n,
        pair_found=len(found) / n if n else 0.0,
        pair_and_type=len(typed) / n if n else 0.0,
        type_when_found=len(typed) / len(found) if found else None,
        quad_when_found=quad / len(found) if found else None,
        events_per_sentence=events / n if n else 0.0,
        per_root={
            root: (per_root[(root, "found")], per_root[(root, "typed")], per_root[(root, "gold")])
            for root in sorted({r for r, _ in per_root})
        },
        found_ids=frozenset(found),
        typed_ids=frozenset(typed),
    )


def _int(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


def plv_summary(score: PlvScore) -> dict[str, Any]:
    """The figures as plain, rounded values (for `--json` and the table)."""

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 3)

    return {
        "sentences": score.sentences,
        "pair_found": rounded(score.pair_found),
        "pair_and_type": rounded(score.pair_and_type),
        "type_when_found": rounded(score.type_when_found),
        "quad_when_found": rounded(score.quad_when_found),
        "events_per_sentence": rounded(score.events_per_sentence),
        "per_root": {k: f"{f}/{t}/{g}" for k, (f, t, g) in score.per_root.items()},
    }
