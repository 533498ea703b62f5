"""Monthly dyad series and their change points."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from model_store import Ev, StoreFactory

from blocs.model.dyads import Scoring
from blocs.model.queries import Selection
from blocs.model.trends import TrendParams, TrendReport, trends_report
from blocs.store.db import Store

SHORT = Scoring(half_life_days=20)


def _monthly(pair: tuple[str, str], months: list[str], goldstein: float, plover: str) -> list[Ev]:
    return [Ev(*pair, f"{m}-10", goldstein, plover) for m in months for _ in range(3)]


def _report(path: Path, pair: tuple[str, str] | None, **kw: object) -> TrendReport:
    with Store(path, read_only=True) as store:
        return trends_report(store.con, Selection(**kw), SHORT, TrendParams(), pair=pair)  # type: ignore[arg-type]


def _months(year: int, first: int, last: int) -> list[str]:
    return [f"{year}-{m:02d}" for m in range(first, last + 1)]


def test_a_step_from_cooperation_to_conflict_is_a_cooling_at_the_step(
    make_store: StoreFactory,
) -> None:
    events = _monthly(("FRA", "RUS"), _months(2020, 1, 6), 6.0, "COOPERATE")
    events += _monthly(("FRA", "RUS"), _months(2020, 7, 12), -8.0, "SANCTION")
    report = _report(make_store(events), ("RUS", "FRA"))
    [trend] = report.trends
    assert trend.months[0] == "2020-01" and trend.months[-1] == "2020-12"
    [change] = trend.change_points
    assert (change.month, change.direction) == ("2020-07", "cooled")
    assert change.before > 0 > change.after
    assert change.shift == change.after - change.before
    assert change.to_json()["summary"].startswith("FRA–RUS cooled from 2020-07 (-")


def test_a_step_up_is_a_warming(make_store: StoreFactory) -> None:
    events = _monthly(("USA", "CHN"), _months(2019, 1, 8), -4.0, "ACCUSE")
    events += _monthly(("USA", "CHN"), _months(2019, 9, 12) + _months(2020, 1, 4), 5.0, "AGREE")
    [trend] = _report(make_store(events), ("USA", "CHN")).trends
    assert [(c.month, c.direction) for c in trend.change_points] == [("2019-09", "warmed")]


def test_a_score_that_only_fades_has_no_change_point(make_store: StoreFactory) -> None:
    events = _monthly(("FRA", "DEU"), ["2020-01"], 6.0, "COOPERATE")
    events.append(Ev("USA", "GBR", "2020-12-20", 1.0))  # the reference date: December
    [trend] = _report(make_store(events), ("FRA", "DEU")).trends
    assert trend.score[0] > trend.score[-1] > 0
    assert trend.change_points == ()


def test_every_pair_with_enough_events_gets_a_series(make_store: StoreFactory) -> None:
    events = _monthly(("FRA", "RUS"), _months(2020, 1, 6), 6.0, "COOPERATE")
    events += _monthly(("FRA", "RUS"), _months(2020, 7, 12), -8.0, "SANCTION")
    events += [Ev("USA", "GBR", "2020-03-01", 2.0)] * 2
    report = _report(make_store(events), None)
    assert [(t.a, t.b) for t in report.trends] == [("FRA", "RUS")]  # USA-GBR has 2 < 3
    shape = report.to_json()
    assert [c["month"] for c in shape["change_points"]] == ["2020-07"]
    assert (shape["pair"], shape["trends"]) == (None, [])  # series only for one pair


def test_one_pair_has_its_monthly_series(make_store: StoreFactory) -> None:
    events = _monthly(("FRA", "RUS"), _months(2020, 1, 3), 6.0, "COOPERATE")
    shape = _report(make_store(events), ("rus", "fra")).to_json()
    assert shape["pair"] == ["FRA", "RUS"]
    [trend] = shape["trends"]
    assert [p["month"] for p in trend["series"]] == ["2020-01", "2020-02", "2020-03"]
    assert trend["series"][0].keys() == {
        "month",
        "score",
        "tone",
        "low",
        "high",
        "events",
        "month_score",
    }


def test_since_and_until_bound_the_series(make_store: StoreFactory) -> None:
    events = _monthly(("FRA", "RUS"), _months(2020, 1, 12), 6.0, "COOPERATE")
    report = _report(
        make_store(events), ("FRA", "RUS"), since=date(2020, 3, 1), until=date(2020, 8, 15)
    )
    [trend] = report.trends
    assert trend.months == tuple(_months(2020, 3, 8))
    assert report.reference == date(2020, 8, 15)
    assert trend.events.tolist() == [3] * 6


def test_months_without_news_neither_hide_nor_make_a_change(make_store: StoreFactory) -> None:
    events = _monthly(("FRA", "RUS"), ["2020-01", "2020-03", "2020-05"], 6.0, "COOPERATE")
    events += _monthly(("FRA", "RUS"), ["2020-09", "2020-11", "2021-01"], -8.0, "SANCTION")
    [trend] = _report(make_store(events), ("FRA", "RUS")).trends
    assert [(c.month, c.direction) for c in trend.change_points] == [("2020-09", "cooled")]
    [change] = trend.change_points
    assert change.before == pytest.approx(float(trend.month_score[0]))  # months with events only


def test_one_pair_has_the_series_it_has_among_every_pair(make_store: StoreFactory) -> None:
    # USA-GBR have news from 2019, FRA and RUS only from 2020: the pooled spread of the
    # earlier months still reaches FRA-RUS's intervals, asked alone or with every pair.
    events = [Ev("USA", "GBR", f"{m}-05", 4.0, "COOPERATE") for m in _months(2019, 1, 12)] * 3
    events += _monthly(("FRA", "RUS"), _months(2020, 1, 6), 6.0, "COOPERATE")
    events += _monthly(("FRA", "RUS"), _months(2020, 7, 12), -8.0, "SANCTION")
    path = make_store(events)
    [alone] = _report(path, ("FRA", "RUS")).trends
    [among] = [t for t in _report(path, None).trends if (t.a, t.b) == ("FRA", "RUS")]
    assert alone.months[0] == among.months[0] == "2020-01"
    assert alone.to_json() == among.to_json()
    assert alone.low.tolist() != alone.score.tolist()  # the interval is there
