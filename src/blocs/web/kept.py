"""Kept answers served before the app: a read whose answer is kept for the copy of the store
that serves now (`store_cache.py`) is answered here, without routing, validation or a hop
through the thread pool; everything else goes on to the app.

Only GET requests that may read (`auth.may_read`, so a protected server still refuses a
request without the token, through the app) and only when no newer copy of the store is to
be taken first (`StoreSnapshot.settled_generation`: this runs on the event loop and must
not wait). The security headers are added by the middleware around this one.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from blocs.web.auth import may_read
from blocs.web.render import answer_key
from blocs.web.snapshot import StoreSnapshot
from blocs.web.store_cache import StoreCache


class KeptAnswers:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        kept = self._kept(scope) if scope["type"] == "http" else None
        if kept is None:
            await self.app(scope, receive, send)
            return
        content_type, body = kept
        headers = [
            (b"content-type", content_type.encode()),
            (b"content-length", str(len(body)).encode()),
        ]
        await send({"type": "http.response.start", "status": 200, "headers": headers})
        await send({"type": "http.response.body", "body": body})

    def _kept(self, scope: Scope) -> tuple[str, bytes] | None:
        if scope["method"] != "GET":
            return None
        state = scope["app"].state
        cache: StoreCache | None = getattr(state, "cache", None)
        snapshot: StoreSnapshot | None = getattr(state, "snapshot", None)
        if cache is None or snapshot is None or not may_read(Request(scope)):
            return None
        generation = snapshot.settled_generation()
        if generation is None:
            return None
        kept: tuple[str, bytes] | None = cache.peek(answer_key(scope), generation)
        return kept
