"""The Dask runner gives the rows of a local ingest, also when a worker dies mid-run, and
its shards merge into a store idempotently. The cluster is a LocalCluster of two worker
processes bound to 127.0.0.1 (each loads the spaCy model once)."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from same_rows import snapshot, write_corpus

from blocs.pipeline import ExtractionConfig, run_ingest
from blocs.process import Result
from blocs.scale.cluster import dask_client
from blocs.scale.merge import merge_shards
from blocs.scale.runner import DaskRunner
from blocs.store.db import Store

Snapshot = dict[str, list[tuple[object, ...]]]


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), documents=24)


@pytest.fixture(scope="module")
def local_rows(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Snapshot:
    path = tmp_path_factory.mktemp("local") / "local.duckdb"
    with Store(path) as store:
        run_ingest([str(corpus)], store, batch_size=5, extraction=ExtractionConfig())
    return snapshot(path)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with dask_client("local", workers=2) as client:
        yield client


def _dask_ingest(corpus: Path, db: Path, runner: DaskRunner) -> None:
    with Store(db) as store:
        run_ingest([str(corpus)], store, batch_size=5, extraction=ExtractionConfig(), runner=runner)


def test_dask_ingest_gives_the_rows_of_a_local_ingest(
    corpus: Path, local_rows: Snapshot, client: Any, tmp_path: Path
) -> None:
    _dask_ingest(corpus, tmp_path / "dask.duckdb", DaskRunner(client, tmp_path / "shards"))
    rows = snapshot(tmp_path / "dask.duckdb")
    assert rows == local_rows
    assert rows["events"] and rows["failures"] == []
    assert list((tmp_path / "shards").iterdir()) == []  # read and removed


def test_shards_merged_twice_add_nothing_the_second_time(
    corpus: Path, local_rows: Snapshot, client: Any, tmp_path: Path
) -> None:
    shards = tmp_path / "shards"
    _dask_ingest(corpus, tmp_path / "dask.duckdb", DaskRunner(client, shards, keep=True))
    with Store(tmp_path / "merged.duckdb") as store:
        run_id = store.begin_run("merge", [str(shards)])
        first = merge_shards(store, shards, run_id)
        again = merge_shards(store, shards, run_id)
    assert first.articles_added == len(local_rows["articles"])
    assert (again.articles_added, again.events_added) == (0, 0)
    assert again.unchanged == len(local_rows["documents"])
    merged = snapshot(tmp_path / "merged.duckdb")
    assert merged["articles"] == local_rows["articles"]
    assert merged["events"] == local_rows["events"]


class _KillingRunner(DaskRunner):
    """Kills a worker process while it runs a task of a batch, once (a batch whose tasks
    are done before a worker is seen busy is let go, and the next one is tried)."""

    killed: int | None = None

    def collect(self, futures: list[Any]) -> list[Result]:
        if self.killed is None:
            self.killed = _kill_a_busy_worker(self.client, futures)
        return super().collect(futures)


def _kill_a_busy_worker(client: Any, futures: list[Any]) -> int | None:
    pids: dict[str, int] = client.run(os.getpid)
    while not all(future.done() for future in futures):
        busy = [worker for worker, tasks in client.processing().items() if tasks]
        if busy:
            os.kill(pids[busy[0]], signal.SIGKILL)
            return pids[busy[0]]
    return None


def test_a_killed_workers_documents_are_retried_not_lost_or_doubled(
    corpus: Path, local_rows: Snapshot, client: Any, tmp_path: Path
) -> None:
    runner = _KillingRunner(client, tmp_path / "shards")
    _dask_ingest(corpus, tmp_path / "dask.duckdb", runner)
    assert runner.killed is not None
    client.wait_for_workers(2, timeout=60)
    assert runner.killed not in client.run(os.getpid).values()  # the nanny started a new one
    assert snapshot(tmp_path / "dask.duckdb") == local_rows
