"""Reader for RSS and Atom feeds (feedparser): one raw document per entry."""

from __future__ import annotations

import io
import re
import xml.sax
from collections.abc import Iterator
from typing import Any

import feedparser

from blocs.ingest.dates import date_from_struct_time
from blocs.records import InputFailure, RawDocument


def looks_like_feed(head: bytes) -> bool:
    """True for bytes that start like an RSS, RDF or Atom document."""
    sample = head[:2048].lower()
    return b"<rss" in sample or b"<feed" in sample or b"<rdf:rdf" in sample


def _entry_body(entry: Any) -> str:
    """The fullest text an entry carries: `content` (often full HTML) over `summary`."""
    contents = entry.get("content") or []
    best = max((c.get("value", "") for c in contents), key=len, default="")
    summary = entry.get("summary", "") or ""
    return best if len(best) >= len(summary) else summary


_EMAIL_WITH_NAME = re.compile(r"^\s*\S+@\S+\s+\((?P<name>[^)]+)\)\s*$")


def _entry_author(entry: Any) -> str | None:
    """RSS `<author>` is often `email (Name)`: keep the name."""
    raw = entry.get("author") or ""
    match = _EMAIL_WITH_NAME.match(raw)
    if match:
        return match.group("name").strip()
    return raw.strip() or None


# A numeric character reference, as feedparser's lenient parser reads one.
_CHAR_REF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")
_REPLACEMENT_REF = b"&#xfffd;"


def _xml_char(code: int) -> bool:
    """True for a code point XML allows in a document."""
    return (
        code in (0x9, 0xA, 0xD)
        or 0x20 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or 0x10000 <= code <= 0x10FFFF
    )


def _repair_char_ref(match: re.Match[bytes]) -> bytes:
    hex_digits, digits = match.groups()
    text = (hex_digits or digits).lstrip(b"0") or b"0"
    code = int(text, 16 if hex_digits else 10) if len(text) <= 8 else -1
    return match.group(0) if _xml_char(code) else _REPLACEMENT_REF


def _xml_error(parsed: Any) -> str | None:
    """What expat said about XML that is not well-formed (its line numbers are feedparser's,
    which may add a declaration line, so only the message is kept)."""
    error = parsed.get("bozo_exception")
    return error.getMessage() if isinstance(error, xml.sax.SAXParseException) else None


def read_feed(data: bytes, source: str) -> Iterator[RawDocument | InputFailure]:
    """Parse feed bytes; entries without any text yield a failure naming the entry.

    The bytes are always parsed as a document (feedparser opens bytes that spell a path).
    A character reference to no character (`&#xD800;`, `&#x110000;`) reads as U+FFFD, since
    feedparser's lenient parser raises on it; in a feed whose encoding hides the reference
    from that repair (UTF-16), the raise fails the feed, naming it.
    """
    try:
        parsed = feedparser.parse(io.BytesIO(_CHAR_REF.sub(_repair_char_ref, data)))
    except (ValueError, OverflowError) as exc:
        yield InputFailure(source, "ingest", f"not a readable RSS/Atom feed ({exc})")
        return
    entries = parsed.get("entries") or []
    broken = _xml_error(parsed)
    if not entries:
        reason = f"broken XML: {broken}" if broken else parsed.get("bozo_exception") or "no entries"
        yield InputFailure(source, "ingest", f"not a readable RSS/Atom feed ({reason})")
        return
    empty = (
        f"feed entry has no text: the feed's XML is broken ({broken})"
        if broken
        else "feed entry has no text (no content or summary)"
    )
    outlet = (parsed.get("feed") or {}).get("title") or None
    for index, entry in enumerate(entries):
        link = entry.get("link") or None
        item_source = f"{source}#item-{index + 1}"
        body = _entry_body(entry)
        if not body.strip():
            yield InputFailure(item_source, "ingest", empty)
            continue
        yield RawDocument(
            source=item_source,
            content=body,
            media_type="text/html",
            url=link,
            title=entry.get("title") or None,
            published=date_from_struct_time(
                entry.get("published_parsed") or entry.get("updated_parsed")
            ),
            external_id=entry.get("id") or link,
            outlet=outlet,
            author=_entry_author(entry),
        )
