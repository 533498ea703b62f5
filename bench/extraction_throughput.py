"""Event extraction throughput, against two baselines run in the same process.

For each corpus (the bundled sample articles; with --bench-pages also the 181 news pages of
the extraction benchmark, cleaned first), on one core:
  tokenizer only       spaCy's tokenizer over every sentence (the floor)
  full pipeline        tagger, parser and NER over every sentence, spaCy as it comes
                       (`spacy.load` of the same model: what a naive tool does)
  ... blocs settings   the same over blocs's own pipeline object (its matrix products on
                       numpy's BLAS, the memoised attribute ruler: `blocs.nlp`), so the share
                       of the gain that is not the choice of what to parse shows
  blocs extract        actors marked on every sentence, full parse only where an event can be,
                       one article at a time and in the chunks ingest and extract use
and prints articles/s, the share of sentences parsed, events found, and the speed ratio of
blocs extract to the full pipeline (both ways). Knowledge and model loading time is printed
apart. Each run is timed on the wall clock and in this process's CPU seconds: on a shared
machine the load moves between the runs of one command, and the CPU ratio is the one to
rely on.

    .venv/bin/python bench/extraction_throughput.py [--bench-pages]
"""

from __future__ import annotations

import argparse
import gzip
import resource
import tempfile
import time
from pathlib import Path

import spacy
from spacy.language import Language

from blocs.clean.article import clean_document
from blocs.events.setup import load_extractor
from blocs.ingest.sources import iter_inputs
from blocs.nlp.pipeline import model_name, tokenizer_of
from blocs.pipeline import CHUNK_SIZE, chunks
from blocs.records import CleanedDocument, RawDocument

REPO = Path(__file__).resolve().parents[1]
_SAME_SETTINGS = "... blocs settings"


def _cleaned(inputs: list[str]) -> list[CleanedDocument]:
    docs = [d for d in iter_inputs(inputs) if isinstance(d, RawDocument)]
    cleaned = []
    for doc in docs:
        try:
            item = clean_document(doc)
        except Exception:  # a page without text is not part of this measurement
            continue
        if item.article.language == "en":
            cleaned.append(item)
    return cleaned


def _pages(bench: Path, target: Path) -> str:
    folder = target / "pages"
    folder.mkdir()
    for path in sorted((bench / "html").glob("*.html.gz")):
        (folder / path.name.removesuffix(".gz")).write_bytes(gzip.decompress(path.read_bytes()))
    return str(folder)


class _Clock:
    """Wall and CPU seconds of the runs timed with it, by label."""

    def __init__(self) -> None:
        self.runs: list[tuple[str, float, float]] = []

    def start(self) -> None:
        self._wall, self._cpu = time.perf_counter(), time.process_time()

    def stop(self, label: str) -> None:
        wall, cpu = time.perf_counter() - self._wall, time.process_time() - self._cpu
        self.runs.append((label, wall, cpu))

    def ratio(self, slow: str, fast: str) -> str:
        """How many times faster `fast` ran than `slow`, wall and CPU."""
        times = {label: (wall, cpu) for label, wall, cpu in self.runs}
        (slow_wall, slow_cpu), (fast_wall, fast_cpu) = times[slow], times[fast]
        return f"{slow_wall / fast_wall:.2f}x (CPU {slow_cpu / fast_cpu:.2f}x)"


def _measure(name: str, corpus: list[CleanedDocument], stock: Language) -> None:
    extractor = load_extractor()
    nlp = extractor.nlp
    texts = [s.text for c in corpus for s in c.sentences]
    clock = _Clock()
    clock.start()
    for _ in tokenizer_of(nlp).pipe(texts):
        pass
    clock.stop("tokenizer only")
    clock.start()
    for _ in stock.pipe(texts, batch_size=64):
        pass
    clock.stop("full pipeline")
    clock.start()
    with nlp.select_pipes(disable=["blocs_actors"]):
        for _ in nlp.pipe(texts, batch_size=64):
            pass
    clock.stop(_SAME_SETTINGS)
    clock.start()
    parsed = events = 0
    for item in corpus:
        result = extractor.extract(item.article.article_id, item.sentences, item.article.published)
        parsed += result.stats.parsed
        events += len(result.events)
    clock.stop("blocs extract")
    chunked = f"  in chunks of {CHUNK_SIZE}"
    clock.start()
    chunked_events = 0
    for chunk in chunks(corpus, CHUNK_SIZE):
        found = extractor.extract_many(
            [(c.article.article_id, c.sentences, c.article.published) for c in chunk]
        )
        chunked_events += sum(len(r.events) for r in found)
    clock.stop(chunked)
    assert chunked_events == events, "a chunk must give what its articles give one by one"
    n = len(corpus)
    print(f"\n{name}: {n} articles, {len(texts)} sentences")
    print(f"{'run':<22}{'seconds':>9}{'articles/s':>12}{'CPU s':>9}{'/CPU s':>9}")
    for label, wall, cpu in clock.runs:
        print(f"{label:<22}{wall:>9.2f}{n / wall:>12.1f}{cpu:>9.2f}{n / cpu:>9.1f}")
    print(
        f"sentences parsed by blocs: {parsed}/{len(texts)} ({parsed / len(texts):.0%}); "
        f"events: {events}; blocs extract vs full pipeline: "
        f"{clock.ratio('full pipeline', 'blocs extract')} faster one article at a time, "
        f"{clock.ratio('full pipeline', chunked)} in chunks of {CHUNK_SIZE} (as ingest and "
        f"extract run it); vs the full pipeline with blocs settings: "
        f"{clock.ratio(_SAME_SETTINGS, 'blocs extract')} and {clock.ratio(_SAME_SETTINGS, chunked)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bench-pages", action="store_true")
    args = parser.parse_args()
    started = time.perf_counter()
    load_extractor()
    print(f"model + knowledge load: {time.perf_counter() - started:.2f} s")
    stock = spacy.load(model_name())
    _measure("sample corpus", _cleaned([str(REPO / "examples")]), stock)
    if args.bench_pages:
        with tempfile.TemporaryDirectory() as tmp:
            pages = _pages(REPO.parent / "shared" / "eval" / "extraction", Path(tmp))
            _measure("extraction benchmark pages", _cleaned([pages]), stock)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory: {peak:.0f} MiB")


if __name__ == "__main__":
    main()
