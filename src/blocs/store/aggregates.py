"""The alignment model's evidence by pair and month, kept in step with the events.

The tables: `evidence_months` (migration 6) for the scores, `evidence_pair_events`
(migration 7) for the drill-down of one pair; three made from `evidence_months` for the
monthly series of every pair (migration 10: by unordered pair, the states' volumes, the
pooled spread), so that they read a third fewer rows and sum no pair twice; and the counted
events filed under the codes and places they name (migration 11), for the crisis camps.

`evidence_months` (migration 6) holds, for every origin, ordered pair of states and month, the
sums the model's scores are made of (see the migration), so that a query over ten million
events reads a few hundred thousand rows instead. The sums are anchored at the month's first
day for one half-life (`HALF_LIFE_DAYS`, the model's default): multiplying a bucket by
2^((month start - r) / half-life) gives every event its own decay 2^((date - r) / half-life),
exactly, for any reference date r. Queries with another half-life read the events.

Freshness: the state table records how many rows of `events` and `coded_events` the sums hold
and their last rowid. `refresh` compares that with the tables: equal, nothing to do; only
rows appended since (nothing in blocs updates or deletes events), it adds their buckets; any
other change (rows gone), it rebuilds everything. `is_fresh` is the cheap check readers make
before trusting the table; a read-only reader of a stale table reads the events instead.

The intensities are the model's (`blocs.model.weights`), the one place they are defined.
"""

from __future__ import annotations

from dataclasses import dataclass

import duckdb

from blocs.model.weights import intensity_sql

HALF_LIFE_DAYS = 180.0
TABLES = ("events", "coded_events")
SERIES_TABLES = (
    "evidence_months",
    "evidence_dyad_months",
    "evidence_state_months",
    "evidence_pooled_months",
)
EVENT_TABLES = ("evidence_pair_events", "evidence_keyed_events")

Marks = dict[str, tuple[int, int]]


@dataclass(frozen=True, slots=True)
class Refresh:
    """What `refresh` did: `fresh` (nothing), `appended` or `rebuilt`, and the events read."""

    action: str
    events: int


def marks(con: duckdb.DuckDBPyConnection) -> Marks:
    """Each event table's row count and last rowid (-1 when empty)."""
    found: Marks = {}
    for table in TABLES:
        row = con.execute(f"SELECT count(*), coalesce(max(rowid), -1) FROM {table}").fetchone()
        found[table] = (int(row[0]), int(row[1])) if row else (0, -1)
    return found


def _stored(con: duckdb.DuckDBPyConnection) -> tuple[Marks, float | None]:
    rows = con.execute(
        "SELECT table_name, row_count, last_rowid, half_life_days FROM evidence_months_state"
    ).fetchall()
    half_lives = {float(r[3]) for r in rows}
    return (
        {str(r[0]): (int(r[1]), int(r[2])) for r in rows},
        half_lives.pop() if len(half_lives) == 1 else None,
    )


def is_fresh(con: duckdb.DuckDBPyConnection) -> bool:
    """True when `evidence_months` holds every event of the store, and only those."""
    stored, half_life = _stored(con)
    return half_life == HALF_LIFE_DAYS and stored == marks(con)


def is_read_only(con: duckdb.DuckDBPyConnection) -> bool:
    row = con.execute("SELECT current_setting('access_mode')").fetchone()
    return bool(row and str(row[0]).lower() == "read_only")


def _appended(con: duckdb.DuckDBPyConnection, stored: Marks, now: Marks) -> bool:
    """True when every table only gained rows after its stored last rowid."""
    for table in TABLES:
        count, last = stored.get(table, (0, -1))
        row = con.execute(f"SELECT count(*) FROM {table} WHERE rowid > ?", [last]).fetchone()
        if not row or count + int(row[0]) != now[table][0]:
            return False
    return True


def _restrict(new_only: bool) -> str:
    """With `new_only`, a condition keeping the rows after the stored marks, passed as two
    parameters: events' and coded_events' last rowid."""
    return (
        " AND event_id IN (SELECT event_id FROM events WHERE rowid > ?"
        " UNION ALL SELECT event_id FROM coded_events WHERE rowid > ?)"
        if new_only
        else ""
    )


