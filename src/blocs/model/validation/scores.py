"""Label-free alignment scores of every pair of states in a year, from UNGA votes only.

Input: vote counts per calendar year (`VoteCounts`, one state index) and `ScoreParams`.
Output: a square matrix of scores (higher = more aligned), NaN for states that did not vote
on at least `min_votes` roll calls in the year. No score looks at pledges or any label; the
score of year Y uses the votes of Y and earlier years only.

The score is built in three steps, each a published way past one year of kappa:
1. Smoothing: one kappa over the roll calls of the last `window` years, each weighted by
   0.5 ** (age / half_life) (no decay when `half_life` is None).
2. Relative affinity: kappa minus `density_weight` times the mean of the two states'
   "usual closeness", the mean kappa to their `neighbours` closest states. Big blocs that
   vote alike on everything (the G77 majority, the EU) have a high usual closeness; what is
   left is how much closer a and b are to each other than to their usual partners (the
   hubness correction of nearest-neighbour retrieval, CSLS).
3. Third-party similarity: two states that vote like the same partners. States are placed
   by the leading eigenvectors of the normalised affinity exp(kappa / temperature) between
   all active states (a spectral embedding of the vote network); the similarity is the
   cosine of the two positions. `profile_similarity`, the plain correlation of two rows of
   the kappa matrix, is the simpler variant it is measured against.
The score blends the z-scores of 2 and 3: (1 - third_party_weight) * z(2) + weight * z(3).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy.sparse.linalg import eigsh

from blocs.model.votes import FloatMatrix, VoteCounts

BoolVector = npt.NDArray[np.bool_]
FloatVector = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class ScoreParams:
    """Every parameter of the score; the defaults are the ones `blocs validate alliances`
    chose on 2000-2012 (README, "Validating alignment against alliances")."""

    window: int = 20
    half_life: float | None = None
    neighbours: int = 80
    density_weight: float = 2.0
    embedding_dims: int = 3
    temperature: float = 0.2
    third_party_weight: float = 0.5
    min_votes: int = 20


def active_states(counts: VoteCounts, min_votes: int = 20) -> BoolVector:
    """States that voted on at least `min_votes` roll calls of the period."""
    return np.asarray(np.diagonal(counts.n) >= min_votes)


def smoothed_kappa(
    counts: Mapping[int, VoteCounts], year: int, window: int, half_life: float | None
) -> FloatMatrix:
    """Kappa over the roll calls of years `year - window + 1 .. year`, weighted by age."""
    years = [y for y in range(year - window + 1, year + 1) if y in counts]
    if year not in counts:
        raise ValueError(f"no votes of {year}")
    weights = [1.0 if half_life is None else 0.5 ** ((year - y) / half_life) for y in years]
    return VoteCounts.pooled([counts[y] for y in years], weights).kappa()


def _off_diagonal(kappa: FloatMatrix, active: BoolVector) -> FloatMatrix:
    """Kappa between distinct active states, NaN elsewhere."""
    x = np.array(kappa, dtype=float)
    np.fill_diagonal(x, np.nan)
    x[~active, :] = np.nan
    x[:, ~active] = np.nan
    return x


def usual_closeness(
    kappa: FloatMatrix, active: BoolVector, neighbours: Sequence[int]
) -> dict[int, FloatVector]:
    """For each k of `neighbours`: every state's mean kappa to its k closest active states
    (NaN for inactive states), from one sort."""
    x = _off_diagonal(kappa, active)
    valid = np.count_nonzero(~np.isnan(x), axis=1)
    ranked = -np.sort(np.where(np.isnan(x), np.inf, -x), axis=1)  # descending, NaN last
    sums = np.cumsum(np.where(np.isinf(ranked), 0.0, ranked), axis=1)
    rows = np.arange(len(x))
    out: dict[int, FloatVector] = {}
    for k in neighbours:
        taken = np.minimum(max(1, k), valid)
        with np.errstate(invalid="ignore", divide="ignore"):
            out[k] = np.where(taken > 0, sums[rows, np.maximum(taken, 1) - 1] / taken, np.nan)
    return out


def relative_affinity(
    kappa: FloatMatrix, active: BoolVector, neighbours: int, density_weight: float
) -> FloatMatrix:
    """Kappa less `density_weight` times the mean usual closeness of the two states."""
    if density_weight == 0:
        return _off_diagonal(kappa, active)
    r = usual_closeness(kappa, active, (neighbours,))[neighbours]
    return _off_diagonal(kappa, active) - density_weight * (r[:, None] + r[None, :]) / 2


def spectral_similarity(
    kappa: FloatMatrix, active: BoolVector, dims: int, temperature: float
) -> FloatMatrix:
    """Cosine of two states' positions in the spectral embedding of the vote network."""
    index = np.flatnonzero(active)
    x = np.nan_to_num(np.asarray(kappa)[np.ix_(index, index)], nan=0.0)
    affinity = np.exp(x / temperature)
    degree = affinity.sum(axis=1)
    scale = 1.0 / np.sqrt(degree)
    # The leading eigenvectors only (ARPACK from a fixed start: repeatable, and much faster
    # than a full LAPACK decomposition on a busy machine); the first is the trivial one.
    values, vectors = eigsh(
        affinity * scale[:, None] * scale[None, :], k=dims + 1, which="LA", v0=np.ones(len(x))
    )
    leading = vectors[:, np.argsort(values)[::-1][1:]] * scale[:, None]
    leading /= np.linalg.norm(leading, axis=1, keepdims=True)
    out = np.full(np.shape(kappa), np.nan)
    out[np.ix_(index, index)] = leading @ leading.T
    np.fill_diagonal(out, np.nan)
    return out


