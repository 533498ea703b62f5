"""A document that repeats one read earlier in the run (same raw content and metadata, at
another path) is not cleaned or extracted again: it gets the earlier result under its own
source, which is what processing it would give."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime
from pathlib import Path

from blocs.pipeline import ExtractionConfig, Job, LocalRunner, run_ingest
from blocs.process import Processed, Result, as_repeat, process_document
from blocs.records import RawDocument
from blocs.store.db import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
PAGE = EXAMPLES / "html" / "2019-09-10-france-russia-2plus2.html"
SCRAPE = next(iter(sorted((EXAMPLES / "text").iterdir())))


class _Spy(LocalRunner):
    """Runs jobs here and keeps the sources it was given."""

    def __init__(self) -> None:
        super().__init__(1)
        self.sources: list[str] = []

    def __call__(self, jobs: list[Job]) -> list[Result]:
        self.sources += [doc.source for doc, _, _ in jobs]
        return super().__call__(jobs)


def test_a_repeat_gets_what_processing_it_gives() -> None:
    html = PAGE.read_text(encoding="utf-8")
    first = RawDocument("a/page.html", html, "text/html", external_id="one")
    again = RawDocument(
        "b/page.html",
        html,
        "text/html",
        external_id="two",
        fetched_at=datetime(2026, 1, 2, tzinfo=UTC),
    )
    config = ExtractionConfig()
    processed = process_document(first, config=config)
    assert isinstance(processed, Processed) and processed.document.events
    assert as_repeat(processed, again) == process_document(again, config=config)


def test_ingest_processes_a_page_and_a_scrape_read_twice_once(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    for folder in ("one", "two"):
        (corpus / folder).mkdir(parents=True)
        shutil.copy(PAGE, corpus / folder / PAGE.name)
        shutil.copy(SCRAPE, corpus / folder / SCRAPE.name)
    (corpus / "two" / "other.html").write_text(
        PAGE.read_text(encoding="utf-8").replace(" the ", " a "),
        encoding="utf-8",
    )
    spy = _Spy()
    with Store(tmp_path / "s.duckdb") as store:
        report = run_ingest([str(corpus)], store, extraction=ExtractionConfig(), runner=spy)
        rows = store.con.execute(
            "SELECT source, duplicate FROM documents ORDER BY source"
        ).fetchall()
    processed = sorted(Path(source).relative_to(corpus).as_posix() for source in spy.sources)
    # each folder is a site of one scrape: neither has template lines, so they repeat
    assert processed == sorted([f"one/{PAGE.name}", f"one/{SCRAPE.name}", "two/other.html"])
    assert report.documents_read == 5 and not report.failures
    by_source = {Path(source).relative_to(corpus).as_posix(): kind for source, kind in rows}
    # the page names its canonical url: its copy is the same document, counted unchanged
    assert f"two/{PAGE.name}" not in by_source and report.counts.unchanged == 1
    assert by_source[f"one/{PAGE.name}"] == "original"
    assert by_source[f"two/{SCRAPE.name}"] == "exact"  # stored under its own source
    assert by_source["two/other.html"] in ("original", "near")
