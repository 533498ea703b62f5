"""`blocs import`: coded events of other systems (GDELT, ICEWS, Phoenix) and UN General
Assembly votes into the store."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from blocs.cli.app import app
from blocs.cli.console import fail, out, print_json
from blocs.cli.options import DbOption
from blocs.errors import BlocsError
from blocs.store.db import DEFAULT_DB, Store

if TYPE_CHECKING:
    from blocs.interop.report import ImportReport

import_app = typer.Typer(
    help="Import coded events and UN votes from other systems into the store.",
    no_args_is_help=True,
)
app.add_typer(import_app, name="import")

FileArgument = Annotated[Path, typer.Argument(help="The file to import (.gz or plain).")]
SummaryOption = Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")]


def _summary(report: ImportReport) -> dict[str, Any]:
    return {**asdict(report), "rows_skipped": report.rows_skipped}


def _print(summary: dict[str, Any], db: Path) -> None:
    lines = [
        f"import {summary['import_id']}: {summary['origin']} {summary['source_file']} -> {db}",
        f"  rows read      {summary['rows_read']}",
        f"  rows added     {summary['rows_added']} (to {summary['table']})",
        f"  rows skipped   {summary['rows_skipped']}",
        *(f"    {count:>8}  {reason}" for reason, count in summary["skipped"].items()),
    ]
    if summary["notes"]:
        lines.append("  kept, with a note")
        lines.extend(f"    {count:>8}  {note}" for note, count in summary["notes"].items())
    lines.append(f"  time           {summary['seconds']:.2f} s")
    out.print("\n".join(lines), highlight=False)


def _import_events(file: Path, origin: str, db: Path, as_json: bool) -> None:
    from blocs.interop.store_import import import_events

    try:
        with Store(db) as store:
            report = import_events(store, file, origin)
    except BlocsError as exc:
        raise fail(exc) from exc
    summary = _summary(report)
    if as_json:
        print_json(summary)
    else:
        _print(summary, db)


@import_app.command("gdelt")
def import_gdelt(
    file: FileArgument, db: DbOption = DEFAULT_DB, as_json: SummaryOption = False
) -> None:
    """A GDELT event file: 2.0 export (61 columns) or 1.0 (57/58 columns), told by its rows."""
    _import_events(file, "gdelt", db, as_json)


@import_app.command("icews")
def import_icews(
    file: FileArgument, db: DbOption = DEFAULT_DB, as_json: SummaryOption = False
) -> None:
    """An ICEWS coded-event file (Dataverse tab-separated layout, with its header)."""
    _import_events(file, "icews", db, as_json)


@import_app.command("phoenix")
def import_phoenix(
    file: FileArgument, db: DbOption = DEFAULT_DB, as_json: SummaryOption = False
) -> None:
    """A Phoenix (OEDA) event file, as the 28-column CSV export of TwoRavens."""
    _import_events(file, "phoenix", db, as_json)


@import_app.command("unga")
def import_unga_command(
    votes: Annotated[
        Path, typer.Argument(help="UNGA votes CSV: rcid, session, date, iso3, cow_code, vote.")
    ],
    roll_calls: Annotated[
        Path | None,
        typer.Option(
            "--roll-calls",
            help="UNGA roll-calls CSV: rcid, session, date, unres, importantvote, amend, "
            "para, issues, short, descr.",
        ),
    ] = None,
    db: DbOption = DEFAULT_DB,
    as_json: SummaryOption = False,
) -> None:
    """UN General Assembly roll-call votes (and the roll calls they belong to)."""
    from blocs.interop.unga import import_unga

    try:
        with Store(db) as store:
            report = import_unga(store, votes, roll_calls)
    except BlocsError as exc:
        raise fail(exc) from exc
    parts = [report.votes] + ([report.roll_calls] if report.roll_calls else [])
    summaries = {part.table: _summary(part) for part in parts}
    if as_json:
        print_json(summaries)
    else:
        for summary in summaries.values():
            _print(summary, db)
