"""Merge a folder of Parquet shards into the store, through the store's `BatchWriter`.

Idempotent: the writer keys documents by `document_id` and articles by content hash, so a
shard merged twice adds nothing the second time. Shards merge in name order (a run's batch
and chunk numbers), which is the order a run reads its input in. Failures are not merged:
the run that made the shards recorded them.
"""

from __future__ import annotations

from pathlib import Path

from blocs.process import Processed
from blocs.scale.shards import read_shard
from blocs.store.db import Store
from blocs.store.writer import BatchCounts, BatchWriter


def merge_shards(store: Store, folder: Path, run_id: str) -> BatchCounts:
    """Write every shard of `folder` into `store` under `run_id`; return the counts."""
    writer, counts = BatchWriter(store, run_id), BatchCounts()
    for path in sorted(folder.glob("*.parquet")):
        results = read_shard(path)
        counts.add(writer.write([r.document for r in results if isinstance(r, Processed)]))
    return counts
