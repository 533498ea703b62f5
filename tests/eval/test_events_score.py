"""The event scorer (rules of shared/eval/README.md) and the development gold set."""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from blocs.errors import EvalError
from blocs.eval.events_score import (
    MODALITIES,
    PLOVER_TYPES,
    GoldEvent,
    date_matches,
    is_state_code,
    load_gold,
    load_predictions,
    main,
    score_events,
)

REPO = Path(__file__).resolve().parents[2]
DEV = REPO / "eval" / "dev"

SENTENCE = "Russia and France agreed on Tuesday to hold talks on strategic stability in Paris."


def gold(
    source: str = "FRA",
    target: str = "RUS",
    types: tuple[str, ...] = ("CONSULT",),
    *,
    doc: str = "d1",
    evidence: str = "agreed on Tuesday to hold talks",
    required: bool = True,
    modality: str | None = "asserted",
    date: str | None = None,
) -> GoldEvent:
    return GoldEvent(doc, evidence, source, target, types, required, modality, date, "")


def pred(
    source: str | None = "FRA",
    target: str | None = "RUS",
    plover: str = "CONSULT",
    *,
    doc_id: str = "d1",
    sentence: str = SENTENCE,
    modality: str | None = "asserted",
    date: str | None = None,
) -> dict[str, Any]:
    return {
        "doc_id": doc_id,
        "sentence": sentence,
        "source_country": source,
        "target_country": target,
        "plover": plover,
        "modality": modality,
        "date": date,
    }


# --- matching rules -----------------------------------------------------------------------


def test_exact_match_gives_full_recall_and_precision() -> None:
    score = score_events([gold()], [pred()])
    assert (score.gold_required, score.matched_required, score.recall) == (1, 1, 1.0)
    assert (score.predicted_state_level, score.predicted_matching, score.precision) == (1, 1, 1.0)
    assert score.misses == [] and score.false_hits == []
    assert score.per_type_recall == {"CONSULT": (1, 1)}


def test_symmetric_types_match_in_either_order() -> None:
    for plover in ("CONSULT", "COOPERATE", "AGREE"):
        score = score_events([gold(types=(plover,))], [pred("RUS", "FRA", plover)])
        assert score.recall == 1.0, plover


def test_asymmetric_type_in_the_wrong_order_is_not_matched() -> None:
    score = score_events([gold(types=("ACCUSE",))], [pred("RUS", "FRA", "ACCUSE")])
    assert score.recall == 0.0 and score.precision == 0.0
    assert len(score.misses) == 1 and len(score.false_hits) == 1


def test_symmetry_follows_the_predicted_type() -> None:
    record = gold(types=("COOPERATE", "SUPPORT"))
    assert score_events([record], [pred("RUS", "FRA", "COOPERATE")]).recall == 1.0
    assert score_events([record], [pred("RUS", "FRA", "SUPPORT")]).recall == 0.0
    assert score_events([record], [pred("FRA", "RUS", "SUPPORT")]).recall == 1.0


def test_a_type_outside_the_gold_types_is_not_matched() -> None:
    score = score_events([gold(types=("CONSULT", "AGREE"))], [pred(plover="COOPERATE")])
    assert score.recall == 0.0


def test_wrong_document_or_wrong_actor_is_not_matched() -> None:
    assert score_events([gold()], [pred(doc_id="d2")]).recall == 0.0
    assert score_events([gold()], [pred("FRA", "DEU")]).recall == 0.0


def test_scoring_by_cameo_root_compares_the_codes_first_two_digits() -> None:
    record = replace(gold(types=("CONSULT",)), cameo=("04",))
    assert score_events([record], [{**pred(), "cameo": "042"}], by="cameo").recall == 1.0
    # The PLOVER type no longer decides: a right root under another type still matches.
    assert score_events([record], [{**pred(plover="AGREE"), "cameo": "040"}], by="cameo").recall
    assert score_events([record], [{**pred(), "cameo": "057"}], by="cameo").recall == 0.0
    assert score_events([record], [pred()], by="cameo").recall == 0.0  # no code at all
    score = score_events([record], [{**pred(), "cameo": "042"}], by="cameo")
    assert score.per_type_recall == {"04": (1, 1)}


