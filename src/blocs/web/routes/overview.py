"""The overview: corpus counts and the latest events."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from blocs.store.queries import store_stats
from blocs.store.web_queries import latest_events
from blocs.web.deps import Con
from blocs.web.render import render

router = APIRouter()
LATEST = 10


def _overview(con: Con) -> dict[str, Any]:
    return {"stats": store_stats(con), "latest_events": latest_events(con, LATEST)}


@router.get("/api/overview", tags=["overview"], summary="Corpus counts and the latest events")
def overview_json(con: Con) -> dict[str, Any]:
    """`blocs stats`, and the newest events with their sentences."""
    return _overview(con)


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def overview_page(request: Request, con: Con) -> HTMLResponse:
    return render(request, "overview.html", _overview(con))
