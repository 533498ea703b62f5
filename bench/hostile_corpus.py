"""Hostile inputs: what binary, broken, huge and nested inputs cost an ingest run.

Builds the corpus of `tests/ingest/test_hostile_inputs.py` (its generator,
`tests/ingest/hostile_corpus.py`, loaded by path: tests are not a package) in a temporary
folder, then runs `blocs ingest` with event extraction, each time in its own process:
  baseline   the good documents of the corpus only, into a fresh store
  first run  the whole corpus (and the .txt.gz bomb named on the command line), fresh store
  re-run     the same again on the filled store (everything is already there)
and prints, for each, wall time and the peak resident memory of that process, the run's
counts, and the ratios against the baseline.

    .venv/bin/python bench/hostile_corpus.py
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

REPO = Path(__file__).resolve().parents[1]
GENERATOR = REPO / "tests" / "ingest" / "hostile_corpus.py"
BLOCS = Path(sys.executable).with_name("blocs")


@dataclass(frozen=True)
class Measured:
    label: str
    seconds: float
    peak_mib: float
    summary: dict[str, Any]


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("hostile_corpus", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _ingest(label: str, inputs: list[str], db: Path, logs: Path) -> Measured:
    """One `blocs ingest` process: its wall time and its own peak RSS (os.wait4's rusage is
    that child's, not the maximum over every child so far)."""
    out, err = logs / f"{label}.out", logs / f"{label}.err"
    command = [str(BLOCS), "ingest", *inputs, "--db", str(db), "--no-progress", "--json"]
    started = time.perf_counter()
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(command, stdout=stdout, stderr=stderr)
        _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1) or "Traceback" in err.read_text():
        sys.exit(f"{label}: blocs ingest exited {process.returncode}:\n{err.read_text()[-3000:]}")
    peak = usage.ru_maxrss / (1024 * 1024 if sys.platform == "darwin" else 1024)
    return Measured(label, seconds, peak, json.loads(out.read_text()))


def main() -> None:
    argparse.ArgumentParser(description=__doc__.splitlines()[0]).parse_args()
    generator = _generator()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folder = root / "corpus"
        started = time.perf_counter()
        cases = generator.build_corpus(folder)
        bomb = root / "bomb.txt.gz"
        generator.build_gzip_text_bomb(bomb)
        built = time.perf_counter() - started
        inputs = [str(folder), str(bomb)]
        rows = [
            _ingest("baseline: good documents", [str(folder / "good")], root / "good.duckdb", root),
            _ingest("first run", inputs, root / "x.duckdb", root),
            _ingest("re-run", inputs, root / "x.duckdb", root),
        ]
    print(f"corpus: {len(cases)} cases, built in {built:.1f} s")
    base = rows[0]
    print(
        f"{'run':<26}{'seconds':>9}{'peak MiB':>10}{'read':>6}{'added':>7}{'unchanged':>11}"
        f"{'failures':>10}{'time x':>8}{'RSS x':>7}"
    )
    for row in rows:
        s = row.summary
        print(
            f"{row.label:<26}{row.seconds:>9.2f}{row.peak_mib:>10.0f}{s['documents_read']:>6}"
            f"{s['articles_added']:>7}{s['unchanged']:>11}{len(s['failures']):>10}"
            f"{row.seconds / base.seconds:>8.2f}{row.peak_mib / base.peak_mib:>7.2f}"
        )
    first = rows[1].summary
    print(
        f"first run: {first['sentences_added']} sentences, {first['events_added']} events, "
        f"{first['duplicates_exact']} exact and {first['duplicates_near']} near duplicates"
    )


if __name__ == "__main__":
    main()
