"""Ingest runs and the inputs that failed."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse

from blocs.errors import StoreError
from blocs.store.paging import page
from blocs.store.web_queries import failures_page, get_run, list_runs
from blocs.web.deps import Con
from blocs.web.params import Limit, Offset
from blocs.web.render import render

router = APIRouter()
RUN_ID = r"^[0-9A-Za-z-]{1,64}$"
RunId = Annotated[str, Path(pattern=RUN_ID)]


def _runs(con: Con, limit: int, offset: int) -> dict[str, Any]:
    return page(lambda n, skip: list_runs(con, n, skip), limit, offset)


@router.get("/api/runs", tags=["runs"], summary="Ingest runs, newest first")
def runs_json(con: Con, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return _runs(con, limit, offset)


@router.get("/runs", response_class=HTMLResponse, include_in_schema=False)
def runs_page(request: Request, con: Con, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    return render(request, "runs.html", _runs(con, limit, offset))


def _run(con: Con, run_id: str) -> dict[str, Any]:
    try:
        return get_run(con, run_id)
    except StoreError as exc:
        raise HTTPException(404, str(exc)) from exc


@router.get("/api/runs/{run_id}", tags=["runs"], summary="One run with its failures")
def run_json(con: Con, run_id: RunId) -> dict[str, Any]:
    return _run(con, run_id)


@router.get("/runs/{run_id}", response_class=HTMLResponse, include_in_schema=False)
def run_page(request: Request, con: Con, run_id: RunId) -> HTMLResponse:
    return render(request, "run.html", _run(con, run_id))


RunFilter = Annotated[str | None, Query(pattern=RUN_ID)]


def _failures(con: Con, run: str | None, limit: int, offset: int) -> dict[str, Any]:
    result = page(lambda n, skip: failures_page(con, n, skip, run), limit, offset)
    return {**result, "query": {"run": run}}


@router.get("/api/failures", tags=["runs"], summary="Inputs that failed, newest first")
def failures_json(
    con: Con, run: RunFilter = None, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """Every input that could not be read or cleaned, with the reason (`blocs failures`)."""
    return _failures(con, run, limit, offset)


@router.get("/failures", response_class=HTMLResponse, include_in_schema=False)
def failures_page_html(
    request: Request, con: Con, run: RunFilter = None, limit: Limit = 50, offset: Offset = 0
) -> HTMLResponse:
    return render(request, "failures.html", _failures(con, run, limit, offset))
