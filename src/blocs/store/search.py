"""Word search over stored articles: every word of a query, anywhere in the title or text.

DuckDB's full-text extension is not bundled with the wheel (it would be downloaded at run
time), so a search is a conjunction of case-insensitive substring tests, combined with the
listing's own filters (`ArticleFilter`), plus a snippet around the first hit for each result.
Words are letters and digits only, so a query cannot smuggle LIKE wildcards.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

import duckdb

from blocs.store.queries import ArticleFilter, list_articles, rows_as_dicts

MAX_WORDS = 8
SNIPPET_CHARS = 90
_WORD = re.compile(r"\w+", re.UNICODE)


def search_words(query: str | None) -> tuple[str, ...]:
    """The distinct words of a query, lower-cased, at most `MAX_WORDS`."""
    found = dict.fromkeys(w.lower() for w in _WORD.findall(query or ""))
    return tuple(found)[:MAX_WORDS]


def snippet(text: str, words: tuple[str, ...]) -> list[dict[str, Any]]:
    """The text around the first hit of any word, cut into pieces marked `match` or not
    (a page marks them without building HTML from the text)."""
    if not words:
        return [{"text": text[: 2 * SNIPPET_CHARS], "match": False}]
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    first = pattern.search(text)
    centre = first.start() if first else 0
    start = max(0, centre - SNIPPET_CHARS)
    end = min(len(text), centre + SNIPPET_CHARS)
    window = text[start:end]
    pieces: list[dict[str, Any]] = []
    if start > 0:
        pieces.append({"text": "…", "match": False})
    cursor = 0
    for hit in pattern.finditer(window):
        if hit.start() > cursor:
            pieces.append({"text": window[cursor : hit.start()], "match": False})
        pieces.append({"text": hit.group(), "match": True})
        cursor = hit.end()
    if cursor < len(window):
        pieces.append({"text": window[cursor:], "match": False})
    if end < len(text):
        pieces.append({"text": "…", "match": False})
    return pieces


def search_articles(
    con: duckdb.DuckDBPyConnection, query: str | None, filters: ArticleFilter
) -> list[dict[str, Any]]:
    """Articles holding every word of `query` and passing `filters`, in the listing's order,
    each with a `snippet`."""
    words = search_words(query)
    rows = list_articles(con, replace(filters, words=words))
    if not rows:
        return rows
    marks = ", ".join("?" for _ in rows)
    texts = {
        row["article_id"]: row["text"]
        for row in rows_as_dicts(
            con.execute(
                f"SELECT article_id, text FROM articles WHERE article_id IN ({marks})",
                [row["article_id"] for row in rows],
            )
        )
    }
    return [{**row, "snippet": snippet(texts[row["article_id"]], words)} for row in rows]
