"""`blocs serve`: the web app and API over the store (`blocs.web`)."""

from __future__ import annotations

import ipaddress
import secrets
from typing import Annotated

import typer

from blocs.cli.app import app
from blocs.cli.console import err, fail, say_error
from blocs.cli.options import DbOption
from blocs.errors import BlocsError
from blocs.store.db import DEFAULT_DB


@app.command()
def serve(
    db: DbOption = DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Address to bind; anything but loopback exposes the server.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar="BLOCS_TOKEN",
            help="Token that writes (ingest) need; generated and printed once when not given.",
        ),
    ] = None,
    protect_reads: Annotated[
        bool, typer.Option("--protect-reads", help="Reads need the token too.")
    ] = False,
    max_upload_mb: Annotated[
        int, typer.Option(min=1, max=2048, help="Largest request body, in MB.")
    ] = 20,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Let ingested URLs reach private and loopback addresses."
        ),
    ] = False,
    allow_network: Annotated[
        list[str] | None,
        typer.Option("--allow-network", help="A private network (CIDR) URLs may reach."),
    ] = None,
    extract_events: Annotated[
        bool,
        typer.Option("--extract/--no-extract", help="Extract events from what is ingested."),
    ] = True,
) -> None:
    """Serve the pages and the JSON API (reads open, writes need the token)."""
    try:
        networks = tuple(ipaddress.ip_network(n, strict=False) for n in allow_network or [])
    except ValueError as exc:
        say_error(f"--allow-network: {exc}")
        raise typer.Exit(2) from exc
    import uvicorn

    from blocs.ingest.fetch import FetchPolicy
    from blocs.web import WebSettings, create_app

    if not token:
        token = secrets.token_urlsafe(24)
        err.print(f"write token (shown once): {token}", highlight=False, markup=False)
    settings = WebSettings(
        db=db,
        token=token,
        protect_reads=protect_reads,
        max_body_bytes=max_upload_mb * 1024 * 1024,
        policy=FetchPolicy(allow_private=allow_private, allowed_networks=networks),
        extract=extract_events,
    )
    try:
        web_app = create_app(settings)
    except BlocsError as exc:
        raise fail(exc) from exc
    err.print(f"serving {db} on http://{host}:{port}/ (API reference at /docs)", highlight=False)
    uvicorn.run(
        web_app, host=host, port=port, log_level="warning", access_log=False, timeout_keep_alive=30
    )
