"""Score extracted events against a gold file (the `seeds_gold.jsonl` format).

The rules are those of `shared/eval/README.md`:

* an extracted event matches a gold record when the document is the same, the extracted
  sentence contains the gold evidence (or the evidence contains the sentence), the type is one
  of the gold types, and the (source, target) pair is equal -- in either order for the
  symmetric types CONSULT, COOPERATE and AGREE; each gold record is matched at most once;
* recall = matched required records / required records;
* precision = extracted state-level events that match a gold record (required or not) /
  extracted events whose source and target are both state or IGO actors;
* modality and date accuracy are measured over the matched records that carry one.

Where the README is silent, this module decides as follows (each is tested):

* Documents: a predicted `doc_id` equals the gold `doc`, or is a path whose last component
  does (`../shared/seeds/000_x.txt` matches `000_x.txt`).
* Text: both strings have their whitespace collapsed (runs of whitespace become one space,
  ends stripped) and are then compared by plain containment. Nothing else is normalised:
  curly and straight quotes differ. An empty sentence matches nothing.
* Codes and types are compared after stripping and upper-casing; modality after stripping
  and lower-casing. Symmetry follows the predicted type: a reversed pair matches a gold
  record typed ["COOPERATE", "SUPPORT"] only when the prediction says COOPERATE.
* Assignment: a maximum bipartite matching between gold records and predictions, built by
  augmenting paths over the gold records in file order, required records first. Augmenting
  never unmatches a record, so the matching first matches as many required records as
  possible, then adds as many optional ones as it can without losing any. Among candidate
  predictions for a record, those agreeing with its modality and date are tried first, then
  file order.
* Duplicates: a prediction counts for precision only if the matching assigns it a gold
  record. A second prediction of an event already matched (same sentence, type and pair)
  is a false hit.
* Precision's denominator is read literally: every prediction whose source and target are
  both state or IGO codes (by `is_state_level`), whatever its document, and even when source
  and target are the same code. Predictions for documents outside the gold file are false
  hits, so score only the documents the gold file covers.
* Dates: a prediction is right when it starts with the gold date at the gold's precision and
  is at least as precise: gold `2020-06` accepts `2020-06` and `2020-06-26`, not `2020` and
  not `2020-07-01`. A gold record without a date is not counted, whatever was predicted.
* Modality: a matched record with a modality counts; the prediction must equal it.
* Per-type recall counts each required record under its first (primary) type.
* CAMEO roots: with `by="cameo"` a record's optional `cameo` list (two-digit roots, "01" to
  "20") replaces its PLOVER types as what counts as right, compared with the first two
  digits of the prediction's `cameo`; symmetry still follows the predicted PLOVER type.
  Every record must then carry a `cameo` list.
* Joint actions: an extractor that codes "A and B met" both ways (A->B and B->A, the
  CAMEO/ICEWS convention) states one event of a symmetric type twice; the second of two
  predictions of the same document, sentence and symmetric type with mirrored pairs is
  dropped before matching. Directed types keep both directions (each is its own record).
* Domestic events: a gold file in which no record has source = target did not code domestic
  events (`eval/heldout/README.md` says so), so it cannot judge them: predictions whose
  source and target are the same state-level code are then left out of precision and
  counted apart (`domestic_unjudged`).
* Empty denominators give a recall or precision of 0.0 and an accuracy of None.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from blocs.errors import EvalError
from blocs.events.lexicon import load_event_lexicon

# The PLOVER types and which of them are scored in either direction: plover.tsv's, the
# extractor's own codebook.
_PLOVER = load_event_lexicon().plover_types
PLOVER_TYPES: frozenset[str] = frozenset(_PLOVER)
SYMMETRIC_TYPES: frozenset[str] = frozenset(k for k, t in _PLOVER.items() if t.symmetric)
MODALITIES: frozenset[str] = frozenset(
    {"asserted", "reported", "hypothetical", "future", "negated"}
)

# ISO 3166-1 alpha-3, plus XKX (Kosovo, user-assigned but in common use).
ISO3_CODES: frozenset[str] = frozenset(
    """
    ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA
    BGD BGR BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN
    CIV CMR COD COG COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU
    EGY ERI ESH ESP EST ETH FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB
    GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL
    ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO
    LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR
    MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN PER
    PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM
    SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK
    TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM
    VUT WLF WSM XKX YEM ZAF ZMB ZWE
    """.split()
)
# Intergovernmental organisations that count as state-level actors.
IGO_CODES: frozenset[str] = frozenset(
    """
    NATO EU UN UNSC UNGA UNHRC OSCE CSTO AU ARL IAEA ASEAN GCC OPEC OAS ECOWAS SCO OIC CIS
    EAEU ICC ICJ IMF WBK WTO WHO OPCW COE G7 G20 BRICS SADC IGAD CARICOM APEC
    """.split()
)

_CAMEO_ROOT_RE = re.compile(r"^(0[1-9]|1\d|20)$")
_DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_GOLD_FIELDS = ("doc", "evidence", "source", "target", "types", "required", "modality", "date")


def is_state_code(code: str | None) -> bool:
    """True for an ISO 3166-1 alpha-3 code (or XKX) or a known IGO code."""
    if not isinstance(code, str):
        return False
    value = code.strip().upper()
    return value in ISO3_CODES or value in IGO_CODES


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """One gold record: an event a careful reader codes, with the place it is stated."""

    doc: str
    evidence: str
    source: str
    target: str
    types: tuple[str, ...]
    required: bool
    modality: str | None
    date: str | None
    note: str
    cameo: tuple[str, ...] = ()  # CAMEO roots that count as right, when the file gives them


@dataclass(frozen=True, slots=True)
class EventScore:
    gold_required: int
    matched_required: int
    recall: float
    predicted_state_level: int
    predicted_matching: int
    precision: float
    modality_accuracy: float | None
    modality_n: int
    date_accuracy: float | None
    date_n: int
    per_type_recall: dict[str, tuple[int, int]]  # type -> (matched required, required)
    misses: list[GoldEvent]  # required gold records not matched
    false_hits: list[dict[str, Any]]  # state-level predictions matching no gold record
    domestic_unjudged: int = 0  # same-code predictions a gold set without domestic records


# --- reading -----------------------------------------------------------------------------


def _iter_json_lines(path: Path) -> list[tuple[int, object]]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise EvalError(f"{path}: file not found") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(f"{path}: not readable as UTF-8 text ({exc})") from exc
    rows: list[tuple[int, object]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            rows.append((number, json.loads(line)))
        except ValueError as exc:
            raise EvalError(f"{path}:{number}: not valid JSON ({exc})") from exc
    return rows


def _gold_event(data: object, where: str) -> GoldEvent:
    if not isinstance(data, dict):
        raise EvalError(f"{where}: expected a JSON object, got {type(data).__name__}")
    missing = [name for name in _GOLD_FIELDS if name not in data]
    if missing:
        raise EvalError(f"{where}: missing field(s) {', '.join(missing)}")
    for name in ("doc", "evidence", "source", "target"):
        value = data[name]
        if not isinstance(value, str) or not value.strip():
            raise EvalError(f"{where}: {name!r} must be a non-empty string, got {value!r}")
    types = data["types"]
    if not isinstance(types, list) or not types or not all(isinstance(t, str) for t in types):
        raise EvalError(f"{where}: 'types' must be a non-empty list of PLOVER types")
    unknown = [t for t in types if t.strip().upper() not in PLOVER_TYPES]
    if unknown:
        raise EvalError(f"{where}: unknown PLOVER type(s) {', '.join(map(repr, unknown))}")
    required = data["required"]
    if not isinstance(required, bool):
        raise EvalError(f"{where}: 'required' must be true or false, got {required!r}")
    modality = data["modality"]
    if modality is not None and modality not in MODALITIES:
        raise EvalError(
            f"{where}: 'modality' must be one of {', '.join(sorted(MODALITIES))} or null, "
            f"got {modality!r}"
        )
    date = data["date"]
    if date is not None and (not isinstance(date, str) or not _DATE_RE.match(date)):
        raise EvalError(f"{where}: 'date' must be YYYY, YYYY-MM, YYYY-MM-DD or null: {date!r}")
    note = data.get("note", "")
    if note is None:
        note = ""
    if not isinstance(note, str):
        raise EvalError(f"{where}: 'note' must be a string, got {note!r}")
    cameo = data.get("cameo", [])
    if not isinstance(cameo, list) or not all(
        isinstance(c, str) and _CAMEO_ROOT_RE.match(c) for c in cameo
    ):
        raise EvalError(f"{where}: 'cameo' must be a list of CAMEO roots '01'..'20': {cameo!r}")
    return GoldEvent(
        doc=data["doc"],
        evidence=data["evidence"],
        source=data["source"].strip().upper(),
        target=data["target"].strip().upper(),
        types=tuple(t.strip().upper() for t in types),
        required=required,
        modality=modality,
        date=date,
        note=note,
        cameo=tuple(cameo),
    )


def load_gold(path: Path) -> list[GoldEvent]:
    """Gold records from a JSONL file; EvalError naming the file and line on bad input."""
    path = Path(path)
    return [_gold_event(data, f"{path}:{number}") for number, data in _iter_json_lines(path)]


_PREDICTION_KEYS = ("doc_id", "sentence", "source_country", "target_country", "plover")


def load_predictions(path: Path) -> list[dict[str, Any]]:
    """Extracted events from a JSONL file (the output of `blocs extract --format jsonl`).

    Every line must be an object with at least `doc_id`, `sentence`, `source_country`,
    `target_country` (null allowed) and `plover`; `modality` and `date` are read if present.
    """
    path = Path(path)
    records: list[dict[str, Any]] = []
    for number, data in _iter_json_lines(path):
        if not isinstance(data, dict):
            raise EvalError(f"{path}:{number}: expected a JSON object, got {type(data).__name__}")
        missing = [key for key in _PREDICTION_KEYS if key not in data]
        if missing:
            raise EvalError(f"{path}:{number}: missing field(s) {', '.join(missing)}")
        records.append(data)
    return records


# --- matching ----------------------------------------------------------------------------


def _collapse(text: object) -> str:
    return " ".join(text.split()) if isinstance(text, str) else ""


def _code(value: object) -> str | None:
    return value.strip().upper() if isinstance(value, str) and value.strip() else None


def _doc_key(doc_id: object) -> tuple[str, str]:
    """The doc id as given and its last path component."""
    text = str(doc_id) if doc_id is not None else ""
    return text, re.split(r"[\\/]", text.rstrip("/\\"))[-1]


def date_matches(gold: str, predicted: object) -> bool:
    """The predicted date equals the gold date at the gold's precision and is not less precise."""
    if not isinstance(predicted, str):
        return False
    value = predicted.strip()
    if not value.startswith(gold):
        return False
    return len(value) == len(gold) or value[len(gold)] in "-T"


