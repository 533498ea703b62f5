"""End-to-end throughput (clean -> extract -> store) against a naive baseline, in one command.

The corpus: `--pages` documents (default 2,000) made by repeating the 181 news pages of the
extraction benchmark (../shared/eval/extraction/html; skipped with a message when absent)
and the sample corpus's HTML pages and text scrapes. Every copy sits at its own path and
its text differs from the other copies' ("Copy N." opens a line of its main text), so no
duplicate check skips it: each copy is read, cleaned, extracted and written (the store
keeps a copy's rows as a near duplicate of the first; the counts are printed).

Runs, on the same corpus (the naive one on `--naive-pages` documents spread over it):
  naive      trafilatura's defaults for the text, then spaCy's full pipeline (tagger, parser,
             NER) over the whole text, spaCy as it comes (`spacy.load` of the model blocs
             uses, without blocs's settings: `blocs.nlp`), one process, nothing stored
  blocs x1   `run_ingest` with event extraction into a fresh store, 1 process
  blocs xN   the same on N worker processes
after an untimed warm-up, and prints pages/s, pages per CPU second (all processes of the run:
on a shared machine it does not drop when other programs take the cores), sentences/s, the
share of sentences parsed, peak RSS per process and the ratios. Then the per-stage ceiling,
CPU time per page in this process over the originals: plain trafilatura, blocs's cleaning,
spaCy's tokenizer alone over the cleaned sentences, blocs's event extraction, and what their
sum allows on N cores.

    .venv/bin/python bench/throughput.py [--pages 2000] [--workers 2] [--naive-pages 60]
"""

from __future__ import annotations

import argparse
import gzip
import logging
import re
import resource
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import spacy
import trafilatura

from blocs.clean.article import clean_document
from blocs.clean.html import extract_html
from blocs.errors import CleanError
from blocs.events.setup import load_extractor
from blocs.ingest.sources import iter_inputs
from blocs.nlp.pipeline import model_name, tokenizer_of
from blocs.pipeline import ExtractionConfig, Job, LocalRunner, run_ingest
from blocs.process import Processed, Result
from blocs.records import CleanedDocument, RawDocument
from blocs.store.db import Store
from blocs.store.writer import BatchCounts

REPO = Path(__file__).resolve().parents[1]
BENCH_PAGES = REPO.parent / "shared" / "eval" / "extraction" / "html"
_MARK = "Copy {}. "
_PARAGRAPH = re.compile(r"<p(?:\s[^>]*)?>(.*?)</p>", re.IGNORECASE | re.DOTALL)
_PARAGRAPHS_TRIED = 5


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


def _candidates(text: str, main: str) -> Iterator[int]:
    """Places in a raw page that may open a line of its main text: where its longest line
    starts an element's text, then the starts of the page's longest paragraphs."""
    line = max(main.split("\n"), key=len)
    for length in (40, 20):
        at = text.find(line[:length])
        while at >= 0:
            if text[:at].rstrip().endswith(">"):
                yield at
            at = text.find(line[:length], at + 1)
    paragraphs = sorted(_PARAGRAPH.finditer(text), key=lambda p: -len(p.group(1)))
    yield from (p.start(1) for p in paragraphs[:_PARAGRAPHS_TRIED])


def _anchor(name: str, text: str) -> int | None:
    """Where a mark lands in the page's main text (checked by cleaning the marked page);
    None when no place tried does."""
    if not name.endswith(".html"):
        lines = text.split("\n")
        longest = max(range(len(lines)), key=lambda i: len(lines[i]))
        return sum(len(line) + 1 for line in lines[:longest])
    try:
        main = extract_html(text).text
        for at in _candidates(text, main):
            if _MARK.format(0) in extract_html(_marked(text, at, 0)).text:
                return at
    except CleanError:
        pass
    return None


def _marked(text: str, anchor: int | None, copy: int) -> str:
    """The page with "Copy N." opening a line of its main text, so that each copy's
    clean text is its own; without an anchor only the raw page differs."""
    mark = _MARK.format(copy)
    if anchor is None:
        return f"<!-- {mark} -->\n{text}"
    return text[:anchor] + mark + text[anchor:]


def write_corpus(folder: Path, pages: int) -> list[Path]:
    """`pages` documents, copy after copy of the originals; the files in reading order."""
    originals = _originals()
    anchors = [_anchor(name, text) for name, text in originals[:pages]]
    files = []
    for i in range(pages):
        copy, index = divmod(i, len(originals))
        name, text = originals[index]
        sub, file = name.split("/")
        path = folder / f"copy-{copy:03d}" / sub / file
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_marked(text, anchors[index], copy), encoding="utf-8")
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
    cpu_seconds: float
    counts: BatchCounts | None = None


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended."""
    usage = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
    return sum(u.ru_utime + u.ru_stime for u in usage)


def naive(files: list[Path]) -> Row:
    """trafilatura's defaults, then the full spaCy pipeline over the whole text."""
    nlp = spacy.load(model_name())
    nlp("The first call sets up what later calls reuse.")
    sentences = 0
    started, cpu = time.perf_counter(), _cpu()
    for path in files:
        raw = path.read_text(encoding="utf-8")
        text = trafilatura.extract(raw) if path.suffix == ".html" else raw
        sentences += sum(1 for _ in nlp(text or "").sents)
    seconds, cpu = time.perf_counter() - started, _cpu() - cpu
    return Row("naive (trafilatura + full spaCy)", len(files), sentences, None, seconds, cpu)


