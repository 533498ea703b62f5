"""The web app: pages and their `/api/...` JSON twins over the library's query and model
functions, with no logic of its own.

`create_app(settings)` builds it; `blocs serve` runs it with uvicorn. The store is read
through a `StoreSnapshot` (held while requests come, let go when a writer needs the file) and
written only by ingest jobs in child processes.
"""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from blocs import __version__
from blocs.store.db import Store
from blocs.web.auth import require_read_access
from blocs.web.errors import install_handlers
from blocs.web.jobs import IngestJobs
from blocs.web.kept import KeptAnswers
from blocs.web.routes import actors, articles, docs, events, ingest, login, model, overview, runs
from blocs.web.security import BodyLimit, SecurityHeaders
from blocs.web.settings import WebSettings
from blocs.web.snapshot import StoreSnapshot
from blocs.web.store_cache import StoreCache

ROUTERS = (overview, articles, events, actors, model, runs, ingest, docs)


def create_app(settings: WebSettings) -> FastAPI:
    """The app over `settings.db` (created and migrated when missing)."""
    Store(settings.db).close()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        snapshot = StoreSnapshot(settings.db)
        jobs = IngestJobs(
            settings.db, snapshot, settings.uploads, settings.policy, settings.extract
        )
        app.state.snapshot, app.state.jobs = snapshot, jobs
        app.state.cache = cache = StoreCache(snapshot.generation)
        snapshot.on_new_copy(cache.prepare)
        threading.Thread(target=model.warm, args=(cache, snapshot), daemon=True).start()
        try:
            yield
        finally:
            jobs.close()
            snapshot.close()

    app = FastAPI(
        title="blocs",
        version=__version__,
        description="News about international security as evidence-linked events, and the "
        "alignments they show. Every page has a JSON twin under /api.",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    for module in ROUTERS:
        app.include_router(module.router, dependencies=[Depends(require_read_access)])
    app.include_router(login.router)
    static = resources.files("blocs.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    install_handlers(app)
    app.add_middleware(KeptAnswers)
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_middleware(SecurityHeaders)
    return app
