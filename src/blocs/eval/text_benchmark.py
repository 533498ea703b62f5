"""The line-level boilerplate filter on the "all visible text" of the extraction benchmark.

In: the benchmark folder (`shared/eval/extraction/`). Its reference output `html-text`
is every page's visible text with no boilerplate removed (F1 0.6649 against the gold
bodies). The filter runs on that text, page by page, with the template lines that
`find_repeated_lines` finds over the 181 pages, and is scored with the benchmark's metric.
Out: the score, the filter's speed, and an ablation that switches each feature family
off in turn.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import fields, replace
from pathlib import Path

from blocs.clean.boilerplate import (
    DEFAULT_RULES,
    FilterRules,
    find_repeated_lines,
    remove_boilerplate,
)
from blocs.eval.extraction_data import load_gold, load_reference_output
from blocs.eval.extraction_metric import ExtractionScore, score_extraction

VISIBLE_TEXT = "html-text"


def run_text_benchmark(bench_dir: Path) -> tuple[ExtractionScore, float]:
    """Score of the filter on the benchmark's visible text, and pages filtered per second.

    The speed covers the whole filter: finding the corpus's template lines and filtering
    every page.
    """
    gold = load_gold(bench_dir)
    pages = load_reference_output(bench_dir, VISIBLE_TEXT)
    started = time.perf_counter()
    bodies = filter_pages(pages)
    elapsed = time.perf_counter() - started
    return score_extraction(gold, bodies), len(pages) / elapsed if elapsed else 0.0


def run_text_ablation(bench_dir: Path) -> list[tuple[str, ExtractionScore]]:
    """The score with all feature families ("all"), then with each one switched off."""
    gold = load_gold(bench_dir)
    pages = load_reference_output(bench_dir, VISIBLE_TEXT)
    variants = [("all", DEFAULT_RULES)] + [
        (f"without {family.name}", replace(DEFAULT_RULES, **{family.name: False}))
        for family in fields(FilterRules)
    ]
    return [(name, score_extraction(gold, filter_pages(pages, rules))) for name, rules in variants]


def filter_pages(pages: Mapping[str, str], rules: FilterRules = DEFAULT_RULES) -> dict[str, str]:
    """Page id -> the article text the filter keeps of that page's visible text."""
    repeated = find_repeated_lines(pages.values()) if rules.repetition else frozenset()
    return {
        page_id: remove_boilerplate(text, repeated, rules=rules).text
        for page_id, text in pages.items()
    }
