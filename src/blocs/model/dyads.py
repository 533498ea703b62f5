"""Dyad scores: how warm or hostile two states (or IGOs) are, from the events between them.

For a pair, at a reference date r, over the counted events e between them (one direction
for an ordered pair, both for an unordered one), with weight w_e = x_e * c_e (intensity
times confidence, `weights.py`) and decay d_e = 2^(-(r - date_e) / half_life):

    cooperation C = sum of d_e * w_e over w_e > 0      conflict K = sum of d_e * |w_e| over w_e < 0
    evidence    M = sum of d_e * c_e                   net      N = C - K
    volume      V_a = sum of d_e * c_e over every counted event `a` is a party to

    tone  = N / (M + k)             in (-1, 1): the shrunk mean intensity of the pair's events
    share = M / sqrt(V_a * V_b)     in [0, 1]: how much of the two states' coverage is each other
    score = tone * share

Shrinkage: `tone` is the posterior mean of a normal model, each event's intensity drawn
around the pair's true tone with variance sigma^2 / (c_e d_e) and the tone drawn around 0
with variance sigma^2 / k, so k (`prior_strength`) acts as k neutral pseudo-events: one event
keeps 1 / (1 + k) of its raw mean, fifty keep 50 / (50 + k).
Normalisation: coverage grows with the news, not with relations; dividing by the geometric
mean of the two volumes makes a pair's score fall when either state is in the news for other
reasons, and stay put when all coverage doubles.
Interval: the same model gives the tone a posterior standard deviation sigma / sqrt(M + k),
sigma^2 being the mean square event intensity over the whole selection (weighted like M, a
conservative stand-in for the spread within a pair); tone +- z * sd, clipped to [-1, 1] and
times `share`, is the score's interval at level `interval`.
Drill-down: the score is linear in the events, score = sum of d_e * w_e * share / (M + k),
so each event's contribution is its term of that sum and the contributions add up to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date
from statistics import NormalDist
from typing import Any

import duckdb
import numpy as np

from blocs.errors import ModelError
from blocs.model.queries import (
    Evidence,
    Floats,
    Ints,
    Selection,
    load_evidence,
    not_done_counts,
    pair_events,
    small_unique,
)
from blocs.model.votes import vote_agreement
from blocs.model.weights import Intensity, decay, parse_intensity

EPOCH = date(1970, 1, 1)


@dataclass(frozen=True, slots=True)
class Scoring:
    """The parameters of a dyad score, each named with its default (see the module doc)."""

    half_life_days: float = 180.0
    prior_strength: float = 1.0
    intensity: Intensity = "goldstein"
    interval: float = 0.9

    def __post_init__(self) -> None:
        if not self.half_life_days > 0:
            raise ModelError(f"half-life {self.half_life_days}: must be more than 0 days")
        if not self.prior_strength >= 0:
            raise ModelError(f"prior strength {self.prior_strength}: must be 0 or more")
        parse_intensity(self.intensity)
        if not 0 < self.interval < 1:
            raise ModelError(f"interval {self.interval}: must be between 0 and 1")

    def to_json(self) -> dict[str, Any]:
        return {
            "half_life_days": self.half_life_days,
            "prior_strength": self.prior_strength,
            "intensity": self.intensity,
            "interval": self.interval,
        }


@dataclass(frozen=True, slots=True)
class DyadScore:
    """One pair's score at a reference date; `a -> b` when `directed`."""

    a: str
    b: str
    directed: bool
    events: int
    cooperation: float
    conflict: float
    evidence: float
    volume_a: float
    volume_b: float
    tone: float
    share: float
    score: float
    low: float
    high: float

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "directed": self.directed,
            "events": self.events,
            "cooperation": self.cooperation,
            "conflict": self.conflict,
            "net": self.cooperation - self.conflict,
            "evidence": self.evidence,
            "volume_a": self.volume_a,
            "volume_b": self.volume_b,
            "tone": self.tone,
            "share": self.share,
            "score": self.score,
            "low": self.low,
            "high": self.high,
        }


@dataclass(frozen=True, slots=True)
class ScoreArrays:
    """Scores of many pairs (or of one pair over many months) at once."""

    tone: Floats
    share: Floats
    score: Floats
    low: Floats
    high: Floats


