"""`blocs extract`: documents -> events, without the store.

The documents go through the same two passes and the same per-document function as
`blocs ingest` (`pipeline.processed_batches`, `process.process_document`): text scrapes
wait in a scratch database (a temporary DuckDB file with the store's schema) until the
whole stream is read, and are cleaned against their site's template; the language rule is
the same. So a page gets the same article id, offsets and events under both commands. Each
output record is one event with the document's id, written as its batch is done.
"""

from __future__ import annotations

import csv
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

import duckdb

from blocs.events.extractor import EventExtractor, ExtractionStats
from blocs.ingest.sources import iter_inputs
from blocs.pipeline import DEFAULT_BATCH_SIZE, LocalRunner, Runner, processed_batches
from blocs.process import ExtractionConfig, Processed
from blocs.records import Event, InputFailure, RawDocument
from blocs.store.migrations import migrate
from blocs.store.templates import forget_pending

OUTPUT_FORMATS = ("jsonl", "csv")
ProgressCallback = Callable[[int], None]


@dataclass
class ExtractReport:
    documents: int = 0
    skipped_language: int = 0
    stats: ExtractionStats = field(default_factory=ExtractionStats)
    failures: list[InputFailure] = field(default_factory=list)

    def add(self, item: Processed) -> None:
        self.documents += 1
        if not item.extracted:
            self.skipped_language += 1
            return
        doc = item.document
        self.stats.add(
            ExtractionStats(
                len(doc.sentences), item.sentences_parsed, len(doc.mentions), len(doc.events)
            )
        )


def document_id(article_source: str, external_id: str | None) -> str:
    """The id a user knows the document by: its JSONL id, else its path or URL."""
    return external_id or article_source


def event_record(doc_id: str, event: Event) -> dict[str, Any]:
    return {"doc_id": doc_id, **asdict(event)}


@dataclass
class _ScratchStaging:
    """Staging for a run without a store: nothing is stored, so nothing is skipped."""

    con: duckdb.DuckDBPyConnection
    run_id: str = "extract"

    def released(self) -> AbstractContextManager[None]:
        return nullcontext()

    def unseen(self, docs: Sequence[RawDocument]) -> list[RawDocument]:
        return list(docs)


@contextmanager
def _scratch_staging() -> Iterator[_ScratchStaging]:
    """A temporary database file (not memory: the staged scrapes of a large corpus spill
    to disk) with the store's schema."""
    with tempfile.TemporaryDirectory(prefix="blocs-extract-") as folder:
        con = duckdb.connect(str(Path(folder) / "staging.duckdb"))
        try:
            migrate(con)
            yield _ScratchStaging(con)
        finally:
            con.close()


def iter_events(
    inputs: Iterable[str],
    extraction: ExtractionConfig | EventExtractor,
    report: ExtractReport,
    on_progress: ProgressCallback | None = None,
    runner: Runner | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
) -> Iterator[dict[str, Any]]:
    """Event records for every extracted document of the inputs, batch by batch. `runner`
    runs the jobs (worker processes: then `extraction` must be a config); by default they
    run in this process."""
    with _scratch_staging() as staging:
        batches = processed_batches(
            iter_inputs(inputs), staging, runner or LocalRunner(), extraction, batch_size,
            on_progress,
        )  # fmt: skip
        for batch in batches:
            report.failures += batch.all_failures
            for item in batch.processed:
                report.add(item)
                article = item.document.article
                doc_id = document_id(article.source, article.external_id)
                if item.extracted:
                    yield from (event_record(doc_id, e) for e in item.document.events)
            forget_pending(staging.con, batch.staged)


def write_events(records: Iterable[dict[str, Any]], stream: IO[str], fmt: str) -> int:
    """Write event records as JSONL or CSV; return how many were written."""
    count = 0
    writer: csv.DictWriter[str] | None = None
    for record in records:
        if fmt == "jsonl":
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            if writer is None:
                writer = csv.DictWriter(stream, fieldnames=list(record))
                writer.writeheader()
            writer.writerow(record)
        count += 1
    return count


def extract_to_file(
    inputs: Iterable[str],
    extraction: ExtractionConfig | EventExtractor,
    out: Path | None,
    fmt: str,
    stdout: IO[str],
    on_progress: ProgressCallback | None = None,
    workers: int = 1,
) -> tuple[ExtractReport, int]:
    """Run the extraction on `workers` processes and write it as it goes; the file appears
    only when the run completes."""
    report = ExtractReport()
    runner = LocalRunner(workers)
    try:
        records = iter_events(inputs, extraction, report, on_progress, runner)
        if out is None:
            return report, write_events(records, stdout, fmt)
        partial = out.with_name(out.name + ".partial")
        with partial.open("w", encoding="utf-8", newline="") as stream:
            count = write_events(records, stream, fmt)
        partial.replace(out)
        return report, count
    finally:
        runner.close()
