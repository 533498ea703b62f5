"""One actor: what names it, its partners, its events."""

from __future__ import annotations

from dataclasses import replace
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, Response

from blocs.errors import StoreError
from blocs.store.event_queries import EventFilter, list_events
from blocs.store.paging import page
from blocs.store.web_queries import actor_summary
from blocs.web.deps import Con, reading
from blocs.web.model_params import bloc_params, model_query
from blocs.web.params import ACTOR_CODE, Limit, Offset
from blocs.web.render import cached_json, cached_page
from blocs.web.routes.model import blocs_data, change_points

router = APIRouter()
ActorCode = Annotated[str, Path(pattern=ACTOR_CODE, description="FRA, FRAGOV, NATO ...")]


def actor_model(request: Request, code: str) -> dict[str, Any]:
    """The actor's bloc (with the default parameters) and the change points of its dyads."""
    query = model_query()
    cache, snapshot = request.app.state.cache, request.app.state.snapshot
    report = blocs_data(cache, snapshot, query, bloc_params())
    bloc = next((b for b in report["blocs"] if any(m["actor"] == code for m in b["members"])), None)
    points = [c for c in change_points(cache, snapshot, query) if code in (c["a"], c["b"])]
    return {"bloc": bloc, "change_points": points}


def _actor(request: Request, code: str, limit: int, offset: int) -> dict[str, Any]:
    def query(con: Con) -> dict[str, Any]:
        summary = actor_summary(con, code)
        actor = EventFilter(actor=summary["code"])
        events = page(
            lambda n, skip: list_events(con, replace(actor, limit=n, offset=skip)), limit, offset
        )
        return {**summary, "event_page": events}

    try:
        found = reading(request, query)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc
    return {**found, **actor_model(request, found["code"])}


@router.get("/api/actors/{code}", tags=["actors"], summary="One actor")
def actor_json(
    request: Request, code: ActorCode, limit: Limit = 50, offset: Offset = 0
) -> Response:
    """The names the texts use for it, its partners (warmest first), its bloc, the change
    points of its dyads, and its events."""
    return cached_json(request, lambda: _actor(request, code, limit, offset))


@router.get("/actors/{code}", response_class=HTMLResponse, include_in_schema=False)
def actor_page(
    request: Request, code: ActorCode, limit: Limit = 50, offset: Offset = 0
) -> HTMLResponse:
    return cached_page(request, "actor.html", lambda: _actor(request, code, limit, offset))
