"""`blocs extract`: documents -> events, without the store.

Inputs are read by the ingest readers and cleaned by the clean stage (a JSONL document or
sentence is taken as it is), split into sentences and run through the extractor. Each
output record is one event with the document's id.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any

from blocs.clean.article import clean_document
from blocs.errors import BlocsError
from blocs.events.extractor import EventExtractor, ExtractionStats
from blocs.ingest.sources import iter_inputs
from blocs.records import Event, InputFailure, RawDocument

OUTPUT_FORMATS = ("jsonl", "csv")
ProgressCallback = Callable[[int], None]


@dataclass
class ExtractReport:
    documents: int = 0
    skipped_language: int = 0
    stats: ExtractionStats = field(default_factory=ExtractionStats)
    failures: list[InputFailure] = field(default_factory=list)


def document_id(doc: RawDocument) -> str:
    """The id a user knows the document by: its JSONL id, else its path or URL."""
    return doc.external_id or doc.source


def event_record(doc_id: str, event: Event) -> dict[str, Any]:
    record = {"doc_id": doc_id, **asdict(event)}
    return record


def iter_events(
    inputs: Iterable[str],
    extractor: EventExtractor,
    report: ExtractReport,
    on_progress: ProgressCallback | None = None,
) -> Iterator[dict[str, Any]]:
    """Event records for every English document of the inputs."""
    for item in iter_inputs(inputs):
        if isinstance(item, InputFailure):
            report.failures.append(item)
            continue
        try:
            cleaned = clean_document(item)
        except BlocsError as exc:
            message = str(exc).removeprefix(f"{item.source}: ")
            report.failures.append(InputFailure(item.source, "clean", message))
            continue
        report.documents += 1
        if on_progress is not None:
            on_progress(1)
        article = cleaned.article
        if article.language not in (None, "en") and not item.prepared:
            report.skipped_language += 1
            continue
        result = extractor.extract(article.article_id, cleaned.sentences, article.published)
        report.stats.add(result.stats)
        for event in result.events:
            yield event_record(document_id(item), event)


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
    extractor: EventExtractor,
    out: Path | None,
    fmt: str,
    stdout: IO[str],
    on_progress: ProgressCallback | None = None,
) -> tuple[ExtractReport, int]:
    """Run the extraction and write it; the file appears only when the run completes."""
    report = ExtractReport()
    records = iter_events(inputs, extractor, report, on_progress)
    if out is None:
        return report, write_events(records, stdout, fmt)
    partial = out.with_name(out.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="") as stream:
        count = write_events(records, stream, fmt)
    partial.replace(out)
    return report, count
