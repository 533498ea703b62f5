"""Read-side queries over stored events, shared by the CLI (and later the web app)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from blocs.errors import StoreError
from blocs.store.queries import rows_as_dicts, write_relation


@dataclass(frozen=True, slots=True)
class EventFilter:
    actor: str | None = None  # an actor code (FRAGOV) or a state-level code (FRA), either side
    dyad: tuple[str, str] | None = None  # two state-level codes, either direction
    plover: str | None = None
    modality: str | None = None
    since: date | None = None  # on the event's date, or the article's when the event has none
    until: date | None = None
    min_confidence: float = 0.0
    limit: int | None = 50
    offset: int = 0


def parse_dyad(value: str) -> tuple[str, str]:
    """`FRA-RUS` or `FRA,RUS` -> ("FRA", "RUS")."""
    for separator in ("-", ",", ":"):
        if separator in value:
            a, _, b = value.partition(separator)
            if a.strip() and b.strip():
                return a.strip().upper(), b.strip().upper()
    raise StoreError(f"{value!r}: a dyad is two codes joined by '-', e.g. FRA-RUS")


_WHEN = (
    "coalesce(try_cast(e.event_date AS DATE), "
    "try_cast(e.event_date || '-01' AS DATE), try_cast(e.event_date || '-01-01' AS DATE), "
    "a.published)"
)


_LIST_COLUMNS = (
    "e.event_id, e.event_date, e.date_precision, e.source, e.source_country,"
    " e.plover, e.cameo, e.target, e.target_country, e.modality, e.speaker, e.issue,"
    " e.confidence, e.goldstein, e.quad_class, e.trigger, e.sentence, e.article_id,"
    " e.start_char, e.end_char, a.published, a.outlet, a.title, a.url"
)
_EXPORT_COLUMNS = "e.*, a.published, a.outlet, a.title, a.url"


def _select(filters: EventFilter, columns: str) -> tuple[str, list[Any]]:
    clauses = ["e.confidence >= ?"]
    params: list[Any] = [filters.min_confidence]
    if filters.actor:
        clauses.append("(? IN (e.source, e.target, e.source_country, e.target_country))")
        params.append(filters.actor.upper())
    if filters.dyad:
        a, b = filters.dyad
        clauses.append(
            "((e.source_country = ? AND e.target_country = ?) OR "
            "(e.source_country = ? AND e.target_country = ?))"
        )
        params += [a, b, b, a]
    if filters.plover:
        clauses.append("e.plover = ?")
        params.append(filters.plover.upper())
    if filters.modality:
        clauses.append("e.modality = ?")
        params.append(filters.modality.lower())
    if filters.since:
        clauses.append(f"{_WHEN} >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append(f"{_WHEN} <= ?")
        params.append(filters.until)
    sql = (
        f"SELECT {columns} FROM events e JOIN articles a USING (article_id)"
        f" WHERE {' AND '.join(clauses)}"
        f" ORDER BY {_WHEN} NULLS LAST, e.article_id, e.sentence_index, e.event_id"
    )
    if filters.limit is not None:
        sql += " LIMIT ? OFFSET ?"
        params += [filters.limit, filters.offset]
    return sql, params


def list_events(con: duckdb.DuckDBPyConnection, filters: EventFilter) -> list[dict[str, Any]]:
    """Events with their evidence sentence and the article they come from, by date."""
    sql, params = _select(filters, _LIST_COLUMNS)
    return rows_as_dicts(con.execute(sql, params))


def export_events(
    con: duckdb.DuckDBPyConnection, fmt: str, out: Path | None, filters: EventFilter
) -> int:
    """Write every matching event (all columns, with its article's date, outlet, title and
    URL) as CSV, Parquet or JSONL; return how many were written."""
    sql, params = _select(replace(filters, limit=None), _EXPORT_COLUMNS)
    return write_relation(con.sql(sql, params=params), fmt, out)
