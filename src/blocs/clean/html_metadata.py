"""HTML page metadata: title, author, site name, canonical url and publication date.

Input: a parsed page (the tree `clean/html.py` parses once) and the url it came from.
Output: a `PageMetadata` with the five fields blocs stores.

The fields are read by trafilatura's own metadata steps (pinned in pyproject.toml), in the
order `trafilatura.extract_metadata` runs them: the page's meta tags, its JSON-LD over
them, then the title, author, url, date (htmldate, the original publication date) and
site name wherever those left a gap. `extract_metadata` also looks for categories, tags
and a licence, which blocs does not keep and which cost half of its time on news pages
(their XPath scans over every link), so they are not read here; the five fields are those
`extract_metadata` gives (`tests/clean/test_html_metadata.py` checks it page by page).
"""

from __future__ import annotations

import datetime
import logging
import re
from dataclasses import dataclass
from typing import Any

from htmldate import find_date
from trafilatura import metadata as steps

LOGGER = logging.getLogger(__name__)
# A site name is read from the url when the page declares none: "www.example.org" -> that.
_URL_HOST = re.compile(r"https?://(?:www\.|w[0-9]+\.)?([^/]+)")


@dataclass(frozen=True, slots=True)
class PageMetadata:
    title: str | None
    author: str | None
    sitename: str | None  # trafilatura falls back to the url's host when none is declared
    url: str | None  # the canonical url if the page gives one, else the url passed in
    date: str | None  # ISO date of the original publication, as htmldate gives it


def date_params() -> dict[str, Any]:
    """htmldate settings: prefer the original publication date over an update date."""
    return {
        "original_date": True,
        "extensive_search": True,
        "max_date": datetime.date.today().isoformat(),
    }


def _sitename(declared: str | None, url: str | None) -> str | None:
    """The declared site name without a Twitter handle's "@", capitalised when it is a
    lower-case word; else the url's host."""
    if declared:
        name = declared.lstrip("@")
        if name and "." not in name and not name[0].isupper():
            name = name.title()
        return name
    match = _URL_HOST.match(url) if url else None
    return match[1] if match else None


def page_metadata(tree: Any, url: str | None = None) -> PageMetadata:
    """The title, author, site name, canonical url and original publication date of a
    parsed page (`tree`, an lxml HTML element, is not modified)."""
    found = steps.examine_meta(tree)
    if found.author and " " not in found.author:
        found.author = None  # a one-word author tag is most often a handle or the site
    try:
        found = steps.extract_meta_json(tree, found)
    except Exception as exc:  # a bug of the JSON-LD reader on one page must not stop it
        LOGGER.warning("%s: JSON-LD metadata not read: %s", url or "HTML document", exc)
    found.title = found.title or steps.extract_title(tree)
    found.author = found.author or steps.extract_author(tree)
    found.url = found.url or steps.extract_url(tree, url)
    found.date = find_date(tree, **date_params(), url=found.url)
    found.sitename = _sitename(found.sitename or steps.extract_sitename(tree), found.url)
    found.clean_and_trim()  # trafilatura's trimming: entities, spaces, a length limit
    return PageMetadata(found.title, found.author, found.sitename, found.url, found.date)
