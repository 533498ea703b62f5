"""Output of the command line: data to stdout, messages and progress to stderr.

Neither stream is hard-wrapped when it is not a terminal: a message piped into a log keeps
one line, whatever the path lengths in it; tables piped to a file keep one row per line.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import duckdb
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from blocs.errors import BlocsError
from blocs.store.db import Store

T = TypeVar("T")
PIPED_WIDTH = 240


def _console(stderr: bool) -> Console:
    """A console that never wraps what it prints (soft wrap), lays out tables at the
    terminal's width or at a wide fixed width when piped, and reads no markup in what it
    prints: titles, paths and messages are data ("[/b]" in a title prints as it is), and
    styles come from `Text` spans (`say_error`, `print_field`)."""
    stream = sys.stderr if stderr else sys.stdout
    return Console(
        stderr=stderr,
        soft_wrap=True,
        width=None if stream.isatty() else PIPED_WIDTH,
        markup=False,
        highlight=False,
    )


out = _console(stderr=False)
err = _console(stderr=True)


def progress_bar(label: str, show: bool | None) -> Progress:
    """A documents counter on stderr, shown when stderr is a terminal unless told."""
    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("documents"),
        TimeElapsedColumn(),
        console=err,
        disable=not (err.is_terminal if show is None else show),
        transient=True,
    )


def read_store(db: Path, query: Callable[[duckdb.DuckDBPyConnection], T]) -> T:
    """Run one read-only query on the store; a store error exits 1 with its message."""
    try:
        with Store(db, read_only=True) as store:
            return query(store.con)
    except BlocsError as exc:
        raise fail(exc) from exc


def say_error(message: str) -> None:
    err.print(Text.assemble(("error:", "red"), " ", message))


def say_skipped(source: str, message: str) -> None:
    """One input that could not be read or cleaned, on stderr."""
    err.print(Text.assemble(("skipped", "yellow"), f" {source}: {message}"))


def print_field(name: str, value: object, width: int) -> None:
    """`name` right-aligned in bold, then its value, on stdout."""
    out.print(Text.assemble((f"{name:>{width}}", "bold"), f"  {'' if value is None else value}"))


def fail(exc: BlocsError) -> typer.Exit:
    say_error(str(exc))
    return typer.Exit(1)


def print_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def table(rows: list[dict[str, Any]], columns: list[str], title: str | None = None) -> Table:
    grid = Table(title=title, show_lines=False)
    for column in columns:
        wide = column in {"title", "text", "message", "source", "url", "sentence"}
        grid.add_column(column, overflow="fold", no_wrap=not wide)
    for row in rows:
        grid.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in columns))
    return grid