def _modality(value: object) -> str | None:
    return value.strip().lower() if isinstance(value, str) else None


@dataclass(frozen=True, slots=True)
class _Pred:
    index: int
    doc: tuple[str, str]
    sentence: str
    source: str | None
    target: str | None
    plover: str | None
    cameo_root: str | None
    modality: str | None
    date: object


def _matches(gold: GoldEvent, evidence: str, pred: _Pred, by: str) -> bool:
    if gold.doc not in pred.doc:
        return False
    if not pred.sentence or not (evidence in pred.sentence or pred.sentence in evidence):
        return False
    if pred.plover is None:
        return False
    if by == "cameo" and pred.cameo_root not in gold.cameo:
        return False
    if by == "plover" and pred.plover not in gold.types:
        return False
    if (pred.source, pred.target) == (gold.source, gold.target):
        return True
    return pred.plover in SYMMETRIC_TYPES and (pred.target, pred.source) == (
        gold.source,
        gold.target,
    )


def _agreement(gold: GoldEvent, pred: _Pred) -> int:
    """How many of modality and date the prediction gets right (for tie-breaking)."""
    score = 0
    if gold.modality is not None and pred.modality == gold.modality:
        score += 1
    if gold.date is not None and date_matches(gold.date, pred.date):
        score += 1
    return score


