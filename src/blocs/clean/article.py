"""Clean stage: `RawDocument` -> `CleanedDocument` (article, sentences, fingerprint).

HTML goes through trafilatura (`clean/html.py`); plain-text scrapes through the line-level
boilerplate filter and the scrape-header reader; JSONL text is taken as already clean.
Metadata the input itself gives (a feed entry's title, a JSONL date) wins over what is
read from the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from blocs.clean.boilerplate import remove_boilerplate
from blocs.clean.fingerprint import content_hash, minhash_signature
from blocs.clean.genre import detect_genre
from blocs.clean.html import extract_html
from blocs.clean.language import detect_language
from blocs.clean.normalise import normalise_text
from blocs.clean.text_metadata import extract_text_metadata
from blocs.errors import CleanError
from blocs.nlp.sentences import split_sentences
from blocs.records import Article, CleanedDocument, RawDocument

MIN_ARTICLE_CHARS = 40
# A news article runs to a few thousand characters, a long report to some tens of thousands.
# Beyond this a "document" is a dump or a book: extracting it would take minutes and
# gigabytes in one worker, so it is refused and the user asked to split it.
MAX_ARTICLE_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class _Body:
    text: str
    title: str | None
    author: str | None
    outlet: str | None
    url: str | None
    published: date | None
    removed: tuple[str, ...]


def _html_body(doc: RawDocument) -> _Body:
    page = extract_html(doc.content, doc.url)
    # trafilatura puts one block per line; blank lines make paragraphs as in text scrapes.
    paragraphs = "\n\n".join(line for line in page.text.split("\n") if line.strip())
    return _Body(paragraphs, page.title, page.author, page.outlet, page.url, page.published, ())


def _text_body(doc: RawDocument, repeated_lines: frozenset[str]) -> _Body:
    if doc.prepared:
        return _Body(doc.content, None, None, None, None, None, ())
    meta = extract_text_metadata(doc.content, reference_date=doc.published)
    filtered = remove_boilerplate(doc.content, repeated_lines=repeated_lines, drop_title=True)
    removed = tuple(line for line, _ in filtered.removed)
    return _Body(filtered.text, meta.title, meta.author, meta.outlet, None, meta.published, removed)


def clean_document(
    doc: RawDocument, repeated_lines: frozenset[str] = frozenset()
) -> CleanedDocument:
    """Clean one raw document; raise CleanError naming its source when no text is left."""
    is_html = doc.media_type == "text/html"
    body = _html_body(doc) if is_html else _text_body(doc, repeated_lines)
    # Prepared text (JSONL) is kept as given, so that event offsets point into the user's text.
    text = body.text.strip() if doc.prepared else normalise_text(body.text)
    # A JSONL record may be a single short sentence; a page or scrape must hold an article.
    if len(text) < (1 if doc.prepared else MIN_ARTICLE_CHARS):
        raise CleanError(f"{doc.source}: no article text left after cleaning ({len(text)} chars)")
    if len(text) > MAX_ARTICLE_CHARS:
        raise CleanError(
            f"{doc.source}: {len(text)} characters of text is over the {MAX_ARTICLE_CHARS}-"
            "character limit for one article; split it"
        )
    digest = content_hash(text)
    article_id = digest[:16]
    language, language_score = detect_language(text)
    url = doc.url or body.url
    title = doc.title or body.title
    article = Article(
        article_id=article_id,
        text=text,
        source=doc.source,
        media_type=doc.media_type,
        title=title,
        author=doc.author or body.author,
        outlet=doc.outlet or body.outlet,
        url=url,
        published=doc.published or body.published,
        language=language,
        language_score=language_score,
        genre=detect_genre(url, title, body.removed),
        removed_lines=body.removed,
        external_id=doc.external_id,
    )
    return CleanedDocument(
        article=article,
        content_hash=digest,
        sentences=tuple(split_sentences(article_id, text)),
        minhash=tuple(minhash_signature(text)),
        raw_hash=doc.raw_hash,
        fetched_at=doc.fetched_at,
    )
