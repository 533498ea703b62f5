"""Trends and change points of dyad scores: "FRA-RUS warmed from 2019-08".

A pair's series is its unordered score (`dyads.py`) taken at the end of every month, from the
first month either state appears in the selection (or `since`) to the reference date, each
value decaying older evidence as the score does. That series is smooth by design (each value
carries the months before it), so change points are sought in each month's own score instead
(the same formula over that month's events and volumes alone), and only over the months in
which the pair has counted events: a month without news is no evidence of a change, nor of
calm, and the months with news are independent pieces of evidence.

They are found by optimal partitioning under the least-squares cost (a shift in the mean),
with segments of at least `min_size` months with events and the penalty

    pen = penalty * log(n) * var(month scores)

per change, n being the number of months with events: the Schwarz (BIC) criterion, the
series' own variance standing in for the noise, so that a change point must explain much of
the series' variation. On simulated series of independent normal months without a change,
the default `penalty` 2 finds a false change in 4-11 % of series (n = 120 down to 24), 3 in
1 %; a shift of one standard deviation in the middle of 60 months is found 55 % of the time
with 2, 43 % with 3. The search is ruptures' `KernelCPD` with the linear kernel, whose cost
is exactly the least-squares cost of `Pelt(model="l2")` (the same change points on random
series) and which runs in C. Each change point gives the month its new segment starts, the
mean month score before and after (over the neighbouring segments) and the direction:
`warmed` when the mean rises, `cooled` when it falls.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb
import numpy as np

from blocs.model.dyads import Scoring, days, score_arrays
from blocs.model.errors import ModelError
from blocs.model.queries import Evidence, Floats, Selection, load_evidence
from blocs.model.weights import decay

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class TrendParams:
    """Change-point parameters, each named with its default (see the module doc)."""

    penalty: float = 2.0
    min_size: int = 2
    min_events: int = 3

    def __post_init__(self) -> None:
        if not self.penalty > 0:
            raise ModelError(f"penalty {self.penalty}: must be more than 0")
        if self.min_size < 1:
            raise ModelError(f"min size {self.min_size}: at least 1 month")
        if self.min_events < 1:
            raise ModelError(f"min events {self.min_events}: at least 1")

    def to_json(self) -> dict[str, Any]:
        return {"penalty": self.penalty, "min_size": self.min_size, "min_events": self.min_events}


@dataclass(frozen=True, slots=True)
class ChangePoint:
    a: str
    b: str
    month: str  # YYYY-MM, the first month of the new segment
    before: float
    after: float

    @property
    def shift(self) -> float:
        return self.after - self.before

    @property
    def direction(self) -> str:
        return "warmed" if self.shift > 0 else "cooled"

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "month": self.month,
            "direction": self.direction,
            "before": self.before,
            "after": self.after,
            "shift": self.shift,
            "summary": f"{self.a}–{self.b} {self.direction} from {self.month} ({self.shift:+.3f})",
        }


@dataclass(frozen=True, slots=True)
class Trend:
    """One pair's monthly series and its change points."""

    a: str
    b: str
    months: tuple[str, ...]
    score: Floats
    tone: Floats
    low: Floats
    high: Floats
    events: tuple[int, ...]  # counted events in each month
    month_score: Floats  # each month's own score, the series change points are found in
    change_points: tuple[ChangePoint, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "series": [
                {
                    "month": month,
                    "score": float(self.score[i]),
                    "tone": float(self.tone[i]),
                    "low": float(self.low[i]),
                    "high": float(self.high[i]),
                    "events": self.events[i],
                    "month_score": float(self.month_score[i]),
                }
                for i, month in enumerate(self.months)
            ],
            "change_points": [c.to_json() for c in self.change_points],
        }


@dataclass(frozen=True, slots=True)
class TrendReport:
    """Change points of every pair asked for; with one `pair`, also its monthly series."""

    selection: Selection
    scoring: Scoring
    params: TrendParams
    reference: date | None
    pair: tuple[str, str] | None
    trends: tuple[Trend, ...]

    def to_json(self) -> dict[str, Any]:
        points = sorted(
            (c for t in self.trends for c in t.change_points),
            key=lambda c: (-abs(c.shift), c.a, c.b, c.month),
        )
        return {
            **self.selection.to_json(),
            "parameters": {**self.scoring.to_json(), **self.params.to_json()},
            "reference_date": self.reference.isoformat() if self.reference else None,
            "dyads": len(self.trends),
            "change_points": [c.to_json() for c in points],
            "pair": list(self.pair) if self.pair else None,
            "trends": [t.to_json() for t in self.trends] if self.pair else [],
        }


