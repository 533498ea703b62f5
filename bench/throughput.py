"""End-to-end throughput (clean -> extract -> store) against a naive baseline, in one command.

The corpus: `--pages` documents (default 2,000) made by repeating the 181 news pages of the
extraction benchmark (../shared/eval/extraction/html; skipped with a message when absent)
and the sample corpus's HTML pages and text scrapes. Every copy sits at its own path and
carries a copy mark, so the re-run skip (same source, same raw content) never applies: each
copy is read, cleaned, extracted and written (the store keeps a copy's rows as a duplicate
of its article).

Runs, on the same corpus (the naive one on `--naive-pages` documents spread over it):
  naive      trafilatura's defaults for the text, then spaCy's full pipeline (tagger, parser,
             NER) over the whole text, one process, nothing stored
  blocs x1   `run_ingest` with event extraction into a fresh store, 1 process
  blocs xN   the same on N worker processes
after an untimed warm-up, and prints pages/s, sentences/s, the share of sentences parsed,
peak RSS per process and the ratios.

    .venv/bin/python bench/throughput.py [--pages 2000] [--workers 2] [--naive-pages 60]
"""

from __future__ import annotations

import argparse
import gzip
import resource
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from blocs.events.setup import load_extractor
from blocs.pipeline import ExtractionConfig, Job, LocalRunner, run_ingest
from blocs.process import Processed, Result
from blocs.store.db import Store

REPO = Path(__file__).resolve().parents[1]
BENCH_PAGES = REPO.parent / "shared" / "eval" / "extraction" / "html"


def _originals() -> list[tuple[str, str]]:
    """(folder/file name, text) of the pages a copy repeats."""
    pages: list[tuple[str, str]] = []
    if BENCH_PAGES.is_dir():
        for path in sorted(BENCH_PAGES.glob("*.html.gz")):
            name = f"news/{path.name.removesuffix('.gz')}"
            pages.append((name, gzip.decompress(path.read_bytes()).decode("utf-8", "replace")))
    else:
        print(f"{BENCH_PAGES} not present (needs_shared): the sample corpus only")
    for sub in ("html", "text"):
        for path in sorted((REPO / "examples" / sub).iterdir()):
            pages.append((f"{sub}/{path.name}", path.read_text(encoding="utf-8")))
    return pages


def _marked(text: str, name: str, copy: int) -> str:
    if name.endswith(".html"):
        return f"<!-- copy {copy} -->\n{text}"
    return text + "\n" * (copy + 1)  # a scrape's raw content changes, its clean text not


def write_corpus(folder: Path, pages: int) -> list[Path]:
    """`pages` documents, copy after copy of the originals; the files in reading order."""
    originals = _originals()
    files = []
    for i in range(pages):
        copy, index = divmod(i, len(originals))
        name, text = originals[index]
        sub, file = name.split("/")
        path = folder / f"copy-{copy:03d}" / sub / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_marked(text, name, copy), encoding="utf-8")
        files.append(path)
    return files


class CountingRunner(LocalRunner):
    """A local runner that counts the sentences it extracted and parsed."""

    def __init__(self, workers: int) -> None:
        super().__init__(workers)
        self.sentences = self.parsed = 0

    def __call__(self, jobs: list[Job]) -> list[Result]:
        results = super().__call__(jobs)
        for result in results:
            if isinstance(result, Processed) and result.extracted:
                self.sentences += len(result.document.sentences)
                self.parsed += result.sentences_parsed
        return results


@dataclass
class Row:
    label: str
    pages: int
    sentences: int
    parsed: int | None
    seconds: float


def naive(files: list[Path]) -> Row:
    """trafilatura's defaults, then the full spaCy pipeline over the whole text."""
    nlp = load_extractor().nlp
    sentences = 0
    started = time.perf_counter()
    with nlp.select_pipes(disable=["blocs_actors"]):
        for path in files:
            raw = path.read_text(encoding="utf-8")
            text = trafilatura.extract(raw) if path.suffix == ".html" else raw
            sentences += sum(1 for _ in nlp(text or "").sents)
    seconds = time.perf_counter() - started
    return Row("naive (trafilatura + full spaCy)", len(files), sentences, None, seconds)


def blocs(folder: Path, db: Path, workers: int) -> Row:
    runner = CountingRunner(workers)
    try:
        with Store(db) as store:
            report = run_ingest([str(folder)], store, extraction=ExtractionConfig(), runner=runner)
    finally:
        runner.close()
    label = f"blocs, {workers} worker{'s' if workers > 1 else ''}"
    return Row(label, report.documents_read, runner.sentences, runner.parsed, report.seconds)


def _mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--naive-pages", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = write_corpus(root / "corpus", args.pages)
        warm = write_corpus(root / "warm-up", 20)
        blocs(warm[0].parents[2], root / "warm-up.duckdb", 1)  # modules and the model, once
        step = max(1, min(args.pages, len(_originals())) // args.naive_pages)
        rows = [naive(files[::step][: args.naive_pages])]  # spread over the originals
        main_after_naive = _mib(resource.RUSAGE_SELF)
        rows.append(blocs(root / "corpus", root / "one.duckdb", 1))
        main_peak = _mib(resource.RUSAGE_SELF)
        rows.append(blocs(root / "corpus", root / "n.duckdb", args.workers))
        worker_peak = _mib(resource.RUSAGE_CHILDREN)
    print(f"corpus: {args.pages} documents ({len(_originals())} originals repeated)")
    print(
        f"{'run':<34}{'pages':>7}{'seconds':>9}{'pages/s':>9}{'sent/s':>9}{'parsed':>8}"
        f"{'vs naive':>10}"
    )
    naive_rate = rows[0].pages / rows[0].seconds
    for row in rows:
        rate = row.pages / row.seconds
        share = f"{row.parsed / row.sentences:.0%}" if row.parsed is not None else "100%"
        print(
            f"{row.label:<34}{row.pages:>7}{row.seconds:>9.1f}{rate:>9.1f}"
            f"{row.sentences / row.seconds:>9.0f}{share:>8}{rate / naive_rate:>9.1f}x"
        )
    one, many = (r.pages / r.seconds for r in rows[1:])
    print(f"{args.workers} workers vs 1: {many / one:.2f}x")
    print(
        f"peak RSS: main process {main_peak:.0f} MiB ({main_after_naive:.0f} after the naive"
        f" run), largest worker process {worker_peak:.0f} MiB"
    )


if __name__ == "__main__":
    main()
