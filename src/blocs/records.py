"""Records that cross stage boundaries.

Frozen, slotted dataclasses holding plain values (text, offsets, codes), never live
objects from a library, so that they pickle cleanly to worker processes and map one to
one onto the store's tables.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One document as read by an ingest reader, before cleaning.

    `source` names where it came from (a path, a URL, `file.jsonl#line-3`, a WARC record)
    so that every error and every stored row can point back to it.
    """

    source: str
    content: str
    media_type: str  # "text/html" or "text/plain"
    url: str | None = None
    title: str | None = None
    published: date | None = None
    external_id: str | None = None
    outlet: str | None = None
    author: str | None = None
    fetched_at: datetime | None = None
    prepared: bool = False  # text is already clean (JSONL input): no boilerplate filtering

    @property
    def raw_hash(self) -> str:
        """Hash of the content as read: a re-run skips documents whose source and raw hash
        are already stored, without cleaning them again."""
        return hashlib.sha256(self.content.encode("utf-8", errors="replace")).hexdigest()[:32]


@dataclass(frozen=True, slots=True)
class Article:
    """A clean article: main text plus metadata, keyed by the hash of its text."""

    article_id: str
    text: str
    source: str
    media_type: str
    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: date | None = None
    language: str | None = None
    language_score: float | None = None
    genre: str = "news"
    removed_lines: tuple[str, ...] = field(default=())
    external_id: str | None = None


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence of an article: its text and character offsets in `Article.text`."""

    article_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class InputFailure:
    """An input, or one item inside it, that could not be read or cleaned.

    Readers yield these instead of raising so that one broken file never stops a batch;
    the store keeps them in its `failures` table.
    """

    source: str
    stage: str  # "ingest" or "clean"
    message: str


@dataclass(frozen=True, slots=True)
class CleanedDocument:
    """What the clean stage hands the store for one raw document: the article, its
    sentences and its MinHash signature (for near-duplicate detection)."""

    article: Article
    content_hash: str
    sentences: tuple[Sentence, ...]
    minhash: tuple[int, ...]
    raw_hash: str
    fetched_at: datetime | None = None
    mentions: tuple[Mention, ...] = ()  # filled by the events stage for English articles
    events: tuple[Event, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    """An actor named in a sentence, resolved to the knowledge base.

    `start`/`end` are character offsets in the article text. `code` is the actor code
    (`FRAGOV`, `NATO`, a user dictionary's `USAGOV`); `country` the state-level code (ISO3
    or IGO code) or None when the text names an agent without saying whose.
    """

    article_id: str
    sentence_index: int
    start: int
    end: int
    text: str
    code: str
    country: str | None
    sector: str | None
    kind: str
    entry_id: str
    method: str  # exact, composed, fuzzy, dictionary


@dataclass(frozen=True, slots=True)
class Event:
    """One event a sentence states, with its evidence and how it was coded."""

    event_id: str
    article_id: str
    sentence_index: int
    sentence: str
    start: int  # the sentence's character offsets in the article
    end: int
    trigger: str
    source: str | None
    source_country: str | None
    source_text: str | None
    target: str | None
    target_country: str | None
    target_text: str | None
    plover: str
    plover_mode: str | None
    cameo: str
    quad_class: int
    goldstein: float
    modality: str
    speaker: str | None
    speaker_country: str | None
    date: str | None
    date_precision: str  # day, month, year, none
    issue: str | None
    confidence: float
    extractor_version: str
