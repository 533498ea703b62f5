"""The alignment model's parameters from a query string, with the CLI's names and defaults;
the model's own records validate them (their errors are 400s naming the value)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Query

from blocs.model.dyads import Scoring
from blocs.model.network import BlocParams
from blocs.model.queries import Selection, parse_sources
from blocs.model.weights import parse_intensity
from blocs.web.params import Since, Until

Source = Annotated[
    str | None,
    Query(
        max_length=100, description="Evidence origins: blocs, gdelt, icews, phoenix (comma list)."
    ),
]


@dataclass(frozen=True, slots=True)
class ModelQuery:
    selection: Selection
    scoring: Scoring
    votes: bool


def model_query(
    source: Source = None,
    since: Since = None,
    until: Until = None,
    half_life: Annotated[float, Query(gt=0, le=36500, description="Days.")] = 180.0,
    prior_strength: Annotated[float, Query(ge=0, le=1000)] = 1.0,
    intensity: Annotated[str, Query(pattern="^(goldstein|quad)$")] = "goldstein",
    interval: Annotated[float, Query(ge=0.01, le=0.99)] = 0.9,
) -> ModelQuery:
    origins, votes = parse_sources(source)
    selection = Selection(origins, since, until)
    scoring = Scoring(half_life, prior_strength, parse_intensity(intensity), interval)
    return ModelQuery(selection, scoring, votes)


def bloc_params(
    resolution: Annotated[float, Query(gt=0, le=20)] = 1.0,
    runs: Annotated[int, Query(ge=1, le=100, description="At most this many Leiden runs.")] = 50,
    seed: Annotated[int, Query(ge=0, le=2**31)] = 0,
    min_events: Annotated[int, Query(ge=1, le=10000)] = 1,
) -> BlocParams:
    return BlocParams(resolution, runs, seed, min_events)