def test_scoring_by_cameo_root_needs_roots_on_every_record() -> None:
    with pytest.raises(EvalError, match="needs a 'cameo' list"):
        score_events([gold()], [pred()], by="cameo")
    with pytest.raises(EvalError, match="unknown scoring level"):
        score_events([gold()], [pred()], by="goldstein")


def test_doc_id_may_be_a_path_ending_in_the_gold_doc() -> None:
    record = gold(doc="000_69a65c1856868e49.txt")
    hit = pred(doc_id="../shared/seeds/000_69a65c1856868e49.txt")
    assert score_events([record], [hit]).recall == 1.0
    assert score_events([record], [pred(doc_id="other/001_69a65c1856868e49.txt")]).recall == 0.0


def test_evidence_in_sentence_and_sentence_in_evidence_both_match() -> None:
    short = pred(sentence="agreed on Tuesday")  # a sentence inside the evidence
    assert score_events([gold()], [short]).recall == 1.0
    assert score_events([gold()], [pred()]).recall == 1.0  # evidence inside the sentence
    assert score_events([gold()], [pred(sentence="They met on Monday.")]).recall == 0.0


def test_whitespace_is_collapsed_but_quotes_are_not_normalised() -> None:
    spaced = pred(sentence="Russia and France   agreed on\nTuesday to  hold talks.")
    assert score_events([gold()], [spaced]).recall == 1.0
    curly = gold(evidence="the \u201cbrain death\u201d comment", types=("ACCUSE",))
    straight = pred(plover="ACCUSE", sentence='Macron made the "brain death" comment.')
    assert score_events([curly], [straight]).recall == 0.0


def test_an_empty_sentence_matches_nothing() -> None:
    assert score_events([gold()], [pred(sentence="")]).recall == 0.0


def test_a_gold_record_is_matched_only_once() -> None:
    score = score_events([gold()], [pred(), pred()])
    assert score.matched_required == 1
    assert (score.predicted_matching, score.predicted_state_level) == (1, 2)
    assert score.precision == 0.5
    assert len(score.false_hits) == 1


def test_two_predictions_fill_two_records_of_the_same_sentence() -> None:
    records = [gold(), gold(evidence="to hold talks on strategic stability")]
    score = score_events(records, [pred(), pred()])
    assert score.matched_required == 2 and score.precision == 1.0


def test_matching_is_maximum_not_greedy() -> None:
    # p0 fits both records, p1 only the first: a greedy pass giving p0 to the first record
    # would leave the second unmatched.
    first = gold(types=("CONSULT", "AGREE"))
    second = gold(types=("AGREE",), evidence="Russia and France agreed")
    p0 = pred(plover="AGREE")
    p1 = pred(plover="CONSULT")
    score = score_events([first, second], [p0, p1])
    assert score.matched_required == 2


def test_required_records_are_preferred_over_optional_ones() -> None:
    optional = gold(required=False)
    required = gold(evidence="hold talks on strategic stability")
    score = score_events([optional, required], [pred()])
    assert score.matched_required == 1 and score.precision == 1.0


def test_matching_an_optional_record_counts_for_precision_not_recall() -> None:
    score = score_events([gold(required=False)], [pred()])
    assert score.gold_required == 0 and score.recall == 0.0
    assert score.precision == 1.0 and score.per_type_recall == {}


def test_precision_ignores_events_with_a_non_state_actor() -> None:
    predictions = [pred(), pred("FRA", None), pred("FRAGOV", "RUS"), pred(None, None)]
    score = score_events([gold()], predictions)
    assert score.predicted_state_level == 1 and score.precision == 1.0
    assert score.false_hits == []


def test_igo_codes_are_state_level_and_the_predicate_can_be_replaced() -> None:
    score = score_events([], [pred("FRA", "NATO", "ACCUSE")])
    assert score.predicted_state_level == 1 and score.precision == 0.0
    only_iso = score_events([], [pred("FRA", "NATO")], is_state_level=lambda c: len(c) == 3)
    assert only_iso.predicted_state_level == 0
    assert is_state_code("xkx") and is_state_code("UNSC") and not is_state_code("USAGOV")
    assert not is_state_code(None)


