"""Runs the per-document jobs of an ingest on a `dask.distributed` cluster.

The client (the `blocs ingest` process) reads the stream and stages scrapes as a local run
does; each batch's jobs are cut into chunks, and each chunk is one task on the cluster that
runs `process_document` and writes its results as a Parquet shard into a folder the client
can read (shared storage on a cluster). The client reads the shards back in job order and
writes them into the store through the same `BatchWriter`, so the rows are those of a local
run. A task on a worker that dies is rescheduled by the scheduler and writes the same shard
again: its documents are retried, neither lost nor doubled.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any

from blocs.pipeline import CHUNK_SIZE, Job
from blocs.process import Result, process_documents
from blocs.scale.shards import read_shard, write_shard


def process_to_shard(jobs: list[Job], path: str) -> str:
    """The task: process the jobs and write their shard (runs on a worker)."""
    return str(write_shard(process_documents(jobs), Path(path)))


class DaskRunner:
    """A `pipeline.Runner` over a `distributed.Client`; shards go to `shards` and are
    removed once read, unless `keep` (then `scale.merge.merge_shards` can merge them)."""

    def __init__(
        self, client: Any, shards: Path, chunk_size: int = CHUNK_SIZE, keep: bool = False
    ) -> None:
        self.client = client
        self.shards = shards
        self.chunk_size = chunk_size
        self.keep = keep
        self.token = secrets.token_hex(4)  # one run's shards apart from another's
        self.batches = 0
        shards.mkdir(parents=True, exist_ok=True)

    def submit(self, jobs: list[Job]) -> list[Any]:
        """One future per chunk of `jobs`, in job order."""
        self.batches += 1
        futures = []
        for start in range(0, len(jobs), self.chunk_size):
            name = f"{self.token}-{self.batches:06d}-{start // self.chunk_size:05d}.parquet"
            futures.append(
                self.client.submit(
                    process_to_shard,
                    jobs[start : start + self.chunk_size],
                    str(self.shards / name),
                    key=f"blocs-shard-{name}",
                    retries=2,
                )
            )
        return futures

    def collect(self, futures: list[Any]) -> list[Result]:
        """Wait for the chunks and read their shards back, in job order."""
        results: list[Result] = []
        for path in map(Path, self.client.gather(futures)):
            results += read_shard(path)
            if not self.keep:
                path.unlink()
        return results

    def __call__(self, jobs: list[Job]) -> list[Result]:
        return self.collect(self.submit(jobs)) if jobs else []
