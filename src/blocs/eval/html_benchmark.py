"""Score HTML main-text extraction on the article-extraction benchmark (181 news/blog pages).

Input: the benchmark folder (`ground-truth.json`, `html/*.html.gz`), see
`shared/eval/extraction/README.md`. Output: the benchmark's score and the speed in pages per
second. Speed is pages per second of this process's CPU time, HTML already decompressed, so
only extraction counts: on an idle core it equals wall-clock speed, and unlike wall-clock time
it does not drop when other programs share the machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from blocs.clean.html import extract_html
from blocs.errors import CleanError
from blocs.eval.extraction_data import iter_html_pages, load_gold, load_gold_urls
from blocs.eval.extraction_metric import ExtractionScore, score_extraction

TextExtractor = Callable[[str, str | None], str]
"""(html, url) -> main text; "" when the extractor finds none."""


def run_html_benchmark(bench_dir: Path) -> tuple[ExtractionScore, float]:
    """Score `blocs.clean.html.extract_html` (text and metadata); return (score, pages/s)."""
    return score_text_extractor(bench_dir, extract_text_or_empty)


def extract_text_or_empty(html: str, url: str | None) -> str:
    """`extract_html`'s text, with a page that has none scored as an empty prediction."""
    try:
        return extract_html(html, url).text
    except CleanError:
        return ""


def score_text_extractor(
    bench_dir: Path, extractor: TextExtractor
) -> tuple[ExtractionScore, float]:
    """Run `extractor` over every benchmark page and score it; return (score, pages/s)."""
    gold = load_gold(bench_dir)
    urls = load_gold_urls(bench_dir)
    pages = list(iter_html_pages(bench_dir))
    predicted: dict[str, str] = {}
    started = time.process_time()
    for page_id, html in pages:
        predicted[page_id] = extractor(html, urls.get(page_id) or None)
    elapsed = time.process_time() - started
    pages_per_second = len(pages) / elapsed if elapsed > 0 else float("inf")
    return score_extraction(gold, predicted), pages_per_second
