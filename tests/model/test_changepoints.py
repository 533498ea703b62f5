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


def _full_search(y: list[float], pen: float, min_size: int) -> tuple[list[int], int]:
    """The recursion written out for one series, keeping the argmin at every t (the first of
    equal minima, a later start only when strictly better than one segment), in the
    arithmetic of `breakpoints`; and how many steps had several equal best starts."""
    n = len(y)
    s1, s2 = [0.0] * (n + 1), [0.0] * (n + 1)
    for i, v in enumerate(y):
        s1[i + 1], s2[i + 1] = s1[i] + v, s2[i] + v * v
    kept, last, ties = [0.0] * (n + 1), [0] * (n + 1), 0
    for t in range(min_size, n + 1):
        first, pick = s2[t] - s1[t] * s1[t] / t + pen, 0
        if t >= 2 * min_size:
            values = []
            for s in range(min_size, t - min_size + 1):
                d = s1[t] - s1[s]
                values.append(kept[s] - d * d * (1.0 / (t - s)))
            best = min(values)
            ties += values.count(best) > 1
            value = best + s2[t] + pen
            if value < first:
                first, pick = value, values.index(best) + min_size
        kept[t], last[t] = first - s2[t], pick
    ends, t = [], n
    while t > 0:
        ends.append(t)
        t = last[t]
    return ends[::-1], ties


@pytest.mark.parametrize("min_size", [1, 2, 3])
def test_breakpoints_equal_the_full_search_with_its_ties(min_size: int) -> None:
    # Small integer series have many segmentations of equal cost: the search must pick the
    # same one as the full recursion (the first of equal minima), not only one as good.
    rng = np.random.default_rng(10 + min_size)
    series = [
        rng.integers(0, 3, size=int(rng.integers(2 * min_size, 16))).astype(float)
        for _ in range(400)
    ]
    penalties = rng.choice([0.25, 0.5, 1.0, 1.5, 2.0, 3.0], size=len(series))
    values = np.zeros((len(series), 16))
    for i, y in enumerate(series):
        values[i, : len(y)] = y
    lengths = np.array([len(y) for y in series], dtype=np.int64)
    found = breakpoints(values, lengths, penalties, min_size)
    ties = 0
    for i, y in enumerate(series):
        expected, tied = _full_search(y.tolist(), float(penalties[i]), min_size)
        assert found[i] == expected, i
        ties += tied
    assert ties > 100
    assert sum(len(f) > 2 for f in found) > 20  # several change points in a series too
