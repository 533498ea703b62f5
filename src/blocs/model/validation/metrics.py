"""How well a score separates pledged pairs from the rest, in one year's universe of pairs.

The protocol of `../shared/eval/alignment/README.md`: the universe of year Y is every
unordered pair of states with at least 20 roll calls both voted on in Y; a pair is positive
when a `defense` pledge is in force in Y in either direction.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from sklearn.metrics import average_precision_score, roc_auc_score

from blocs.model.validation.data import AllianceData
from blocs.model.votes import FloatMatrix

MIN_COMMON = 20
BoolVector = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class PairUniverse:
    """The pairs of one year (row < column indices into the state index) and their labels."""

    year: int
    rows: npt.NDArray[np.intp]
    cols: npt.NDArray[np.intp]
    pledged: BoolVector

    def values(self, score: FloatMatrix) -> npt.NDArray[np.float64]:
        """The score of each pair; a missing score ranks below every other."""
        return ranked_last_if_missing(np.asarray(score)[self.rows, self.cols])


def ranked_last_if_missing(values: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """NaN replaced by a value below every other (kappa is undefined for a few pairs)."""
    missing = np.isnan(values)
    if not missing.any():
        return values
    return np.where(missing, np.nanmin(values, initial=0.0) - 1.0, values)


@dataclass(frozen=True, slots=True)
class Figures:
    pairs: int
    positives: int
    roc_auc: float
    pr_auc: float


def pair_universe(data: AllianceData, year: int, min_common: int = MIN_COMMON) -> PairUniverse:
    rows, cols = np.nonzero(np.triu(data.counts[year].n >= min_common, k=1))
    pledged = data.pledged.get(year, np.zeros((len(data.states),) * 2, dtype=bool))
    return PairUniverse(year, rows, cols, pledged[rows, cols])


def fast_roc_auc(labels: BoolVector, values: npt.NDArray[np.float64]) -> float:
    """ROC AUC as the share of (positive, negative) pairs ranked right, ties counting half:
    the same number as scikit-learn's `roc_auc_score`, several times faster, for the
    parameter search."""
    negatives = np.sort(values[~labels])
    positives = values[labels]
    below = np.searchsorted(negatives, positives, side="left")
    tied = np.searchsorted(negatives, positives, side="right") - below
    return float((below.sum() + tied.sum() / 2) / (len(positives) * len(negatives)))


def figures(universe: PairUniverse, score: FloatMatrix, keep: BoolVector | None = None) -> Figures:
    """ROC AUC and PR AUC (average precision) of `score` over the universe, or the part of
    it that `keep` selects; NaN when that part holds only one class."""
    labels, values = universe.pledged, universe.values(score)
    if keep is not None:
        labels, values = labels[keep], values[keep]
    positives = int(labels.sum())
    if positives in (0, len(labels)):
        return Figures(len(labels), positives, float("nan"), float("nan"))
    return Figures(
        len(labels),
        positives,
        float(roc_auc_score(labels, values)),
        float(average_precision_score(labels, values)),
    )
