"""The ingest job: inputs -> raw documents -> `process_document` -> store, batch by batch.

The CLI, the web app, the tests and the Dask runner call `run_ingest`; `blocs extract` and
`blocs eval` go through the same two passes (`processed_batches`) with a scratch staging
database instead of the store. Nothing here is stage logic: only the order of the passes,
batching, who runs the jobs (`Runner`) and failure bookkeeping.

Two passes: the stream is read batch by batch, and HTML, feed and JSONL documents are
processed at once; text scrapes are staged with their lines counted per site, and processed
after the stream ends against their site's template (`store/templates.py`), so that no
result depends on the batch size. The store's file is let go while a batch is read and
processed, so other processes can read it meanwhile (`Store.released`).
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, field
from itertools import islice
from typing import Protocol, TypeVar

import duckdb

from blocs.clean.templates import needs_template
from blocs.events.extractor import EventExtractor
from blocs.ingest.fetch import FetchPolicy
from blocs.ingest.sources import iter_inputs
from blocs.process import (
    ExtractionConfig,
    Job,
    Processed,
    RepeatKey,
    Result,
    as_repeat,
    process_documents,
    repeat_key,
)
from blocs.records import InputFailure, RawDocument
from blocs.store.db import Store
from blocs.store.templates import pending_batch, site_templates, stage_scrapes
from blocs.store.writer import BatchCounts, BatchWriter

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "Batch",
    "ExtractionConfig",
    "IngestReport",
    "Job",
    "LocalRunner",
    "Runner",
    "Staging",
    "processed_batches",
    "run_ingest",
]

DEFAULT_BATCH_SIZE = 200
CHUNK_SIZE = 8  # jobs a worker takes at once (and the documents whose candidates share a parse)
REMEMBERED_RESULTS = 256  # the latest results a run keeps for repeats (bounded memory)
ProgressCallback = Callable[[int], None]
Runner = Callable[[list[Job]], list[Result]]
"""Runs jobs (here, in worker processes or on a Dask cluster); results in job order."""
Item = RawDocument | InputFailure


@dataclass
class IngestReport:
    run_id: str
    documents_read: int = 0
    counts: BatchCounts = field(default_factory=BatchCounts)
    failures: list[InputFailure] = field(default_factory=list)
    seconds: float = 0.0


_Item = TypeVar("_Item")


def chunks(jobs: Sequence[_Item], size: int) -> list[list[_Item]]:
    """`jobs` cut into lists of `size` (the last may be shorter), in order."""
    return [list(jobs[start : start + size]) for start in range(0, len(jobs), size)]


class LocalRunner:
    """Runs jobs in this process, or in a pool of `workers` processes, `CHUNK_SIZE` jobs
    at a time (`process.process_documents` parses a chunk's candidates in one batch)."""

    def __init__(self, workers: int = 1) -> None:
        self.pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None

    def __call__(self, jobs: list[Job]) -> list[Result]:
        parts = chunks(jobs, CHUNK_SIZE)
        run = map if self.pool is None else self.pool.map
        return [result for part in run(process_documents, parts) for result in part]

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()


class _Repeats:
    """Runs each job whose document repeats one seen lately in the run (same raw content
    and metadata, `process.repeat_key`) at no cost: its result is the earlier one's, under
    its own source. Only the latest `REMEMBERED_RESULTS` results are kept."""

    def __init__(self, run: Runner) -> None:
        self.run = run
        self.results: OrderedDict[RepeatKey, Result] = OrderedDict()

    def __call__(self, jobs: list[Job]) -> list[Result]:
        keys = [repeat_key(doc, lines) for doc, lines, _ in jobs]
        firsts: dict[RepeatKey, Job] = {}
        for key, job in zip(keys, jobs, strict=True):
            if key not in self.results:
                firsts.setdefault(key, job)
        fresh = dict(zip(firsts, self.run(list(firsts.values())), strict=True))
        results = [
            as_repeat(fresh[key] if key in fresh else self.results[key], doc)
            for key, (doc, _, _) in zip(keys, jobs, strict=True)
        ]
        for key, result in fresh.items():
            self.results[key] = result
        for key in keys:
            self.results.move_to_end(key)
        while len(self.results) > REMEMBERED_RESULTS:
            self.results.popitem(last=False)
        return results


class Staging(Protocol):
    """Where the text scrapes of a run wait for their site's template: the store, or a
    scratch database for `blocs extract` (the same tables, `store/templates.py`)."""

    @property
    def run_id(self) -> str: ...

    @property
    def con(self) -> duckdb.DuckDBPyConnection: ...

    def released(self) -> AbstractContextManager[None]:
        """While jobs run and the stream is read, `con` is not used."""
        ...

    def unseen(self, docs: Sequence[RawDocument]) -> list[RawDocument]:
        """The documents not to skip (a store skips what it holds already)."""
        ...


@dataclass
class Batch:
    """One batch's outcome, for the caller to write before it asks for the next one."""

    results: list[Result]
    failures: list[InputFailure]  # inputs that could not be read
    documents_read: int = 0
    skipped: int = 0
    staged: list[RawDocument] = field(default_factory=list)  # the scrapes it settles

    @property
    def processed(self) -> list[Processed]:
        return [r for r in self.results if isinstance(r, Processed)]

    @property
    def all_failures(self) -> list[InputFailure]:
        return self.failures + [r for r in self.results if isinstance(r, InputFailure)]


def _read_batch(staging: Staging, items: Iterator[Item], size: int) -> list[Item]:
    """The next `size` items of the stream, read (and fetched) without holding the store."""
    with staging.released():
        return list(islice(items, size))


def processed_batches(
    items: Iterable[Item],
    staging: Staging,
    run: Runner,
    extraction: ExtractionConfig | EventExtractor | None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    on_progress: ProgressCallback | None = None,
) -> Iterator[Batch]:
    """The two passes over a stream: each batch is processed by `run` while the staging
    database is released, and handed over to be written before the next is read. The
    staged scrapes a batch settles must be forgotten (`forget_pending`) by the caller."""
    stream = iter(items)
    run = _Repeats(run)
    while batch := _read_batch(staging, stream, batch_size):
        docs = [item for item in batch if isinstance(item, RawDocument)]
        fresh = staging.unseen(docs)
        stage_scrapes(staging.con, staging.run_id, [d for d in fresh if needs_template(d)])
        jobs = [(doc, frozenset[str](), extraction) for doc in fresh if not needs_template(doc)]
        with staging.released():
            results = run(jobs)
        yield Batch(
            results,
            [item for item in batch if isinstance(item, InputFailure)],
            documents_read=len(docs),
            skipped=len(docs) - len(fresh),
        )
        if on_progress is not None:
            on_progress(len(batch))
    while staged := pending_batch(staging.con, batch_size):
        templates = site_templates(staging.con, (site for site, _ in staged))
        jobs = [(doc, templates[site], extraction) for site, doc in staged]
        with staging.released():
            results = run(jobs)
        yield Batch(results, [], staged=[doc for _, doc in staged])


@dataclass
class _StoreStaging:
    store: Store
    writer: BatchWriter

    @property
    def run_id(self) -> str:
        return self.writer.run_id

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        return self.store.con

    def released(self) -> AbstractContextManager[None]:
        return self.store.released()

    def unseen(self, docs: Sequence[RawDocument]) -> list[RawDocument]:
        return self.writer.unseen(docs)


@contextmanager
def _local_runner(workers: int) -> Iterator[Runner]:
    runner = LocalRunner(workers)
    try:
        yield runner
    finally:
        runner.close()


def run_ingest(
    inputs: Iterable[str],
    store: Store,
    policy: FetchPolicy | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int = 1,
    on_progress: ProgressCallback | None = None,
    extraction: ExtractionConfig | None = None,
    runner: Runner | None = None,
) -> IngestReport:
    """Read, clean, extract (when `extraction` is given) and store every input; one bad
    input is recorded and the run goes on. `runner` runs the jobs elsewhere (the Dask
    runner, `blocs.scale`); by default they run here on `workers` processes."""
    started = time.perf_counter()
    inputs = list(inputs)
    run_id = store.begin_run("ingest", inputs)
    report = IngestReport(run_id)
    writer = BatchWriter(store, run_id)
    try:
        with _local_runner(workers) if runner is None else nullcontext(runner) as run:
            batches = processed_batches(
                iter_inputs(inputs, policy),
                _StoreStaging(store, writer),
                run,
                extraction,
                batch_size,
                on_progress,
            )
            for batch in batches:
                cleaned = [p.document for p in batch.processed]
                failures = batch.all_failures
                report.counts.add(writer.write(cleaned, batch.skipped, batch.staged))
                store.record_failures(run_id, failures)
                report.failures += failures
                report.documents_read += batch.documents_read
        store.finish_run(run_id, "done", report.documents_read)
    except BaseException:
        store.finish_run(run_id, "failed", report.documents_read)
        raise
    report.seconds = time.perf_counter() - started
    return report
