"""Change points for many series at once give ruptures' change points."""

from __future__ import annotations

import math

import numpy as np
import pytest

from blocs.model import changepoints
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


def test_blocks_searched_in_parallel_give_the_serial_change_points(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = np.random.default_rng(7)
    lengths = rng.integers(4, 40, size=300)
    values = rng.normal(size=(300, 40))
    values[::3, 20:] += 3.0  # a step in every third series
    penalties = 2 * np.log(lengths) * np.var(values, axis=1)
    monkeypatch.setattr(changepoints, "BLOCK", 16)  # 19 blocks
    monkeypatch.setattr(changepoints, "THREADS", 1)
    serial = breakpoints(values, lengths, penalties, 2)
    monkeypatch.setattr(changepoints, "THREADS", 3)
    parallel = breakpoints(values, lengths, penalties, 2)
    assert parallel == serial
    assert sum(len(ends) > 1 for ends in serial) > 50
