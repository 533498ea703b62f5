"""Model answers kept until the store changes.

The alignment model takes 0.3–1 s for a page (scores every pair, runs Leiden fifty times,
fits change points), while its inputs change only when something writes the store. So each
answer is kept under its parameters and the store file's fingerprint (size and modification
time of the file and of its write-ahead log: any write by any process changes one of them);
a later write makes every kept answer unreachable, and the oldest go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")
KEPT = 64


def fingerprint(db: Path) -> tuple[int, ...]:
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
        self._answers: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The kept answer for `key` on the store as it is now, computing it if needed."""
        full = (key, fingerprint(self.db))
        with self._lock:
            if full in self._answers:
                self._answers.move_to_end(full)
                answer: T = self._answers[full]
                return answer
        answer = compute()
        with self._lock:
            self._answers[full] = answer
            while len(self._answers) > self.kept:
                self._answers.popitem(last=False)
        return answer
