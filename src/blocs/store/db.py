"""The DuckDB store: opening, migrating, runs and failures.

One embedded database file is the default store (`blocs.duckdb`). Writing articles is in
`store/writer.py`, reading them in `store/queries.py`.

Sharing a file between processes: DuckDB lets one process hold a file for writing and no
other process open it meanwhile, not even to read. So blocs holds the file only while it
reads or writes: an ingest lets go of it while it reads and cleans a batch (`released`), and
every open waits for the file to be free (up to `$BLOCS_LOCK_TIMEOUT` seconds, 60 by
default) before it fails with a message saying which process holds it. Readers therefore
work while an ingest runs, and two ingests on one file take turns batch by batch.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from blocs import __version__
from blocs.errors import StoreError
from blocs.records import InputFailure
from blocs.store.connection import connect, lock_timeout
from blocs.store.migrations import migrate, needs_migration

DEFAULT_DB = Path("blocs.duckdb")


def new_run_id() -> str:
    """Sortable and unique: UTC time plus random hex."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S") + "-" + secrets.token_hex(3)


class Store:
    """An open blocs database; use as a context manager."""

    def __init__(
        self, path: Path | str = DEFAULT_DB, read_only: bool = False, wait_s: float | None = None
    ) -> None:
        self.path = Path(path)
        self.read_only = read_only
        self.wait_s = lock_timeout() if wait_s is None else wait_s
        if read_only and not self.path.exists():
            raise StoreError(f"{self.path}: no such database; run `blocs ingest` first")
        if read_only and needs_migration(self.path, self.wait_s):
            Store(self.path, wait_s=self.wait_s).close()  # bring an older file up to date
        self.con = connect(self.path, read_only, self.wait_s)
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

    @contextmanager
    def released(self) -> Iterator[None]:
        """Let go of the file for a while (other processes may read or write it), then
        take it back, waiting as an open does. `con` must not be used inside."""
        self.con.close()
        try:
            yield
        finally:
            self.con = connect(self.path, self.read_only, self.wait_s)

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