def _max_matching(candidates: list[list[int]]) -> dict[int, int]:
    """Augmenting-path bipartite matching; left vertices are tried in list order.

    Returns prediction index -> gold position. Iterative, so deep paths cannot overflow.
    """
    owner: dict[int, int] = {}  # prediction -> gold position
    for root, options in enumerate(candidates):
        if not options:
            continue
        # Breadth-first search over alternating paths from `root`.
        parent: dict[int, tuple[int, int | None]] = {}  # prediction -> (gold, previous pred)
        queue: list[tuple[int, int | None]] = [(root, None)]
        found: int | None = None
        head = 0
        while head < len(queue) and found is None:
            gold_pos, via = queue[head]
            head += 1
            for pred in candidates[gold_pos]:
                if pred in parent:
                    continue
                parent[pred] = (gold_pos, via)
                if pred not in owner:
                    found = pred
                    break
                queue.append((owner[pred], pred))
        if found is None:
            continue
        pred_at: int | None = found
        while pred_at is not None:
            gold_pos, via = parent[pred_at]
            owner[pred_at] = gold_pos
            pred_at = via
    return owner


def _without_mirrors(preds: list[_Pred]) -> list[_Pred]:
    """The predictions less the second coding of each joint symmetric event."""
    seen: set[tuple[object, ...]] = set()
    kept: list[_Pred] = []
    for pred in preds:
        key = (pred.doc, pred.sentence, pred.plover)
        if pred.plover in SYMMETRIC_TYPES and (*key, pred.target, pred.source) in seen:
            continue
        seen.add((*key, pred.source, pred.target))
        kept.append(pred)
    return kept


