"""`process_documents`, the per-chunk variant the runners call, gives each job what
`process_document` gives it, though the candidates of the whole chunk share one parse."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path

from blocs.events.extractor import ArticleExtraction, ArticleInput, EventExtractor
from blocs.events.setup import load_extractor
from blocs.pipeline import LocalRunner
from blocs.process import ExtractionConfig, Job, process_document, process_documents
from blocs.records import InputFailure, RawDocument, Sentence

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
POISON = "Poisoned page"


def _jobs() -> list[Job]:
    config = ExtractionConfig()
    jobs: list[Job] = []
    for path in sorted((EXAMPLES / "html").iterdir()):
        doc = RawDocument(str(path), path.read_text(encoding="utf-8"), "text/html")
        jobs.append((doc, frozenset(), config))
    empty = RawDocument("empty.html", "<html><body></body></html>", "text/html")
    french = RawDocument(
        "fr.txt",
        "La France et la Russie ont tenu des consultations sur la stabilité stratégique à "
        "Paris vendredi, a indiqué le ministère des affaires étrangères.",
        "text/plain",
    )
    clean_only = (jobs[0][0], frozenset[str](), None)
    return [*jobs[:3], (empty, frozenset(), config), (french, frozenset(), config), clean_only,
            *jobs[3:]]  # fmt: skip


def test_a_chunk_gets_what_each_document_gets_on_its_own() -> None:
    jobs = _jobs()
    together = process_documents(jobs)
    assert together == [process_document(*job) for job in jobs]
    assert isinstance(together[3], InputFailure) and together[3].stage == "clean"
    assert sum(1 for r in together if not isinstance(r, InputFailure) and r.document.events) > 3


def test_the_runner_gives_the_results_in_job_order_whatever_the_chunks() -> None:
    jobs = _jobs()
    assert LocalRunner(1)(jobs) == [process_document(*job) for job in jobs]


class _PoisonedExtractor(EventExtractor):
    """The process's extractor, failing on one article (a library bug on one page)."""

    def __init__(self, inner: EventExtractor) -> None:
        self.inner = inner

    def extract(
        self, article_id: str, sentences: Sequence[Sentence], published: date | None
    ) -> ArticleExtraction:
        if any(POISON in s.text for s in sentences):
            raise RuntimeError("parser crashed")
        return self.inner.extract(article_id, sentences, published)

    def extract_many(self, articles: Sequence[ArticleInput]) -> list[ArticleExtraction]:
        return [self.extract(*article) for article in articles]


def test_a_document_whose_extraction_fails_fails_alone() -> None:
    extractor = _PoisonedExtractor(load_extractor())
    pages = sorted((EXAMPLES / "html").iterdir())[:3]
    docs = [RawDocument(str(p), p.read_text(encoding="utf-8"), "text/html") for p in pages]
    poisoned = RawDocument(
        "poison.txt", f"{POISON}: France and Russia held talks in Paris on Friday.", "text/plain"
    )
    jobs: list[Job] = [(d, frozenset(), extractor) for d in [docs[0], poisoned, *docs[1:]]]
    results = process_documents(jobs)
    assert results[1] == InputFailure(
        "poison.txt", "events", "unexpected RuntimeError: parser crashed"
    )
    assert results[0] == process_document(docs[0], config=ExtractionConfig())
    assert results[2:] == [process_document(d, config=ExtractionConfig()) for d in docs[1:]]


def test_a_sports_report_keeps_its_mentions_but_gives_no_events() -> None:
    text = (
        "Spain beat Croatia 3-1 in Zagreb on Sunday, and France clashed with Germany in a "
        "bruising match in Paris, where French fans attacked German supporters."
    )
    config = ExtractionConfig()
    news = process_document(
        RawDocument("n.txt", text, "text/plain", url="https://news.example/world/europe/a1"),
        frozenset(),
        config,
    )
    sport = process_document(
        RawDocument("s.txt", text, "text/plain", url="https://news.example/sport/football/a1"),
        frozenset(),
        config,
    )
    assert not isinstance(news, InputFailure) and not isinstance(sport, InputFailure)
    assert news.document.events, "the same text outside a sports section gives events"
    assert sport.document.article.genre == "sports"
    assert sport.document.events == () and sport.document.mentions
