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
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import duckdb
import numpy as np

from blocs.errors import ModelError
from blocs.model.changepoints import breakpoints
from blocs.model.dyads import EPOCH, Scoring, score_arrays, tone_share
from blocs.model.months import MonthGrid
from blocs.model.queries import (
    DyadEvidence,
    Floats,
    Ints,
    Selection,
    load_dyad_evidence,
    small_unique,
)

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
class PairSeries:
    """One pair's monthly values, from its first month on."""

    months: tuple[str, ...]
    score: Floats
    tone: Floats
    low: Floats
    high: Floats
    events: Ints  # counted events in each month
    month_score: Floats  # each month's own score, the series change points are found in


@dataclass(frozen=True, slots=True)
class _Cells:
    """What every pair's monthly series are made of, one cell per pair and month with counted
    events (sorted by pair, then month): the series of a pair are computed from its cells
    when first read, since every pair's change points need only each cell's own score."""

    grid: MonthGrid
    labels: tuple[str, ...]
    scoring: Scoring
    x: Ints  # each pair's states, indices of the volumes' rows
    y: Ints
    starts: Ints  # each pair's first column
    bounds: Ints  # pair p's cells are bounds[p]:bounds[p + 1]
    column: Ints
    anchored: Floats  # (3, cells): cooperation, conflict and evidence anchored at the month
    events: Floats
    own: Floats  # each cell's own score
    volume: Floats  # (states, months): decayed volumes at each month end
    sigma2: Floats
    computed: dict[int, PairSeries]

    def dense(self, pair: int, values: Floats) -> Floats:
        """`values` (one per cell) of `pair` on every month, zero where it has no cell."""
        cells = slice(int(self.bounds[pair]), int(self.bounds[pair + 1]))
        row = np.zeros(self.grid.width)
        row[self.column[cells]] = values[..., cells]
        return row

    def series(self, pair: int) -> PairSeries:
        found = self.computed.get(pair)
        if found is not None:
            return found
        cells = slice(int(self.bounds[pair]), int(self.bounds[pair + 1]))
        anchored = np.zeros((3, 1, self.grid.width))
        anchored[:, 0, self.column[cells]] = self.anchored[:, cells]
        (cooperation, conflict, mass), _ = self.grid.decayed(anchored, self.scoring.half_life_days)
        x, y = int(self.x[pair]), int(self.y[pair])
        s = score_arrays(
            cooperation[0],
            conflict[0],
            mass[0],
            self.volume[x],
            self.volume[y],
            self.sigma2,
            self.scoring,
        )
        cut = slice(int(self.starts[pair]), None)
        found = PairSeries(
            self.labels[cut],
            s.score[cut],
            s.tone[cut],
            s.low[cut],
            s.high[cut],
            self.dense(pair, self.events).astype(np.int64)[cut],
            self.dense(pair, self.own)[cut],
        )
        self.computed[pair] = found
        return found


