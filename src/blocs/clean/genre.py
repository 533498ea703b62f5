"""A coarse genre label: news, or opinion (columns, op-eds, analysis with a disclaimer)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

_OPINION_PATH = re.compile(r"/(opinion|op-ed|oped|commentary|columns?|editorials?)s?/")
_OPINION_TITLE = re.compile(
    r"^\s*(opinion|op-ed|commentary|column|editorial)\s*[:|\-–—]", re.IGNORECASE
)
_DISCLAIMER = re.compile(
    r"\b(views|opinions)\b[^.]{0,80}\b(expressed|are (solely )?(those|the author))",
    re.IGNORECASE,
)


def detect_genre(url: str | None, title: str | None, removed_lines: Iterable[str]) -> str:
    """'opinion' when the URL path, a title prefix or a removed author's-views disclaimer
    says so; 'news' otherwise."""
    if url and _OPINION_PATH.search(urlsplit(url).path.lower()):
        return "opinion"
    if title and _OPINION_TITLE.search(title):
        return "opinion"
    if any(_DISCLAIMER.search(line) for line in removed_lines):
        return "opinion"
    return "news"
