"""Migrations that change the evidence the model reads, run on a store made by an older
blocs: what such a store holds comes through the new schema."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import duckdb

from blocs.store.db import Store
from blocs.store.migrations import applied_versions, available_migrations


def _older_store(path: Path, newest: int) -> None:
    """A store with the migrations up to `newest` only, as an older blocs left it."""
    con = duckdb.connect(str(path))
    applied_versions(con)
    for version, name, sql in available_migrations():
        if version <= newest:
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)", [version, name, datetime.now(UTC)]
            )
    con.close()


def _coded(con: duckdb.DuckDBPyConnection, event_id: str, origin: str, text: str) -> None:
    con.execute(
        "INSERT INTO coded_events (event_id, origin, source_file, row_number, event_date,"
        " source_country, target_country, cameo, cameo_root, text, import_id, imported_at,"
        " blocs_version) VALUES (?, ?, 'f', 2, ?, 'FRA', 'DEU', '040', '04', ?, 'i', ?, 'old')",
        [event_id, origin, date(2018, 6, 1), text, datetime.now(UTC)],
    )


def test_migration_8_moves_labels_and_source_keys_out_of_the_sentence(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    _older_store(path, 7)
    con = duckdb.connect(str(path))
    _coded(con, "icews:1", "icews", "Consult")
    _coded(con, "phoenix:1", "phoenix", "wn_world;wn_asia")
    before = con.execute("SELECT event_id, sentence FROM evidence_events ORDER BY 1").fetchall()
    con.close()
    assert before == [("icews:1", "Consult"), ("phoenix:1", "wn_world;wn_asia")]
    with Store(path) as store:
        after = store.con.execute(
            "SELECT event_id, sentence, label, outlet FROM evidence_events ORDER BY 1"
        ).fetchall()
        left = store.con.execute("SELECT count(text) FROM coded_events").fetchone()
    assert after == [
        ("icews:1", None, "Consult", None),
        ("phoenix:1", None, None, "wn_world;wn_asia"),
    ]
    assert left == (0,)
