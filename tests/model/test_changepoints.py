"""Change points for many series at once give ruptures' change points."""

from __future__ import annotations

import math

import numpy as np
import pytest

from blocs.model.changepoints import breakpoints


@pytest.mark.parametrize("min_size", [1, 2, 3])
def test_breakpoints_equal_those_of_ruptures_kernel_cpd(min_size: int) -> None:
    rpt = pytest.importorskip("ruptures")
    rng = np.random.default_rng(min_size)
    series = []
    for i in range(120):
        y = rng.normal(size=int(rng.integers(2 * min_size, 50)))
        if i % 2:
            y[len(y) // 2 :] += rng.normal() * 2
        series.append(y)
    values = np.full((len(series), max(len(y) for y in series)), np.nan)
    for i, y in enumerate(series):
        values[i, : len(y)] = y
    lengths = np.array([len(y) for y in series], dtype=np.int64)
    penalties = np.array([2 * math.log(len(y)) * float(np.var(y)) for y in series])
    found = breakpoints(values, lengths, penalties, min_size)
    for i, y in enumerate(series):
        algo = rpt.KernelCPD(kernel="linear", min_size=min_size, jump=1).fit(y.reshape(-1, 1))
        assert found[i] == algo.predict(pen=penalties[i]), i
    assert sum(len(f) > 1 for f in found) > 20


def test_a_step_is_found_where_it_is() -> None:
    values = np.array([[1.0, 1.1, 0.9, 1.0, 5.0, 5.1, 4.9, 5.0]])
    found = breakpoints(values, np.array([8]), np.array([1.0]), 2)
    assert found == [[4, 8]]


def test_series_without_a_change_end_once_and_empty_ones_not_at_all() -> None:
    values = np.array(
        [[1.0, 1.0, 1.1, 0.9, 1.0, 1.0], [0.0, 0.0, 0.0, 9.0, 9.0, 9.0], [0.0] * 6, [2.0] * 6]
    )
    found = breakpoints(values, np.array([6, 6, 0, 4]), np.array([1.0, 1.0, 1.0, 1.0]), 2)
    assert found == [[6], [3, 6], [], [4]]
