"""`/login`: when reads are protected, a browser gives the token once and keeps it in a
cookie (HttpOnly, SameSite=Strict: scripts cannot read it and other sites cannot send it).
The cookie opens reads only; writes still need the token itself."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from blocs.web.auth import COOKIE, check_token
from blocs.web.render import render

router = APIRouter()


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request) -> HTMLResponse:
    return render(request, "login.html", {})


@router.post("/login", include_in_schema=False)
async def login(request: Request) -> Response:
    async with request.form(max_files=0, max_fields=4) as form:
        token = form.get("token")
    check_token(token if isinstance(token, str) else None, request.app.state.settings.token)
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(COOKIE, str(token), httponly=True, samesite="strict", path="/")
    return response
