"""`blocs export`: articles and events as CSV, Parquet or JSONL, events also as a GDELT 2.0
file, and the network of dyad scores as GraphML."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from blocs.cli import options as opt
from blocs.cli.app import export_app
from blocs.cli.console import err, fail, read_store, say_error
from blocs.cli.model import (
    EventSinceOption,
    EventUntilOption,
    HalfLifeOption,
    IntensityOption,
    IntervalOption,
    PriorOption,
    SourceOption,
    _scoring,
    _selection,
)
from blocs.errors import BlocsError
from blocs.store.db import DEFAULT_DB
from blocs.store.event_queries import EXPORT_SOURCES, export_events
from blocs.store.queries import EXPORT_FORMATS, export_articles

EVENT_FORMATS = (*EXPORT_FORMATS, "gdelt")

EventFormatOption = Annotated[
    str,
    typer.Option(
        "--format",
        help=f"One of {', '.join(EVENT_FORMATS)} (gdelt: the 61 tab-separated GDELT 2.0 columns).",
    ),
]
EventSourceOption = Annotated[
    str,
    typer.Option(
        "--source",
        help=f"Whose events: one of {', '.join(EXPORT_SOURCES)} (the imported rows of an origin).",
    ),
]


def _usage(message: str) -> typer.Exit:
    say_error(message)
    return typer.Exit(2)


@export_app.command("events")
def export_events_command(
    fmt: EventFormatOption = "jsonl",
    out_path: opt.ExportOutOption = None,
    db: opt.DbOption = DEFAULT_DB,
    source: EventSourceOption = "blocs",
    actor: opt.ActorOption = None,
    dyad: opt.DyadOption = None,
    event_type: opt.TypeOption = None,
    modality: opt.ModalityOption = None,
    since: opt.SinceOption = None,
    until: opt.UntilOption = None,
    min_confidence: opt.ConfidenceOption = 0.0,
) -> None:
    """Export events with every field, their evidence sentence and their article, or as a
    GDELT 2.0 events file."""
    if fmt not in EVENT_FORMATS:
        raise _usage(f"--format {fmt!r}: use one of {', '.join(EVENT_FORMATS)}")
    if source not in EXPORT_SOURCES:
        raise _usage(f"--source {source!r}: use one of {', '.join(EXPORT_SOURCES)}")
    filters = opt.event_filter(
        actor, dyad, event_type, modality, since, until, min_confidence, None, 0
    )
    if fmt == "gdelt":
        from blocs.interop.gdelt_export import export_gdelt

        count = read_store(db, lambda con: export_gdelt(con, out_path, filters, source))
    else:
        count = read_store(db, lambda con: export_events(con, fmt, out_path, filters, source))
    err.print(f"exported {count} events" + (f" to {out_path}" if out_path else ""))


@export_app.command("articles")
def export_articles_command(
    fmt: opt.ExportFormatOption = "jsonl",
    out_path: opt.ExportOutOption = None,
    db: opt.DbOption = DEFAULT_DB,
    outlet: opt.OutletOption = None,
    language: opt.LanguageOption = None,
    genre: opt.GenreOption = None,
    since: opt.SinceOption = None,
    until: opt.UntilOption = None,
    contains: opt.ContainsOption = None,
) -> None:
    """Export articles with their text and every source URL."""
    opt.check_export_format(fmt)
    filters = opt.article_filter(outlet, language, genre, since, until, contains, None, 0)
    count = read_store(db, lambda con: export_articles(con, fmt, out_path, filters))
    err.print(f"exported {count} articles" + (f" to {out_path}" if out_path else ""))


@export_app.command("network")
def export_network_command(
    fmt: Annotated[str, typer.Option("--format", help="graphml (the only one).")] = "graphml",
    out_path: Annotated[
        Path | None, typer.Option("--out", help="File to write (default: stdout).")
    ] = None,
    db: opt.DbOption = DEFAULT_DB,
    source: SourceOption = None,
    since: EventSinceOption = None,
    until: EventUntilOption = None,
    half_life: HalfLifeOption = 180.0,
    prior_strength: PriorOption = 1.0,
    intensity: IntensityOption = "goldstein",
    interval: IntervalOption = 0.9,
) -> None:
    """Export the signed network of dyad scores and its blocs (as `blocs blocs` finds them)."""
    if fmt != "graphml":
        raise _usage(f"--format {fmt!r}: use graphml")
    from blocs.interop.graphml import write_graphml
    from blocs.model.network import BlocParams, blocs_report

    selection, _ = _selection(source, since, until)
    scoring = _scoring(half_life, prior_strength, intensity, interval)
    report = read_store(db, lambda con: blocs_report(con, selection, scoring, BlocParams()))
    try:
        nodes, edges = write_graphml(report, out_path)
    except BlocsError as exc:
        raise fail(exc) from exc
    err.print(f"exported {nodes} actors and {edges} ties" + (f" to {out_path}" if out_path else ""))
