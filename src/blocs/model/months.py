"""Decayed sums at every month end, for many rows (pairs or states) at once.

A `MonthGrid` is the run of calendar months from a first month to the reference date; each
month's value is taken on its last day (the reference date for the last month). The rows'
sums come in anchored at each month's first day (`queries.py`), so a month's own sum decayed
to its end is anchored * 2^-(end - start) / h, and the running sum at each month end carries
the one before it: S[m] = S[m - 1] * 2^-(end_m - end_{m-1}) / h + own[m].
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from blocs.model.dyads import days
from blocs.model.queries import Floats, Ints
from blocs.model.weights import decay


def month_starts(first: date, last: date) -> list[date]:
    """The first day of every month from `first`'s to `last`'s."""
    months, day = [], first.replace(day=1)
    while day <= last:
        months.append(day)
        day = (day + timedelta(days=32)).replace(day=1)
    return months


@dataclass(frozen=True, slots=True)
class MonthGrid:
    """Month columns: each month's first day and the day its value is taken, both in days
    since 1970-01-01."""

    starts: tuple[date, ...]
    start_days: Ints
    ends: Floats

    @classmethod
    def of(cls, first: date, reference: date) -> MonthGrid:
        starts = month_starts(first, reference)
        ends = [
            min((s + timedelta(days=32)).replace(day=1) - timedelta(days=1), reference)
            for s in starts
        ]
        return cls(
            tuple(starts),
            np.array([days(s) for s in starts], dtype=np.int64),
            np.array([days(e) for e in ends], dtype=np.float64),
        )

    @property
    def width(self) -> int:
        return len(self.starts)

    def columns(self, month_days: Ints) -> Ints:
        """The column of each day (days since 1970): the last month starting on or before
        it, -1 before the first. One look-up table over the days spanned, so that millions
        of rows cost a gather, not a binary search each."""
        if len(month_days) == 0:
            return np.zeros(0, dtype=np.int64)
        low = int(month_days.min())
        span = np.arange(low, int(month_days.max()) + 1)
        table = np.searchsorted(self.start_days, span, side="right") - 1
        return np.asarray(table[month_days - low], np.int64)

    def sums(self, rows: Ints, n_rows: int, columns: Ints, values: Sequence[Floats]) -> Floats:
        """Each of `values` summed by row and column: an array (len(values), n_rows, width)."""
        flat = rows * self.width + columns
        size = n_rows * self.width
        found = np.stack([np.bincount(flat, weights=v, minlength=size) for v in values])
        return np.asarray(found, np.float64).reshape(len(values), n_rows, self.width)

    def own_decay(self, half_life_days: float) -> Floats:
        """What a month's anchored sum keeps at the month's end: its own sum is the product."""
        return decay(self.ends - self.start_days, half_life_days)

    def decayed(self, anchored: Floats, half_life_days: float) -> tuple[Floats, Floats]:
        """The running sums at each month end of `anchored` (any leading shape, months last)
        and each month's own sum, both decayed to the month's end (see the module doc)."""
        own: Floats = anchored * self.own_decay(half_life_days)
        carry = decay(np.diff(self.ends, prepend=self.ends[:1]), half_life_days)
        # Months first, so that each step reads and writes one contiguous row.
        by_month = np.ascontiguousarray(own.reshape(-1, self.width).T)
        running = np.zeros(by_month.shape[1])
        for m in range(self.width):
            running *= carry[m]
            running += by_month[m]
            by_month[m] = running
        return np.ascontiguousarray(by_month.T).reshape(own.shape), own
