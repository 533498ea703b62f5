"""The pre-aggregated evidence (`store/aggregates.py`) gives the scores the events give.

The raw path is what a read-only connection to a store whose aggregate is stale reads; the
aggregated path is what a writable connection reads after refreshing it. Both must agree to
within floating-point rounding: relative 1e-9 (the sums are the same terms, added in another
order and anchored at the month instead of the reference date).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from model_store import Ev, StoreFactory, write_events

from blocs.model.dyads import DyadScore, Scoring, dyad_report, dyad_scores
from blocs.model.network import BlocParams, blocs_report
from blocs.model.queries import Selection
from blocs.model.trends import TrendParams, trends_report
from blocs.store.aggregates import is_fresh, refresh
from blocs.store.db import Store

TOLERANCE = 1e-9
STATES = ["FRA", "RUS", "USA", "CHN", "TUR", "DEU", "GBR", "IRN", "EGY", "NATO", "EU"]


def _synthetic(n: int, seed: int) -> list[Ev]:
    """Random events over four years: blocs' own (any modality and confidence, some with
    an agent code) and imported ones."""
    rng = np.random.default_rng(seed)
    events = []
    for _ in range(n):
        a, b = rng.choice(len(STATES), size=2)
        source = STATES[a] + ("GOV" if len(STATES[a]) == 3 and rng.random() < 0.3 else "")
        day = date(2018, 1, 1).toordinal() + int(rng.integers(0, 4 * 365))
        origin = str(rng.choice(["blocs", "blocs", "gdelt2", "icews"]))
        events.append(
            Ev(
                source,
                STATES[b],
                date.fromordinal(day).isoformat(),
                float(np.round(rng.uniform(-10, 10), 1)),
                str(rng.choice(["CONSULT", "AID", "ACCUSE", "SANCTION", "COOPERATE"])),
                float(np.round(rng.uniform(0.3, 1.0), 2)) if origin == "blocs" else 1.0,
                str(rng.choice(["asserted", "asserted", "reported", "hypothetical", "negated"])),
                origin,
            )
        )
    return events


def _close(x: float, y: float) -> bool:
    return bool(x == pytest.approx(y, rel=TOLERANCE, abs=1e-12))


def _same_scores(raw: list[DyadScore], aggregated: list[DyadScore]) -> None:
    assert [(s.a, s.b, s.events) for s in raw] == [(s.a, s.b, s.events) for s in aggregated]
    for r, g in zip(raw, aggregated, strict=True):
        for field in ("cooperation", "conflict", "evidence", "volume_a", "volume_b", "score"):
            assert _close(getattr(r, field), getattr(g, field)), (r, g, field)
        assert _close(r.low, g.low) and _close(r.high, g.high)


def _both(path: Path, query: Any) -> tuple[Any, Any]:
    """The query's answer from the events (read-only, stale aggregate), then from the
    refreshed aggregate (writable)."""
    with Store(path, read_only=True) as store:
        assert not is_fresh(store.con)
        raw = query(store.con)
    with Store(path) as store:
        aggregated = query(store.con)
        assert is_fresh(store.con)
    return raw, aggregated


SELECTIONS = [
    Selection(),
    Selection(("blocs", "icews")),
    Selection(since=date(2019, 3, 1), until=date(2020, 8, 31)),
]


@pytest.mark.parametrize("selection", SELECTIONS)
@pytest.mark.parametrize("intensity", ["goldstein", "quad"])
def test_aggregated_dyad_scores_equal_the_scores_of_the_events(
    make_store: StoreFactory, selection: Selection, intensity: str
) -> None:
    path = make_store(_synthetic(1500, seed=1))
    scoring = Scoring(intensity=intensity)  # type: ignore[arg-type]

    def scores(con: Any) -> tuple[list[DyadScore], list[DyadScore]]:
        return (
            dyad_scores(con, selection, scoring),
            dyad_scores(con, selection, scoring, directed=True),
        )

    (raw, raw_directed), (aggregated, aggregated_directed) = _both(path, scores)
    assert len(raw) > 40
    _same_scores(raw, aggregated)
    _same_scores(raw_directed, aggregated_directed)


def test_a_hand_built_store_scores_alike_both_ways(make_store: StoreFactory) -> None:
    events = [
        Ev("FRA", "RUS", "2020-01-01", 5.0),
        Ev("FRAGOV", "RUS", "2020-01-31", -8.0, "SANCTION", confidence=0.5),
        Ev("RUS", "FRA", "2020-03-15", 3.0, origin="gdelt2"),
        Ev("USA", "FRA", "2020-03-15", 7.0, "AID", origin="icews"),
        Ev("FRA", "FRAMIL", "2020-02-10", 2.0),  # one state: volume only
        Ev("USA", "RUS", "2020-02-29", -4.0, "ACCUSE", modality="hypothetical"),
    ]
    path = make_store(events)
    raw, aggregated = _both(path, lambda con: dyad_scores(con, Selection(), Scoring()))
    assert [(s.a, s.b) for s in raw] == [("FRA", "RUS"), ("FRA", "USA")]
    _same_scores(raw, aggregated)


def test_aggregated_trends_and_blocs_equal_those_of_the_events(make_store: StoreFactory) -> None:
    path = make_store(_synthetic(2000, seed=2))

    def model(con: Any) -> tuple[Any, Any]:
        return (
            trends_report(con, Selection(), Scoring(), TrendParams()),
            blocs_report(con, Selection(), Scoring(), BlocParams(n_runs=5)),
        )

    (raw_trends, raw_blocs), (trends, blocs) = _both(path, model)
    assert len(raw_trends.trends) == len(trends.trends) > 40
    for r, g in zip(raw_trends.trends, trends.trends, strict=True):
        assert (r.a, r.b, r.months) == (g.a, g.b, g.months)
        assert r.events.tolist() == g.events.tolist()
        np.testing.assert_allclose(g.score, r.score, rtol=TOLERANCE, atol=1e-12)
        np.testing.assert_allclose(g.month_score, r.month_score, rtol=TOLERANCE, atol=1e-12)
        assert [(c.month, c.direction) for c in r.change_points] == [
            (c.month, c.direction) for c in g.change_points
        ]
    assert [sorted(m.actor for m in b.members) for b in raw_blocs.blocs] == [
        sorted(m.actor for m in b.members) for b in blocs.blocs
    ]


def test_the_drill_down_reads_the_same_events_either_way(make_store: StoreFactory) -> None:
    path = make_store(_synthetic(1500, seed=3))
    raw, aggregated = _both(
        path, lambda con: dyad_report(con, "FRA", "RUS", Selection(), Scoring(), top=5)
    )
    assert raw.evidence_total == aggregated.evidence_total > 5
    assert [e["event_id"] for e in raw.evidence] == [e["event_id"] for e in aggregated.evidence]
    for r, g in zip(raw.evidence, aggregated.evidence, strict=True):
        assert _close(r["contribution"], g["contribution"])
    assert _close(raw.rest, aggregated.rest)
    total = sum(e["contribution"] for e in aggregated.evidence) + aggregated.rest
    assert _close(total, aggregated.score.score if aggregated.score else 0.0)


def test_events_added_later_are_never_missed(make_store: StoreFactory) -> None:
    path = make_store(_synthetic(800, seed=4))
    with Store(path) as store:
        before = dyad_scores(store.con, Selection(), Scoring())
        assert is_fresh(store.con)
        write_events(store, [Ev("FRA", "RUS", "2022-06-01", 9.0, origin="gdelt2")] * 3)
        write_events(store, [Ev("TUR", "EGY", "2022-06-02", -9.0, "ASSAULT")])
        assert not is_fresh(store.con)
    with Store(path, read_only=True) as store:  # stale and read-only: the events are read
        stale = dyad_scores(store.con, Selection(), Scoring())
    with Store(path) as store:
        assert refresh(store.con).action == "appended"
        assert refresh(store.con).action == "fresh"
        fresh = dyad_scores(store.con, Selection(), Scoring())
    assert before != stale
    _same_scores(stale, fresh)
    pair = {(s.a, s.b): s for s in fresh}
    assert pair[("EGY", "TUR")].events >= 1


def test_removed_events_rebuild_the_aggregate(make_store: StoreFactory) -> None:
    path = make_store(_synthetic(500, seed=5))
    with Store(path) as store:
        assert refresh(store.con).action == "rebuilt"
        store.con.execute("DELETE FROM events WHERE rowid % 2 = 0")
        assert not is_fresh(store.con)
        assert refresh(store.con).action == "rebuilt"
        aggregated = dyad_scores(store.con, Selection(), Scoring())
        store.con.execute("DELETE FROM evidence_months_state")
    with Store(path, read_only=True) as store:
        raw = dyad_scores(store.con, Selection(), Scoring())
    _same_scores(raw, aggregated)
