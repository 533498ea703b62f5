"""The ingest job: inputs -> raw documents -> clean articles -> store, batch by batch.

The CLI, the tests and (later) the Dask runner call `run_ingest`; it holds no stage logic of
its own, only the order of stages, batching, worker processes and failure bookkeeping.

Two passes: the stream is read batch by batch, and HTML, feed and JSONL documents are cleaned
and stored at once; text scrapes are staged in the store with their lines counted per site,
and cleaned after the stream ends against their site's template (`store/templates.py`), so
that no result depends on the batch size. The store's file is let go while a batch is read
and cleaned, so other processes can read it meanwhile (`Store.released`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from blocs.clean.article import clean_document
from blocs.clean.templates import needs_template
from blocs.errors import BlocsError
from blocs.events.setup import load_extractor
from blocs.ingest.fetch import FetchPolicy
from blocs.ingest.sources import iter_inputs
from blocs.records import CleanedDocument, InputFailure, RawDocument
from blocs.store.db import Store
from blocs.store.templates import pending_batch, site_templates, stage_scrapes
from blocs.store.writer import BatchCounts, BatchWriter

DEFAULT_BATCH_SIZE = 200
ProgressCallback = Callable[[int], None]


@dataclass
class IngestReport:
    run_id: str
    documents_read: int = 0
    counts: BatchCounts = field(default_factory=BatchCounts)
    failures: list[InputFailure] = field(default_factory=list)
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class ExtractionConfig:
    """What the events stage of an ingest run uses (picklable, for worker processes)."""

    dictionaries: tuple[Path, ...] = ()
    model: str | None = None
    lexicons: tuple[Path, ...] = ()
    actor_files: tuple[Path, ...] = ()


Job = tuple[RawDocument, frozenset[str], ExtractionConfig | None]
Item = RawDocument | InputFailure


def _with_events(cleaned: CleanedDocument, config: ExtractionConfig) -> CleanedDocument:
    article = cleaned.article
    if article.language not in ("en", None):
        return cleaned  # stored and marked with its language, not extracted
    extractor = load_extractor(
        config.dictionaries, config.lexicons, config.actor_files, config.model
    )
    result = extractor.extract(article.article_id, cleaned.sentences, article.published)
    return replace(cleaned, mentions=tuple(result.mentions), events=tuple(result.events))


def _clean_one(job: Job) -> CleanedDocument | InputFailure:
    """Clean one document and extract its events; any error becomes a failure record
    naming the document (and nothing of it is stored, so a re-run tries it again)."""
    doc, repeated, config = job
    stage = "clean"
    try:
        cleaned = clean_document(doc, repeated)
        stage = "events"
        return cleaned if config is None else _with_events(cleaned, config)
    except BlocsError as exc:
        return InputFailure(doc.source, stage, str(exc).removeprefix(f"{doc.source}: "))
    except Exception as exc:  # a library bug on one page must not stop the batch
        return InputFailure(doc.source, stage, f"unexpected {type(exc).__name__}: {exc}")


class _Batches:
    """Cleans jobs (in worker processes when there are several) and writes the results."""

    def __init__(
        self, store: Store, report: IngestReport, pool: ProcessPoolExecutor | None
    ) -> None:
        self.store = store
        self.report = report
        self.pool = pool
        self.writer = BatchWriter(store, report.run_id)

    def clean_and_write(
        self,
        jobs: list[Job],
        failures: list[InputFailure],
        skipped: int = 0,
        staged: Sequence[RawDocument] = (),
    ) -> None:
        with self.store.released():
            pool = self.pool
            results = list(
                pool.map(_clean_one, jobs, chunksize=8) if pool else map(_clean_one, jobs)
            )
        cleaned = [r for r in results if isinstance(r, CleanedDocument)]
        failures = failures + [r for r in results if isinstance(r, InputFailure)]
        self.report.counts.add(self.writer.write(cleaned, skipped=skipped, staged=staged))
        self.store.record_failures(self.report.run_id, failures)
        self.report.failures += failures


def _read_batch(store: Store, items: Iterator[Item], size: int) -> list[Item]:
    """The next `size` items of the stream, read (and fetched) without holding the store."""
    with store.released():
        return list(islice(items, size))


def run_ingest(
    inputs: Iterable[str],
    store: Store,
    policy: FetchPolicy | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    workers: int = 1,
    on_progress: ProgressCallback | None = None,
    extraction: ExtractionConfig | None = None,
) -> IngestReport:
    """Read, clean, extract (when `extraction` is given) and store every input; one bad
    input is recorded and the run goes on."""
    started = time.perf_counter()
    inputs = list(inputs)
    run_id = store.begin_run("ingest", inputs)
    report = IngestReport(run_id)
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None
    batches = _Batches(store, report, pool)
    try:
        items = iter_inputs(inputs, policy)
        while batch := _read_batch(store, items, batch_size):
            docs = [item for item in batch if isinstance(item, RawDocument)]
            fresh = batches.writer.unseen(docs)
            stage_scrapes(store.con, run_id, [d for d in fresh if needs_template(d)])
            batches.clean_and_write(
                [(doc, frozenset(), extraction) for doc in fresh if not needs_template(doc)],
                [item for item in batch if isinstance(item, InputFailure)],
                skipped=len(docs) - len(fresh),
            )
            report.documents_read += len(docs)
            if on_progress is not None:
                on_progress(len(batch))
        while staged := pending_batch(store.con, batch_size):
            templates = site_templates(store.con, (site for site, _ in staged))
            batches.clean_and_write(
                [(doc, templates[site], extraction) for site, doc in staged],
                [],
                staged=[doc for _, doc in staged],
            )
        store.finish_run(run_id, "done", report.documents_read)
    except BaseException:
        store.finish_run(run_id, "failed", report.documents_read)
        raise
    finally:
        if pool is not None:
            pool.shutdown()
    report.seconds = time.perf_counter() - started
    return report
