"""Choosing the score's parameters by grid search on train years only.

Input: `AllianceData` that must hold no vote or pledge after the last train year (the
caller passes `data.until(last_train_year)`; `choose_parameters` refuses anything else).
Output: `Selection`, the chosen `ScoreParams` and what each stage measured.

The criterion is the mean ROC AUC over the train years. The search is staged, each stage a
full grid given the previous stages' choice: (1) smoothing and density correction jointly,
(2) the spectral third-party similarity on that smoothing, (3) the blend weight. Grids run
from the simplest candidate up, and a later candidate must beat the best strictly, so ties
keep the simpler one. Choosing parameters on pledges is not training a model on them: the
score itself never sees a label.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from blocs.errors import EvalError
from blocs.model.validation.data import AllianceData
from blocs.model.validation.metrics import (
    PairUniverse,
    fast_roc_auc,
    pair_universe,
    ranked_last_if_missing,
)
from blocs.model.validation.scores import (
    FloatVector,
    ScoreParams,
    active_states,
    blend,
    relative_affinity,
    smoothed_kappa,
    spectral_similarity,
    usual_closeness,
)

WINDOWS = (1, 2, 3, 5, 8, 12, 20)
HALF_LIVES: tuple[float | None, ...] = (None, 5.0, 2.0)
SMOOTHING_GRID = [(1, None)] + [(w, h) for w in WINDOWS[1:] for h in HALF_LIVES]
NEIGHBOURS = (20, 40, 80, 120)
DENSITY_GRID = [(80, 0.0)] + [(k, b) for b in (1.0, 1.5, 2.0, 2.5, 3.0) for k in NEIGHBOURS]
SPECTRAL_GRID = [(d, t) for d in (2, 3, 5, 8) for t in (0.1, 0.2, 0.3, 0.5)]
BLEND_GRID = tuple(i / 10 for i in range(11))


@dataclass(frozen=True, slots=True)
class Stage:
    """One stage of the search: what it chose, its mean train ROC AUC, how many candidates
    it measured, and the best train ROC AUC for each value of its first parameter (what the
    alternatives would have given)."""

    name: str
    chosen: dict[str, Any]
    train_roc_auc: float
    candidates: int
    best_by_first: dict[str, float]


@dataclass(frozen=True, slots=True)
class Selection:
    params: ScoreParams
    stages: tuple[Stage, ...]


def choose_parameters(
    train: AllianceData, years: Sequence[int], start: ScoreParams | None = None
) -> Selection:
    """The parameters with the best mean ROC AUC over `years`, searched stage by stage."""
    last = max(years)
    if max(train.counts) > last or max(train.pledged, default=last) > last:
        raise EvalError(f"the parameter search was given data after its last year {last}")
    params = start or ScoreParams()
    universes = {y: pair_universe(train, y) for y in years}
    active = {y: active_states(train.counts[y], params.min_votes) for y in years}

    def smoothing_and_density() -> Iterator[tuple[ScoreParams, dict[int, FloatVector]]]:
        """Every candidate's values on the train pairs: relative_affinity at the universe's
        pairs, computed from one kappa and one closeness sort per smoothing and year."""
        for window, half_life in SMOOTHING_GRID:
            kappa, closeness = {}, {}
            for y in years:
                matrix = smoothed_kappa(train.counts, y, window, half_life)
                kappa[y] = matrix[universes[y].rows, universes[y].cols]
                closeness[y] = usual_closeness(matrix, active[y], NEIGHBOURS)
            for neighbours, weight in DENSITY_GRID:
                chosen = replace(
                    params,
                    window=window,
                    half_life=half_life,
                    neighbours=neighbours,
                    density_weight=weight,
                )
                yield (
                    chosen,
                    {
                        y: kappa[y]
                        - weight
                        * (
                            closeness[y][neighbours][universes[y].rows]
                            + closeness[y][neighbours][universes[y].cols]
                        )
                        / 2
                        for y in years
                    },
                )

    stage1 = _search(smoothing_and_density(), universes, "smoothing and density correction")
    params = stage1.params
    kappa = {y: smoothed_kappa(train.counts, y, params.window, params.half_life) for y in years}
    affinity = {
        y: relative_affinity(kappa[y], active[y], params.neighbours, params.density_weight)
        for y in years
    }
    stage2 = _search(
        (
            (
                replace(params, embedding_dims=dims, temperature=temperature),
                {
                    y: universes[y].values(
                        spectral_similarity(kappa[y], active[y], dims, temperature)
                    )
                    for y in years
                },
            )
            for dims, temperature in SPECTRAL_GRID
        ),
        universes,
        "third-party similarity (spectral)",
    )
    params = stage2.params
    similarity = {
        y: spectral_similarity(kappa[y], active[y], params.embedding_dims, params.temperature)
        for y in years
    }
    stage3 = _search(
        (
            (
                replace(params, third_party_weight=weight),
                {
                    y: universes[y].values(blend(affinity[y], similarity[y], active[y], weight))
                    for y in years
                },
            )
            for weight in BLEND_GRID
        ),
        universes,
        "blend weight",
    )
    return Selection(stage3.params, (stage1.stage, stage2.stage, stage3.stage))


@dataclass(frozen=True, slots=True)
class _Found:
    params: ScoreParams
    stage: Stage


_STAGE_FIELDS = {
    "smoothing and density correction": ("window", "half_life", "neighbours", "density_weight"),
    "third-party similarity (spectral)": ("embedding_dims", "temperature"),
    "blend weight": ("third_party_weight",),
}


def _search(
    candidates: Iterable[tuple[ScoreParams, dict[int, FloatVector]]],
    universes: dict[int, PairUniverse],
    name: str,
) -> _Found:
    """The first candidate with the highest mean train ROC AUC."""
    best: tuple[float, ScoreParams] | None = None
    count = 0
    first = _STAGE_FIELDS[name][0]
    best_by_first: dict[str, float] = {}
    for params, values in candidates:
        count += 1
        auc = float(
            np.mean(
                [
                    fast_roc_auc(u.pledged, ranked_last_if_missing(values[y]))
                    for y, u in universes.items()
                ]
            )
        )
        if best is None or auc > best[0]:
            best = (auc, params)
        key = str(getattr(params, first))
        best_by_first[key] = max(auc, best_by_first.get(key, auc))
    if best is None:
        raise EvalError(f"no candidate parameters for {name}")
    auc, params = best
    chosen = {field: getattr(params, field) for field in _STAGE_FIELDS[name]}
    return _Found(params, Stage(name, chosen, auc, count, best_by_first))
