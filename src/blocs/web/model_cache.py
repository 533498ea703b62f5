"""Model answers kept until the store changes.

The alignment model takes 0.3–1 s for a page (scores every pair, runs Leiden fifty times,
fits change points), while its inputs change only when something writes the store. So each
answer is kept under its parameters with the store file's fingerprint (size and modification
time of the file and of its write-ahead log: any write by any process changes one of them).
When the store has changed, the first request recomputes the answer; requests that come
meanwhile get the answer of the store before the change rather than computing it again each
(fifty clients would otherwise compute it fifty times over, holding the store from the
writer), or wait for it when there was none. The least recently used keys go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
KEPT = 64
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


class ModelCache:
    def __init__(self, db: Path, kept: int = KEPT) -> None:
        self.db = db
        self.kept = kept
        self._answers: OrderedDict[Hashable, tuple[Mark, Any]] = OrderedDict()
        self._computing: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer for `key` on the store as it is now (see the module doc)."""
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
                if running is not None and kept is not None:
                    earlier: T = kept[1]
                    return earlier
                if running is None:
                    done = self._computing[key] = threading.Event()
                    break
            running.wait()
        try:
            fresh = compute()
            with self._lock:
                self._answers[key] = (mark, fresh)
                self._answers.move_to_end(key)
                while len(self._answers) > self.kept:
                    self._answers.popitem(last=False)
            return fresh
        finally:
            with self._lock:
                del self._computing[key]
            done.set()