def score_events(
    gold: Sequence[GoldEvent],
    predicted: Sequence[Mapping[str, Any]],
    is_state_level: Callable[[str], bool] = is_state_code,
    by: str = "plover",
) -> EventScore:
    """Score predicted events against gold records (rules in this module's docstring);
    `by` is "plover" (the gold's types) or "cameo" (the gold's CAMEO roots)."""
    if by not in {"plover", "cameo"}:
        raise EvalError(f"unknown scoring level {by!r}: use plover or cameo")
    if by == "cameo":
        bare = next((g for g in gold if not g.cameo), None)
        if bare is not None:
            raise EvalError(
                f"scoring by CAMEO root needs a 'cameo' list on every gold record; "
                f"{bare.doc}: {bare.evidence!r} has none"
            )
    preds = [
        _Pred(
            index=i,
            doc=_doc_key(p.get("doc_id")),
            sentence=_collapse(p.get("sentence")),
            source=_code(p.get("source_country")),
            target=_code(p.get("target_country")),
            plover=_code(p.get("plover")),
            cameo_root=str(p.get("cameo") or "")[:2] or None,
            modality=_modality(p.get("modality")),
            date=p.get("date"),
        )
        for i, p in enumerate(predicted)
    ]
    preds = _without_mirrors(preds)
    by_index = {p.index: p for p in preds}
    by_doc: dict[str, list[_Pred]] = defaultdict(list)
    for pred in preds:
        for key in set(pred.doc):
            by_doc[key].append(pred)

    # Required records first, each group in file order.
    order = sorted(range(len(gold)), key=lambda i: (not gold[i].required, i))
    candidates: list[list[int]] = []
    for position in order:
        record = gold[position]
        evidence = _collapse(record.evidence)
        hits = [p for p in by_doc.get(record.doc, []) if _matches(record, evidence, p, by)]
        hits.sort(key=lambda p: (-_agreement(record, p), p.index))
        candidates.append([p.index for p in hits])
    owner = _max_matching(candidates)
    matched_gold: dict[int, int] = {order[pos]: pred for pred, pos in owner.items()}

    required = [i for i, g in enumerate(gold) if g.required]
    matched_required = sum(1 for i in required if i in matched_gold)
    per_type: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for i in required:
        counts = per_type[gold[i].cameo[0] if by == "cameo" else gold[i].types[0]]
        counts[1] += 1
        if i in matched_gold:
            counts[0] += 1

    state_level = [
        p
        for p in preds
        if p.source is not None
        and p.target is not None
        and is_state_level(p.source)
        and is_state_level(p.target)
    ]
    domestic_unjudged = 0
    if not any(g.source == g.target for g in gold):
        domestic_unjudged = sum(1 for p in state_level if p.source == p.target)
        state_level = [p for p in state_level if p.source != p.target]
    matching = [p for p in state_level if p.index in owner]
    false_hits = [dict(predicted[p.index]) for p in state_level if p.index not in owner]

    modality_checks = [
        by_index[pred].modality == gold[g].modality
        for g, pred in matched_gold.items()
        if gold[g].modality is not None
    ]
    date_checks = [
        date_matches(date, by_index[pred].date)
        for g, pred in matched_gold.items()
        if (date := gold[g].date) is not None
    ]
    return EventScore(
        gold_required=len(required),
        matched_required=matched_required,
        recall=matched_required / len(required) if required else 0.0,
        predicted_state_level=len(state_level),
        predicted_matching=len(matching),
        precision=len(matching) / len(state_level) if state_level else 0.0,
        modality_accuracy=sum(modality_checks) / len(modality_checks) if modality_checks else None,
        modality_n=len(modality_checks),
        date_accuracy=sum(date_checks) / len(date_checks) if date_checks else None,
        date_n=len(date_checks),
        per_type_recall={k: (v[0], v[1]) for k, v in sorted(per_type.items())},
        misses=[gold[i] for i in required if i not in matched_gold],
        false_hits=false_hits,
        domestic_unjudged=domestic_unjudged,
    )