def tone_share(
    cooperation: Floats,
    conflict: Floats,
    evidence: Floats,
    volume_a: Floats,
    volume_b: Floats,
    scoring: Scoring,
) -> tuple[Floats, Floats]:
    """The tone and the share of the module's formulas (their product is the score)."""
    k = scoring.prior_strength
    # Divided only where the divisor is positive, into arrays of zeros: no temporaries for
    # the elements np.where would throw away (every pair's trends are 2M elements).
    mass = evidence + k
    tone = np.divide(cooperation - conflict, mass, out=np.zeros_like(mass), where=mass > 0)
    volume = np.multiply(volume_a, volume_b)
    np.sqrt(volume, out=volume)
    share = np.divide(evidence, volume, out=np.zeros_like(volume), where=evidence > 0)
    np.minimum(share, 1.0, out=share)  # V >= M always; guard against rounding
    return tone, share


def score_arrays(
    cooperation: Floats,
    conflict: Floats,
    evidence: Floats,
    volume_a: Floats,
    volume_b: Floats,
    sigma2: Floats | float,
    scoring: Scoring,
) -> ScoreArrays:
    """The module's formulas, element by element, from decayed sums."""
    tone, share = tone_share(cooperation, conflict, evidence, volume_a, volume_b, scoring)
    mass = evidence + scoring.prior_strength
    spread = np.divide(sigma2, mass, out=np.zeros_like(mass), where=mass > 0)
    np.sqrt(spread, out=spread)
    spread *= NormalDist().inv_cdf(0.5 + scoring.interval / 2)
    low, high = tone - spread, tone + spread
    for bound in (low, high):
        np.clip(bound, -1.0, 1.0, out=bound)
        bound *= share
    return ScoreArrays(tone, share, tone * share, low, high)


def days(day: date) -> int:
    """Days since 1970-01-01, the unit of the aggregated months."""
    return (day - EPOCH).days


def _pair_keys(evidence: Evidence, directed: bool) -> tuple[Ints, Ints]:
    """Each row's pair as indices of `evidence.names`; unordered: the lower first."""
    source, target = evidence.pairs.source, evidence.pairs.target
    if directed:
        return source, target
    return np.minimum(source, target), np.maximum(source, target)


def _volumes_at(evidence: Evidence, reference: int, half_life_days: float) -> Floats:
    """Each state's decayed volume at `reference`, by index of `evidence.names`."""
    actors = evidence.actors
    weights = actors.volume * decay((reference - actors.month).astype(np.float64), half_life_days)
    return np.asarray(
        np.bincount(actors.actor, weights=weights, minlength=len(evidence.names)), np.float64
    )


def pooled_sigma2(evidence: Evidence, reference: int, half_life_days: float) -> float:
    """sigma^2 of the interval: the weighted mean square intensity of the selection."""
    factor = decay((reference - evidence.pooled_month).astype(np.float64), half_life_days)
    mass = float(np.sum(evidence.pooled_evidence * factor))
    return float(np.sum(evidence.pooled_square * factor)) / mass if mass > 0 else 0.0


def score_pairs(evidence: Evidence, scoring: Scoring, *, directed: bool = False) -> list[DyadScore]:
    """Every pair in `evidence` scored at its reference date, sorted by code."""
    when = evidence.reference
    if when is None or len(evidence.pairs.month) == 0:
        return []
    r = days(when)
    pairs = evidence.pairs
    factor = decay((r - pairs.month).astype(np.float64), scoring.half_life_days)
    a, b = _pair_keys(evidence, directed)
    width = len(evidence.names)
    keys, inverse = small_unique(a * width + b)
    n = len(keys)

    def total(values: Floats) -> Floats:
        return np.asarray(np.bincount(inverse, weights=values * factor, minlength=n), np.float64)

    cooperation, conflict = total(pairs.cooperation), total(pairs.conflict)
    mass = total(pairs.evidence)
    counts = np.bincount(inverse, weights=pairs.events.astype(np.float64), minlength=n)
    volumes = _volumes_at(evidence, r, scoring.half_life_days)
    first, second = keys // width, keys % width
    volume_a, volume_b = volumes[first], volumes[second]
    sigma2 = pooled_sigma2(evidence, r, scoring.half_life_days)
    s = score_arrays(cooperation, conflict, mass, volume_a, volume_b, sigma2, scoring)
    columns = zip(
        evidence.names[first].tolist(),
        evidence.names[second].tolist(),
        counts.astype(np.int64).tolist(),
        cooperation.tolist(),
        conflict.tolist(),
        mass.tolist(),
        volume_a.tolist(),
        volume_b.tolist(),
        s.tone.tolist(),
        s.share.tolist(),
        s.score.tolist(),
        s.low.tolist(),
        s.high.tolist(),
        strict=True,
    )
    return [DyadScore(x, y, directed, *rest) for x, y, *rest in columns]


