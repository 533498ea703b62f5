"""Ingest throughput: documents per second into a fresh DuckDB file.

Runs, in one process and on the same input:
  baseline   reading the inputs only (ingest readers, no cleaning, no store)
  ingest     the full ingest job with 1 worker
  ingest -jN the full ingest job with N worker processes
  re-run     the same job again on the filled store (everything is already there)
after one untimed warm-up run (module imports, the language model) in the same process.
and prints documents/s for each and the ratios. Inputs default to the bundled sample corpus;
`--bench-pages` adds the 181 HTML pages of the extraction benchmark (needs ../shared).

    .venv/bin/python bench/ingest_throughput.py [--workers 2] [--bench-pages]
"""

from __future__ import annotations

import argparse
import gzip
import resource
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from blocs.ingest.sources import iter_inputs
from blocs.pipeline import ExtractionConfig, IngestReport, run_ingest
from blocs.store.db import Store

REPO = Path(__file__).resolve().parents[1]


def _timed(run: Callable[[], int]) -> tuple[int, float]:
    started = time.perf_counter()
    count = run()
    return count, time.perf_counter() - started


def _copy_benchmark_pages(bench: Path, target: Path) -> Path:
    folder = target / "pages"
    folder.mkdir()
    for path in sorted((bench / "html").glob("*.html.gz")):
        name = path.name.removesuffix(".gz")
        (folder / name).write_bytes(gzip.decompress(path.read_bytes()))
    return folder


def _ingest(inputs: list[str], db: Path, workers: int) -> IngestReport:
    """The ingest job as `blocs ingest` runs it: clean, extract events, store."""
    with Store(db) as store:
        return run_ingest(inputs, store, workers=workers, extraction=ExtractionConfig())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=[str(REPO / "examples")])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument(
        "--bench-pages",
        action="store_true",
        help="also ingest ../shared/eval/extraction/html (181 pages)",
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        inputs = list(args.inputs)
        if args.bench_pages:
            inputs.append(
                str(
                    _copy_benchmark_pages(REPO.parent / "shared" / "eval" / "extraction", Path(tmp))
                )
            )
        _ingest(inputs, Path(tmp) / "warm-up.duckdb", 1)  # load models and modules once
        n_read, t_read = _timed(lambda: sum(1 for _ in iter_inputs(inputs)))
        rows: list[tuple[str, int, float]] = [("baseline: read only", n_read, t_read)]
        for label, workers, db in [
            ("ingest, 1 worker", 1, "one.duckdb"),
            (f"ingest, {args.workers} workers", args.workers, "n.duckdb"),
        ]:
            report = _ingest(inputs, Path(tmp) / db, workers)
            rows.append((label, report.documents_read, report.seconds))
        rerun = _ingest(inputs, Path(tmp) / "one.duckdb", 1)
        rows.append(("re-run, all unchanged", rerun.documents_read, rerun.seconds))
        print(f"inputs: {', '.join(inputs)}")
        print(f"{'run':<28}{'docs':>6}{'seconds':>10}{'docs/s':>10}{'vs 1 worker':>13}")
        one_worker = rows[1][1] / rows[1][2]
        for label, docs, seconds in rows:
            rate = docs / seconds if seconds else float("inf")
            print(f"{label:<28}{docs:>6}{seconds:>10.2f}{rate:>10.1f}{rate / one_worker:>12.2f}x")
        print(
            f"re-run: {rerun.counts.unchanged} documents found unchanged, "
            f"{rerun.counts.articles_added} added, {len(rerun.failures)} failures"
        )
        peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"peak resident memory of this process: {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
