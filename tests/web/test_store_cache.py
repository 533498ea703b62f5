"""Answers kept until a newer copy of the store serves; the model's earlier answer while it
is recomputed."""

from __future__ import annotations

import threading

from blocs.web.store_cache import StoreCache


class Generations:
    """A stand-in for the snapshot's generation counter."""

    def __init__(self) -> None:
        self.now = 1

    def __call__(self) -> int:
        return self.now


def test_an_answer_is_kept_until_the_generation_changes() -> None:
    generation = Generations()
    cache = StoreCache(generation)
    calls: list[int] = []
    assert cache.get("k", lambda: calls.append(1) or 1) == 1
    assert cache.get("k", lambda: calls.append(2) or 2) == 1
    generation.now += 1
    assert cache.get("k", lambda: calls.append(3) or 3) == 3
    assert calls == [1, 3]


def test_while_one_request_recomputes_the_others_get_the_earlier_answer_if_allowed() -> None:
    generation = Generations()
    cache = StoreCache(generation)
    cache.get("model", lambda: "old", stale_ok=True)
    generation.now += 1
    started, release = threading.Event(), threading.Event()

    def slow() -> str:
        started.set()
        release.wait(10)
        return "new"

    worker = threading.Thread(target=lambda: cache.get("model", slow, stale_ok=True))
    worker.start()
    assert started.wait(10)
    assert cache.get("model", lambda: "never", stale_ok=True) == "old"
    # an answer built from the earlier one is not kept under the new store
    assert cache.get("page", lambda: cache.get("model", lambda: "x", stale_ok=True)) == "old"
    release.set()
    worker.join()
    assert cache.get("model", lambda: "never", stale_ok=True) == "new"
    assert cache.get("page", lambda: cache.get("model", lambda: "x", stale_ok=True)) == "new"


def test_prepare_recomputes_on_the_new_copy_what_was_read_on_the_last() -> None:
    generation = Generations()
    cache = StoreCache(generation)
    store = {"value": "old"}
    calls: list[str] = []

    def compute() -> str:
        calls.append(store["value"])
        return store["value"]

    cache.get("read", compute)
    cache.get("unread", compute)
    generation.now = 2  # a new copy, with both read on the one before
    cache.prepare()
    assert calls == ["old"] * 4
    assert cache.peek("read", 2) == "old"  # read on copy 2 (as a request answered here)
    store["value"] = "new"
    generation.now = 3
    cache.prepare()
    assert calls == ["old"] * 4 + ["new"]  # only what was read since
    assert cache.peek("read", 3) == "new"
    assert cache.peek("unread", 3) is None
