"""Read-side queries the web pages need beyond the CLI's: an article with its events laid over
its text, an actor's partners, runs, the latest events. Each returns plain JSON-ready data,
the one shape both a page and its `/api/...` twin show.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import duckdb

from blocs.errors import StoreError
from blocs.store.queries import get_article, list_failures, rows_as_dicts

_EVENT_COLUMNS = (
    "e.event_id, e.event_date, e.date_precision, e.source, e.source_country, e.source_text,"
    " e.plover, e.plover_mode, e.cameo, e.quad_class, e.goldstein, e.target, e.target_country,"
    " e.target_text, e.modality, e.speaker, e.speaker_country, e.issue, e.confidence,"
    " e.trigger, e.sentence, e.sentence_index, e.start_char, e.end_char, e.extractor_version,"
    " e.article_id"
)
_WHEN = (
    "coalesce(try_cast(e.event_date AS DATE), try_cast(e.event_date || '-01' AS DATE),"
    " try_cast(e.event_date || '-01-01' AS DATE), a.published)"
)


def passages(text: str, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The text cut at every event sentence's edges: pieces `{start, end, text, event_ids}`,
    so a page can mark each piece that carries events (and link it to them) by iterating,
    never by splicing markup into the text."""
    cuts = {0, len(text)}
    for event in events:
        cuts.update((max(0, event["start_char"]), min(len(text), event["end_char"])))
    edges = sorted(cuts)
    pieces = []
    for start, end in pairwise(edges):
        ids = [e["event_id"] for e in events if e["start_char"] <= start and end <= e["end_char"]]
        pieces.append({"start": start, "end": end, "text": text[start:end], "event_ids": ids})
    return pieces


def article_events(con: duckdb.DuckDBPyConnection, article_id: str) -> list[dict[str, Any]]:
    """Every event of one article with all its fields, in text order."""
    return rows_as_dicts(
        con.execute(
            f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.article_id = ?"
            " ORDER BY e.start_char, e.event_id",
            [article_id],
        )
    )


def article_with_events(con: duckdb.DuckDBPyConnection, id_or_prefix: str) -> dict[str, Any]:
    """`get_article` (metadata, sources, sentences, text) plus its events and the text as
    `passages` that point at them."""
    article = get_article(con, id_or_prefix)
    events = article_events(con, article["article_id"])
    return {**article, "events": events, "passages": passages(article["text"], events)}


def latest_events(con: duckdb.DuckDBPyConnection, limit: int = 10) -> list[dict[str, Any]]:
    """The most recent events (by event date, or the article's), newest first."""
    return rows_as_dicts(
        con.execute(
            f"SELECT {_EVENT_COLUMNS}, a.published, a.outlet, a.title"
            f" FROM events e JOIN articles a USING (article_id)"
            f" ORDER BY {_WHEN} DESC NULLS LAST, e.event_id LIMIT ?",
            [limit],
        )
    )


def actor_summary(con: duckdb.DuckDBPyConnection, code: str) -> dict[str, Any]:
    """What the store knows of one actor (an actor code or a state-level code): the words
    that name it, its event counts, and its partners (the state-level code on the other
    side of its counted events, blocs' own and imported), warmest first."""
    code = code.strip().upper()
    names = con.execute(
        "SELECT text, count(*) FROM mentions WHERE code = ? OR country = ?"
        " GROUP BY text ORDER BY 2 DESC, 1 LIMIT 8",
        [code, code],
    ).fetchall()
    side = "(? IN (source, source_country))"
    partners = rows_as_dicts(
        con.execute(
            f"SELECT CASE WHEN {side} THEN target_country ELSE source_country END AS partner,"
            " count(*) AS events,"
            " count(*) FILTER (WHERE goldstein > 0) AS cooperative,"
            " count(*) FILTER (WHERE goldstein < 0) AS hostile,"
            " round(avg(goldstein), 2) AS mean_goldstein"
            " FROM evidence_events WHERE done AND (? IN (source, target, source_country,"
            " target_country)) GROUP BY partner HAVING partner IS NOT NULL AND partner <> ?"
            " ORDER BY mean_goldstein DESC, events DESC, partner",
            [code, code, code],
        )
    )
    counts = con.execute(
        "SELECT count(*), count(*) FILTER (WHERE NOT done) FROM evidence_events"
        " WHERE ? IN (source, target, source_country, target_country)",
        [code],
    ).fetchone()
    total, not_done = counts if counts else (0, 0)
    if not total and not names:
        raise StoreError(f"{code!r}: no such actor in the store")
    return {
        "code": code,
        "names": [{"text": text, "mentions": n} for text, n in names],
        "events": total,
        "events_not_done": not_done,
        "partners": partners,
    }


def list_runs(con: duckdb.DuckDBPyConnection, limit: int, offset: int) -> list[dict[str, Any]]:
    """Ingest runs, newest first."""
    return rows_as_dicts(
        con.execute(
            "SELECT * FROM runs ORDER BY started_at DESC, run_id LIMIT ? OFFSET ?",
            [limit, offset],
        )
    )


def get_run(con: duckdb.DuckDBPyConnection, run_id: str) -> dict[str, Any]:
    """One run with every failure it recorded."""
    rows = rows_as_dicts(con.execute("SELECT * FROM runs WHERE run_id = ?", [run_id]))
    if not rows:
        raise StoreError(f"{run_id!r}: no such run")
    return {**rows[0], "failures": list_failures(con, run_id)}


def failures_page(
    con: duckdb.DuckDBPyConnection, limit: int, offset: int, run_id: str | None = None
) -> list[dict[str, Any]]:
    """`list_failures`, newest first, one page at a time."""
    where, params = (" WHERE run_id = ?", [run_id]) if run_id else ("", [])
    return rows_as_dicts(
        con.execute(
            "SELECT run_id, source, stage, message, created_at FROM failures"
            f"{where} ORDER BY created_at DESC, source LIMIT ? OFFSET ?",
            [*params, limit, offset],
        )
    )