def test_same_source_and_target_counts_in_the_denominator_when_the_gold_codes_domestic() -> None:
    records = [gold(), gold(source="RUS", target="RUS", evidence="in Paris")]
    score = score_events(records, [pred(), pred("RUS", "RUS", "ASSAULT")])
    assert score.predicted_state_level == 2 and score.precision == 0.5


def test_a_gold_set_without_domestic_records_does_not_judge_domestic_events() -> None:
    score = score_events([gold()], [pred(), pred("RUS", "RUS", "ASSAULT")])
    assert score.predicted_state_level == 1 and score.precision == 1.0
    assert score.domestic_unjudged == 1


def test_a_joint_symmetric_event_coded_both_ways_counts_once() -> None:
    mirrored = [pred(), pred("RUS", "FRA")]
    score = score_events([gold()], mirrored)
    assert score.predicted_state_level == 1 and score.precision == 1.0


def test_a_joint_directed_event_keeps_both_directions() -> None:
    both = [pred(plover="ASSAULT"), pred("RUS", "FRA", "ASSAULT")]
    score = score_events([gold(types=("ASSAULT",))], both)
    assert score.predicted_state_level == 2 and score.precision == 0.5


def test_modality_accuracy_over_matched_records_that_carry_one() -> None:
    records = [
        gold(),
        gold(evidence="hold talks", types=("AGREE",), modality="future"),
        gold(evidence="in Paris", modality=None),
        gold(evidence="strategic stability", types=("ACCUSE",)),  # never matched
    ]
    predictions = [pred(), pred(plover="AGREE", modality="asserted"), pred(modality="negated")]
    score = score_events(records, predictions)
    assert score.modality_n == 2 and score.modality_accuracy == 0.5


def test_date_accuracy_at_the_gold_precision() -> None:
    assert date_matches("2020-06", "2020-06-26") and date_matches("2020-06", "2020-06")
    assert not date_matches("2020-06", "2020") and not date_matches("2020-06", "2020-07-01")
    assert date_matches("2020-06-26", "2020-06-26T00:00:00")
    assert not date_matches("2020", "20201") and not date_matches("2020", None)
    records = [
        gold(date="2020-06-26"),
        gold(evidence="hold talks", types=("AGREE",), date="2020"),
        gold(evidence="in Paris", date=None),
    ]
    predictions = [pred(date="2020-06-25"), pred(plover="AGREE", date="2020-06"), pred()]
    score = score_events(records, predictions)
    assert score.date_n == 2 and score.date_accuracy == 0.5


def test_ties_prefer_the_prediction_that_agrees_on_modality_and_date() -> None:
    record = gold(modality="future", date="2020-06")
    score = score_events([record], [pred(modality="asserted"), pred(modality="future")])
    assert score.modality_accuracy == 1.0
    assert score.false_hits[0]["modality"] == "asserted"


def test_accuracies_are_none_without_matched_records() -> None:
    score = score_events([gold()], [])
    assert score.modality_accuracy is None and score.date_accuracy is None
    assert score.precision == 0.0 and score.recall == 0.0


def test_misses_and_false_hits_are_listed() -> None:
    missed = gold(types=("ACCUSE",), evidence="strategic stability")
    found = gold()
    optional = gold(required=False, evidence="in Paris", types=("COOPERATE",))
    wrong = pred("DEU", "RUS", "CONSULT")
    score = score_events([missed, found, optional], [pred(), wrong])
    assert score.misses == [missed]
    assert score.false_hits == [wrong]
    assert score.per_type_recall == {"ACCUSE": (0, 1), "CONSULT": (1, 1)}


def test_codes_types_and_modality_are_compared_case_insensitively() -> None:
    score = score_events([gold()], [pred("fra", " rus", "consult", modality="Asserted")])
    assert score.recall == 1.0 and score.modality_accuracy == 1.0


# --- reading files ------------------------------------------------------------------------


