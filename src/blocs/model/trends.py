"""Trends and change points of dyad scores: "FRA-RUS warmed from 2019-08".

A pair's series is its unordered score (`dyads.py`) taken at the end of every month, from the
first month either state appears in the selection (or `since`) to the reference date, each
value decaying older evidence as the score does. Change points are found by ruptures' Pelt
(exact optimal partitioning with pruning) with the least-squares cost (`model="l2"`: a shift
in the mean), segments of at least `min_size` months, and the penalty

    pen = penalty * log(n) * var(series)

per change, n being the number of months: with the series' own variance standing in for the
noise, this is the Schwarz (BIC) criterion of a series with no change and grows more cautious
the larger the shifts, so a change point must explain much of the series' variation. Each
change point gives the month the new segment starts, the mean score before and after (over
the neighbouring segments) and the direction: `warmed` when the mean rises, `cooled` when it
falls. A boundary is kept only if the pair has counted events in the month it starts: a
score that merely fades while nothing new is reported is not a change in relations.
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
        lookup = {days(s): i for i, s in enumerate(self.starts)}
        return np.array([lookup[int(m)] for m in month_days], dtype=np.int64)

    def accumulate(
        self,
        rows: np.ndarray[Any, Any],
        n_rows: int,
        month_days: np.ndarray[Any, Any],
        values: Floats,
        half_life_days: float,
    ) -> Floats:
        """S[r, m] = sum over months m' <= m of value[r, m'] * 2^-(end_m - start_m') / h."""
        n = len(self.starts)
        anchored = np.zeros((n_rows, n))
        if len(values):
            columns = self.index(month_days)
            np.add.at(anchored, (rows, columns), values)
        starts = np.array([days(s) for s in self.starts], dtype=np.float64)
        arrive = decay(self.ends - starts, half_life_days)
        carry = decay(np.diff(self.ends, prepend=self.ends[:1]), half_life_days)
        out = np.zeros((n_rows, n))
        running = np.zeros(n_rows)
        for m in range(n):
            running = running * carry[m] + anchored[:, m] * arrive[m]
            out[:, m] = running
        return out


def _change_points(
    a: str, b: str, months: list[str], series: Floats, events: tuple[int, ...], params: TrendParams
) -> tuple[ChangePoint, ...]:
    n = len(series)
    variance = float(np.var(series))
    if n < 2 * params.min_size or variance <= 1e-18:
        return ()
    import ruptures as rpt

    algo = rpt.Pelt(model="l2", min_size=params.min_size, jump=1).fit(series.reshape(-1, 1))
    found = algo.predict(pen=params.penalty * math.log(n) * variance)
    # A boundary where the pair has no new event is the score fading with time, not a change.
    ends = [int(e) for e in found[:-1] if events[int(e)] > 0] + [n]
    starts = [0, *ends[:-1]]
    return tuple(
        ChangePoint(
            a,
            b,
            months[ends[i]],
            float(np.mean(series[starts[i] : ends[i]])),
            float(np.mean(series[ends[i] : ends[i + 1]])),
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

    def pair_sums(values: Floats) -> Floats:
        return grid.accumulate(rows, len(keys), p.month, values, h)

    cooperation, conflict, mass = (pair_sums(v) for v in (p.cooperation, p.conflict, p.evidence))
    monthly = np.zeros((len(keys), len(grid.starts)))
    if len(p.month):
        np.add.at(monthly, (rows, grid.index(p.month)), p.events.astype(np.float64))
    actor_names, actor_rows = np.unique(actors.actor.astype(str), return_inverse=True)
    volume = grid.accumulate(actor_rows, len(actor_names), actors.month, actors.volume, h)
    actor_index = {str(x): i for i, x in enumerate(actor_names)}
    actor_first = {
        str(x): int(np.min(np.where(actor_rows == i, grid.index(actors.month), len(grid.starts))))
        for i, x in enumerate(actor_names)
    }
    square = grid.accumulate(
        np.zeros(len(evidence.pooled_month), dtype=np.int64),
        1,
        evidence.pooled_month,
        evidence.pooled_square,
        h,
    )[0]
    pooled = grid.accumulate(
        np.zeros(len(evidence.pooled_month), dtype=np.int64),
        1,
        evidence.pooled_month,
        evidence.pooled_evidence,
        h,
    )[0]
    with np.errstate(divide="ignore", invalid="ignore"):
        sigma2 = np.where(pooled > 0, square / pooled, 0.0)

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
                _change_points(x, y, labels[cut], s.score, events, params),
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
