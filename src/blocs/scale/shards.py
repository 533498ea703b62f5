"""Parquet shards of per-document results: what a Dask worker hands back to the store.

One row per job, in job order: either the processed document (the nested records as Arrow
structs and lists) or the failure. A shard is written to a temporary name and renamed, so
a worker killed mid-write leaves no shard, and a retried task writes the same file again.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from blocs.process import Processed, Result
from blocs.records import Article, CleanedDocument, Event, InputFailure, Mention, Sentence


def _row(position: int, result: Result) -> dict[str, Any]:
    if isinstance(result, InputFailure):
        return {"position": position, "failure": asdict(result), "processed": None}
    return {"position": position, "failure": None, "processed": asdict(result)}


def write_shard(results: Sequence[Result], path: Path) -> Path:
    """Write `results` as one Parquet file at `path` (atomically); return the path."""
    table = pa.Table.from_pylist([_row(i, r) for i, r in enumerate(results)])
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    pq.write_table(table, partial)
    partial.replace(path)
    return path


def _document(row: dict[str, Any]) -> CleanedDocument:
    article = row["article"]
    return CleanedDocument(
        article=Article(**{**article, "removed_lines": tuple(article["removed_lines"])}),
        content_hash=row["content_hash"],
        sentences=tuple(Sentence(**s) for s in row["sentences"]),
        minhash=tuple(row["minhash"]),
        raw_hash=row["raw_hash"],
        fetched_at=row["fetched_at"],
        mentions=tuple(Mention(**m) for m in row["mentions"]),
        events=tuple(Event(**e) for e in row["events"]),
    )


def _result(row: dict[str, Any]) -> Result:
    if row["failure"] is not None:
        return InputFailure(**row["failure"])
    processed = row["processed"]
    return Processed(
        _document(processed["document"]), processed["extracted"], processed["sentences_parsed"]
    )


def read_shard(path: Path) -> list[Result]:
    """The results of a shard, in the order they were written."""
    rows = sorted(pq.read_table(path).to_pylist(), key=lambda row: int(row["position"]))
    return [_result(row) for row in rows]
