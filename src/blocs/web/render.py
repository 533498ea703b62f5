"""Server-side rendering: one Jinja2 environment, autoescaping everything.

Pages get the very data their `/api/...` twin returns (`data`) and render it with loops and
`{{ }}` only; no route builds HTML from data, and no template marks data `safe`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from importlib import resources
from typing import Any

import jinja2
from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from pydantic_core import to_json
from starlette.types import Scope

from blocs import __version__
from blocs.web.store_cache import StoreCache

_TEMPLATES = resources.files("blocs.web").joinpath("templates")
HTML = "text/html; charset=utf-8"
JSON = "application/json"


def _number(value: Any, digits: int = 2) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _when(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(_TEMPLATES)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = _number
    env.filters["when"] = _when
    env.globals["version"] = __version__
    return env


ENVIRONMENT = _environment()


def page_url(request: Request, **params: Any) -> str:
    """This page's path and query with some query parameters changed (None removes one)."""
    url = request.url.remove_query_params([k for k, v in params.items() if v is None])
    kept = {k: v for k, v in params.items() if v is not None}
    url = url.include_query_params(**kept) if kept else url
    return url.path + (f"?{url.query}" if url.query else "")


def _html(request: Request, template: str, data: dict[str, Any]) -> str:
    return ENVIRONMENT.get_template(template).render(
        request=request, data=data, page_url=lambda **p: page_url(request, **p)
    )


def render(
    request: Request, template: str, data: dict[str, Any], status_code: int = 200
) -> HTMLResponse:
    return HTMLResponse(_html(request, template, data), status_code=status_code)


def answer_key(scope: Scope) -> tuple[str, str, bytes]:
    """What a kept answer is kept under: the request's path and query string (all that a
    read's answer depends on besides the store)."""
    return ("answer", scope["path"], scope["query_string"])


def _kept(request: Request, content_type: str, compute: Callable[[], bytes]) -> bytes:
    """The body of a read's answer, kept until the store changes (`store_cache.py`) with
    its content type; a kept answer is also served by `KeptAnswers` (`kept.py`) before the
    request reaches the app."""
    cache: StoreCache = request.app.state.cache
    kept: tuple[str, bytes] = cache.get(
        answer_key(request.scope), lambda: (content_type, compute())
    )
    return kept[1]


def cached_page(
    request: Request, template: str, compute: Callable[[], dict[str, Any]]
) -> HTMLResponse:
    """A page of the store's data, kept until the store changes."""
    body = _kept(request, HTML, lambda: _html(request, template, compute()).encode())
    return HTMLResponse(body)


def cached_json(request: Request, compute: Callable[[], object]) -> Response:
    """The JSON of a read, kept until the store changes."""
    body = _kept(request, JSON, lambda: to_json(compute(), inf_nan_mode="null"))
    return Response(body, media_type=JSON)


def json_response(data: object, status_code: int = 200) -> Response:
    """Data as JSON (dates as ISO strings), encoded in one pass without validation: the
    shapes come from the library, not from response models."""
    body = to_json(data, inf_nan_mode="null")
    return Response(body, status_code=status_code, media_type="application/json")
