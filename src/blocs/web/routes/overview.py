"""The overview: corpus counts, the latest events, the blocs map."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from blocs.store.queries import store_stats
from blocs.store.web_queries import latest_events
from blocs.web.charts import network
from blocs.web.deps import Con
from blocs.web.model_params import bloc_params, model_query
from blocs.web.render import render
from blocs.web.routes.model import blocs_data

router = APIRouter()
LATEST = 10


def _overview(request: Request, con: Con) -> dict[str, Any]:
    blocs = blocs_data(request.app.state.model_cache, con, model_query(), bloc_params())
    return {
        "stats": store_stats(con),
        "latest_events": latest_events(con, LATEST),
        "blocs": blocs,
    }


@router.get("/api/overview", tags=["overview"], summary="Corpus counts, latest events, blocs")
def overview_json(request: Request, con: Con) -> dict[str, Any]:
    """`blocs stats`, the newest events with their sentences, and the blocs (`/api/blocs`
    with its defaults)."""
    return _overview(request, con)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def overview_page(request: Request, con: Con) -> HTMLResponse:
    data = _overview(request, con)
    return render(request, "overview.html", {**data, "chart": network(data["blocs"])})
