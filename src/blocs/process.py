"""The per-document function: `RawDocument` -> cleaned article, sentences, mentions, events.

`blocs ingest`, `blocs extract`, `blocs eval` and the Dask runner all call
`process_document`, so one page gets the same article id, sentences, offsets and events
whichever of them reads it. Its inputs and outputs are plain picklable records; the
extractor it needs is built once per process (`events/setup.load_extractor`).

What the caller decides is only what it passes in: a text scrape's site template lines
(`store/templates.py`, from everything the run has read) and the extraction config (None:
clean only).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from blocs.clean.article import clean_document
from blocs.clean.genre import gives_events
from blocs.errors import BlocsError
from blocs.events.extractor import ArticleExtraction, ArticleInput, EventExtractor
from blocs.events.setup import load_extractor
from blocs.records import Article, CleanedDocument, InputFailure, RawDocument


@dataclass(frozen=True, slots=True)
class ExtractionConfig:
    """What the events stage uses (picklable, for worker processes and Dask workers)."""

    dictionaries: tuple[Path, ...] = ()
    model: str | None = None
    lexicons: tuple[Path, ...] = ()
    actor_files: tuple[Path, ...] = ()


@dataclass(frozen=True, slots=True)
class Processed:
    """A document that could be cleaned: the record the store writes, and whether events
    were extracted from it (with how many of its sentences the parser saw)."""

    document: CleanedDocument
    extracted: bool = False
    sentences_parsed: int = 0


Result = Processed | InputFailure
Job = tuple[RawDocument, frozenset[str], ExtractionConfig | EventExtractor | None]
"""A document, its site's template lines, and what to extract with (an extractor object
only for jobs run in this process)."""
RepeatKey = tuple[
    str, str, str | None, str | None, date | None, str | None, str | None, bool, frozenset[str]
]


def repeat_key(doc: RawDocument, template_lines: frozenset[str]) -> RepeatKey:
    """What `process_document` reads of a document, but its source, id and fetch time: two
    documents with the same key (a page mirrored at two paths, a feed listing an entry
    twice) get the same article, sentences and events."""
    return (
        doc.raw_hash,
        doc.media_type,
        doc.url,
        doc.title,
        doc.published,
        doc.outlet,
        doc.author,
        doc.prepared,
        template_lines,
    )


def as_repeat(result: Result, doc: RawDocument) -> Result:
    """`result`, of a document with `doc`'s `repeat_key`, as `process_document(doc)` gives
    it: only the source, the id and the fetch time are `doc`'s own."""
    if isinstance(result, InputFailure):
        return replace(result, source=doc.source)
    cleaned = result.document
    article = replace(cleaned.article, source=doc.source, external_id=doc.external_id)
    document = replace(cleaned, article=article, fetched_at=doc.fetched_at)
    return replace(result, document=document)


def is_extracted(doc: RawDocument, article: Article) -> bool:
    """The language rule: English articles, articles too short to tell, and text the user
    prepared (JSONL: a short sentence's detected language is a guess) are extracted; other
    articles are stored and marked with their language."""
    return article.language in ("en", None) or doc.prepared


def _extractor(config: ExtractionConfig | EventExtractor) -> EventExtractor:
    if isinstance(config, EventExtractor):
        return config
    return load_extractor(config.dictionaries, config.lexicons, config.actor_files, config.model)


def _with_events(
    doc: RawDocument, cleaned: CleanedDocument, config: ExtractionConfig | EventExtractor
) -> Processed:
    return _extracted(cleaned, _extractor(config).extract(*_article_input(cleaned)))


def _article_input(cleaned: CleanedDocument) -> ArticleInput:
    article = cleaned.article
    return (article.article_id, cleaned.sentences, article.published)


def _extracted(cleaned: CleanedDocument, result: ArticleExtraction) -> Processed:
    """The document with its mentions and events; a sports or entertainment report keeps
    its mentions but reports no events ("Spain beat Croatia" is a match)."""
    kept = result.events if gives_events(cleaned.article.genre) else []
    events = replace(cleaned, mentions=tuple(result.mentions), events=tuple(kept))
    return Processed(events, extracted=True, sentences_parsed=result.stats.parsed)


def _failure(doc: RawDocument, stage: str, exc: Exception) -> InputFailure:
    if isinstance(exc, BlocsError):
        return InputFailure(doc.source, stage, str(exc).removeprefix(f"{doc.source}: "))
    # a library bug on one page must not stop the batch
    return InputFailure(doc.source, stage, f"unexpected {type(exc).__name__}: {exc}")


def _cleaned(job: Job) -> CleanedDocument | InputFailure:
    doc, template_lines, _ = job
    try:
        return clean_document(doc, template_lines)
    except Exception as exc:
        return _failure(doc, "clean", exc)


def _events_of(jobs: Sequence[tuple[Job, CleanedDocument]]) -> list[Result]:
    """The jobs' events, all their candidate sentences parsed in one batch; when that
    batch fails, each document is extracted on its own, so only the bad one fails."""
    config = jobs[0][0][2]
    assert config is not None
    try:
        found = _extractor(config).extract_many([_article_input(c) for _, c in jobs])
    except Exception:
        return [_one_with_events(job, cleaned) for job, cleaned in jobs]
    return [_extracted(c, r) for (_, c), r in zip(jobs, found, strict=True)]


def _one_with_events(job: Job, cleaned: CleanedDocument) -> Result:
    doc, _, config = job
    assert config is not None
    try:
        return _with_events(doc, cleaned, config)
    except Exception as exc:
        return _failure(doc, "events", exc)


def process_documents(jobs: Sequence[Job]) -> list[Result]:
    """`process_document` of each job, in order: the documents are cleaned one by one and
    the candidate sentences of all those to extract with one config are parsed in one
    batch (`EventExtractor.extract_many`), which costs less than a parse per document."""
    results: list[Result | None] = []
    waiting: dict[ExtractionConfig | EventExtractor, list[tuple[int, Job, CleanedDocument]]] = {}
    for job in jobs:
        cleaned = _cleaned(job)
        doc, _, config = job
        if isinstance(cleaned, InputFailure):
            results.append(cleaned)
        elif config is None or not is_extracted(doc, cleaned.article):
            results.append(Processed(cleaned))
        else:
            waiting.setdefault(config, []).append((len(results), job, cleaned))
            results.append(None)
    for group in waiting.values():
        extracted = _events_of([(job, cleaned) for _, job, cleaned in group])
        for (position, _, _), result in zip(group, extracted, strict=True):
            results[position] = result
    done = [r for r in results if r is not None]
    assert len(done) == len(jobs)
    return done


def process_document(
    doc: RawDocument,
    template_lines: frozenset[str] = frozenset(),
    config: ExtractionConfig | EventExtractor | None = None,
) -> Result:
    """Clean one document and (with a config) extract its events; any error becomes a
    failure record naming the document, so that one bad page never stops a batch.

    `config` is what the extractor is built from (once per process), or an extractor an
    in-process caller built itself; None cleans only.
    """
    return process_documents([(doc, template_lines, config)])[0]
