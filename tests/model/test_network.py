"""Blocs of the signed network: negative ties separate, seeded runs repeat."""

from __future__ import annotations

from pathlib import Path

import igraph as ig
import leidenalg as la
import numpy as np
import pytest
from model_store import Ev, StoreFactory

from blocs.errors import ModelError
from blocs.model.dyads import DyadScore, Scoring
from blocs.model.network import (
    BATCH,
    BlocParams,
    BlocReport,
    Membership,
    _canonical,
    _consensus,
    _runs,
    blocs_report,
    find_blocs,
)
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


def test_runs_converge_as_iterating_each_to_a_fixed_point() -> None:
    """The blocs equal those of every run iterated until an iteration improves nothing, on a
    noisy planted network (four groups of ten, three ties in ten flipped) where one iteration
    is not enough."""

    scores = _planted(0.3, seed=0)
    nodes = sorted({s.a for s in scores} | {s.b for s in scores})
    params = BlocParams(n_runs=30)
    report = find_blocs(scores, Scoring(), params, selection=Selection(), reference=None)
    layers = []
    for sign in (1.0, -1.0):
        chosen = [s for s in scores if s.score * sign > 0]
        graph = ig.Graph(n=len(nodes), edges=[(nodes.index(s.a), nodes.index(s.b)) for s in chosen])
        graph.es["weight"] = [abs(s.score) for s in chosen]
        layers.append(graph)
    memberships = []
    for run in range(report.runs):  # the runs made, at most n_runs
        partitions = [la.RBConfigurationVertexPartition(g, weights="weight") for g in layers]
        optimiser = la.Optimiser()
        optimiser.set_rng_seed(run)
        optimiser.optimise_partition_multiplex(partitions, layer_weights=[1, -1], n_iterations=-1)
        memberships.append(_canonical(list(partitions[0].membership)))
    expected, _ = _consensus(memberships)
    found = {m.actor: b.number for b in report.blocs for m in b.members}
    pairs = [(x, y) for i, x in enumerate(nodes) for y in nodes[i + 1 :]]
    assert [found[x] == found[y] for x, y in pairs] == [
        expected[nodes.index(x)] == expected[nodes.index(y)] for x, y in pairs
    ]


def _planted(noise: float, seed: int) -> list[DyadScore]:
    """Forty states in four groups: ties inside a group positive, between groups negative,
    a share `noise` of them with the sign flipped."""
    rng = np.random.default_rng(seed)
    nodes = [f"S{i:02d}" for i in range(40)]
    scores = []
    for i, a in enumerate(nodes):
        for j in range(i + 1, len(nodes)):
            sign = 1.0 if i % 4 == j % 4 else -1.0
            if rng.random() < noise:
                sign = -sign
            score = sign * float(rng.uniform(0.05, 0.5))
            scores.append(DyadScore(a, nodes[j], False, 3, 0, 0, 1, 1, 1, 0, 0, score, 0, 0))
    return scores


def _find(scores: list[DyadScore], params: BlocParams) -> BlocReport:
    return find_blocs(scores, Scoring(), params, selection=Selection(), reference=None)


def test_runs_stop_once_a_batch_leaves_the_consensus_as_it_was() -> None:
    scores = _planted(0.05, seed=1)
    stopped = _find(scores, BlocParams(n_runs=50))
    every = _find(scores, BlocParams(n_runs=50, tolerance=0))
    assert (stopped.runs, every.runs) == (2 * BATCH, 50)
    assert stopped.to_json()["blocs"] == every.to_json()["blocs"]  # members and stabilities
    assert len(stopped.blocs) == 4


def test_runs_go_on_while_a_contested_consensus_moves() -> None:
    scores = _planted(0.3, seed=0)
    counted: list[int] = []
    report = find_blocs(
        scores,
        Scoring(),
        BlocParams(n_runs=50),
        selection=Selection(),
        reference=None,
        progress=lambda done, total: counted.append(done),
    )
    assert report.runs == counted[-1] > 2 * BATCH
    assert report.runs % BATCH == 0 or report.runs == 50
    nodes = sorted({s.a for s in scores} | {s.b for s in scores})
    ties = sorted(scores, key=lambda s: (s.a, s.b))
    memberships = _runs(nodes, ties, BlocParams(n_runs=report.runs, tolerance=0), None)

    def share(runs: list[Membership]) -> np.ndarray:
        return np.mean([m[:, None] == m[None, :] for m in runs], axis=0)

    # every look before the last saw the share move by the tolerance or more
    looks = range(2 * BATCH, report.runs, BATCH)
    moved = [np.abs(share(memberships[:k]) - share(memberships[: k - BATCH])).max() for k in looks]
    assert all(m >= BlocParams().tolerance for m in moved)


def test_a_tolerance_outside_zero_to_one_is_refused() -> None:
    with pytest.raises(ModelError, match="tolerance"):
        BlocParams(tolerance=1.0)
