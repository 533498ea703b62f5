"""Answers kept until the store changes: the model's, and the JSON of the API's reads.

Every answer is a function of the copy of the store the server reads (`snapshot.py`), which
is replaced only after a write. So each is kept under its key (the model's parameters; a
request's path and query) with the copy's generation, and a later request is answered from
it as long as the generation is the same. When a new copy serves, the first request
recomputes the answer and the others with the same key wait for it (one computation, not
fifty); with `stale_ok` (the model: 0.3–1 s for scores of every
pair, fifty Leiden runs, change points) they get the answer of the store before the change
instead of waiting; an answer built from such an earlier answer is not kept (it would
outlive the change). The least recently used keys go first.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

T = TypeVar("T")
KEPT = 256


class StoreCache:
    def __init__(self, generation: Callable[[], int], kept: int = KEPT) -> None:
        """`generation()`: the number of the store's state requests read now."""
        self.generation = generation
        self.kept = kept
        self._answers: OrderedDict[Hashable, tuple[int, Any]] = OrderedDict()
        self._computing: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()
        self._local = threading.local()  # depth of nested gets, and whether one was stale

    def peek(self, key: Hashable, generation: int) -> Any | None:
        """The answer kept for `key` if it was computed on copy `generation`, else None."""
        with self._lock:
            kept = self._answers.get(key)
            if kept is None or kept[0] != generation:
                return None
            self._answers.move_to_end(key)
            return kept[1]

    def get(self, key: Hashable, compute: Callable[[], T], stale_ok: bool = False) -> T:
        """The answer for `key` on the store as it is now (see the module doc)."""
        depth: int = getattr(self._local, "depth", 0)
        if depth == 0:
            self._local.stale = False
        while True:
            mark = self.generation()
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
