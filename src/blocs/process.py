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

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from blocs.clean.article import clean_document
from blocs.errors import BlocsError
from blocs.events.extractor import EventExtractor
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
    article = cleaned.article
    if not is_extracted(doc, article):
        return Processed(cleaned)
    extractor = _extractor(config)
    result = extractor.extract(article.article_id, cleaned.sentences, article.published)
    events = replace(cleaned, mentions=tuple(result.mentions), events=tuple(result.events))
    return Processed(events, extracted=True, sentences_parsed=result.stats.parsed)


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
    stage = "clean"
    try:
        cleaned = clean_document(doc, template_lines)
        if config is None:
            return Processed(cleaned)
        stage = "events"
        return _with_events(doc, cleaned, config)
    except BlocsError as exc:
        return InputFailure(doc.source, stage, str(exc).removeprefix(f"{doc.source}: "))
    except Exception as exc:  # a library bug on one page must not stop the batch
        return InputFailure(doc.source, stage, f"unexpected {type(exc).__name__}: {exc}")
