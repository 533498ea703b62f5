"""`blocs validate alliances`: does a vote-based alignment score tell pairs of states with
a defence pledge (ATOP) from the rest, on years its parameters never saw?

Protocol (`../shared/eval/alignment/README.md`): a pair is positive in year Y when a
`defense` pledge is in force in Y in either direction; the universe of Y is every pair of
states with at least 20 roll calls both voted on in Y. The headline is label-free (see
`validation.scores`): its parameters are chosen by grid search on the train years' mean
ROC AUC (`validation.select`, given the data up to the last train year only), then it is
scored once on the test years, beside one year's kappa (the baseline) in the same run.
Nothing is trained on pair labels, so the persistence trap of the README (last year's
label scores 0.998) does not apply.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from blocs.errors import EvalError
from blocs.model.validation.data import AllianceData, load_alliance_data
from blocs.model.validation.metrics import Figures, PairUniverse, figures, pair_universe
from blocs.model.validation.scores import (
    ScoreParams,
    active_states,
    alignment_score,
    profile_similarity,
    relative_affinity,
    smoothed_kappa,
    spectral_similarity,
)
from blocs.model.validation.select import choose_parameters
from blocs.model.votes import FloatMatrix

TRAIN_YEARS = tuple(range(2000, 2013))
TEST_YEARS = tuple(range(2013, 2019))
Score = Callable[[int], FloatMatrix]


def validate_alliances(
    folder: Path,
    train_years: Sequence[int] = TRAIN_YEARS,
    test_years: Sequence[int] = TEST_YEARS,
) -> dict[str, Any]:
    """Choose the score's parameters on `train_years`, report it on `test_years`."""
    started = time.perf_counter()
    data = load_alliance_data(folder)
    _check_years(data, train_years, test_years)
    selection = choose_parameters(data.until(max(train_years)), train_years)
    params = selection.params
    universes = {y: pair_universe(data, y) for y in (*train_years, *test_years)}
    components = _components(data, params)
    headline, baseline = components["blend"], components["kappa_one_year"]

    ours = {y: figures(universes[y], headline(y)) for y in test_years}
    base = {y: figures(universes[y], baseline(y)) for y in test_years}
    per_year = [
        {
            "year": y,
            "pairs": ours[y].pairs,
            "positives": ours[y].positives,
            "positive_rate": round(ours[y].positives / ours[y].pairs, 4),
            "roc_auc": round(ours[y].roc_auc, 4),
            "pr_auc": round(ours[y].pr_auc, 4),
            "baseline_kappa_roc_auc": round(base[y].roc_auc, 4),
            "baseline_kappa_pr_auc": round(base[y].pr_auc, 4),
        }
        for y in test_years
    ]
    return {
        "score": "label-free: UNGA kappa pooled over past years, less the two states' usual "
        "closeness, blended with their spectral third-party similarity",
        "label_free": True,
        "train_years": list(train_years),
        "test_years": list(test_years),
        "chosen_parameters": asdict(params),
        "selection": {
            "criterion": "mean ROC AUC over the train years (grid search, staged)",
            "stages": [
                asdict(s) | {"train_roc_auc": round(s.train_roc_auc, 4)} for s in selection.stages
            ],
        },
        "train_roc_auc": round(_mean(_roc(universes, headline, train_years)), 4),
        "test_roc_auc": _mean_of(ours.values(), "roc_auc"),
        "test_pr_auc": _mean_of(ours.values(), "pr_auc"),
        "test_positive_rate": round(_mean([f.positives / f.pairs for f in ours.values()]), 4),
        "baseline_kappa_roc_auc": _mean_of(base.values(), "roc_auc"),
        "baseline_kappa_pr_auc": _mean_of(base.values(), "pr_auc"),
        "per_year": per_year,
        "components": {
            name: {
                "train_roc_auc": round(_mean(_roc(universes, score, train_years)), 4),
                "test_roc_auc": round(_mean(_roc(universes, score, test_years)), 4),
                "test_pr_auc": round(
                    _mean([figures(universes[y], score(y)).pr_auc for y in test_years]), 4
                ),
            }
            for name, score in components.items()
        },
        "subgroups": _subgroups(data, universes, test_years, max(train_years), headline, baseline),
        "seconds": round(time.perf_counter() - started, 1),
    }