def _bucket_sql(new_only: bool) -> str:
    """The buckets of the counted, dated events (see `_restrict`)."""
    restrict = _restrict(new_only)
    sums = ", ".join(
        f"sum(a * greatest({p}_x, 0)) AS {p}_cooperation,"
        f" sum(a * greatest(-{p}_x, 0)) AS {p}_conflict, sum(a * {p}_x * {p}_x) AS {p}_square"
        for p in ("g", "q")
    )
    return f"""
        SELECT origin, coalesce(source_country, '') AS source,
            coalesce(target_country, '') AS target,
            date_diff('day', DATE '1970-01-01', date_trunc('month', event_date))::INTEGER AS month,
            max(date_diff('day', DATE '1970-01-01', event_date))::INTEGER AS last_day,
            count(*) AS events, sum(a) AS evidence, {sums}
        FROM (
            SELECT origin, source_country, target_country, event_date,
                confidence * pow(2.0, date_diff('day', date_trunc('month', event_date),
                    event_date) / {HALF_LIFE_DAYS}) AS a,
                {intensity_sql("goldstein")} AS g_x, {intensity_sql("quad")} AS q_x
            FROM evidence_events WHERE done AND event_date IS NOT NULL{restrict}
        )
        GROUP BY ALL
    """


_SUMS = "events, evidence, g_cooperation, g_conflict, g_square, q_cooperation, q_conflict, q_square"


def _pair_events_sql(new_only: bool) -> str:
    """The rows of `evidence_pair_events` (see `_restrict`), sorted by pair."""
    return f"""
        SELECT least(s.actor_id, t.actor_id), greatest(s.actor_id, t.actor_id), e.origin,
            e.event_date, e.confidence * e.g_x, e.confidence * e.q_x, e.event_id
        FROM (
            SELECT event_id, origin, event_date, source_country, target_country, confidence,
                {intensity_sql("goldstein")} AS g_x, {intensity_sql("quad")} AS q_x
            FROM evidence_events
            WHERE done AND event_date IS NOT NULL AND source_country <> target_country
                {_restrict(new_only)}
        ) e
        JOIN evidence_actors s ON s.code = e.source_country
        JOIN evidence_actors t ON t.code = e.target_country
        ORDER BY 1, 2, e.event_date
    """


def _keyed_sql(new_only: bool) -> str:
    """The rows of `evidence_keyed_events` (migration 11; see `_restrict`), sorted. The table
    has the columns `evidence_events` had then: a migration that changes the view's columns
    must change the table's alike (the rows go in by name)."""
    # The three scans of the events cost less than one materialised copy of them (15 s
    # against 32 s of CPU on the 10M-event bench).
    return f"""
        WITH e AS NOT MATERIALIZED (
            SELECT * FROM evidence_events WHERE done{_restrict(new_only)}
        )
        SELECT * FROM (
            SELECT 's' AS kind, substr(source, 1, 3) AS key, * FROM e WHERE source IS NOT NULL
            UNION ALL
            SELECT 't', substr(target, 1, 3), * FROM e
            WHERE target IS NOT NULL AND substr(target, 1, 3) IS DISTINCT FROM substr(source, 1, 3)
            UNION ALL
            SELECT 'p', lower(issue), * FROM e WHERE issue IS NOT NULL
        )
        ORDER BY kind, key
    """


def _add_monthly_series(con: duckdb.DuckDBPyConnection) -> None:
    """Add the rows of `new_months` (buckets with their ids) to the tables of migration 10:
    by unordered pair, each state's volume and the pooled sums, by month."""
    con.execute(
        """
        INSERT INTO evidence_dyad_months
        SELECT origin, least(source_id, target_id) AS low, greatest(source_id, target_id) AS high,
            month, sum(events), sum(evidence), sum(g_cooperation), sum(g_conflict),
            sum(q_cooperation), sum(q_conflict)
        FROM new_months WHERE pair
        GROUP BY origin, low, high, month ORDER BY low, high, month, origin
        """
    )
    con.execute(
        """
        INSERT INTO evidence_state_months
        SELECT origin, actor_id, month, sum(evidence) FROM (
            SELECT origin, source_id AS actor_id, month, evidence FROM new_months WHERE first
            UNION ALL
            SELECT origin, target_id, month, evidence FROM new_months WHERE second)
        GROUP BY ALL ORDER BY ALL
        """
    )
    con.execute(
        """
        INSERT INTO evidence_pooled_months
        SELECT origin, month, sum(evidence), sum(g_square), sum(q_square) FROM new_months
        WHERE pair GROUP BY ALL ORDER BY ALL
        """
    )


