"""Ingest runs and the inputs that failed."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse, Response

from blocs.errors import StoreError
from blocs.store.paging import page
from blocs.store.web_queries import failures_page, get_run, list_runs
from blocs.web.deps import reading
from blocs.web.params import Limit, Offset
from blocs.web.render import cached_json, cached_page

router = APIRouter()
RUN_ID = r"^[0-9A-Za-z-]{1,64}$"
RunId = Annotated[str, Path(pattern=RUN_ID)]


def _runs(request: Request, limit: int, offset: int) -> dict[str, Any]:
    return reading(
        request, lambda con: page(lambda n, skip: list_runs(con, n, skip), limit, offset)
    )


@router.get("/api/runs", tags=["runs"], summary="Ingest runs, newest first")
def runs_json(request: Request, limit: Limit = 50, offset: Offset = 0) -> Response:
    return cached_json(request, lambda: _runs(request, limit, offset))


@router.get("/runs", response_class=HTMLResponse, include_in_schema=False)
def runs_page(request: Request, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    return cached_page(request, "runs.html", lambda: _runs(request, limit, offset))


def _run(request: Request, run_id: str) -> dict[str, Any]:
    try:
        return reading(request, lambda con: get_run(con, run_id))
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get("/api/runs/{run_id}", tags=["runs"], summary="One run with its failures")
def run_json(request: Request, run_id: RunId) -> Response:
    return cached_json(request, lambda: _run(request, run_id))


@router.get("/runs/{run_id}", response_class=HTMLResponse, include_in_schema=False)
def run_page(request: Request, run_id: RunId) -> HTMLResponse:
    return cached_page(request, "run.html", lambda: _run(request, run_id))


RunFilter = Annotated[str | None, Query(pattern=RUN_ID)]


def _failures(request: Request, run: str | None, limit: int, offset: int) -> dict[str, Any]:
    result = reading(
        request, lambda con: page(lambda n, skip: failures_page(con, n, skip, run), limit, offset)
    )
    return {**result, "query": {"run": run}}


@router.get("/api/failures", tags=["runs"], summary="Inputs that failed, newest first")
def failures_json(
    request: Request, run: RunFilter = None, limit: Limit = 50, offset: Offset = 0
) -> Response:
    """Every input that could not be read or cleaned, with the reason (`blocs failures`)."""
    return cached_json(request, lambda: _failures(request, run, limit, offset))


@router.get("/failures", response_class=HTMLResponse, include_in_schema=False)
def failures_page_html(
    request: Request, run: RunFilter = None, limit: Limit = 50, offset: Offset = 0
) -> HTMLResponse:
    return cached_page(request, "failures.html", lambda: _failures(request, run, limit, offset))
