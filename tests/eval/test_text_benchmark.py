"""The boilerplate filter on the benchmark's visible text (html-text 0.7.0 scores 0.6649)."""

from __future__ import annotations

import gzip
import json
from dataclasses import fields
from pathlib import Path

import pytest

from blocs.clean.boilerplate import FilterRules
from blocs.eval.text_benchmark import run_text_ablation, run_text_benchmark

# The brief's bar is 0.85 (C4-style line rules reach about 0.84); the filter scored 0.9236
# when this floor was pinned.
F1_FLOOR = 0.92

ARTICLE = (
    "The foreign ministers of the two countries met in Vienna on Tuesday to discuss the "
    "future of arms control in Europe, according to officials who attended the talks."
)


@pytest.mark.needs_shared
def test_filter_on_visible_text_stays_above_the_pinned_floor(shared_dir: Path) -> None:
    score, pages_per_second = run_text_benchmark(shared_dir / "eval" / "extraction")
    assert score.pages == 181
    assert score.f1 >= F1_FLOOR, f"F1 {score.f1:.4f} < {F1_FLOOR} ({pages_per_second:.0f} pages/s)"
    assert pages_per_second > 0


def _write_bench(bench_dir: Path) -> None:
    gold = {"p1": {"url": "https://example.org/1", "articleBody": ARTICLE}}
    visible = {"version": "test", "output": {"p1": {"articleBody": f"Home\nWorld\n{ARTICLE}"}}}
    (bench_dir / "reference_outputs").mkdir(parents=True)
    (bench_dir / "ground-truth.json").write_text(json.dumps(gold), encoding="utf-8")
    with gzip.open(bench_dir / "reference_outputs" / "html-text.json.gz", "wt") as fh:
        json.dump(visible, fh)


def test_benchmark_scores_the_filtered_text_not_the_visible_text(tmp_path: Path) -> None:
    _write_bench(tmp_path)
    score, _ = run_text_benchmark(tmp_path)
    assert (score.pages, score.precision, score.recall, score.accuracy) == (1, 1.0, 1.0, 1.0)


def test_ablation_has_a_row_for_all_and_one_per_feature_family(tmp_path: Path) -> None:
    _write_bench(tmp_path)
    names = [name for name, _ in run_text_ablation(tmp_path)]
    assert names == ["all"] + [f"without {family.name}" for family in fields(FilterRules)]
