"""`blocs eval`: score extraction and events against gold data."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from blocs.cli.app import eval_app
from blocs.cli.console import fail, out, print_field, print_json, say_error
from blocs.cli.options import ConfidenceOption, DictionaryOption, JsonOption, ModelOption
from blocs.errors import BlocsError

if TYPE_CHECKING:
    from blocs.eval.extraction_metric import ExtractionScore


@eval_app.command("events")
def eval_events(
    gold: Annotated[Path, typer.Option(help="Gold events (JSONL, the seeds_gold format).")],
    inputs: Annotated[
        list[str] | None, typer.Argument(help="Documents to extract from (as for `blocs extract`).")
    ] = None,
    pred: Annotated[
        Path | None,
        typer.Option(help="Score this extraction output instead of extracting from INPUTS."),
    ] = None,
    dictionary: DictionaryOption = None,
    model: ModelOption = None,
    show_errors: Annotated[
        bool, typer.Option("--show-errors", help="List every miss and false hit.")
    ] = False,
    min_confidence: ConfidenceOption = 0.0,
    by: Annotated[
        str,
        typer.Option(help="plover (the gold's types) or cameo (its CAMEO roots) decide a type."),
    ] = "plover",
    gold_format: Annotated[
        str,
        typer.Option(
            "--format",
            help="events (seeds_gold format) or plv (one marked source/target span and "
            "PLOVER root a sentence; scored by word overlap, shared/eval/plv/README.md).",
        ),
    ] = "events",
    as_json: JsonOption = False,
) -> None:
    """Score extracted events against a gold file: recall, precision, modality, dates."""
    from blocs.eval.events_score import load_gold, load_predictions, score_events
    from blocs.events.job import ExtractReport, iter_events
    from blocs.events.setup import load_extractor

    if (pred is None) == (not inputs):
        say_error("give either documents to extract from or --pred FILE")
        raise typer.Exit(2)
    if gold_format not in ("events", "plv"):
        say_error("--format is events or plv")
        raise typer.Exit(2)
    try:
        if pred is not None:
            predicted = load_predictions(pred)
        else:
            extractor = load_extractor(dictionary or [], (), (), model)
            predicted = list(iter_events(inputs or [], extractor, ExtractReport()))
        predicted = [p for p in predicted if float(p.get("confidence") or 0) >= min_confidence]
        if gold_format == "plv":
            _report_plv(gold, predicted, as_json)
            return
        score = score_events(load_gold(gold), predicted, by=by)
    except BlocsError as exc:
        raise fail(exc) from exc
    result = _event_score_dict(score, gold, show_errors or as_json)
    if as_json:
        print_json(result)
        return
    _print_event_score(result)


def _report_plv(gold: Path, predicted: list[dict[str, Any]], as_json: bool) -> None:
    from blocs.eval.plv import load_plv_gold, plv_summary, score_plv

    result = {"gold": str(gold), **plv_summary(score_plv(load_plv_gold(gold), predicted))}
    if as_json:
        print_json(result)
        return
    for key, value in result.items():
        if key == "per_root":
            value = ", ".join(f"{k} {v}" for k, v in value.items())
        print_field(key, value, 20)


def _event_score_dict(score: Any, gold: Path, errors: bool) -> dict[str, Any]:
    from blocs.eval.events_score import score_summary

    result: dict[str, Any] = {"gold": str(gold), **score_summary(score)}
    if errors:
        result["misses"] = [
            {
                "doc": g.doc,
                "evidence": g.evidence,
                "source": g.source,
                "target": g.target,
                "types": list(g.types),
                "cameo": list(g.cameo),
            }
            for g in score.misses
        ]
        result["false_hits"] = [
            {
                k: h.get(k)
                for k in (
                    "doc_id",
                    "sentence",
                    "source_country",
                    "target_country",
                    "plover",
                    "cameo",
                    "trigger",
                )
            }
            for h in score.false_hits
        ]
    return result


def _print_event_score(result: dict[str, Any]) -> None:
    for key in ("gold", "recall", "precision", "modality_accuracy", "date_accuracy"):
        print_field(key, result[key], 18)
    print_field(
        "matched",
        f"{result['matched_required']}/{result['gold_required']} required;"
        f" {result['predicted_matching']}/{result['predicted_state_level']} predicted"
        + (
            f"; {result['domestic_unjudged']} domestic not judged (the gold codes none)"
            if result["domestic_unjudged"]
            else ""
        ),
        18,
    )
    print_field("per type", ", ".join(f"{k} {v}" for k, v in result["per_type_recall"].items()), 18)
    for miss in result.get("misses", []):
        out.print(
            f"miss  {miss['doc']}: {miss['source']}->{miss['target']} "
            f"{'/'.join(miss['types'])}{' ' + '/'.join(miss['cameo']) if miss['cameo'] else ''}"
            f": {miss['evidence']}",
            highlight=False,
        )
    for hit in result.get("false_hits", []):
        out.print(
            f"false {hit['doc_id']}: {hit['source_country']}->{hit['target_country']} "
            f"{hit['plover']} {hit['cameo']} ({hit['trigger']}): {hit['sentence']}",
            highlight=False,
        )


def _default_bench() -> Path:
    return Path(os.environ.get("BLOCS_EXTRACTION_BENCH", "../shared/eval/extraction"))


@eval_app.command("extraction")
def eval_extraction(
    bench: Annotated[
        Path | None,
        typer.Option(
            help="Benchmark folder with ground-truth.json, html/ and reference_outputs/ "
            "[default: $BLOCS_EXTRACTION_BENCH or ../shared/eval/extraction]."
        ),
    ] = None,
    text: Annotated[
        bool,
        typer.Option(
            "--text",
            help="Score the plain-text boilerplate filter on the benchmark's "
            "'all visible text' output instead of HTML extraction.",
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Score article extraction on the ScrapingHub article-extraction benchmark."""
    from blocs.eval.html_benchmark import run_html_benchmark
    from blocs.eval.text_benchmark import run_text_benchmark

    folder = bench or _default_bench()
    try:
        score, pages_per_s = (run_text_benchmark if text else run_html_benchmark)(folder)
    except BlocsError as exc:
        raise fail(exc) from exc
    result = _score_dict(score, pages_per_s, "text" if text else "html", folder)
    if as_json:
        print_json(result)
        return
    for key, value in result.items():
        print_field(key, value, 12)


def _score_dict(
    score: ExtractionScore, pages_per_s: float, mode: str, folder: Path
) -> dict[str, Any]:
    return {
        "mode": mode,
        "bench": str(folder),
        "pages": score.pages,
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
        "accuracy": round(score.accuracy, 4),
        "pages_per_s": round(pages_per_s, 1),
    }
