"""Articles: the listing with word search and the CLI's filters, and one article with its
events marked in its text."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, Response

from blocs.errors import StoreError
from blocs.store.paging import page
from blocs.store.queries import ArticleFilter
from blocs.store.search import search_articles, search_words
from blocs.store.web_queries import article_with_events
from blocs.web.deps import reading
from blocs.web.params import ARTICLE_ID, Limit, Offset, Since, Text, Until
from blocs.web.render import cached_json, cached_page

router = APIRouter()
ArticleId = Annotated[str, Path(pattern=ARTICLE_ID, description="Id or a 4+ hex prefix.")]


def _articles(
    request: Request,
    q: Text,
    outlet: Text,
    language: Text,
    genre: Text,
    since: Since,
    until: Until,
    limit: int,
    offset: int,
) -> dict[str, Any]:
    filters = ArticleFilter(outlet, language, genre, since, until)
    result = reading(
        request,
        lambda con: page(
            lambda n, skip: search_articles(con, q, replace(filters, limit=n, offset=skip)),
            limit,
            offset,
        ),
    )
    return {
        **result,
        "query": {
            "q": q,
            "words": list(search_words(q)),
            "outlet": outlet,
            "language": language,
            "genre": genre,
            "since": since,
            "until": until,
        },
    }


@router.get("/api/articles", tags=["articles"], summary="Articles: search and filters")
def articles_json(
    request: Request,
    q: Text = None,
    outlet: Text = None,
    language: Text = None,
    genre: Text = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Response:
    """Stored articles, oldest first: every word of `q` in the title or text, and the
    filters of `blocs articles`; each with a snippet around the first hit."""
    return cached_json(
        request, lambda: _articles(request, q, outlet, language, genre, since, until, limit, offset)
    )


@router.get("/articles", response_class=HTMLResponse, include_in_schema=False)
def articles_page(
    request: Request,
    q: Text = None,
    outlet: Text = None,
    language: Text = None,
    genre: Text = None,
    since: Since = None,
    until: Until = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> HTMLResponse:
    return cached_page(
        request,
        "articles.html",
        lambda: _articles(request, q, outlet, language, genre, since, until, limit, offset),
    )


def _article(request: Request, article_id: str) -> dict[str, Any]:
    try:
        return reading(request, lambda con: article_with_events(con, article_id))
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get("/api/articles/{article_id}", tags=["articles"], summary="One article")
def article_json(request: Request, article_id: ArticleId) -> Response:
    """Metadata, sources, sentences, text, every event, and the text cut into `passages`
    that name the events each piece carries."""
    return cached_json(request, lambda: _article(request, article_id))


@router.get("/articles/{article_id}", response_class=HTMLResponse, include_in_schema=False)
def article_page(request: Request, article_id: ArticleId) -> HTMLResponse:
    return cached_page(request, "article.html", lambda: _article(request, article_id))
