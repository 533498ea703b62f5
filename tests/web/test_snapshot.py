"""The server reads its own copy of the store: reads go on while a writer holds the file,
and the first read after the writer lets go shows what it wrote."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.web.live import held_store

from blocs.store.db import Store
from blocs.web.snapshot import StoreSnapshot


def _runs(snapshot: StoreSnapshot) -> int:
    with snapshot.cursor() as con:
        row = con.execute("SELECT count(*) FROM runs").fetchone()
        return int(row[0]) if row else 0


@pytest.fixture
def snapshot(store_copy: Path) -> Iterator[StoreSnapshot]:
    snap = StoreSnapshot(store_copy, wait_s=20)
    yield snap
    snap.close()
    assert not snap.folder.exists()


def test_reads_go_on_while_another_process_holds_the_store(
    snapshot: StoreSnapshot, store_copy: Path
) -> None:
    before = _runs(snapshot)
    generation = snapshot.generation()
    with held_store(store_copy):
        assert _runs(snapshot) == before  # answered from the copy, not kept waiting
        assert snapshot.generation() == generation
    assert _runs(snapshot) == before + 1  # the first read after the write shows it
    assert snapshot.generation() == generation + 1
    assert len(list(snapshot.folder.iterdir())) == 1  # the replaced copy is gone


def test_a_job_of_the_server_is_seen_once_it_says_it_has_written(
    snapshot: StoreSnapshot, store_copy: Path
) -> None:
    before = _runs(snapshot)
    snapshot.writing()
    with Store(store_copy) as store:  # the job's write, in this process
        store.begin_run("test-job", [])
    assert _runs(snapshot) == before  # still the copy from before the job
    snapshot.written()
    assert _runs(snapshot) == before + 1


def test_a_request_in_flight_keeps_its_copy_when_a_newer_one_is_taken(
    snapshot: StoreSnapshot, store_copy: Path
) -> None:
    with snapshot.cursor() as con:
        old = snapshot.folder / f"store-{snapshot.generation()}.duckdb"
        snapshot.writing()
        with Store(store_copy) as store:
            store.begin_run("test-job", [])
        snapshot.written()
        assert old.exists()
        assert con.execute("SELECT count(*) FROM runs").fetchone() is not None
    assert not old.exists()


def test_a_new_copy_is_prepared_before_it_serves(snapshot: StoreSnapshot, store_copy: Path) -> None:
    before = _runs(snapshot)
    seen: dict[str, int] = {}

    def prepare() -> None:
        seen["prepared on"] = _runs(snapshot)
        other = threading.Thread(target=lambda: seen.update({"served": _runs(snapshot)}))
        other.start()
        other.join()

    snapshot.on_new_copy(prepare)
    snapshot.writing()
    with Store(store_copy) as store:
        store.begin_run("test-job", [])
    snapshot.written()
    assert seen == {"prepared on": before + 1, "served": before}
    assert _runs(snapshot) == before + 1


def test_closing_waits_for_the_requests_still_reading(store_copy: Path) -> None:
    snapshot = StoreSnapshot(store_copy)
    with snapshot.cursor() as con:
        snapshot.close()
        row = con.execute("SELECT count(*) FROM runs").fetchone()
        assert row is not None and row[0] >= 1
    assert not snapshot.folder.exists()
