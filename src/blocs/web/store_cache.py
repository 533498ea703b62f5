"""Answers kept until the store changes: the model's, and the JSON of the API's reads.

Every answer is a function of the store, which changes only when something writes it. So each
is kept under its key (the model's parameters; a request's path and query) with the store
file's fingerprint (size and modification time of the file and of its write-ahead log: any
write by any process changes one of them), and a later request is answered from it as long
as the fingerprint is the same. When the store has changed, the first request recomputes the
answer and the others with the same key wait for it (one computation, not fifty, holding
the store from a writer meanwhile); with `stale_ok` (the model: 0.3–1 s for scores of every
pair, fifty Leiden runs, change points) they get the answer of the store before the change
instead of waiting; an answer built from such an earlier answer is not kept (it would
outlive the change). The least recently used keys go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
KEPT = 256
Mark = tuple[int, ...]


def fingerprint(db: Path) -> Mark:
    marks: list[int] = []
    for path in (db, db.with_name(db.name + ".wal")):
        try:
            status = path.stat()
            marks += [status.st_size, status.st_mtime_ns]
        except FileNotFoundError:
            marks += [-1, -1]
    return tuple(marks)


class StoreCache:
    def __init__(self, db: Path, kept: int = KEPT) -> None:
        self.db = db
        self.kept = kept
        self._answers: OrderedDict[Hashable, tuple[Mark, Any]] = OrderedDict()
        self._computing: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()
        self._local = threading.local()  # depth of nested gets, and whether one was stale

    def get(self, key: Hashable, compute: Callable[[], T], stale_ok: bool = False) -> T:
        """The answer for `key` on the store as it is now (see the module doc)."""
        depth: int = getattr(self._local, "depth", 0)
        if depth == 0:
            self._local.stale = False
        while True:
            mark = fingerprint(self.db)
            with self._lock:
                kept = self._answers.get(key)
                if kept is not None:
                    self._answers.move_to_end(key)
                    if kept[0] == mark:
                        answer: T = kept[1]
                        return answer
                running = self._computing.get(key)
                if running is not None and kept is not None and stale_ok:
                    self._local.stale = True
                    earlier: T = kept[1]
                    return earlier
                if running is None:
                    done = self._computing[key] = threading.Event()
                    break
            running.wait()
        self._local.depth = depth + 1
        try:
            fresh = compute()
            if not self._local.stale:
                with self._lock:
                    self._answers[key] = (mark, fresh)
                    self._answers.move_to_end(key)
                    while len(self._answers) > self.kept:
                        self._answers.popitem(last=False)
            return fresh
        finally:
            self._local.depth = depth
            with self._lock:
                del self._computing[key]
            done.set()