def _month_starts(first: date, last: date) -> list[date]:
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return months


@dataclass(frozen=True, slots=True)
class _Grid:
    """Decayed sums at every month end: rows are pairs (or actors), columns months."""

    starts: list[date]
    ends: Floats  # the day each month's value is taken, in days since 1970

    @classmethod
    def of(cls, first: date, reference: date) -> _Grid:
        starts = _month_starts(first, reference)
        ends = [
            min((s + timedelta(days=32)).replace(day=1) - timedelta(days=1), reference)
            for s in starts
        ]
        return cls(starts, np.array([days(e) for e in ends], dtype=np.float64))

    def index(self, month_days: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
        """The column of each month (given as its first day, in days since 1970)."""
        starts = np.array([days(s) for s in self.starts], dtype=np.int64)
        return np.searchsorted(starts, month_days)

    def anchored(
        self,
        rows: np.ndarray[Any, Any],
        n_rows: int,
        month_days: np.ndarray[Any, Any],
        values: Floats,
    ) -> Floats:
        """The sums of each row and month, anchored at the month's first day."""
        out = np.zeros((n_rows, len(self.starts)))
        if len(values):
            np.add.at(out, (rows, self.index(month_days)), values)
        return out

    def own(self, anchored: Floats, half_life_days: float) -> Floats:
        """Each month's sums alone, decayed to the month's end."""
        starts = np.array([days(s) for s in self.starts], dtype=np.float64)
        own: Floats = anchored * decay(self.ends - starts, half_life_days)
        return own

    def accumulate(
        self,
        rows: np.ndarray[Any, Any],
        n_rows: int,
        month_days: np.ndarray[Any, Any],
        values: Floats,
        half_life_days: float,
    ) -> tuple[Floats, Floats]:
        """The decayed sums at each month's end, and each month's own (see `own`):
        S[r, m] = sum over months m' <= m of value[r, m'] * 2^-(end_m - start_m') / h."""
        own = self.own(self.anchored(rows, n_rows, month_days, values), half_life_days)
        carry = decay(np.diff(self.ends, prepend=self.ends[:1]), half_life_days)
        out = np.zeros_like(own)
        running = np.zeros(n_rows)
        for m in range(len(self.starts)):
            running = running * carry[m] + own[:, m]
            out[:, m] = running
        return out, own


def _change_points(
    a: str, b: str, months: list[str], series: Floats, events: tuple[int, ...], params: TrendParams
) -> tuple[ChangePoint, ...]:
    """Change points of the months with events (a month without news is no evidence of a
    change, nor of calm), dated by the month each new segment starts."""
    reported = np.flatnonzero(np.array(events) > 0)
    values = series[reported]
    n = len(values)
    variance = float(np.var(values)) if n else 0.0
    if n < 2 * params.min_size or variance <= 1e-18:
        return ()
    import ruptures as rpt

    algo = rpt.KernelCPD(kernel="linear", min_size=params.min_size, jump=1)
    found = algo.fit(values.reshape(-1, 1)).predict(pen=params.penalty * math.log(n) * variance)
    ends = [int(e) for e in found]
    starts = [0, *ends[:-1]]
    return tuple(
        ChangePoint(
            a,
            b,
            months[int(reported[ends[i]])],
            float(np.mean(values[starts[i] : ends[i]])),
            float(np.mean(values[ends[i] : ends[i + 1]])),
        )
        for i in range(len(ends) - 1)
    )


def _trends(
    evidence: Evidence,
    scoring: Scoring,
    params: TrendParams,
    pairs: list[tuple[str, str]] | None,
    progress: Progress | None,
) -> tuple[Trend, ...]:
    reference = evidence.reference
    actors = evidence.actors
    if reference is None or len(actors.month) == 0:
        return ()
    h = scoring.half_life_days
    first_month = evidence.selection.since or date(1970, 1, 1) + timedelta(
        days=int(actors.month.min())
    )
    grid = _Grid.of(first_month, reference)
    labels = [s.strftime("%Y-%m") for s in grid.starts]

    p = evidence.pairs
    first = p.source < p.target
    lo, hi = (
        np.where(first, p.source, p.target).astype(str),
        np.where(first, p.target, p.source).astype(str),
    )
    keys, rows = np.unique(np.char.add(np.char.add(lo, "\t"), hi), return_inverse=True)
    names = [tuple(str(k).split("\t")) for k in keys]
    counts = np.bincount(rows, weights=p.events.astype(np.float64), minlength=len(keys))

    def pair_sums(values: Floats) -> tuple[Floats, Floats]:
        return grid.accumulate(rows, len(keys), p.month, values, h)

    (cooperation, own_cooperation), (conflict, own_conflict), (mass, own_mass) = (
        pair_sums(v) for v in (p.cooperation, p.conflict, p.evidence)
    )
    monthly = grid.anchored(rows, len(keys), p.month, p.events.astype(np.float64))
    actor_names, actor_rows = np.unique(actors.actor.astype(str), return_inverse=True)
    volume, own_volume = grid.accumulate(
        actor_rows, len(actor_names), actors.month, actors.volume, h
    )
    actor_index = {str(x): i for i, x in enumerate(actor_names)}
    first_column = np.full(len(actor_names), len(grid.starts), dtype=np.int64)
    np.minimum.at(first_column, actor_rows, grid.index(actors.month))
    actor_first = dict(zip(actor_names.tolist(), first_column.tolist(), strict=True))
    pooled_rows = np.zeros(len(evidence.pooled_month), dtype=np.int64)
    square, own_square = (
        x[0]
        for x in grid.accumulate(pooled_rows, 1, evidence.pooled_month, evidence.pooled_square, h)
    )
    pooled, own_pooled = (
        x[0]
        for x in grid.accumulate(pooled_rows, 1, evidence.pooled_month, evidence.pooled_evidence, h)
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        sigma2 = np.where(pooled > 0, square / pooled, 0.0)
        own_sigma2 = np.where(own_pooled > 0, own_square / own_pooled, 0.0)

    wanted = (
        [i for i, (x, y) in enumerate(names) if (x, y) in pairs]
        if pairs is not None
        else [i for i in range(len(keys)) if counts[i] >= params.min_events]
    )
    trends = []
    for done, i in enumerate(wanted, start=1):
        x, y = names[i]
        start = 0 if evidence.selection.since else min(actor_first[x], actor_first[y])
        cut = slice(start, None)
        s = score_arrays(
            cooperation[i, cut],
            conflict[i, cut],
            mass[i, cut],
            volume[actor_index[x], cut],
            volume[actor_index[y], cut],
            sigma2[cut],
            scoring,
        )
        own = score_arrays(
            own_cooperation[i, cut],
            own_conflict[i, cut],
            own_mass[i, cut],
            own_volume[actor_index[x], cut],
            own_volume[actor_index[y], cut],
            own_sigma2[cut],
            scoring,
        ).score
        events = tuple(int(c) for c in monthly[i, cut])
        trends.append(
            Trend(
                x,
                y,
                tuple(labels[cut]),
                s.score,
                s.tone,
                s.low,
                s.high,
                events,
                own,
                _change_points(x, y, labels[cut], own, events, params),
            )
        )
        if progress:
            progress(done, len(wanted))
    return tuple(trends)


def trends_report(
    con: duckdb.DuckDBPyConnection,
    selection: Selection,
    scoring: Scoring,
    params: TrendParams,
    *,
    pair: tuple[str, str] | None = None,
    progress: Progress | None = None,
) -> TrendReport:
    """The series and change points of one pair, or of every pair with at least
    `params.min_events` counted events."""
    actors = None
    pairs = None
    if pair is not None:
        a, b = sorted(code.strip().upper() for code in pair)
        if a == b:
            raise ModelError(f"a dyad needs two different actors, got {a} twice")
        pair, actors, pairs = (a, b), frozenset({a, b}), [(a, b)]
    evidence = load_evidence(
        con,
        selection,
        intensity=scoring.intensity,
        half_life_days=scoring.half_life_days,
        actors=actors,
        monthly=True,
    )
    return TrendReport(
        selection,
        scoring,
        params,
        evidence.reference,
        pair,
        _trends(evidence, scoring, params, pairs, progress),
    )
