"""The ingest job: inputs -> raw documents -> clean articles -> store, batch by batch.

The CLI, the tests and (later) the Dask runner call `run_ingest`; it holds no stage logic of
its own, only the order of stages, batching, worker processes and failure bookkeeping.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from itertools import islice
from pathlib import Path

from blocs.clean.article import clean_document
from blocs.clean.boilerplate import find_repeated_lines
from blocs.errors import BlocsError
from blocs.events.setup import load_extractor
from blocs.ingest.fetch import FetchPolicy
from blocs.ingest.sources import iter_inputs
from blocs.records import CleanedDocument, InputFailure, RawDocument
from blocs.store.db import Store
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


def _template_lines(docs: Sequence[RawDocument]) -> frozenset[str]:
    """Lines repeated across this batch's text scrapes: a site's menus and footers."""
    texts = [d.content for d in docs if d.media_type == "text/plain" and not d.prepared]
    return find_repeated_lines(texts) if len(texts) >= 3 else frozenset()


def _batches(
    items: Iterator[RawDocument | InputFailure], size: int
) -> Iterator[list[RawDocument | InputFailure]]:
    while batch := list(islice(items, size)):
        yield batch


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
    writer = BatchWriter(store, run_id)
    pool = ProcessPoolExecutor(max_workers=workers) if workers > 1 else None
    try:
        for batch in _batches(iter_inputs(inputs, policy), batch_size):
            docs = [item for item in batch if isinstance(item, RawDocument)]
            failures = [item for item in batch if isinstance(item, InputFailure)]
            fresh = writer.unseen(docs)
            repeated = _template_lines(docs)
            jobs: list[Job] = [(doc, repeated, extraction) for doc in fresh]
            results = list(
                pool.map(_clean_one, jobs, chunksize=8) if pool else map(_clean_one, jobs)
            )
            cleaned = [r for r in results if isinstance(r, CleanedDocument)]
            failures += [r for r in results if isinstance(r, InputFailure)]
            report.counts.add(writer.write(cleaned, skipped=len(docs) - len(fresh)))
            store.record_failures(run_id, failures)
            report.failures += failures
            report.documents_read += len(docs)
            if on_progress is not None:
                on_progress(len(batch))
        store.finish_run(run_id, "done", report.documents_read)
    except BaseException:
        store.finish_run(run_id, "failed", report.documents_read)
        raise
    finally:
        if pool is not None:
            pool.shutdown()
    report.seconds = time.perf_counter() - started
    return report
