"""The token that guards writes (and reads, when the server is told to protect them).

The API takes it as `Authorization: Bearer TOKEN`; the browser's ingest form carries it in a
form field (so a page of another site cannot make a visitor's browser write: it does not know
the token). A missing token is 401, a wrong one 403; both are checked before anything is
written. Comparison takes constant time.
"""

from __future__ import annotations

import secrets

from fastapi import HTTPException, Request

BEARER = "bearer "
COOKIE = "blocs_token"


def check_token(given: str | None, expected: str) -> None:
    if not given:
        raise HTTPException(401, "a token is required", headers={"WWW-Authenticate": "Bearer"})
    if not secrets.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(403, "wrong token")


def bearer(request: Request) -> str | None:
    header = request.headers.get("authorization", "")
    return header[len(BEARER) :].strip() if header.lower().startswith(BEARER) else None


def require_write_token(request: Request) -> None:
    """Dependency of every API write."""
    check_token(bearer(request), request.app.state.settings.token)


def _read_token(request: Request) -> str | None:
    return bearer(request) or request.cookies.get(COOKIE)


def require_read_access(request: Request) -> None:
    """Dependency of every read: open unless the server protects reads; then the bearer
    token or the cookie `/login` sets."""
    settings = request.app.state.settings
    if settings.protect_reads:
        check_token(_read_token(request), settings.token)


def may_read(request: Request) -> bool:
    """Whether `require_read_access` lets the request through."""
    settings = request.app.state.settings
    if not settings.protect_reads:
        return True
    given = _read_token(request)
    return given is not None and secrets.compare_digest(given.encode(), settings.token.encode())
