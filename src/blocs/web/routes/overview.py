"""The overview: corpus counts, the latest events, the blocs map."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from blocs.store.queries import store_stats
from blocs.store.web_queries import latest_events
from blocs.web.charts import network
from blocs.web.deps import Con, reading
from blocs.web.model_params import bloc_params, model_query
from blocs.web.render import cached_json, cached_page
from blocs.web.routes.model import blocs_data

router = APIRouter()
LATEST = 10


def _overview(request: Request) -> dict[str, Any]:
    def query(con: Con) -> dict[str, Any]:
        return {"stats": store_stats(con), "latest_events": latest_events(con, LATEST)}

    counts = reading(request, query)
    cache, snapshot = request.app.state.cache, request.app.state.snapshot
    return {**counts, "blocs": blocs_data(cache, snapshot, model_query(), bloc_params())}


@router.get("/api/overview", tags=["overview"], summary="Corpus counts, latest events, blocs")
def overview_json(request: Request) -> Response:
    """`blocs stats`, the newest events with their sentences, and the blocs (`/api/blocs`
    with its defaults)."""
    return cached_json(request, lambda: _overview(request))


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def overview_page(request: Request) -> HTMLResponse:
    def data() -> dict[str, Any]:
        found = _overview(request)
        return {**found, "chart": network(found["blocs"], size=520)}

    return cached_page(request, "overview.html", data)
