"""Every error answers with a clear message and a 4xx, as JSON under `/api` and as a page
elsewhere; an unexpected error is a bare 500 that shows no trace (it goes to the server's
log)."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from blocs.errors import BlocsError
from blocs.web.render import render
from blocs.web.security import SECURITY_HEADERS

log = logging.getLogger("blocs.web")


def wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api") or request.url.path == "/openapi.json"


def error_response(
    request: Request,
    status: int,
    message: str,
    details: list[dict[str, Any]] | None = None,
    headers: Mapping[str, str] | None = None,
) -> Response:
    data: dict[str, Any] = {"error": message, "status": status}
    if details:
        data["details"] = details
    if wants_json(request):
        return JSONResponse(data, status_code=status, headers=headers)
    response = render(request, "error.html", data, status_code=status)
    response.headers.update(headers or {})
    return response


def _validation_details(exc: RequestValidationError) -> list[dict[str, Any]]:
    return [
        {"parameter": ".".join(str(p) for p in e.get("loc", ())[1:]) or "body", "problem": e["msg"]}
        for e in exc.errors()
    ]


def install_handlers(app: FastAPI) -> None:
    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return error_response(request, exc.status_code, str(exc.detail), headers=exc.headers)

    async def invalid(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        return error_response(request, 422, "invalid parameters", _validation_details(exc))

    async def refused(request: Request, exc: Exception) -> Response:
        return error_response(request, 400, str(exc))

    async def unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s", request.url.path, exc_info=exc)
        # this handler runs outside the app's middlewares: it adds their headers itself
        headers = {k.decode(): v.decode() for k, v in SECURITY_HEADERS}
        return error_response(
            request, 500, "internal error (logged on the server)", headers=headers
        )

    app.add_exception_handler(HTTPException, http_error)
    app.add_exception_handler(RequestValidationError, invalid)
    app.add_exception_handler(BlocsError, refused)
    app.add_exception_handler(Exception, unexpected)
