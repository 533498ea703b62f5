"""`blocs export`: articles and events as CSV, Parquet or JSONL."""

from __future__ import annotations

from blocs.cli.app import export_app
from blocs.cli.console import err, read_store
from blocs.cli.options import (
    ActorOption,
    ConfidenceOption,
    ContainsOption,
    DbOption,
    DyadOption,
    ExportFormatOption,
    ExportOutOption,
    GenreOption,
    LanguageOption,
    ModalityOption,
    OutletOption,
    SinceOption,
    TypeOption,
    UntilOption,
    article_filter,
    check_export_format,
    event_filter,
)
from blocs.store.db import DEFAULT_DB
from blocs.store.event_queries import export_events
from blocs.store.queries import export_articles


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
    check_export_format(fmt)
    filters = event_filter(actor, dyad, event_type, modality, since, until, min_confidence, None, 0)
    count = read_store(db, lambda con: export_events(con, fmt, out_path, filters))
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
    check_export_format(fmt)
    filters = article_filter(outlet, language, genre, since, until, contains, None, 0)
    count = read_store(db, lambda con: export_articles(con, fmt, out_path, filters))
    err.print(f"exported {count} articles" + (f" to {out_path}" if out_path else ""))