def profile_similarity(kappa: FloatMatrix, active: BoolVector) -> FloatMatrix:
    """Pearson correlation of two states' rows of the kappa matrix over the active states
    (a missing entry counts as its column's mean)."""
    index = np.flatnonzero(active)
    x = _off_diagonal(kappa, active)[np.ix_(index, index)]
    x = np.where(np.isnan(x), np.nanmean(x, axis=0)[None, :], x)
    x = x - x.mean(axis=1, keepdims=True)
    norm = np.linalg.norm(x, axis=1, keepdims=True)
    x = x / np.where(norm > 0, norm, 1.0)
    out = np.full(np.shape(kappa), np.nan)
    out[np.ix_(index, index)] = x @ x.T
    return _off_diagonal(out, active)


def standardised(score: FloatMatrix, active: BoolVector) -> FloatMatrix:
    """z-scores over the pairs of active states (their mean 0, standard deviation 1)."""
    values = score[np.triu(np.outer(active, active), k=1)]
    mean, sd = np.nanmean(values), np.nanstd(values)
    return (score - mean) / (sd if sd > 0 else 1.0)


def blend(
    first: FloatMatrix, second: FloatMatrix, active: BoolVector, weight: float
) -> FloatMatrix:
    """(1 - weight) * z(first) + weight * z(second)."""
    if weight == 0:
        return standardised(first, active)
    if weight == 1:
        return standardised(second, active)
    return (1 - weight) * standardised(first, active) + weight * standardised(second, active)


def alignment_score(
    counts: Mapping[int, VoteCounts], year: int, params: ScoreParams
) -> FloatMatrix:
    """The blended label-free score of every pair of states in `year`."""
    active = active_states(counts[year], params.min_votes)
    kappa = smoothed_kappa(counts, year, params.window, params.half_life)
    affinity = relative_affinity(kappa, active, params.neighbours, params.density_weight)
    if params.third_party_weight == 0:
        return blend(affinity, affinity, active, 0.0)
    similarity = spectral_similarity(kappa, active, params.embedding_dims, params.temperature)
    return blend(affinity, similarity, active, params.third_party_weight)
