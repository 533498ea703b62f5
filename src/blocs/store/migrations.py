"""Versioned schema migrations: `migrations/NNN_name.sql`, each applied once, in order."""

from __future__ import annotations

from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import duckdb

from blocs.errors import StoreError
from blocs.store.connection import connect


def available_migrations() -> list[tuple[int, str, str]]:
    """(version, name, sql) of every migration file shipped in the package, in order."""
    found = []
    for entry in resources.files("blocs.store").joinpath("migrations").iterdir():
        name = entry.name
        if not name.endswith(".sql"):
            continue
        number, _, rest = name.partition("_")
        found.append((int(number), rest.removesuffix(".sql"), entry.read_text(encoding="utf-8")))
    return sorted(found)


def applied_versions(con: duckdb.DuckDBPyConnection) -> set[int]:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMPTZ NOT NULL)"
    )
    return {int(row[0]) for row in con.execute("SELECT version FROM schema_migrations").fetchall()}


def migrate(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Apply the migrations this database lacks, each in its own transaction."""
    done = applied_versions(con)
    shipped = available_migrations()
    newest_known = max((v for v, _, _ in shipped), default=0)
    if done and max(done) > newest_known:
        raise StoreError(
            f"the database has schema version {max(done)}, newer than this blocs knows "
            f"({newest_known}); upgrade blocs"
        )
    applied = []
    for version, name, sql in shipped:
        if version in done:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations VALUES (?, ?, ?)",
                [version, name, datetime.now(UTC)],
            )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(f"migration {version} ({name}) failed: {exc}") from exc
        applied.append(version)
    return applied


def needs_migration(path: Path, wait_s: float) -> bool:
    """True when the database file lacks a migration this blocs ships."""
    con = connect(path, True, wait_s)
    try:
        tables = {
            r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()
        }
        if "schema_migrations" not in tables:
            return True
        done = {int(r[0]) for r in con.execute("SELECT version FROM schema_migrations").fetchall()}
    finally:
        con.close()
    return any(version not in done for version, _, _ in available_migrations())
