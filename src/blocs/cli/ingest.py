"""`blocs ingest`: read, clean, extract and store."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from blocs.cli.app import app
from blocs.cli.console import err, fail, out, print_json, progress_bar, say_error, say_skipped
from blocs.cli.options import (
    ActorsOption,
    DbOption,
    DictionaryOption,
    JsonOption,
    LexiconOption,
    ModelOption,
    ProgressOption,
)
from blocs.errors import BlocsError
from blocs.store.db import DEFAULT_DB, Store

if TYPE_CHECKING:
    from blocs.pipeline import IngestReport, Runner


def _report_dict(report: IngestReport, db: Path) -> dict[str, Any]:
    c = report.counts
    return {
        "run_id": report.run_id,
        "db": str(db),
        "documents_read": report.documents_read,
        "articles_added": c.articles_added,
        "sentences_added": c.sentences_added,
        "events_added": c.events_added,
        "duplicates_exact": c.duplicates_exact,
        "duplicates_near": c.duplicates_near,
        "unchanged": c.unchanged,
        "failures": [
            {"source": f.source, "stage": f.stage, "message": f.message} for f in report.failures
        ],
        "seconds": round(report.seconds, 3),
    }


def _print_report(summary: dict[str, Any]) -> None:
    out.print(
        f"run {summary['run_id']} -> {summary['db']}\n"
        f"  documents read     {summary['documents_read']}\n"
        f"  articles added     {summary['articles_added']}\n"
        f"  sentences added    {summary['sentences_added']}\n"
        f"  events added       {summary['events_added']}\n"
        f"  duplicates         {summary['duplicates_exact']} exact, "
        f"{summary['duplicates_near']} near (collapsed into their canonical article)\n"
        f"  already stored     {summary['unchanged']}\n"
        f"  failures           {len(summary['failures'])}\n"
        f"  time               {summary['seconds']:.2f} s",
        highlight=False,
    )
    for failure in summary["failures"]:
        say_skipped(failure["source"], failure["message"])


@contextmanager
def _dask_runner(where: str | None, workers: int, shards: Path) -> Iterator[Runner | None]:
    """The Dask runner for `--dask` (None: run here)."""
    if where is None:
        yield None
        return
    from blocs.scale.cluster import dask_client
    from blocs.scale.runner import DaskRunner

    with dask_client(where, workers) as client:
        yield DaskRunner(client, shards)


@app.command()
def ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders (recursive) or URLs.")],
    db: DbOption = DEFAULT_DB,
    allow_private: Annotated[
        bool,
        typer.Option(
            "--allow-private", help="Let URLs reach private, loopback and link-local addresses."
        ),
    ] = False,
    allow_network: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-network", help="A network (CIDR) URLs may reach although it is private."
        ),
    ] = None,
    workers: Annotated[
        int, typer.Option(min=1, help="Worker processes (with --dask local: Dask workers).")
    ] = 1,
    dask: Annotated[
        str | None,
        typer.Option(
            "--dask", help="Run cleaning and extraction on Dask: local, or a scheduler address."
        ),
    ] = None,
    shards: Annotated[
        Path | None,
        typer.Option(
            "--shards",
            help="Folder for the Dask workers' Parquet shards (shared storage on a cluster;"
            " default: next to the store).",
        ),
    ] = None,
    batch_size: Annotated[int, typer.Option(min=1, help="Documents per transaction.")] = 200,
    strict: Annotated[bool, typer.Option(help="Exit 1 if any input failed.")] = False,
    extract_events: Annotated[
        bool,
        typer.Option(
            "--extract/--no-extract", help="Extract actors and events from English articles."
        ),
    ] = True,
    dictionary: DictionaryOption = None,
    lexicon: LexiconOption = None,
    actors: ActorsOption = None,
    model: ModelOption = None,
    progress: ProgressOption = None,
    as_json: JsonOption = False,
) -> None:
    """Read, clean and store articles; re-running on the same input adds nothing."""
    try:
        networks = tuple(ipaddress.ip_network(n, strict=False) for n in allow_network or [])
    except ValueError as exc:
        say_error(f"--allow-network: {exc}")
        raise typer.Exit(2) from exc
    from blocs.ingest.fetch import FetchPolicy
    from blocs.pipeline import ExtractionConfig, run_ingest
    from blocs.store.aggregates import refresh

    policy = FetchPolicy(allow_private=allow_private, allowed_networks=networks)
    try:
        with (
            Store(db) as store,
            _dask_runner(dask, workers, shards or db.with_name(db.name + ".shards")) as runner,
            progress_bar("ingest", progress) as bar,
        ):
            task = bar.add_task("ingest", total=None)
            report = run_ingest(
                inputs,
                store,
                policy,
                batch_size=batch_size,
                workers=workers,
                on_progress=lambda n: bar.advance(task, n),
                extraction=ExtractionConfig(
                    tuple(dictionary or ()), model, tuple(lexicon or ()), tuple(actors or ())
                )
                if extract_events
                else None,
                runner=runner,
            )
            refresh(store.con)  # the model's month sums take in the new events now, as imports do
    except BlocsError as exc:
        raise fail(exc) from exc
    summary = _report_dict(report, db)
    if as_json:
        print_json(summary)
        for failure in report.failures:
            err.print(f"skipped {failure.source}: {failure.message}")
    else:
        _print_report(summary)
    counts = report.counts
    kept = (
        counts.articles_added + counts.unchanged + counts.duplicates_exact + counts.duplicates_near
    )
    nothing_kept = bool(report.failures) and kept == 0
    if nothing_kept or (strict and report.failures):
        raise typer.Exit(1)
