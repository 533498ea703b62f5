"""A coarse genre label: news, opinion (columns, op-eds, analysis with a disclaimer), sports
or entertainment (a section of the site, or a site about sport, by its URL).

In a sports or entertainment report "beat", "fought", "clashed" and "defending champion
Croatia" are play, and a former minister's surname is most often a player's: such articles
give no events (`gives_events`); their actors are still found.
"""

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
# Path segments of a site's sports and entertainment sections ("/sport/football/...",
# "/nfl/news/...", "/entertainment/2019/...").
_SECTIONS = {
    "sports": frozenset(
        """sport sports football soccer nfl nba mlb nhl cricket tennis golf rugby boxing
        f1 formula1 olympics motorsport college-football""".split()
    ),
    "entertainment": frozenset(
        """entertainment celebrity celebrities showbiz movies music television""".split()
    ),
}
# "cbssports.com", "sport.example": a host label holding "sports" or opening with "sport"
# (not "transport").
_SPORTS_HOST = re.compile(r"(^|\.)([a-z-]*sports[a-z-]*|sport[a-z-]*)\.")
NO_EVENT_GENRES = frozenset(_SECTIONS)


def detect_genre(url: str | None, title: str | None, removed_lines: Iterable[str]) -> str:
    """'opinion' when the URL path, a title prefix or a removed author's-views disclaimer
    says so; 'sports' or 'entertainment' when the URL names such a section or a sports
    site; 'news' otherwise."""
    parts = urlsplit(url) if url else None
    if parts is not None and _OPINION_PATH.search(parts.path.lower()):
        return "opinion"
    if title and _OPINION_TITLE.search(title):
        return "opinion"
    if any(_DISCLAIMER.search(line) for line in removed_lines):
        return "opinion"
    if parts is not None:
        segments = set(parts.path.lower().split("/"))
        for genre, names in _SECTIONS.items():
            if segments & names:
                return genre
        if _SPORTS_HOST.search((parts.hostname or "").lower()):
            return "sports"
    return "news"


def gives_events(genre: str) -> bool:
    """Does an article of this genre report events? Not a sports or entertainment one."""
    return genre not in NO_EVENT_GENRES
