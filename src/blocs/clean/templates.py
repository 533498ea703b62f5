"""A site's template: the lines (menus, footers, share buttons) that many of its pages carry.

Plain-text scrapes lose their page structure, so the lines a site repeats on many pages are
the surest sign of furniture. Which pages belong together is the site: the URL's host, or for
files without a URL the folder they sit in. A line is part of the site's template when at
least `MIN_DOCUMENTS` of the site's documents, and at least `MIN_SHARE` of them, carry it
(the rule of `boilerplate.find_repeated_lines`, applied per site over everything the store
has seen, so the result does not depend on how the input is cut into batches).
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

from blocs.clean.boilerplate import normalise_line
from blocs.records import RawDocument

MIN_DOCUMENTS = 3
MIN_SHARE = 0.2


def needs_template(doc: RawDocument) -> bool:
    """Text scrapes are cleaned against their site's template; HTML and JSONL are not."""
    return doc.media_type == "text/plain" and not doc.prepared


def site_of(doc: RawDocument) -> str:
    """The site a document belongs to: its URL's host, else the folder of its file."""
    if doc.url:
        try:
            host = urlsplit(doc.url).hostname
        except ValueError:
            host = None
        if host:
            return host.removeprefix("www.")
    return str(Path(doc.source).parent)


def line_keys(text: str) -> set[str]:
    """The distinct normalised lines of a text (a line counts once per document)."""
    return {key for line in text.splitlines() if (key := normalise_line(line))}
