"""`blocs extract`: events from documents, without the store."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from blocs.cli.app import app
from blocs.cli.console import err, fail, progress_bar, say_error, say_skipped
from blocs.cli.options import (
    ActorsOption,
    DictionaryOption,
    LexiconOption,
    ModelOption,
    ProgressOption,
)
from blocs.errors import BlocsError


@app.command()
def extract(
    inputs: Annotated[
        list[str],
        typer.Argument(
            help="JSONL of {id, text, date} (documents or sentences), text or HTML files, folders."
        ),
    ],
    fmt: Annotated[str, typer.Option("--format", help="jsonl or csv.")] = "jsonl",
    out_path: Annotated[
        Path | None, typer.Option("--out", help="File to write (default: stdout).")
    ] = None,
    dictionary: DictionaryOption = None,
    lexicon: LexiconOption = None,
    actors: ActorsOption = None,
    model: ModelOption = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes for cleaning and extraction.")
    ] = 1,
    progress: ProgressOption = None,
) -> None:
    """Extract events from documents without touching the store: one event per output line."""
    from blocs.events.job import OUTPUT_FORMATS, extract_to_file
    from blocs.events.setup import load_extractor
    from blocs.process import ExtractionConfig

    if fmt not in OUTPUT_FORMATS:
        say_error(f"--format {fmt!r}: use one of {', '.join(OUTPUT_FORMATS)}")
        raise typer.Exit(2)
    try:
        config = ExtractionConfig(
            tuple(dictionary or ()), model, tuple(lexicon or ()), tuple(actors or ())
        )
        # Built here first so that a bad dictionary or model fails before any document.
        load_extractor(config.dictionaries, config.lexicons, config.actor_files, model)
        with progress_bar("extract", progress) as bar:
            task = bar.add_task("extract", total=None)
            report, count = extract_to_file(
                inputs,
                config,
                out_path,
                fmt,
                sys.stdout,
                on_progress=lambda n: bar.advance(task, n),
                workers=workers,
            )
    except BlocsError as exc:
        raise fail(exc) from exc
    for failure in report.failures:
        say_skipped(failure.source, failure.message)
    stats = report.stats
    share = stats.parsed / stats.sentences if stats.sentences else 0.0
    err.print(
        f"{count} events from {report.documents} documents, {stats.sentences} sentences "
        f"({stats.parsed} parsed, {share:.0%}); {report.skipped_language} not in English"
        + (f" -> {out_path}" if out_path else ""),
        highlight=False,
    )
    if report.documents == 0 and report.failures:
        raise typer.Exit(1)
