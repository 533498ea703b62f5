"""The alignment model's pages: a dyad (score with its interval, the monthly timeline with
change points, the events that moved it), the blocs of the signed network, crisis camps.

Each calls one public function of `blocs.model` and returns its record's `to_json()`; answers
are kept until the store changes (`store_cache.py`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from blocs.errors import ModelError
from blocs.model.camps import CampParams, crisis_camps, find_crisis, load_crises
from blocs.model.dyads import VotePeriod, dyad_report
from blocs.model.network import BlocParams, blocs_report
from blocs.model.trends import TrendParams, trends_report
from blocs.web.charts import network, timeline
from blocs.web.model_params import ModelQuery, bloc_params, model_query
from blocs.web.params import ACTOR_CODE
from blocs.web.render import cached_json, cached_page, json_response, render
from blocs.web.snapshot import StoreSnapshot
from blocs.web.store_cache import StoreCache

router = APIRouter()
Model = Annotated[ModelQuery, Depends(model_query)]
Blocs = Annotated[BlocParams, Depends(bloc_params)]
Actor = Annotated[str, Path(pattern=ACTOR_CODE)]
Top = Annotated[int, Query(ge=1, le=500, description="Events listed, by contribution.")]
Issue = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{2,20}$", description="LBY, SYR ...")]


def _cache(request: Request) -> StoreCache:
    cache: StoreCache = request.app.state.cache
    return cache


def _snapshot(request: Request) -> StoreSnapshot:
    snapshot: StoreSnapshot = request.app.state.snapshot
    return snapshot


def dyad_data(
    cache: StoreCache, snapshot: StoreSnapshot, a: str, b: str, q: ModelQuery, top: int
) -> dict[str, Any]:
    def compute() -> dict[str, Any]:
        votes = VotePeriod() if q.votes else None
        with snapshot.cursor() as con:
            report = dyad_report(con, a, b, q.selection, q.scoring, top=top, votes=votes)
            trend = trends_report(con, q.selection, q.scoring, TrendParams(), pair=(a, b))
        series = trend.to_json()["trends"]
        return {**report.to_json(), "trend": series[0] if series else None}

    return cache.get(("dyad", a.upper(), b.upper(), q, top), compute, stale_ok=True)


@router.get("/api/dyads/{a}/{b}", tags=["model"], summary="A dyad: score, timeline, evidence")
def dyad_json(request: Request, a: Actor, b: Actor, q: Model, top: Top = 10) -> Response:
    """`blocs dyad`: the pair's score with its interval (and each direction's), the events
    that moved it most with their sentences, and its monthly series with change points."""
    return cached_json(
        request, lambda: dyad_data(_cache(request), _snapshot(request), a, b, q, top)
    )


@router.get("/dyads/{a}/{b}", response_class=HTMLResponse, include_in_schema=False)
def dyad_page(request: Request, a: Actor, b: Actor, q: Model, top: Top = 10) -> HTMLResponse:
    def data() -> dict[str, Any]:
        found = dyad_data(_cache(request), _snapshot(request), a, b, q, top)
        return {**found, "chart": timeline(found["trend"])}

    return cached_page(request, "dyad.html", data)


def blocs_data(
    cache: StoreCache, snapshot: StoreSnapshot, q: ModelQuery, params: BlocParams
) -> dict[str, Any]:
    def compute() -> dict[str, Any]:
        with snapshot.cursor() as con:
            return blocs_report(con, q.selection, q.scoring, params).to_json()

    return cache.get(("blocs", q, params), compute, stale_ok=True)


@router.get("/api/blocs", tags=["model"], summary="Blocs of the signed network")
def blocs_json(request: Request, q: Model, params: Blocs) -> Response:
    """`blocs blocs`: the consensus blocs (members with stability), the relations between
    blocs, and every tie (unordered dyad score) of the signed network."""
    return cached_json(request, lambda: blocs_data(_cache(request), _snapshot(request), q, params))


@router.get("/blocs", response_class=HTMLResponse, include_in_schema=False)
def blocs_page(request: Request, q: Model, params: Blocs) -> HTMLResponse:
    def data() -> dict[str, Any]:
        found = blocs_data(_cache(request), _snapshot(request), q, params)
        return {**found, "chart": network(found)}

    return cached_page(request, "blocs.html", data)


def change_points(
    cache: StoreCache, snapshot: StoreSnapshot, q: ModelQuery
) -> list[dict[str, Any]]:
    """Every change point of every pair with enough evidence (`blocs trends`)."""

    def compute() -> list[dict[str, Any]]:
        with snapshot.cursor() as con:
            report = trends_report(con, q.selection, q.scoring, TrendParams())
        points: list[dict[str, Any]] = report.to_json()["change_points"]
        return points

    return cache.get(("trends", q), compute, stale_ok=True)


def _camps(request: Request, issue: str, q: ModelQuery) -> dict[str, Any]:
    try:
        crisis = find_crisis(issue)
    except ModelError as exc:
        raise HTTPException(404, str(exc)) from exc

    def compute() -> dict[str, Any]:
        with _snapshot(request).cursor() as con:
            return crisis_camps(con, crisis, q.selection, CampParams()).to_json()

    return _cache(request).get(("camps", issue.upper(), q), compute, stale_ok=True)


def _crises() -> dict[str, Any]:
    return {"crises": [crisis.to_json() for crisis in load_crises().values()]}


@router.get("/api/camps", tags=["model"], summary="The crises camps can be asked for")
def crises_json() -> Response:
    return json_response(_crises())


@router.get("/camps", response_class=HTMLResponse, include_in_schema=False)
def crises_page(request: Request) -> HTMLResponse:
    return render(request, "crises.html", _crises())


@router.get("/api/camps/{issue}", tags=["model"], summary="Crisis camps for an issue")
def camps_json(request: Request, issue: Issue, q: Model) -> Response:
    """`blocs camps`: each side's camp of outside states with their lean and its interval,
    the unaligned, and each state's evidence events."""
    return cached_json(request, lambda: _camps(request, issue, q))


@router.get("/camps/{issue}", response_class=HTMLResponse, include_in_schema=False)
def camps_page(request: Request, issue: Issue, q: Model) -> HTMLResponse:
    return cached_page(request, "camps.html", lambda: _camps(request, issue, q))


def warm(cache: StoreCache, snapshot: StoreSnapshot) -> None:
    """Compute the default blocs and change points once at start (the first use of the
    model's libraries costs seconds), so the first visitor does not wait for them."""
    query = model_query()
    blocs_data(cache, snapshot, query, bloc_params())
    change_points(cache, snapshot, query)