@dataclass(frozen=True, slots=True)
class Trend:
    """One pair's change points and its monthly series (`PairSeries`: `months`, `score` ...,
    computed when first read)."""

    a: str
    b: str
    change_points: tuple[ChangePoint, ...]
    _cells: _Cells = field(repr=False, compare=False)
    _pair: int = field(repr=False, compare=False)

    @property
    def series(self) -> PairSeries:
        return self._cells.series(self._pair)

    @property
    def months(self) -> tuple[str, ...]:
        return self.series.months

    @property
    def score(self) -> Floats:
        return self.series.score

    @property
    def tone(self) -> Floats:
        return self.series.tone

    @property
    def low(self) -> Floats:
        return self.series.low

    @property
    def high(self) -> Floats:
        return self.series.high

    @property
    def events(self) -> Ints:
        return self.series.events

    @property
    def month_score(self) -> Floats:
        return self.series.month_score

    def to_json(self) -> dict[str, Any]:
        s = self.series
        return {
            "a": self.a,
            "b": self.b,
            "series": [
                {
                    "month": month,
                    "score": float(s.score[i]),
                    "tone": float(s.tone[i]),
                    "low": float(s.low[i]),
                    "high": float(s.high[i]),
                    "events": int(s.events[i]),
                    "month_score": float(s.month_score[i]),
                }
                for i, month in enumerate(s.months)
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
    labels: tuple[str, ...],
    starts: Ints,
    pair_of: Ints,
    column: Ints,
    own: Floats,
    events: Floats,
    width: int,
    params: TrendParams,
) -> list[tuple[ChangePoint, ...]]:
    """Each pair's change points in its months with events from its first column on (a
    month without news is no evidence of a change, nor of calm), dated by the month each
    new segment starts. The cells (`pair_of`, `column`, each with its `own` score and
    `events`) come sorted by pair, then month; `width` is the number of months."""
    reported = np.flatnonzero((events > 0) & (column >= starts[pair_of]))
    rows, months = pair_of[reported], column[reported]
    n = np.bincount(rows, minlength=len(pairs))
    first = np.cumsum(n) - n
    # Each row's months with events packed to the left, in order; zeros after them.
    values = np.zeros((len(pairs), width))
    values[rows, np.arange(len(rows)) - first[rows]] = own[reported]
    inside = np.arange(width)[None, :] < n[:, None]
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
        means = [
            float(values[row, bounds[i] : bounds[i + 1]].sum()) / (bounds[i + 1] - bounds[i])
            for i in range(len(ends))
        ]
        found[row] = tuple(
            ChangePoint(a, b, labels[int(months[first[row] + ends[i]])], means[i], means[i + 1])
            for i in range(len(ends) - 1)
        )
    return found


def _pooled_sigma2(evidence: DyadEvidence, grid: MonthGrid, reference: date, h: float) -> Floats:
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
    evidence: DyadEvidence,
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
    labels = tuple(s.strftime("%Y-%m") for s in grid.starts)
    names = evidence.names
    width = len(names)

    p = evidence.pairs
    keys, rows = small_unique(p.low * width + p.high)
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
    # One cell per pair and month with counted events, sorted by pair, then month.
    cells, cell_of = small_unique(row_of[keep] * grid.width + grid.columns(p.month[keep]))
    values = [p.cooperation, p.conflict, p.evidence, p.events.astype(np.float64)]
    cell_sums: Floats = np.stack(
        [np.bincount(cell_of, weights=v[keep], minlength=len(cells)) for v in values]
    )
    actor_columns = grid.columns(actors.month)
    [volume], [own_volume] = grid.decayed(
        grid.sums(actors.actor, width, actor_columns, [actors.volume]), h
    )
    first_column = np.full(width, grid.width, dtype=np.int64)
    np.minimum.at(first_column, actors.actor, actor_columns)

    x_ids, y_ids = keys[wanted] // width, keys[wanted] % width
    if evidence.selection.since:
        starts = np.zeros(len(wanted), dtype=np.int64)
    else:
        starts = np.minimum(first_column[x_ids], first_column[y_ids])
    pair_of, column = cells // grid.width, cells % grid.width
    own_cooperation, own_conflict, own_mass = cell_sums[:3] * grid.own_decay(h)[column]
    own_tone, own_share = tone_share(
        own_cooperation,
        own_conflict,
        own_mass,
        own_volume[x_ids[pair_of], column],
        own_volume[y_ids[pair_of], column],
        scoring,
    )
    own = own_tone * own_share
    pair_names = list(zip(names[x_ids].tolist(), names[y_ids].tolist(), strict=True))
    changes = _change_points(
        pair_names, labels, starts, pair_of, column, own, cell_sums[3], grid.width, params
    )
    source = _Cells(
        grid,
        labels,
        scoring,
        x_ids,
        y_ids,
        starts,
        np.searchsorted(pair_of, np.arange(len(wanted) + 1)),
        column,
        cell_sums[:3],
        cell_sums[3],
        own,
        volume,
        _pooled_sigma2(evidence, grid, reference, h),
        {},
    )
    trends = []
    for i, ((x, y), found) in enumerate(zip(pair_names, changes, strict=True)):
        trends.append(Trend(x, y, found, source, i))
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
    evidence = load_dyad_evidence(
        con,
        selection,
        intensity=scoring.intensity,
        half_life_days=scoring.half_life_days,
        actors=actors,
    )
    return TrendReport(
        selection,
        scoring,
        params,
        evidence.reference,
        pair,
        _trends(evidence, scoring, params, pairs, progress),
    )
