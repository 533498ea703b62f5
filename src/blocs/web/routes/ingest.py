"""Ingest from the browser and the API: uploaded files and URLs become a job that runs
`run_ingest` in a child process (`jobs.py`); its progress is a page and a JSON twin.

The API route checks the token before it reads the body, so a client without it cannot make
the server parse an upload; the browser form carries the token in its body, read first.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData, UploadFile

from blocs.ingest.sources import is_url
from blocs.store.web_queries import get_run
from blocs.web.auth import check_token, require_write_token
from blocs.web.jobs import UPLOAD_SUFFIXES, IngestJob, IngestJobs, upload_suffix
from blocs.web.render import json_response, render
from blocs.web.settings import MAX_URLS

router = APIRouter()
JobId = Annotated[str, Path(pattern=r"^[0-9a-f]{16}$")]
MAX_URL_CHARS = 2000
MULTIPART_SCHEMA = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {
                            "type": "array",
                            "items": {"type": "string", "format": "binary"},
                            "description": "Files to ingest: " + ", ".join(UPLOAD_SUFFIXES),
                        },
                        "url": {
                            "type": "array",
                            "items": {"type": "string"},
                            "description": "http(s) URLs, fetched through the fetch guard",
                        },
                    },
                }
            }
        },
    }
}


def _jobs(request: Request) -> IngestJobs:
    jobs: IngestJobs = request.app.state.jobs
    return jobs


async def _submit(request: Request, form: FormData) -> IngestJob:
    """Check the form's files and URLs (nothing is queued unless all are fine), then queue."""
    files: list[tuple[str, bytes]] = []
    for item in form.getlist("file"):
        if not isinstance(item, UploadFile):
            raise HTTPException(400, "`file` must be a file upload")
        if not item.filename and not item.size:
            continue  # the browser's empty file input
        name = item.filename or ""
        if upload_suffix(name) is None:
            raise HTTPException(
                415, f"{name!r}: blocs reads only {', '.join(UPLOAD_SUFFIXES)} files"
            )
        files.append((name, await item.read()))
    urls: list[str] = []
    for value in form.getlist("url") + form.getlist("urls"):
        if not isinstance(value, str):
            raise HTTPException(400, "`url` must be text")
        urls += [line.strip() for line in value.splitlines() if line.strip()]
    for url in urls:
        if (
            len(url) > MAX_URL_CHARS
            or not is_url(url)
            or not url.lower().startswith(("http://", "https://"))
        ):
            raise HTTPException(400, f"{url[:100]!r}: give http:// or https:// URLs")
    if len(urls) > MAX_URLS:
        raise HTTPException(400, f"at most {MAX_URLS} URLs at once")
    if not files and not urls:
        raise HTTPException(400, "nothing to ingest: give `file` uploads or `url` values")
    return _jobs(request).submit(files, urls)


def _status(request: Request, job: IngestJob) -> dict[str, Any]:
    """The job, and its run once it has ended (only then is the store read: progress is
    answered even while the job holds the store)."""
    run = None
    if job.run_id and job.state in ("done", "failed"):
        with request.app.state.snapshot.cursor() as con:
            run = get_run(con, job.run_id)
    return {**job.to_json(), "run": run}


def _job(request: Request, job_id: str) -> IngestJob:
    job = _jobs(request).get(job_id)
    if job is None:
        raise HTTPException(404, f"{job_id!r}: no such ingest job on this server")
    return job


@router.post(
    "/api/ingest",
    tags=["ingest"],
    status_code=202,
    summary="Ingest uploaded files or URLs (token required)",
    dependencies=[Depends(require_write_token)],
    openapi_extra=MULTIPART_SCHEMA,
)
async def ingest_json(request: Request) -> Response:
    """Multipart fields `file` (repeatable) and `url` (repeatable); answers 202 with the job,
    whose progress is `GET /api/ingest/{job_id}`."""
    async with request.form(max_files=100, max_fields=200) as form:
        job = await _submit(request, form)
    location = f"/api/ingest/{job.job_id}"
    response = json_response(job.to_json(), status_code=202)
    response.headers["Location"] = location
    return response


@router.get("/api/ingest/{job_id}", tags=["ingest"], summary="An ingest job's progress")
def job_json(request: Request, job_id: JobId) -> Response:
    """`state` (queued, running, done, failed), documents read so far, and when it has
    ended the run it made (`/api/runs/{run_id}`)."""
    return json_response(_status(request, _job(request, job_id)))


@router.get("/ingest", response_class=HTMLResponse, include_in_schema=False)
def ingest_page(request: Request) -> HTMLResponse:
    data = {"suffixes": UPLOAD_SUFFIXES, "max_urls": MAX_URLS}
    return render(request, "ingest.html", data)


@router.post("/ingest", include_in_schema=False)
async def ingest_form(request: Request) -> Response:
    async with request.form(max_files=100, max_fields=200) as form:
        token = form.get("token")
        check_token(token if isinstance(token, str) else None, request.app.state.settings.token)
        job = await _submit(request, form)
    return RedirectResponse(f"/ingest/{job.job_id}", status_code=303)


@router.get("/ingest/{job_id}", response_class=HTMLResponse, include_in_schema=False)
def job_page(request: Request, job_id: JobId) -> HTMLResponse:
    return render(request, "job.html", _status(request, _job(request, job_id)))
