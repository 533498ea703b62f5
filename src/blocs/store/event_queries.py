"""Read-side queries over stored events, shared by the CLI (and later the web app)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from blocs.errors import StoreError
from blocs.store.queries import rows_as_dicts, write_query


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


def _conditions(filters: EventFilter, alias: str, when: str) -> tuple[list[str], list[Any]]:
    """The filters' conditions on actor, dyad, type and period over the events table
    `alias` (`e` blocs' own, `c` imported ones), whose date is `when`."""
    clauses: list[str] = []
    params: list[Any] = []
    if filters.actor:
        sides = ", ".join(
            f"{alias}.{c}" for c in ("source", "target", "source_country", "target_country")
        )
        clauses.append(f"(? IN ({sides}))")
        params.append(filters.actor.upper())
    if filters.dyad:
        a, b = filters.dyad
        pair = f"{alias}.source_country = ? AND {alias}.target_country = ?"
        clauses.append(f"(({pair}) OR ({pair}))")
        params += [a, b, b, a]
    if filters.plover:
        clauses.append(f"{alias}.plover = ?")
        params.append(filters.plover.upper())
    if filters.since:
        clauses.append(f"{when} >= ?")
        params.append(filters.since)
    if filters.until:
        clauses.append(f"{when} <= ?")
        params.append(filters.until)
    return clauses, params


def _select(filters: EventFilter, columns: str) -> tuple[str, list[Any]]:
    clauses, params = _conditions(filters, "e", _WHEN)
    clauses = ["e.confidence >= ?", *clauses]
    params = [filters.min_confidence, *params]
    if filters.modality:
        clauses.append("e.modality = ?")
        params.append(filters.modality.lower())
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


# Where `blocs export events --source` reads: blocs' own events, or the imported rows of
# one system (`gdelt` is both GDELT versions).
EXPORT_SOURCES: dict[str, tuple[str, ...]] = {
    "blocs": (),
    "gdelt": ("gdelt1", "gdelt2"),
    "gdelt1": ("gdelt1",),
    "gdelt2": ("gdelt2",),
    "icews": ("icews",),
    "phoenix": ("phoenix",),
}


def export_select(filters: EventFilter, columns: str) -> tuple[str, list[Any]]:
    """SQL (and its parameters) of every matching blocs event, `columns` over `events e`
    and `articles a`, in date order."""
    return _select(replace(filters, limit=None), columns)


def coded_select(filters: EventFilter, source: str, columns: str) -> tuple[str, list[Any]]:
    """SQL (and its parameters) of every matching imported event of `source` (a key of
    `EXPORT_SOURCES` other than `blocs`), `columns` over `coded_events c`, by date.

    Imported rows have no modality or confidence: those filters are refused."""
    origins = EXPORT_SOURCES.get(source)
    if not origins:
        raise StoreError(
            f"{source!r}: not an imported origin; use one of {', '.join(EXPORT_SOURCES)}"
        )
    if filters.modality or filters.min_confidence:
        raise StoreError(f"--modality and --min-confidence filter blocs' events, not {source}'s")
    conditions, condition_params = _conditions(filters, "c", "c.event_date")
    clauses = [f"c.origin IN ({', '.join('?' for _ in origins)})", *conditions]
    params: list[Any] = [*origins, *condition_params]
    sql = (
        f"SELECT {columns} FROM coded_events c WHERE {' AND '.join(clauses)}"
        " ORDER BY c.event_date NULLS LAST, c.event_id"
    )
    return sql, params


def export_events(
    con: duckdb.DuckDBPyConnection,
    fmt: str,
    out: Path | None,
    filters: EventFilter,
    source: str = "blocs",
) -> int:
    """Write every matching event as CSV, Parquet or JSONL (streamed by DuckDB's COPY);
    return how many were written. From `blocs`, all columns with the article's date,
    outlet, title and URL; from an imported origin, its `coded_events` rows."""
    if source == "blocs":
        sql, params = export_select(filters, _EXPORT_COLUMNS)
    else:
        sql, params = coded_select(filters, source, "c.*")
    return write_query(con, sql, params, fmt, out)


def counted_once(origins: Sequence[str]) -> str | None:
    """The condition over `evidence_events` (or any table with its `event_id`) that makes a
    happening both blocs and another system coded from the same article count once, or
    None when the origins selected need none.

    With blocs' events selected beside an imported origin, the imported rows that repeat
    one of blocs' events (the `evidence_repeats` view, migration 9: same URL, date, source
    and target state, CAMEO root) are left out: blocs' event, with its sentence, stands for
    both. An imported origin selected without blocs counts every row."""
    if "blocs" not in origins or all(origin == "blocs" for origin in origins):
        return None
    return "event_id NOT IN (SELECT event_id FROM evidence_repeats)"


def repeats_apply(con: duckdb.DuckDBPyConnection, origins: Sequence[str]) -> bool:
    """Whether `counted_once` leaves out any stored row for these origins (the month sums of
    `store/aggregates.py` count every row, so they cannot answer such a selection)."""
    if counted_once(origins) is None:
        return False
    return con.execute("SELECT EXISTS (SELECT 1 FROM evidence_repeats)").fetchone() == (True,)