def score_summary(score: EventScore) -> dict[str, Any]:
    """The figures of a score as plain values, rounded for people to read."""

    def rounded(value: float | None) -> float | None:
        return None if value is None else round(value, 4)

    return {
        "recall": round(score.recall, 4),
        "matched_required": score.matched_required,
        "gold_required": score.gold_required,
        "precision": round(score.precision, 4),
        "predicted_matching": score.predicted_matching,
        "predicted_state_level": score.predicted_state_level,
        "modality_accuracy": rounded(score.modality_accuracy),
        "modality_n": score.modality_n,
        "date_accuracy": rounded(score.date_accuracy),
        "date_n": score.date_n,
        "per_type_recall": {k: f"{m}/{n}" for k, (m, n) in sorted(score.per_type_recall.items())},
        "domestic_unjudged": score.domestic_unjudged,
    }


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m blocs.eval.events_score GOLD PREDICTIONS`: print the score as JSON."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(prog="python -m blocs.eval.events_score")
    parser.add_argument("gold", type=Path, help="gold events (JSONL, seeds_gold format)")
    parser.add_argument("predictions", type=Path, help="extracted events (JSONL)")
    args = parser.parse_args(argv)
    try:
        score = score_events(load_gold(args.gold), load_predictions(args.predictions))
    except EvalError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(json.dumps(score_summary(score), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
