"""Decayed month-end sums: each running sum is every month's own sum decayed to its end."""

from __future__ import annotations

from datetime import date

import numpy as np

from blocs.model.months import MonthGrid


def test_running_sums_decay_every_earlier_month_to_each_month_end() -> None:
    grid = MonthGrid.of(date(2020, 11, 1), date(2021, 3, 10))
    anchored = np.random.default_rng(3).random((2, 3, grid.width))
    running, own = grid.decayed(anchored, 30.0)
    assert running.shape == own.shape == anchored.shape
    for m in range(grid.width):
        ages = grid.ends[m] - grid.start_days[: m + 1]  # from each month's first day
        expected = (anchored[..., : m + 1] * 2.0 ** (-ages / 30.0)).sum(axis=-1)
        np.testing.assert_allclose(running[..., m], expected, rtol=1e-12)
        np.testing.assert_allclose(own[..., m], anchored[..., m] * 2.0 ** (-ages[-1] / 30.0))
    assert running.flags.c_contiguous