def dyad_scores(
    con: duckdb.DuckDBPyConnection,
    selection: Selection,
    scoring: Scoring,
    *,
    directed: bool = False,
) -> list[DyadScore]:
    """Every ordered (`directed`) or unordered pair of the store with counted evidence, at
    the selection's reference date (`until`, else the latest event)."""
    evidence = load_evidence(
        con, selection, intensity=scoring.intensity, half_life_days=scoring.half_life_days
    )
    return score_pairs(evidence, scoring, directed=directed)


def _empty(a: str, b: str, directed: bool, volumes: dict[str, float]) -> DyadScore:
    va, vb = volumes.get(a, 0.0), volumes.get(b, 0.0)
    return DyadScore(a, b, directed, 0, 0.0, 0.0, 0.0, va, vb, 0.0, 0.0, 0.0, 0.0, 0.0)


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


@dataclass(frozen=True, slots=True)
class VotePeriod:
    """Which UNGA roll calls to compare: filters combine, none means every vote stored."""

    year: int | None = None
    session: int | None = None


@dataclass(frozen=True, slots=True)
class DyadReport:
    """A pair's scores, the events behind them and, when asked, its UNGA vote agreement."""

    a: str
    b: str
    selection: Selection
    scoring: Scoring
    reference: date | None
    score: DyadScore | None
    forward: DyadScore | None
    backward: DyadScore | None
    evidence: list[dict[str, Any]]
    evidence_total: int
    rest: float
    not_done: dict[str, int]
    votes: dict[str, Any] | None

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            **self.selection.to_json(),
            "parameters": self.scoring.to_json(),
            "reference_date": self.reference.isoformat() if self.reference else None,
            "score": self.score.to_json() if self.score else None,
            "directed": [s.to_json() for s in (self.forward, self.backward) if s],
            "evidence": self.evidence,
            "evidence_shown": len(self.evidence),
            "evidence_total": self.evidence_total,
            "rest": self.rest,
            "not_done": self.not_done,
            "votes": self.votes,
        }


def vote_summary(
    con: duckdb.DuckDBPyConnection, a: str, b: str, period: VotePeriod, selection: Selection
) -> dict[str, Any]:
    """UNGA agreement and Cohen's kappa of the pair (`votes.vote_agreement`), JSON-ready."""
    result = vote_agreement(
        con,
        a,
        b,
        year=period.year,
        session=period.session,
        since=selection.since,
        until=selection.until,
    )
    return {
        "year": period.year,
        "session": period.session,
        "n_common": result.n_common,
        "agreement": _finite(result.agreement),
        "kappa": _finite(result.kappa),
    }


def dyad_report(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    selection: Selection,
    scoring: Scoring,
    *,
    top: int | None = 10,
    votes: VotePeriod | None = None,
) -> DyadReport:
    """Scores of `a`-`b` (unordered, then each direction) with the `top` events that moved
    the unordered score most (None: all), and the vote agreement when `votes` is given.
    With no event origin in `selection`, only the votes are computed."""
    a, b = a.strip().upper(), b.strip().upper()
    if a == b:
        raise ModelError(f"a dyad needs two different actors, got {a} twice")
    vote_part = vote_summary(con, a, b, votes, selection) if votes else None
    if not selection.origins:
        return DyadReport(
            a, b, selection, scoring, None, None, None, None, [], 0, 0.0, {}, vote_part
        )
    evidence = load_evidence(
        con,
        selection,
        intensity=scoring.intensity,
        half_life_days=scoring.half_life_days,
        actors=frozenset({a, b}),
    )
    reference = evidence.reference
    volumes = (
        dict(
            zip(
                evidence.names.tolist(),
                _volumes_at(evidence, days(reference), scoring.half_life_days).tolist(),
                strict=True,
            )
        )
        if reference
        else {}
    )
    found = {(s.a, s.b): s for s in score_pairs(evidence, scoring)}
    found_directed = {(s.a, s.b): s for s in score_pairs(evidence, scoring, directed=True)}
    low, high = sorted((a, b))
    score = found.get((low, high)) or _empty(low, high, False, volumes)
    forward = found_directed.get((a, b)) or _empty(a, b, True, volumes)
    backward = found_directed.get((b, a)) or _empty(b, a, True, volumes)
    factor = score.share / (score.evidence + scoring.prior_strength) if score.evidence else 0.0
    shown, total, rest = (
        pair_events(
            con,
            selection,
            a,
            b,
            intensity=scoring.intensity,
            half_life_days=scoring.half_life_days,
            reference=reference,
            factor=factor,
            top=top,
        )
        if reference
        else ([], 0, 0.0)
    )
    return DyadReport(
        a,
        b,
        selection,
        scoring,
        reference,
        score,
        forward,
        backward,
        shown,
        total,
        rest,
        not_done_counts(con, selection, a, b),
        vote_part,
    )
