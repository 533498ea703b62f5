"""`blocs report`: the alignment report of a store as one self-contained HTML page.

The command parses its options and calls `blocs.report.build.build_report`; the model and
matplotlib are imported only when it runs.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from blocs.cli.app import app
from blocs.cli.console import fail, out, print_json, say_error
from blocs.cli.options import DbOption
from blocs.errors import BlocsError
from blocs.store.db import DEFAULT_DB


def _usage(message: str) -> typer.Exit:
    say_error(message)
    return typer.Exit(2)


def _day(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise _usage(f"{flag} {value!r}: expected a date as YYYY-MM-DD") from exc


@app.command()
def report(
    out_dir: Annotated[
        Path, typer.Option("--out", help="Folder to write index.html into (created if needed).")
    ],
    db: DbOption = DEFAULT_DB,
    since: Annotated[
        str | None, typer.Option("--since", help="Events on or after this date (YYYY-MM-DD).")
    ] = None,
    until: Annotated[
        str | None,
        typer.Option(
            "--until",
            help="Events on or before this date (YYYY-MM-DD); also the date scores are"
            " taken at [default: the latest event].",
        ),
    ] = None,
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            help="Evidence origins, a comma list of blocs, gdelt, icews, phoenix"
            " [default: all]; `unga` adds each dyad's UN General Assembly vote agreement.",
        ),
    ] = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="Print the written paths as JSON.")
    ] = False,
) -> None:
    """Write an HTML report: heatmap, signed network and blocs, trends, crisis camps, and
    the evidence sentences behind every number."""
    from blocs.model.queries import Selection, parse_sources
    from blocs.report.build import build_report
    from blocs.report.gather import ReportOptions

    try:
        origins, votes = parse_sources(source)
        selection = Selection(origins, _day(since, "--since"), _day(until, "--until"))
    except BlocsError as exc:
        raise _usage(str(exc)) from exc
    try:
        written = build_report(db, out_dir, selection, ReportOptions(votes=votes))
    except BlocsError as exc:
        raise fail(exc) from exc
    except OSError as exc:
        say_error(f"cannot write the report to {out_dir}: {exc}")
        raise typer.Exit(1) from exc
    if as_json:
        print_json({"written": [str(path) for path in written]})
        return
    for path in written:
        out.print(str(path), highlight=False)
