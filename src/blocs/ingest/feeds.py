"""Reader for RSS and Atom feeds (feedparser): one raw document per entry."""

from __future__ import annotations

import re
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


def read_feed(data: bytes, source: str) -> Iterator[RawDocument | InputFailure]:
    """Parse feed bytes; entries without any text yield a failure naming the entry."""
    parsed = feedparser.parse(data)
    entries = parsed.get("entries") or []
    if not entries:
        reason = parsed.get("bozo_exception") or "no entries"
        yield InputFailure(source, "ingest", f"not a readable RSS/Atom feed ({reason})")
        return
    outlet = (parsed.get("feed") or {}).get("title") or None
    for index, entry in enumerate(entries):
        link = entry.get("link") or None
        item_source = f"{source}#item-{index + 1}"
        body = _entry_body(entry)
        if not body.strip():
            yield InputFailure(item_source, "ingest", "feed entry has no text (title/summary only)")
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