def _add_buckets(con: duckdb.DuckDBPyConnection, new_only: bool, params: list[int]) -> int:
    """Insert the buckets and pair events of the events (see `_restrict`), giving new state
    codes their ids; the number of events read."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE new_buckets AS {_bucket_sql(new_only)}", params)
    con.execute(
        """
        INSERT INTO evidence_actors
        SELECT (SELECT coalesce(max(actor_id), 0) FROM evidence_actors)
            + row_number() OVER (ORDER BY code), code
        FROM (SELECT source AS code FROM new_buckets UNION SELECT target FROM new_buckets)
        WHERE code NOT IN (SELECT code FROM evidence_actors)
        """
    )
    con.execute(
        f"""
        CREATE OR REPLACE TEMP TABLE new_months AS
        SELECT b.origin, s.actor_id AS source_id, t.actor_id AS target_id, b.month, b.last_day,
            {_SUMS}, b.source <> '' AND b.target <> '' AND b.source <> b.target AS pair,
            b.source <> '' AS first, b.target <> '' AND b.target <> b.source AS second
        FROM new_buckets b JOIN evidence_actors s ON s.code = b.source
            JOIN evidence_actors t ON t.code = b.target
        """
    )
    con.execute(
        f"""
        INSERT INTO evidence_months
        SELECT origin, source_id, target_id, month, last_day, {_SUMS} FROM new_months
        ORDER BY origin, month, source_id, target_id
        """
    )
    _add_monthly_series(con)
    con.execute(f"INSERT INTO evidence_pair_events {_pair_events_sql(new_only)}", params)
    con.execute(f"INSERT INTO evidence_keyed_events BY NAME {_keyed_sql(new_only)}", params)
    row = con.execute("SELECT coalesce(sum(events), 0) FROM new_buckets").fetchone()
    con.execute("DROP TABLE new_buckets")
    con.execute("DROP TABLE new_months")
    return int(row[0]) if row else 0


def refresh(con: duckdb.DuckDBPyConnection) -> Refresh:
    """Bring `evidence_months` in step with the events (see the module doc), in one
    transaction. The connection must be writable."""
    stored, half_life = _stored(con)
    now = marks(con)
    if half_life == HALF_LIFE_DAYS and stored == now:
        return Refresh("fresh", 0)
    append = half_life == HALF_LIFE_DAYS and _appended(con, stored, now)
    con.execute("BEGIN TRANSACTION")
    try:
        if append:
            last = [stored.get(t, (0, -1))[1] for t in TABLES]
            events = _add_buckets(con, True, last)
        else:
            for table in (*SERIES_TABLES, *EVENT_TABLES, "evidence_actors"):
                con.execute(f"DELETE FROM {table}")
            events = _add_buckets(con, False, [])
        con.execute("DELETE FROM evidence_months_state")
        con.executemany(
            "INSERT INTO evidence_months_state VALUES (?, ?, ?, ?)",
            [[t, *now[t], HALF_LIFE_DAYS] for t in TABLES],
        )
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")
        raise
    return Refresh("appended" if append else "rebuilt", events)


def ensure_fresh(con: duckdb.DuckDBPyConnection) -> bool:
    """True when the model may read `evidence_months`: fresh already, or refreshed now on a
    writable connection. A read-only connection to a stale table gets False, and so does a
    database without the tables (not migrated: opened other than through `Store`)."""
    found = con.execute(
        "SELECT count(*) FROM duckdb_tables() WHERE table_name = 'evidence_months_state'"
    ).fetchone()
    if not found or not found[0]:
        return False
    if is_fresh(con):
        return True
    if is_read_only(con):
        return False
    refresh(con)
    return True
