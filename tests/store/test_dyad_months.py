"""The monthly series tables of migration 10 stay what `evidence_months` sums to, by
unordered pair, by state and pooled, after every kind of refresh."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pytest

from blocs.store.aggregates import _keyed_sql, is_fresh, refresh
from blocs.store.db import Store
from blocs.store.migrations import applied_versions, available_migrations

# The same sums, from evidence_months and from each table of migration 10.
_CODES = """
    SELECT m.*, s.code AS source, t.code AS target FROM evidence_months m
    JOIN evidence_actors s ON s.actor_id = m.source_id
    JOIN evidence_actors t ON t.actor_id = m.target_id
"""
EXPECTED = {
    "dyads": f"""
        SELECT origin, least(source_id, target_id), greatest(source_id, target_id), month,
            sum(events), sum(evidence), sum(g_cooperation), sum(g_conflict),
            sum(q_cooperation), sum(q_conflict)
        FROM ({_CODES}) WHERE source <> '' AND target <> '' AND source <> target
        GROUP BY ALL ORDER BY ALL
    """,
    "states": f"""
        SELECT origin, actor_id, month, sum(evidence) FROM (
            SELECT origin, source_id AS actor_id, month, evidence FROM ({_CODES})
            WHERE source <> ''
            UNION ALL
            SELECT origin, target_id, month, evidence FROM ({_CODES})
            WHERE target <> '' AND target <> source)
        GROUP BY ALL ORDER BY ALL
    """,
    "pooled": f"""
        SELECT origin, month, sum(evidence), sum(g_square), sum(q_square) FROM ({_CODES})
        WHERE source <> '' AND target <> '' AND source <> target GROUP BY ALL ORDER BY ALL
    """,
}
FOUND = {
    "dyads": """
        SELECT origin, low_id, high_id, month, sum(events), sum(evidence), sum(g_cooperation),
            sum(g_conflict), sum(q_cooperation), sum(q_conflict)
        FROM evidence_dyad_months GROUP BY ALL ORDER BY ALL
    """,
    "states": """
        SELECT origin, actor_id, month, sum(volume) FROM evidence_state_months
        GROUP BY ALL ORDER BY ALL
    """,
    "pooled": """
        SELECT origin, month, sum(evidence), sum(g_square), sum(q_square)
        FROM evidence_pooled_months GROUP BY ALL ORDER BY ALL
    """,
}


def _coded(con: duckdb.DuckDBPyConnection, rows: list[tuple[Any, ...]]) -> None:
    """Imported events: (id, origin, day, source state, target state, goldstein)."""
    for event_id, origin, day, source, target, goldstein in rows:
        con.execute(
            "INSERT INTO coded_events (event_id, origin, source_file, row_number, event_date,"
            " source, source_country, target, target_country, cameo, cameo_root, quad_class,"
            " goldstein, plover, import_id, imported_at, blocs_version) VALUES (?, ?, 'f', 1,"
            " ?, ?, ?, ?, ?, '040', '04', ?, ?, 'CONSULT', 'i', ?, 't')",
            [
                f"{origin}:{event_id}",
                origin,
                day,
                source,
                source,
                target,
                target,
                1 if goldstein >= 0 else 3,
                goldstein,
                datetime.now(UTC),
            ],
        )


def _events(first: int, n: int) -> list[tuple[Any, ...]]:
    """Both directions of a few pairs, one state alone (a missing partner) and with
    itself, two origins, over three months."""
    pairs = [("FRA", "RUS"), ("RUS", "FRA"), ("USA", "FRA"), ("TUR", None), ("DEU", "DEU")]
    rows = []
    for i in range(first, first + n):
        source, target = pairs[i % len(pairs)]
        day = date(2021, 1 + i % 3, 1 + i % 27)
        rows.append((i, ("gdelt2", "icews")[i % 2], day, source, target, (i % 21) - 10.0))
    return rows


def _same(con: duckdb.DuckDBPyConnection) -> None:
    """Asserts each table of migration 10 holds what evidence_months sums to."""
    for name, query in EXPECTED.items():
        expected = con.execute(query).fetchall()
        found = con.execute(FOUND[name]).fetchall()
        assert len(found) == len(expected) > 0, name
        for e, f in zip(expected, found, strict=True):
            assert f[0] == e[0] and f[1:] == pytest.approx(e[1:], rel=1e-12), name


def test_the_series_tables_stay_in_step_after_appends_and_rebuilds(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        con = store.con
        _coded(con, _events(0, 40))
        assert refresh(con).action == "rebuilt"
        _same(con)
        dyad_rows = "SELECT count(*) FROM evidence_dyad_months"
        before = con.execute(dyad_rows).fetchone()
        _coded(con, _events(40, 25))  # the same buckets, and new ones
        assert refresh(con).action == "appended"
        after = con.execute(dyad_rows).fetchone()
        assert before and after and after[0] > before[0]  # buckets of two rows
        _same(con)
        con.execute("DELETE FROM coded_events WHERE row_number = 1 AND event_id LIKE '%3'")
        assert refresh(con).action == "rebuilt"
        _same(con)
        pairs = con.execute(
            "SELECT count(*) FROM evidence_dyad_months WHERE low_id >= high_id"
        ).fetchone()
        assert pairs == (0,)  # two different states, lower id first


def test_the_keyed_events_after_an_append_are_those_of_a_full_build(tmp_path: Path) -> None:
    with Store(tmp_path / "s.duckdb") as store:
        con = store.con
        _coded(con, _events(0, 30))
        refresh(con)
        _coded(con, _events(30, 20))
        assert refresh(con).action == "appended"
        kept = con.execute(
            "SELECT kind, key, event_id, event_date, source, target FROM evidence_keyed_events"
            " ORDER BY ALL"
        ).fetchall()
        full = con.execute(
            "SELECT kind, key, event_id, event_date, source, target"
            f" FROM ({_keyed_sql(False)}) ORDER BY ALL"
        ).fetchall()
        kinds = {row[0] for row in kept}
    assert kept == full
    assert len(kept) > 50 and kinds == {"s", "t"}  # each event under its source and target


def test_migration_10_makes_an_older_store_rebuild_its_sums(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    applied_versions(con)
    for version, name, sql in available_migrations():
        if version <= 9:
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, datetime.now(UTC)]
            )
    con.close()
    with Store(path) as store:
        _coded(store.con, _events(0, 30))
        refresh(store.con)
        store.con.execute("DELETE FROM evidence_dyad_months")  # as if made before migration 10
        store.con.execute("DELETE FROM schema_migrations WHERE version = 10")
        for table in ("evidence_dyad_months", "evidence_state_months", "evidence_pooled_months"):
            store.con.execute(f"DROP TABLE {table}")
    with Store(path) as store:  # migrates: the sums are stale until the next refresh
        assert not is_fresh(store.con)
        assert refresh(store.con).action == "rebuilt"
        _same(store.con)