def blocs(folder: Path, db: Path, workers: int) -> Row:
    cpu = _cpu()
    runner = CountingRunner(workers)
    try:
        with Store(db) as store:
            report = run_ingest([str(folder)], store, extraction=ExtractionConfig(), runner=runner)
    finally:
        runner.close()  # the workers end, so their CPU time is counted
    label = f"blocs, {workers} worker{'s' if workers > 1 else ''}"
    return Row(
        label,
        report.documents_read,
        runner.sentences,
        runner.parsed,
        report.seconds,
        _cpu() - cpu,
        report.counts,
    )


def stage_costs(folder: Path) -> dict[str, float]:
    """CPU milliseconds per page of each stage, in this process, over the pages of `folder`."""
    docs = [d for d in iter_inputs([str(folder)]) if isinstance(d, RawDocument)]
    extractor = load_extractor()
    tokenizer = tokenizer_of(extractor.nlp)
    totals = dict.fromkeys(("trafilatura.extract defaults", "blocs clean", "tokenizer alone",
                            "blocs extract"), 0.0)  # fmt: skip
    for doc in docs:
        started = time.process_time()
        if doc.media_type == "text/html":
            trafilatura.extract(doc.content)
        totals["trafilatura.extract defaults"] += time.process_time() - started
        started = time.process_time()
        cleaned: CleanedDocument = clean_document(doc)
        totals["blocs clean"] += time.process_time() - started
        started = time.process_time()
        for _ in tokenizer.pipe(s.text for s in cleaned.sentences):
            pass
        totals["tokenizer alone"] += time.process_time() - started
        started = time.process_time()
        article = cleaned.article
        extractor.extract(article.article_id, cleaned.sentences, article.published)
        totals["blocs extract"] += time.process_time() - started
    return {stage: 1000 * total / len(docs) for stage, total in totals.items()}


def _mib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024


def _print_runs(rows: list[Row], pages: int, originals: int) -> None:
    print(f"corpus: {pages} documents ({originals} originals repeated)")
    print(
        f"{'run':<34}{'pages':>7}{'seconds':>9}{'pages/s':>9}{'/CPU s':>8}{'sent/s':>8}"
        f"{'parsed':>8}{'vs naive':>10}{'(CPU)':>7}"
    )
    naive_rate = rows[0].pages / rows[0].seconds
    naive_cpu_rate = rows[0].pages / rows[0].cpu_seconds
    for row in rows:
        rate, cpu_rate = row.pages / row.seconds, row.pages / row.cpu_seconds
        share = f"{row.parsed / row.sentences:.0%}" if row.parsed is not None else "100%"
        print(
            f"{row.label:<34}{row.pages:>7}{row.seconds:>9.1f}{rate:>9.1f}{cpu_rate:>8.1f}"
            f"{row.sentences / row.seconds:>8.0f}{share:>8}{rate / naive_rate:>9.1f}x"
            f"{cpu_rate / naive_cpu_rate:>6.1f}x"
        )
    for row in rows[1:]:
        c = row.counts
        if c is not None:
            print(
                f"{row.label}: stored {c.articles_added} articles, {c.duplicates_near} near and"
                f" {c.duplicates_exact} exact duplicates, {c.unchanged} unchanged"
            )


def _print_ceiling(costs: dict[str, float], workers: int) -> None:
    print("per-stage CPU per page, one process, the originals (ms; pages/s on one core):")
    for stage, ms in costs.items():
        print(f"  {stage:<30}{ms:>7.1f} ms{1000 / ms:>8.1f} pages/s")
    total = costs["blocs clean"] + costs["blocs extract"]
    print(
        f"  blocs clean + extract {total:.1f} ms a page: at most {workers * 1000 / total:.0f}"
        f" pages/s on {workers} cores with nothing else running (store writes not counted)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--naive-pages", type=int, default=60)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # trafilatura logs every page it discards
    originals = len(_originals())
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        files = write_corpus(root / "corpus", args.pages)
        warm = write_corpus(root / "warm-up", 20)
        blocs(warm[0].parents[2], root / "warm-up.duckdb", 1)  # modules and the model, once
        step = max(1, min(args.pages, originals) // args.naive_pages)
        rows = [naive(files[::step][: args.naive_pages])]  # spread over the originals
        main_after_naive = _mib(resource.RUSAGE_SELF)
        rows.append(blocs(root / "corpus", root / "one.duckdb", 1))
        main_peak = _mib(resource.RUSAGE_SELF)
        rows.append(blocs(root / "corpus", root / "n.duckdb", args.workers))
        worker_peak = _mib(resource.RUSAGE_CHILDREN)
        costs = stage_costs(root / "corpus" / "copy-000")
    _print_runs(rows, args.pages, originals)
    one, many = (r.pages / r.seconds for r in rows[1:])
    print(f"{args.workers} workers vs 1: {many / one:.2f}x")
    print(
        f"peak RSS: main process {main_peak:.0f} MiB ({main_after_naive:.0f} after the naive"
        f" run), largest worker process {worker_peak:.0f} MiB"
    )
    _print_ceiling(costs, args.workers)


if __name__ == "__main__":
    main()
