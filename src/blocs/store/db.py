"""The DuckDB store: opening, migrating, runs and failures.

One embedded database file is the default store (`blocs.duckdb`). Writing articles is in
`store/writer.py`, reading them in `store/queries.py`.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

import duckdb

from blocs import __version__
from blocs.errors import StoreError
from blocs.records import InputFailure
from blocs.store.migrations import migrate, needs_migration

DEFAULT_DB = Path("blocs.duckdb")


def new_run_id() -> str:
    """Sortable and unique: UTC time plus random hex."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)


class Store:
    """An open blocs database; use as a context manager."""

    def __init__(self, path: Path | str = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = Path(path)
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such database; run `blocs ingest` first")
        if read_only and needs_migration(self.path):
            Store(self.path).close()  # bring an older database up to this schema first
        try:
            self.con = duckdb.connect(str(self.path), read_only=read_only)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: cannot open the database ({exc})") from exc
        if not read_only:
            migrate(self.con)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def begin_run(self, command: str, inputs: list[str]) -> str:
        run_id = new_run_id()
        self.con.execute(
            "INSERT INTO runs (run_id, command, inputs, blocs_version, started_at, status)"
            " VALUES (?, ?, ?, ?, ?, 'running')",
            [run_id, command, inputs, __version__, datetime.now(UTC)],
        )
        return run_id

    def finish_run(self, run_id: str, status: str, documents_read: int) -> None:
        self.con.execute(
            "UPDATE runs SET status = ?, finished_at = ?, documents_read = ? WHERE run_id = ?",
            [status, datetime.now(UTC), documents_read, run_id],
        )

    def record_failures(self, run_id: str, failures: list[InputFailure]) -> None:
        if not failures:
            return
        now = datetime.now(UTC)
        self.con.executemany(
            "INSERT INTO failures VALUES (?, ?, ?, ?, ?, ?)",
            [[run_id, f.source, f.stage, f.message, __version__, now] for f in failures],
        )
        self.con.execute(
            "UPDATE runs SET failures = failures + ? WHERE run_id = ?", [len(failures), run_id]
        )
