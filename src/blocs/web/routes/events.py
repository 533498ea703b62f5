"""Events with the filters of `blocs events`."""

from __future__ import annotations

from dataclasses import asdict, replace
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response

from blocs.store.event_queries import EventFilter, list_events
from blocs.store.paging import page
from blocs.web.deps import reading
from blocs.web.params import event_filter
from blocs.web.render import cached_json, cached_page

router = APIRouter()
Filters = Annotated[EventFilter, Depends(event_filter)]


def _events(request: Request, filters: EventFilter) -> dict[str, Any]:
    result = reading(
        request,
        lambda con: page(
            lambda n, skip: list_events(con, replace(filters, limit=n, offset=skip)),
            filters.limit or 50,
            filters.offset,
        ),
    )
    query = {k: v for k, v in asdict(filters).items() if k not in ("limit", "offset")}
    query["dyad"] = "-".join(filters.dyad) if filters.dyad else None
    return {**result, "query": query}


@router.get("/api/events", tags=["events"], summary="Events: filters as `blocs events`")
def events_json(request: Request, filters: Filters) -> Response:
    """Stored events with their evidence sentence and article, oldest first."""
    return cached_json(request, lambda: _events(request, filters))


@router.get("/events", response_class=HTMLResponse, include_in_schema=False)
def events_page(request: Request, filters: Filters) -> HTMLResponse:
    return cached_page(request, "events.html", lambda: _events(request, filters))
