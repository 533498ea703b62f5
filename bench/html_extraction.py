"""Benchmark HTML main-text extraction variants on the article-extraction benchmark.

Prints, for each variant, precision / recall / F1 (the benchmark's metric) and pages per second
(CPU time of this one process, HTML decompressed beforehand, so only extraction is timed; best
of `--repeat` runs), then the speed of the configuration blocs uses
(`blocs.clean.html.extract_html`, text + metadata) against plain `trafilatura.extract`
defaults run in the same process.

    .venv/bin/python bench/html_extraction.py [--bench ../shared/eval/extraction] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path
from typing import Any

import trafilatura

from blocs.clean.html import extract_main_text
from blocs.eval.extraction_data import iter_html_pages
from blocs.eval.html_benchmark import TextExtractor, extract_text_or_empty, score_text_extractor

REPO = Path(__file__).resolve().parents[1]
BASELINE = "trafilatura.extract defaults"
CHOSEN = "blocs extract_html (chosen: text + metadata)"


def _extract(**options: Any) -> TextExtractor:
    """A variant running `trafilatura.extract` with `options` (and the page's url)."""

    def run(html: str, url: str | None) -> str:
        return trafilatura.extract(html, url=url, **options) or ""

    return run


def _always_two_passes(share: float, first: dict[str, Any], check: dict[str, Any]) -> TextExtractor:
    """A variant running both passes on every page: `first`'s text unless it is shorter than
    `share` of `check`'s (what `extract_main_text` does, without its gate)."""

    def run(html: str, url: str | None) -> str:
        tree = trafilatura.load_html(html)
        first_text, check_text = (_bare_text(tree, url, **options) for options in (first, check))
        return first_text if len(first_text) >= share * len(check_text) else check_text

    return run


def _bare_text(tree: Any, url: str | None, **options: Any) -> str:
    """Text of one `bare_extraction` pass (comments off) over an already parsed page."""
    if tree is None:
        return ""
    document = trafilatura.bare_extraction(tree, url=url, include_comments=False, **options)
    return str(getattr(document, "text", "") or "")


def _with_metadata(html: str, url: str | None) -> str:
    document = trafilatura.bare_extraction(html, url=url, with_metadata=True)
    return str(getattr(document, "text", "") or "")


def _precise_with_check(html: str, url: str | None) -> str:
    tree = trafilatura.load_html(html)
    return "" if tree is None else extract_main_text(tree, url)


def _baseline(html: str, url: str | None) -> str:
    return trafilatura.extract(html) or ""


VARIANTS: dict[str, TextExtractor] = {
    BASELINE: _baseline,
    "balanced, no comments": _extract(include_comments=False),
    "favor_precision": _extract(include_comments=False, favor_precision=True),
    "favor_recall": _extract(include_comments=False, favor_recall=True),
    "fast": _extract(include_comments=False, fast=True),
    "favor_precision + fast": _extract(include_comments=False, favor_precision=True, fast=True),
    "favor_recall + fast": _extract(include_comments=False, favor_recall=True, fast=True),
    "no tables": _extract(include_comments=False, include_tables=False),
    "precision | recall+fast, both always (0.25)": _always_two_passes(
        0.25, {"favor_precision": True}, {"favor_recall": True, "fast": True}
    ),
    "precision+fast | recall+fast, both always (0.5)": _always_two_passes(
        0.5, {"favor_precision": True, "fast": True}, {"favor_recall": True, "fast": True}
    ),
    "precision+fast | recall+fast, gated check (0.25)": _precise_with_check,
    "trafilatura.bare_extraction defaults + metadata": _with_metadata,
    CHOSEN: extract_text_or_empty,
}


def run(bench_dir: Path, variants: dict[str, TextExtractor], repeat: int) -> list[dict[str, Any]]:
    """Score every variant; speed is the best of `repeat` runs, after a one-page warm-up
    (lazy imports, caches). Scores are the same in every run: the variants are deterministic."""
    first_page = next(iter_html_pages(bench_dir))[1]
    rows = []
    for name, extractor in variants.items():
        extractor(first_page, None)
        runs = [score_text_extractor(bench_dir, extractor) for _ in range(repeat)]
        score = runs[0][0]
        pages_per_second = max(speed for _, speed in runs)
        rows.append(
            {
                "variant": name,
                "precision": round(score.precision, 4),
                "recall": round(score.recall, 4),
                "f1": round(score.f1, 4),
                "accuracy": round(score.accuracy, 4),
                "pages_per_second": round(pages_per_second, 1),
            }
        )
        _progress(f"{name}: F1 {score.f1:.4f}, {pages_per_second:.1f} pages/s")
    return rows


def speed_ratio(rows: list[dict[str, Any]]) -> float:
    """Speed of the chosen configuration divided by the baseline's (same process)."""
    speed = {row["variant"]: row["pages_per_second"] for row in rows}
    return float(speed[CHOSEN] / speed[BASELINE])


def print_table(rows: list[dict[str, Any]], ratio: float) -> None:
    width = max(len(row["variant"]) for row in rows)
    print(f"{'variant':<{width}}  {'P':>6}  {'R':>6}  {'F1':>6}  {'acc':>6}  {'pages/s':>7}")
    for row in rows:
        print(
            f"{row['variant']:<{width}}  {row['precision']:.4f}  {row['recall']:.4f}  "
            f"{row['f1']:.4f}  {row['accuracy']:.4f}  {row['pages_per_second']:>7.1f}"
        )
    print("all variants but the two trafilatura-defaults rows use include_comments=False")
    print(f"chosen / baseline speed: {ratio:.2f}x")


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--bench",
        type=Path,
        default=REPO.parent / "shared" / "eval" / "extraction",
        help="benchmark folder (ground-truth.json, html/); default: ../shared/eval/extraction",
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs per variant; the fastest counts (default 3)"
    )
    parser.add_argument("--json", action="store_true", help="print the rows as JSON")
    args = parser.parse_args(argv)
    logging.disable(logging.WARNING)  # trafilatura logs every page it discards
    rows = run(args.bench, VARIANTS, max(1, args.repeat))
    ratio = speed_ratio(rows)
    if args.json:
        print(json.dumps({"variants": rows, "chosen_over_baseline_speed": ratio}, indent=2))
    else:
        print_table(rows, ratio)
    return 0


if __name__ == "__main__":
    sys.exit(main())
