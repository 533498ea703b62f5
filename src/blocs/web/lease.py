"""The server's hold on the store: one read-only connection shared by requests, let go
whenever someone else needs the file.

Why not open the file per request: opening it costs ~65 ms (plus the migration check of
`Store`, ~220 ms in all), too much for a page. Why not hold it for the server's life: DuckDB
lets no other process write the file while it is open, so `blocs ingest` would wait forever.
So the lease holds one connection while requests come (each request reads through its own
cursor) and lets go of the file:

* when no request has come for `idle_s`;
* when the server's own ingest job wants to write (`suspend` ... `resume`): new requests wait,
  the ones in flight finish, the file is closed, and the next request reopens it once the job
  lets go (seeing what it wrote);
* every `hold_s` of continuous holding, for `gap_s`, so that another process waiting for the
  file (its retries are at most 0.25 s apart, `store/connection.py`) gets it. A process that
  waits cannot be seen from here, so the lease learns: when it reopens after a gap and finds
  the file taken, writers are about and the hold stays short (`MIN_HOLD_S`); when nobody took
  it, the next hold is twice as long, up to `MAX_HOLD_S` (where it starts), so a busy server
  with no writer around pauses rarely, and a writer that comes waits at most `MAX_HOLD_S`
  once (well within `$BLOCS_LOCK_TIMEOUT`), then about `MIN_HOLD_S` each time it reopens.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from blocs.errors import StoreError
from blocs.store.connection import connect

MIN_HOLD_S = 1.0
MAX_HOLD_S = 20.0
GAP_S = 0.3
IDLE_S = 0.5
TICK_S = 0.05


class StoreBusy(StoreError):
    """The store stayed taken by a writer for longer than a request may wait."""


class StoreLease:
    """A read-only connection to `path`, shared by request threads (see the module doc)."""

    def __init__(
        self,
        path: Path,
        wait_s: float = 15.0,
        idle_s: float = IDLE_S,
        max_hold_s: float = MAX_HOLD_S,
    ) -> None:
        self.path = path
        self.wait_s = wait_s
        self.idle_s = idle_s
        self.max_hold_s = max_hold_s
        self.hold_s = max_hold_s
        self._cond = threading.Condition()
        self._con: duckdb.DuckDBPyConnection | None = None
        self._users = 0
        self._blocked = 0  # suspensions by the server's writers, plus a yield gap in course
        self._opening = False
        self._after_gap = False
        self._opened_at = 0.0
        self._last_used = 0.0
        self._stop = threading.Event()
        self._janitor = threading.Thread(target=self._watch, name="blocs-lease", daemon=True)
        self._janitor.start()

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for one request; waits while a writer has the file."""
        con = self._acquire()
        try:
            cursor = con.cursor()
            try:
                yield cursor
            finally:
                cursor.close()
        finally:
            self._release()

    def _acquire(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + self.wait_s
        with self._cond:
            while self._blocked or self._opening:
                if not self._cond.wait(timeout=max(0.0, deadline - time.monotonic())):
                    raise StoreBusy(f"{self.path}: busy with a write; try again shortly")
            if self._con is None:
                self._opening = True
                try:
                    self._cond.release()
                    try:
                        con = self._open(deadline)
                    finally:
                        self._cond.acquire()
                    self._con = con
                    self._opened_at = time.monotonic()
                finally:
                    self._opening = False
                    self._cond.notify_all()
            self._users += 1
            return self._con

    def _open(self, deadline: float) -> duckdb.DuckDBPyConnection:
        """Open the file; after a yield gap, learn from whether someone had taken it."""
        try:
            con = duckdb.connect(str(self.path), read_only=True)
            taken = False
        except duckdb.Error:
            taken = True
            try:
                con = connect(self.path, True, max(0.0, deadline - time.monotonic()))
            except StoreError as exc:
                raise StoreBusy(f"{self.path}: busy with a write; try again shortly") from exc
        if self._after_gap:
            self.hold_s = MIN_HOLD_S if taken else min(self.max_hold_s, self.hold_s * 2)
            self._after_gap = False
        return con

    def _release(self) -> None:
        with self._cond:
            self._users -= 1
            self._last_used = time.monotonic()
            self._cond.notify_all()

    def _close_when_unused(self) -> None:
        """With the condition held: wait for the requests in flight, then close."""
        while self._users or self._opening:
            self._cond.wait()
        if self._con is not None:
            self._con.close()
            self._con = None

    def suspend(self) -> None:
        """Let go of the file for a writer of this server; blocks until it is closed."""
        with self._cond:
            self._blocked += 1
            self._close_when_unused()

    def resume(self) -> None:
        """The writer is done with the file: requests may reopen it."""
        with self._cond:
            self._blocked -= 1
            self._cond.notify_all()

    def _watch(self) -> None:
        while not self._stop.wait(TICK_S):
            now = time.monotonic()
            with self._cond:
                if self._con is None or self._blocked:
                    continue
                idle = not self._users and now - self._last_used > self.idle_s
                if not idle and now - self._opened_at < self.hold_s:
                    continue
                self._blocked += 1
                self._close_when_unused()
            if not idle:  # a gap, in which a waiting process can take the file
                self._stop.wait(GAP_S)
            with self._cond:
                self._after_gap = not idle
                self._blocked -= 1
                self._cond.notify_all()

    def close(self) -> None:
        self._stop.set()
        self._janitor.join()
        with self._cond:
            self._close_when_unused()
