"""The article-extraction benchmark's metric (Zyte / ScrapingHub article-extraction-benchmark).

Tokens are the matches of `\\w+` (case kept); each run of four tokens is a shingle, counted
with multiplicity. Per page, TP/FP/FN come from the two bags of shingles; precision is the
mean of page precisions over pages whose prediction has a shingle, recall the mean of page
recalls over pages whose gold has one, and F1 is computed from those two means.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

_WORD = re.compile(r"\w+")
_SHINGLE = 4


@dataclass(frozen=True, slots=True)
class ExtractionScore:
    pages: int
    precision: float
    recall: float
    f1: float
    accuracy: float


def shingles(text: str) -> Counter[tuple[str, ...]]:
    """Bag of 4-token shingles; a text of 1-3 tokens is one shorter shingle."""
    tokens = _WORD.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < _SHINGLE:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + _SHINGLE]) for i in range(len(tokens) - _SHINGLE + 1))


def page_precision_recall(gold: str, predicted: str) -> tuple[float | None, float | None]:
    """Precision and recall of one page; None where the metric leaves the page out."""
    g, p = shingles(gold), shingles(predicted)
    tp = sum((g & p).values())
    fp = sum((p - g).values())
    fn = sum((g - p).values())
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def score_extraction(gold: Mapping[str, str], predicted: Mapping[str, str]) -> ExtractionScore:
    """Score predicted bodies against gold bodies, both keyed by page id.

    A page missing from `predicted` counts as an empty prediction.
    """
    precisions: list[float] = []
    recalls: list[float] = []
    exact = 0
    for page_id, gold_text in gold.items():
        pred_text = predicted.get(page_id) or ""
        precision, recall = page_precision_recall(gold_text, pred_text)
        if precision is not None:
            precisions.append(precision)
        if recall is not None:
            recalls.append(recall)
        exact += _WORD.findall(gold_text) == _WORD.findall(pred_text)
    mean_p = sum(precisions) / len(precisions) if precisions else 0.0
    mean_r = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * mean_p * mean_r / (mean_p + mean_r) if mean_p + mean_r else 0.0
    n = len(gold)
    return ExtractionScore(n, mean_p, mean_r, f1, exact / n if n else 0.0)
