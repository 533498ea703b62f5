"""A coarse genre label: news, or opinion (columns, op-eds, analysis with a disclaimer)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

_OPINION_PATH = re.compile(r"/(opinion|opinions|op-ed|oped|commentary|column|columns|editorial)s?/")
_OPINION_MARKS = re.compile(
    r"\b(views|opinions)\b[^.]{0,60}\b(expressed|are (solely )?(those|the author))"
    r"|\bop-ed\b|\bopinion\s*[:|]",
    re.IGNORECASE,
)


def detect_genre(url: str | None, title: str | None, removed_lines: Iterable[str]) -> str:
    """'opinion' when the URL path, the title or a removed disclaimer line says so."""
    if url and _OPINION_PATH.search(urlsplit(url).path.lower()):
        return "opinion"
    if title and _OPINION_MARKS.search(title):
        return "opinion"
    if any(_OPINION_MARKS.search(line) for line in removed_lines):
        return "opinion"
    return "news"
