"""Blocs of the signed network: negative ties separate, seeded runs repeat."""

from __future__ import annotations

from pathlib import Path

from model_store import Ev, StoreFactory

from blocs.model.dyads import Scoring
from blocs.model.network import BlocParams, BlocReport, blocs_report
from blocs.model.queries import Selection
from blocs.store.db import Store

COOPERATE = 6.0
ASSAULT = -10.0


def _blocs(path: Path, params: BlocParams | None = None) -> BlocReport:
    with Store(path, read_only=True) as store:
        return blocs_report(store.con, Selection(), Scoring(), params or BlocParams(n_runs=20))


def _two_camps() -> list[Ev]:
    day = "2020-05-01"
    return (
        [Ev("FRA", "DEU", day, COOPERATE, "COOPERATE")] * 3
        + [Ev("RUS", "CHN", day, COOPERATE, "COOPERATE")] * 3
        + [Ev("FRA", "RUS", day, ASSAULT, "ASSAULT")] * 2
    )


def test_two_cooperating_pairs_and_a_hostile_pair_make_two_blocs(
    make_store: StoreFactory,
) -> None:
    report = _blocs(make_store(_two_camps()))
    members = [{m.actor for m in b.members} for b in report.blocs]
    assert sorted(members, key=sorted) == [{"CHN", "RUS"}, {"DEU", "FRA"}]
    assert report.bloc_of("FRA") != report.bloc_of("RUS")
    assert report.frustration == 0.0
    [between] = report.relations
    assert between["score"] < 0
    assert all(b.cohesion > 0 for b in report.blocs)
    assert all(m.stability == 1.0 for b in report.blocs for m in b.members)


def test_a_negative_tie_splits_what_positive_ties_would_join(make_store: StoreFactory) -> None:
    # A chain FRA-DEU-POL of friends, but POL and FRA hostile: DEU goes with one of them and
    # the hostile pair never shares a bloc.
    day = "2020-05-01"
    events = (
        [Ev("FRA", "DEU", day, COOPERATE, "COOPERATE")] * 3
        + [Ev("DEU", "POL", day, 1.0)]
        + [Ev("FRA", "POL", day, ASSAULT, "ASSAULT")] * 3
    )
    report = _blocs(make_store(events))
    assert report.bloc_of("FRA") == report.bloc_of("DEU")
    assert report.bloc_of("POL") != report.bloc_of("FRA")


def test_the_same_store_and_seed_give_the_same_blocs(make_store: StoreFactory) -> None:
    events = [
        *_two_camps(),
        Ev("USA", "GBR", "2020-05-01", COOPERATE, "COOPERATE"),
        Ev("USA", "DEU", "2020-05-01", 2.0),
        Ev("IRN", "RUS", "2020-05-01", 3.0),
        Ev("USA", "IRN", "2020-05-01", -8.0, "SANCTION"),
    ]
    path = make_store(events)
    first, second = _blocs(path), _blocs(path)
    assert first.to_json() == second.to_json()
    assert first.to_json()["parameters"]["random_state"] == 0


def test_pairs_with_too_few_events_are_not_ties(make_store: StoreFactory) -> None:
    events = [*_two_camps(), Ev("USA", "GBR", "2020-05-01", COOPERATE, "COOPERATE")]
    report = _blocs(make_store(events), BlocParams(n_runs=5, min_events=2))
    actors = {m.actor for b in report.blocs for m in b.members}
    assert actors == {"FRA", "DEU", "RUS", "CHN"}
    shape = report.to_json()
    assert set(shape) >= {"blocs", "relations", "ties", "frustration", "parameters", "actors"}
    assert shape["blocs"][0]["members"][0].keys() == {"actor", "stability", "strength"}


def test_a_store_without_pairs_has_no_blocs(make_store: StoreFactory) -> None:
    report = _blocs(make_store([]))
    assert report.blocs == () and report.to_json()["actors"] == 0
