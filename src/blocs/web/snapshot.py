"""What the server reads: a private copy of the store, replaced by a fresh copy after each
write, so that requests never wait for a writer.

DuckDB lets no other process open a file while one writes it, not even to read. A server
that read the store itself would have to stop answering whenever an ingest writes, and make
ingests wait while it reads. So the server reads a copy of the file (and of its write-ahead
log) in a folder of its own, which nobody else opens, through one read-only connection that
stays open (each request reads through its own cursor).

A new copy is taken after every write, holding the store read-only for the few milliseconds
of the copy (a writer's open waits meanwhile, as opens do: `store/connection.py`):

* the server's own ingest jobs say when they start and end (`writing` ... `written`), and
  when they let go of the file between two writes (`between_writes`): a copy is taken then
  unless taking copies would fill more than `COPY_SHARE` of the job's time (a large store
  costs more to copy); `written` returns once the last copy serves, so a job is reported
  done only when reads show all it wrote;
* a write by another process changes the store file's fingerprint (size and modification
  time of the file and of its log); the first request that sees the change takes the new
  copy (the others wait for it, as they would for a query), unless the file is taken by a
  writer: then nothing newer can be read by anyone, and the copy in use still answers.

Before a new copy serves, the answers kept for the old one that requests read are
recomputed on it (`on_new_copy`, `StoreCache.prepare`), so a write does not leave the next
requests to recompute them. Requests in flight finish on the copy they started on; a
replaced copy is closed and deleted when its last request ends. `generation` numbers the
copies, for keeping answers per copy (`store_cache.py`).
"""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from blocs.errors import StoreError
from blocs.store.connection import connect

Mark = tuple[int, ...]
RETRY_S = 0.05  # after finding the store taken by another process, how long to keep the copy
# (unless the file changes meanwhile: a writer that lets go checkpoints it, see `_waiting`)
COPY_SHARE = 0.25  # of a job's time, at most, spent taking copies between its writes


def fingerprint(db: Path) -> Mark:
    """Size and modification time of the file and of its write-ahead log: any write by any
    process changes one of them."""
    marks: list[int] = []
    for path in (db, _wal(db)):
        try:
            status = path.stat()
            marks += [status.st_size, status.st_mtime_ns]
        except FileNotFoundError:
            marks += [-1, -1]
    return tuple(marks)


def _wal(db: Path) -> Path:
    return db.with_name(db.name + ".wal")


def _folder_beside(db: Path) -> Path:
    """A folder of this server's own for the copies: beside the store (same disk) when it
    may be written there, else in the temporary folder."""
    try:
        return Path(tempfile.mkdtemp(prefix=f".{db.name}.snapshot-", dir=db.parent))
    except OSError:
        return Path(tempfile.mkdtemp(prefix="blocs-snapshot-"))


class _Copy:
    """One copy of the store, its connection, and the requests reading it."""

    def __init__(self, path: Path, source: Mark, generation: int) -> None:
        self.path = path
        self.source = source
        self.generation = generation
        self.con = duckdb.connect(str(path), read_only=True)
        self.users = 0
        self.retired = False

    def discard(self) -> None:
        self.con.close()
        for path in (self.path, _wal(self.path)):
            path.unlink(missing_ok=True)


