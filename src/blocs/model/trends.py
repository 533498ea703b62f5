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
with 2, 43 % with 3. The search (`changepoints.py`) is exact optimal partitioning, for every
pair at once in numpy: the same change points as ruptures' `KernelCPD` with the linear
kernel, or `Pelt(model="l2")`. Each change point gives the month its new segment starts, the
mean month score before and after (over the neighbouring segments) and the direction:
`warmed` when the mean rises, `cooled` when it falls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb
import numpy as np

from blocs.errors import ModelError
from blocs.model.changepoints import breakpoints
from blocs.model.dyads import EPOCH, Scoring, score_arrays, tone_share
from blocs.model.months import MonthGrid
from blocs.model.queries import Evidence, Floats, Ints, Selection, load_evidence, small_unique

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
    events: Ints  # counted events in each month
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
                    "events": int(self.events[i]),
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


def _change_points(
    pairs: list[tuple[str, str]],
    labels: list[str],
    starts: Ints,
    series: Floats,
    events: Floats,
    params: TrendParams,
) -> list[tuple[ChangePoint, ...]]:
    """Each pair's change points in its months with events from its first column on (a
    month without news is no evidence of a change, nor of calm), dated by the month each
    new segment starts."""
    columns = np.arange(series.shape[1])
    reported = (events > 0) & (columns[None, :] >= starts[:, None])
    n = reported.sum(axis=1)
    # Each row's months with events packed to the left, in order; zeros after them.
    rows = np.nonzero(reported)[0]
    values = np.zeros_like(series)
    # The k-th month with events of a row goes to its column k.
    packed = np.arange(len(rows)) - (np.cumsum(n) - n)[rows]
    values[rows, packed] = series[reported]
    inside = columns[None, :] < n[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        mean = np.where(n > 0, values.sum(axis=1) / n, 0.0)
        variance = np.where(
            n > 0, np.where(inside, (values - mean[:, None]) ** 2, 0.0).sum(axis=1) / n, 0.0
        )
    found: list[tuple[ChangePoint, ...]] = [() for _ in pairs]
    chosen = np.flatnonzero((n >= 2 * params.min_size) & (variance > 1e-18))
    if len(chosen) == 0:
        return found
    penalties = params.penalty * np.log(n[chosen]) * variance[chosen]
    ends_of = breakpoints(values[chosen], n[chosen], penalties, params.min_size)
    for row, ends in zip(chosen.tolist(), ends_of, strict=True):
        if len(ends) < 2:
            continue
        a, b = pairs[row]
        bounds = [0, *ends]
        means = [float(np.mean(values[row, bounds[i] : bounds[i + 1]])) for i in range(len(ends))]
        months = np.flatnonzero(reported[row])
        found[row] = tuple(
            ChangePoint(a, b, labels[int(months[ends[i]])], means[i], means[i + 1])
            for i in range(len(ends) - 1)
        )
    return found


def _pooled_sigma2(evidence: Evidence, grid: MonthGrid, reference: date, h: float) -> Floats:
    """sigma^2 at each month end of `grid` (`dyads.pooled_sigma2`). The pooled sums span the
    selection, which may begin before `grid` when only some states were read: those months
    are carried in, so that one pair's series is the one it has among every pair's."""
    months = evidence.pooled_month
    full = grid
    if len(months) and months.min() < grid.start_days[0]:
        full = MonthGrid.of(EPOCH + timedelta(days=int(months.min())), reference)
    rows = np.zeros(len(months), dtype=np.int64)
    sums = full.sums(
        rows, 1, full.columns(months), [evidence.pooled_square, evidence.pooled_evidence]
    )
    (square, pooled), _ = full.decayed(sums[:, 0], h)
    square, pooled = square[-grid.width :], pooled[-grid.width :]
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(pooled > 0, square / pooled, 0.0)


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
    first_month = evidence.selection.since or EPOCH + timedelta(days=int(actors.month.min()))
    grid = MonthGrid.of(first_month, reference)
    labels = [s.strftime("%Y-%m") for s in grid.starts]
    names = evidence.names
    width = len(names)

    p = evidence.pairs
    lo, hi = np.minimum(p.source, p.target), np.maximum(p.source, p.target)
    keys, rows = small_unique(lo * width + hi)
    counts = np.bincount(rows, weights=p.events.astype(np.float64), minlength=len(keys))
    if pairs is not None:
        index = {str(x): i for i, x in enumerate(names.tolist())}
        asked = [index[x] * width + index[y] for x, y in pairs if x in index and y in index]
        wanted = np.flatnonzero(np.isin(keys, asked))
    else:
        wanted = np.flatnonzero(counts >= params.min_events)
    taken = np.full(len(keys), -1, dtype=np.int64)
    taken[wanted] = np.arange(len(wanted))
    row_of = taken[rows]
    keep = row_of >= 0
    values = [p.cooperation, p.conflict, p.evidence, p.events.astype(np.float64)]
    pair_sums = grid.sums(
        row_of[keep], len(wanted), grid.columns(p.month[keep]), [v[keep] for v in values]
    )
    (cooperation, conflict, mass), (own_cooperation, own_conflict, own_mass) = grid.decayed(
        pair_sums[:3], h
    )
    monthly = pair_sums[3]
    actor_columns = grid.columns(actors.month)
    [volume], [own_volume] = grid.decayed(
        grid.sums(actors.actor, width, actor_columns, [actors.volume]), h
    )
    first_column = np.full(width, grid.width, dtype=np.int64)
    np.minimum.at(first_column, actors.actor, actor_columns)
    sigma2 = _pooled_sigma2(evidence, grid, reference, h)

    x_ids, y_ids = keys[wanted] // width, keys[wanted] % width
    s = score_arrays(cooperation, conflict, mass, volume[x_ids], volume[y_ids], sigma2, scoring)
    own_tone, own_share = tone_share(
        own_cooperation, own_conflict, own_mass, own_volume[x_ids], own_volume[y_ids], scoring
    )
    own = own_tone * own_share
    if evidence.selection.since:
        starts = np.zeros(len(wanted), dtype=np.int64)
    else:
        starts = np.minimum(first_column[x_ids], first_column[y_ids])
    pair_names = list(zip(names[x_ids].tolist(), names[y_ids].tolist(), strict=True))
    changes = _change_points(pair_names, labels, starts, own, monthly, params)
    trends = []
    shown: dict[int, tuple[str, ...]] = {}
    event_counts = monthly.astype(np.int64)
    for i, ((x, y), start) in enumerate(zip(pair_names, starts.tolist(), strict=True)):
        cut = slice(start, None)
        trends.append(
            Trend(
                x,
                y,
                shown.setdefault(start, tuple(labels[cut])),
                s.score[i, cut],
                s.tone[i, cut],
                s.low[i, cut],
                s.high[i, cut],
                event_counts[i, cut],
                own[i, cut],
                changes[i],
            )
        )
        if progress:
            progress(i + 1, len(wanted))
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