def _check_years(data: AllianceData, train: Sequence[int], test: Sequence[int]) -> None:
    if not train or not test:
        raise EvalError("train and test years must both be given")
    if max(train) >= min(test):
        raise EvalError(f"train years must all precede test years (train {train}, test {test})")
    missing = [y for y in (*train, *test) if y not in data.counts or y not in data.pledged]
    if missing:
        raise EvalError(f"no votes or no pledges for {missing} in the alignment data")


def _components(data: AllianceData, params: ScoreParams) -> dict[str, Score]:
    """Each step of the score alone, with the chosen parameters, and the one-year baselines
    (each computed once a year)."""

    @cache
    def kappa(y: int) -> FloatMatrix:
        return smoothed_kappa(data.counts, y, params.window, params.half_life)

    def active(y: int) -> np.ndarray[Any, np.dtype[np.bool_]]:
        return active_states(data.counts[y], params.min_votes)

    scores: dict[str, Score] = {
        "kappa_one_year": lambda y: data.counts[y].kappa(),
        "agreement_one_year": lambda y: data.counts[y].agreement(),
        "smoothed_kappa": kappa,
        "relative_affinity": lambda y: relative_affinity(
            kappa(y), active(y), params.neighbours, params.density_weight
        ),
        "profile_similarity": lambda y: profile_similarity(kappa(y), active(y)),
        "spectral_similarity": lambda y: spectral_similarity(
            kappa(y), active(y), params.embedding_dims, params.temperature
        ),
        "blend": lambda y: alignment_score(data.counts, y, params),
    }
    return {name: cache(score) for name, score in scores.items()}


def _subgroups(
    data: AllianceData,
    universes: dict[int, PairUniverse],
    years: Sequence[int],
    last_train_year: int,
    headline: Score,
    baseline: Score,
) -> dict[str, dict[str, Any]]:
    """The README's cuts: without / only the pairs of two states of the Americas, the
    pairs that include the USA, and pledges first in force after the train years (with
    every unpledged pair as negatives)."""
    usa = np.array([s == "USA" for s in data.states])
    pledged_before = np.zeros((len(data.states),) * 2, dtype=bool)
    for y, pledged in data.pledged.items():
        if y <= last_train_year:
            pledged_before |= pledged
    cuts: dict[str, Callable[[PairUniverse], np.ndarray[Any, np.dtype[np.bool_]]]] = {
        "all": lambda u: np.ones(len(u.rows), dtype=bool),
        "without_americas_pairs": lambda u: ~(data.americas[u.rows] & data.americas[u.cols]),
        "americas_pairs_only": lambda u: data.americas[u.rows] & data.americas[u.cols],
        "usa_pairs": lambda u: usa[u.rows] | usa[u.cols],
        "pledges_new_after_train": lambda u: ~u.pledged | ~pledged_before[u.rows, u.cols],
    }
    out: dict[str, dict[str, Any]] = {}
    for name, cut in cuts.items():
        ours: list[Figures] = []
        base: list[Figures] = []
        for y in years:
            keep = cut(universes[y])
            ours.append(figures(universes[y], headline(y), keep))
            base.append(figures(universes[y], baseline(y), keep))
        out[name] = {
            "pair_years": sum(f.pairs for f in ours),
            "positive_pair_years": sum(f.positives for f in ours),
            "roc_auc": _mean_of(ours, "roc_auc"),
            "pr_auc": _mean_of(ours, "pr_auc"),
            "baseline_kappa_roc_auc": _mean_of(base, "roc_auc"),
            "baseline_kappa_pr_auc": _mean_of(base, "pr_auc"),
        }
    return out


def _roc(universes: dict[int, PairUniverse], score: Score, years: Sequence[int]) -> list[float]:
    return [figures(universes[y], score(y)).roc_auc for y in years]


def _mean(values: Sequence[float]) -> float:
    return float(np.mean(values))


def _mean_of(rows: Iterable[Figures], key: str) -> float:
    """The mean of one figure over years, rounded to 4 decimals."""
    return round(_mean([getattr(f, key) for f in rows]), 4)
