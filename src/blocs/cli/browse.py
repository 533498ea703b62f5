"""Read-only commands over the store: articles, show, stats, events, failures.

They load no NLP model: only the store and its queries.
"""

from __future__ import annotations

from typing import Annotated

import typer

from blocs.cli import options as opt
from blocs.cli.app import app
from blocs.cli.console import out, print_field, print_json, read_store, table
from blocs.store.db import DEFAULT_DB
from blocs.store.event_queries import list_events
from blocs.store.queries import get_article, list_articles, list_failures, store_stats


@app.command()
def articles(
    db: opt.DbOption = DEFAULT_DB,
    outlet: opt.OutletOption = None,
    language: opt.LanguageOption = None,
    genre: opt.GenreOption = None,
    since: opt.SinceOption = None,
    until: opt.UntilOption = None,
    contains: opt.ContainsOption = None,
    limit: opt.LimitOption = 50,
    offset: opt.OffsetOption = 0,
    as_json: opt.JsonOption = False,
) -> None:
    """List stored articles, oldest first, with filters."""
    filters = opt.article_filter(outlet, language, genre, since, until, contains, limit, offset)
    rows = read_store(db, lambda con: list_articles(con, filters))
    if as_json:
        print_json(rows)
        return
    out.print(
        table(
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
    db: opt.DbOption = DEFAULT_DB,
    sentences: Annotated[bool, typer.Option(help="List sentences with offsets.")] = False,
    as_json: opt.JsonOption = False,
) -> None:
    """Show one article: metadata, every source it was read from, and its text."""
    article = read_store(db, lambda con: get_article(con, article_id))
    if as_json:
        print_json(article)
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
        print_field(name, article.get(name) or "", 13)
    out.print(
        table(article["sources"], ["duplicate", "similarity", "source", "url"], title="sources")
    )
    if sentences:
        out.print(
            table(
                article["sentences"],
                ["sentence_index", "start_char", "end_char", "text"],
                title="sentences",
            )
        )
    else:
        out.print()
        out.print(article["text"], highlight=False, markup=False)


@app.command()
def stats(db: opt.DbOption = DEFAULT_DB, as_json: opt.JsonOption = False) -> None:
    """Counts over the store: articles, sources, duplicates, sentences, languages."""
    numbers = read_store(db, store_stats)
    if as_json:
        print_json(numbers)
        return
    for key, value in numbers.items():
        print_field(key, value, 17)


@app.command()
def events(
    db: opt.DbOption = DEFAULT_DB,
    actor: opt.ActorOption = None,
    dyad: opt.DyadOption = None,
    event_type: opt.TypeOption = None,
    modality: opt.ModalityOption = None,
    since: opt.SinceOption = None,
    until: opt.UntilOption = None,
    min_confidence: opt.ConfidenceOption = 0.0,
    limit: opt.LimitOption = 50,
    offset: opt.OffsetOption = 0,
    as_json: opt.JsonOption = False,
) -> None:
    """List stored events with their evidence sentence, oldest first, with filters."""
    filters = opt.event_filter(
        actor, dyad, event_type, modality, since, until, min_confidence, limit, offset
    )
    rows = read_store(db, lambda con: list_events(con, filters))
    if as_json:
        print_json(rows)
        return
    out.print(
        table(
            rows, ["event_date", "source", "plover", "target", "modality", "confidence", "sentence"]
        )
    )


@app.command()
def failures(
    db: opt.DbOption = DEFAULT_DB,
    run: Annotated[str | None, typer.Option(help="Only this run id.")] = None,
    as_json: opt.JsonOption = False,
) -> None:
    """Inputs that could not be read or cleaned, with the reason."""
    rows = read_store(db, lambda con: list_failures(con, run))
    if as_json:
        print_json(rows)
        return
    out.print(table(rows, ["run_id", "stage", "source", "message"]))