class StoreSnapshot:
    """The server's read-only copy of the store at `path` (see the module doc)."""

    def __init__(self, path: Path, wait_s: float = 15.0) -> None:
        self.path = path
        self.wait_s = wait_s
        self.folder = _folder_beside(path)
        self._lock = threading.Lock()  # guards the fields below
        self._taking = threading.Lock()  # one copy taken at a time
        self._copy: _Copy | None = None
        self._writers = 0  # the server's own jobs holding the store
        self._retry_at = 0.0
        self._retry_mark: Mark = ()  # the store's fingerprint when it was found taken
        self._generation = 0
        self._copied_at = 0.0  # when the last copy began to serve
        self._copy_s = 0.0  # how long it took to take and prepare
        self._prepare: Callable[[], None] | None = None
        self._pinned = threading.local()  # the copy being prepared, in the preparing thread
        try:
            self._take(wait_s)
        except BaseException:
            shutil.rmtree(self.folder, ignore_errors=True)
            raise

    def on_new_copy(self, prepare: Callable[[], None]) -> None:
        """Call `prepare` with each new copy pinned to its thread (`cursor` and `generation`
        give that copy there) before the copy serves requests."""
        self._prepare = prepare

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor on the newest copy, for one request."""
        pinned: _Copy | None = getattr(self._pinned, "copy", None)
        if pinned is None:
            self.refresh()
        with self._lock:
            copy = pinned or self._copy
            if copy is None:
                raise StoreError(f"{self.path}: the server is shutting down")
            copy.users += 1
        try:
            cursor = copy.con.cursor()
            try:
                yield cursor
            finally:
                cursor.close()
        finally:
            with self._lock:
                copy.users -= 1
                last = copy.retired and not copy.users
            if last:
                copy.discard()

    def generation(self) -> int:
        """The number of the copy requests read now (after taking a newer one if the store
        changed)."""
        pinned: _Copy | None = getattr(self._pinned, "copy", None)
        if pinned is not None:
            return pinned.generation
        self.refresh()
        with self._lock:
            return self._generation

    def settled_generation(self) -> int | None:
        """The number of the copy requests read now, or None when a newer copy is to be
        taken first (which this does not do: it is for callers that must not wait)."""
        with self._lock:
            copy, writers = self._copy, self._writers
            generation = self._generation
        if copy is None:
            return None
        mark = fingerprint(self.path)
        if writers or self._waiting(mark) or copy.source == mark:
            return generation
        return None

    def _waiting(self, mark: Mark) -> bool:
        """Was the store found taken a moment ago (`RETRY_S`), and is it as it was then? A
        writer that lets go of the file changes it (its close checkpoints the log), so the
        first request after that takes the new copy at once."""
        with self._lock:
            return time.monotonic() < self._retry_at and mark == self._retry_mark

    def refresh(self) -> None:
        """Take a new copy if another process changed the store and has let go of it."""
        if self._copy is not None and self.settled_generation() is None:
            self._take(wait_s=0.0)

    def writing(self) -> None:
        """One of the server's jobs starts: keep answering from the copy until it ends."""
        with self._taking, self._lock:
            self._writers += 1

    def before_write(self) -> None:
        """The job is about to open the store: wait for a copy being taken of it."""
        with self._taking:
            pass

    def between_writes(self) -> None:
        """The job has let go of the store for a while: take a copy unless copies take
        more than `COPY_SHARE` of the time."""
        if time.monotonic() - self._copied_at >= self._copy_s / COPY_SHARE:
            self._take(wait_s=self.wait_s)

    def written(self) -> None:
        """The job has ended: take the new copy, then let requests check the store."""
        try:
            self._take(wait_s=self.wait_s)
        finally:
            with self._lock:
                self._writers -= 1

    def _take(self, wait_s: float) -> None:
        started = time.monotonic()
        with self._taking:
            current = self._copy
            if current is not None and current.source == fingerprint(self.path):
                return  # another request took it meanwhile
            if wait_s == 0.0 and self._waiting(fingerprint(self.path)):
                return  # another request found the store taken a moment ago
            try:
                source = connect(self.path, True, wait_s) if wait_s else self._open_now()
            except StoreError:
                if current is None:
                    raise
                mark = fingerprint(self.path)
                with self._lock:
                    self._retry_at = time.monotonic() + RETRY_S
                    self._retry_mark = mark
                return
            try:
                mark = fingerprint(self.path)
                target = self.folder / f"store-{self._generation + 1}.duckdb"
                shutil.copyfile(self.path, target)
                if _wal(self.path).exists():
                    shutil.copyfile(_wal(self.path), _wal(target))
            finally:
                source.close()
            fresh = _Copy(target, mark, self._generation + 1)
            if self._prepare is not None:
                self._pinned.copy = fresh
                try:
                    self._prepare()
                finally:
                    self._pinned.copy = None
            with self._lock:
                self._copy, self._generation = fresh, fresh.generation
                self._copied_at = time.monotonic()
                self._copy_s = self._copied_at - started
                last = current is not None and not current.users
                if current is not None:
                    current.retired = True
            if current is not None and last:
                current.discard()

    def _open_now(self) -> duckdb.DuckDBPyConnection:
        try:
            return duckdb.connect(str(self.path), read_only=True)
        except duckdb.Error as exc:
            raise StoreError(f"{self.path}: taken by another process") from exc

    def close(self) -> None:
        """Stop serving: the copy is closed once the requests still reading it end."""
        with self._taking, self._lock:
            copy, self._copy = self._copy, None
            last = copy is not None and not copy.users
            if copy is not None:
                copy.retired = True
        if copy is not None and last:
            copy.discard()
        shutil.rmtree(self.folder, ignore_errors=True)