def _gold_line(**overrides: Any) -> str:
    record: dict[str, Any] = {
        "doc": "d1",
        "evidence": "agreed on Tuesday",
        "source": "FRA",
        "target": "RUS",
        "types": ["CONSULT"],
        "required": True,
        "modality": "asserted",
        "date": None,
        "note": "",
    }
    record.update(overrides)
    return json.dumps(record)


def test_load_gold_reads_records_and_skips_blank_lines(tmp_path: Path) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(_gold_line() + "\n\n" + _gold_line(date="2020-06") + "\n", encoding="utf-8")
    records = load_gold(path)
    assert len(records) == 2 and records[1].date == "2020-06"
    assert records[0].types == ("CONSULT",) and records[0].note == ""


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        (_gold_line(types=["DANCE"]), "unknown PLOVER type"),
        (_gold_line(types=[]), "non-empty list"),
        (_gold_line(cameo=["4"]), "CAMEO roots"),
        (_gold_line(cameo="04"), "CAMEO roots"),
        (_gold_line(modality="probable"), "'modality' must be one of"),
        (_gold_line(date="June 2020"), "'date' must be"),
        (_gold_line(required="yes"), "'required' must be"),
        (_gold_line(source=""), "'source' must be a non-empty string"),
        (json.dumps({"doc": "d1"}), "missing field(s) evidence"),
    ],
)
def test_bad_gold_line_names_file_and_line(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(_gold_line() + "\n" + _gold_line() + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(EvalError) as info:
        load_gold(path)
    assert f"{path}:3:" in str(info.value)
    assert message in str(info.value)


def test_missing_gold_file_is_an_eval_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="file not found"):
        load_gold(tmp_path / "absent.jsonl")


def test_load_predictions_checks_required_keys(tmp_path: Path) -> None:
    path = tmp_path / "pred.jsonl"
    path.write_text(json.dumps(pred()) + "\n", encoding="utf-8")
    assert load_predictions(path) == [pred()]
    path.write_text(json.dumps(pred()) + "\n" + json.dumps({"doc_id": "d1"}) + "\n")
    with pytest.raises(EvalError, match=rf"{re.escape(str(path))}:2: missing field"):
        load_predictions(path)


def test_main_prints_the_score(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold_path = tmp_path / "gold.jsonl"
    gold_path.write_text(_gold_line() + "\n", encoding="utf-8")
    pred_path = tmp_path / "pred.jsonl"
    pred_path.write_text(json.dumps(pred()) + "\n", encoding="utf-8")
    assert main([str(gold_path), str(pred_path)]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["recall"] == 1.0 and result["precision"] == 1.0
    assert main([str(tmp_path / "none.jsonl"), str(pred_path)]) == 1


# --- gold scored against itself -------------------------------------------------------------


def _as_predictions(records: list[GoldEvent]) -> list[dict[str, Any]]:
    return [
        pred(
            g.source,
            g.target,
            g.types[0],
            doc_id=g.doc,
            sentence=g.evidence,
            modality=g.modality,
            date=g.date,
        )
        for g in records
    ]


@pytest.mark.needs_shared
def test_seed_gold_scored_against_itself_is_perfect(shared_dir: Path) -> None:
    path = shared_dir / "eval" / "seeds_gold.jsonl"
    records = load_gold(path)
    assert len(records) == sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line)
    assert len(records) >= 30
    score = score_events(records, _as_predictions(records))
    assert score.recall == 1.0 and score.precision == 1.0
    assert score.modality_accuracy == 1.0 and score.date_accuracy == 1.0


def test_dev_gold_scored_against_itself_is_perfect() -> None:
    records = load_gold(DEV / "gold.jsonl")
    score = score_events(records, _as_predictions(records))
    assert score.recall == 1.0 and score.precision == 1.0
    assert score.modality_accuracy == 1.0 and score.date_accuracy == 1.0


# --- the development gold set -------------------------------------------------------------

TAGS = re.compile(r"\[([a-z-]+)\]")
KNOWN_TAGS = {
    "passive",
    "nominal",
    "metonym",
    "title",
    "leader",
    "symmetric",
    "multi",
    "reldate",
    "denial",
    "refusal",
}


def _documents() -> dict[str, dict[str, Any]]:
    docs: dict[str, dict[str, Any]] = {}
    for line in (DEV / "documents.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert set(record) == {"id", "text", "date"}
        assert record["id"] not in docs
        docs[record["id"]] = record
    return docs


def _raw_gold() -> list[dict[str, Any]]:
    lines = (DEV / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _hard_negatives() -> list[tuple[str, str]]:
    text = (DEV / "README.md").read_text(encoding="utf-8")
    section = text.split("## Hard negatives", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^- `(dev-\d{3})`: (.+)$", section, flags=re.MULTILINE)


def test_dev_documents_are_well_formed() -> None:
    docs = _documents()
    assert 60 <= len(docs) <= 80
    for doc_id, record in docs.items():
        assert re.fullmatch(r"dev-\d{3}", doc_id)
        assert re.fullmatch(r"20\d\d-\d\d-\d\d", record["date"])
        assert record["text"] == record["text"].strip()


def test_dev_gold_matches_its_documents() -> None:
    docs = _documents()
    raw = _raw_gold()
    records = load_gold(DEV / "gold.jsonl")  # also validates types, modality and dates
    assert len(raw) == len(records) >= 180
    for line, (data, record) in enumerate(zip(raw, records, strict=True), start=1):
        where = f"gold.jsonl:{line}"
        assert list(data) == [
            "doc",
            "evidence",
            "source",
            "target",
            "types",
            "required",
            "modality",
            "date",
            "note",
        ], where
        assert record.doc in docs, where
        assert record.evidence in docs[record.doc]["text"], where
        assert all(t in PLOVER_TYPES for t in record.types), where
        assert record.modality in MODALITIES, where
        assert is_state_code(record.source) and is_state_code(record.target), where
        assert record.source != record.target, where
        assert record.source == data["source"] and record.target == data["target"], where
        if record.date is not None:
            assert record.date <= docs[record.doc]["date"] or record.modality in {
                "future",
                "hypothetical",
                "negated",
            }, where
        assert set(TAGS.findall(record.note)) <= KNOWN_TAGS, where
    assert len({json.dumps(d, sort_keys=True) for d in raw}) == len(raw)
    assert {r.doc for r in records} == set(docs)


def test_dev_gold_meets_the_coverage_minimums() -> None:
    records = load_gold(DEV / "gold.jsonl")
    required = [r for r in records if r.required]
    by_type = Counter(r.types[0] for r in required)
    assert set(by_type) == PLOVER_TYPES
    assert min(by_type.values()) >= 6, by_type
    modality = Counter(r.modality for r in records)
    assert modality["negated"] >= 15, modality
    assert modality["hypothetical"] >= 15, modality
    assert modality["future"] >= 15, modality
    assert modality["reported"] >= 20, modality
    tags = Counter(tag for r in records for tag in set(TAGS.findall(r.note)))
    assert tags["passive"] >= 12, tags
    assert tags["nominal"] >= 12, tags
    for tag in ("metonym", "title", "leader", "symmetric", "multi", "reldate"):
        assert tags[tag] >= 10, (tag, tags)
    symmetric_pairs = [r for r in records if r.types[0] in {"CONSULT", "COOPERATE", "AGREE"}]
    assert len(symmetric_pairs) >= 30
    dated = [r for r in records if r.date is not None]
    assert {len(r.date) for r in dated if r.date} == {4, 7, 10}


def test_dev_hard_negatives_hold_no_gold_event() -> None:
    docs = _documents()
    negatives = _hard_negatives()
    assert len(negatives) >= 20
    gold_by_doc: dict[str, list[GoldEvent]] = {}
    for record in load_gold(DEV / "gold.jsonl"):
        gold_by_doc.setdefault(record.doc, []).append(record)
    for doc_id, sentence in negatives:
        text = docs[doc_id]["text"]
        start = text.find(sentence)
        assert start >= 0, (doc_id, sentence)
        end = start + len(sentence)
        for record in gold_by_doc.get(doc_id, []):
            at = text.find(record.evidence)
            assert at + len(record.evidence) <= start or at >= end, (doc_id, record.evidence)
