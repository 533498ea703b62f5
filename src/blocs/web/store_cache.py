"""Answers kept until the store changes: the model's, and the JSON and pages of the reads.

Every answer is a function of the copy of the store the server reads (`snapshot.py`), which
is replaced only after a write. So each is kept under its key (the model's parameters; a
request's path and query) with the copy's generation, and a later request is answered from
it as long as the generation is the same.

Before a new copy serves, `prepare` recomputes on it every answer read since the previous
copy came (the snapshot calls it with the new copy pinned to its thread), so that requests
go on being answered from kept answers across a write. An answer nobody had read is computed
by the first request that asks for it on the new copy, and the others with the same key wait
for it (one computation, not fifty); with `stale_ok` (the model: 0.3–1 s for scores of every
pair, fifty Leiden runs, change points) they get the answer of the store before the change
instead of waiting; an answer built from such an earlier answer is not kept (it would
outlive the change). The least recently used keys go first.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, TypeVar

T = TypeVar("T")
KEPT = 256
PREPARED = 64  # at most this many answers recomputed ahead of a new copy
log = logging.getLogger("blocs.web")


@dataclass(frozen=True, slots=True)
class _Kept:
    generation: int
    answer: Any
    compute: Callable[[], Any]
    stale_ok: bool


class StoreCache:
    def __init__(self, generation: Callable[[], int], kept: int = KEPT) -> None:
        """`generation()`: the number of the store's state requests read now."""
        self.generation = generation
        self.kept = kept
        self._answers: OrderedDict[Hashable, _Kept] = OrderedDict()
        self._read: OrderedDict[Hashable, None] = OrderedDict()  # since the last `prepare`
        self._computing: dict[Hashable, threading.Event] = {}
        self._lock = threading.Lock()
        self._local = threading.local()  # depth of nested gets, whether one was stale, and
        # whether this thread is preparing

    def peek(self, key: Hashable, generation: int) -> Any | None:
        """The answer kept for `key` if it was computed on copy `generation`, else None."""
        with self._lock:
            kept = self._answers.get(key)
            if kept is None or kept.generation != generation:
                return None
            self._answers.move_to_end(key)
            self._was_read(key)
            return kept.answer

    def _was_read(self, key: Hashable) -> None:
        """With the lock held: `key` is to be prepared for the next copy."""
        if not getattr(self._local, "preparing", False):
            self._read[key] = None
            self._read.move_to_end(key)

    def get(self, key: Hashable, compute: Callable[[], T], stale_ok: bool = False) -> T:
        """The answer for `key` on the store as it is now (see the module doc)."""
        depth: int = getattr(self._local, "depth", 0)
        if depth == 0:
            self._local.stale = False
        while True:
            mark = self.generation()
            with self._lock:
                kept = self._answers.get(key)
                self._was_read(key)
                if kept is not None:
                    self._answers.move_to_end(key)
                    if kept.generation == mark:
                        answer: T = kept.answer
                        return answer
                running = self._computing.get(key)
                if running is not None and kept is not None and stale_ok:
                    self._local.stale = True
                    earlier: T = kept.answer
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
                    self._answers[key] = _Kept(mark, fresh, compute, stale_ok)
                    self._answers.move_to_end(key)
                    while len(self._answers) > self.kept:
                        self._answers.popitem(last=False)
            return fresh
        finally:
            self._local.depth = depth
            with self._lock:
                del self._computing[key]
            done.set()

    def prepare(self) -> None:
        """Recompute the answers read since the last call on the store as `generation()`
        gives it in this thread (a new copy, before it serves)."""
        with self._lock:
            keys = list(self._read)[-PREPARED:]
            self._read.clear()
            todo = [(key, self._answers[key]) for key in keys if key in self._answers]
        self._local.preparing = True
        try:
            for key, kept in todo:
                try:
                    self.get(key, kept.compute, kept.stale_ok)
                except Exception:  # the first request that asks computes it, and answers
                    log.debug("could not prepare %r", key, exc_info=True)
        finally:
            self._local.preparing = False
