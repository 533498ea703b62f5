"""The signed network of dyad scores and its blocs.

Nodes are the states and IGOs of the pairs with at least `min_events` counted events; each
pair's unordered score (`dyads.py`) is an edge, positive or negative. Blocs are found with
leidenalg's recipe for negative links: a positive layer and a negative layer (weights made
positive) on the same nodes, each scored by the unnormalised configuration-model quality
(`RBConfigurationVertexPartition`, resolution gamma), optimised together with layer weights
[1, -1]. That maximises

    Q = sum_ij [(A+_ij - gamma k+_i k+_j / 2m+) - (A-_ij - gamma k-_i k-_j / 2m-)] [i, j together]

(Traag & Bruggeman 2009): many positive ties and few negative ties inside blocs, the reverse
between them. Higher `resolution` splits more.

Leiden is randomised, so it runs `n_runs` times with seeds `random_state`, `random_state + 1`,
... Each run iterates until an iteration improves nothing (leidenalg's `n_iterations=-1`).
That last, idle iteration costs a third of a run on a dense network of states and proves the
same thing whenever a partition comes back, so it is done once per partition: a run whose
first iteration gives the partition an earlier run's first iteration gave takes that run's
converged partition; any other run iterates on.

`n_runs` is at most how many runs are made: they go in batches of `BATCH`, and after the
second batch and every later one the share of runs that put each two nodes together is
compared with the share a batch earlier; once no pair's share has moved by `tolerance` or
more, the consensus is stable and the runs stop. With the default 0.02 and batches of 5, one
run in the new batch that parts two nodes every earlier run joined (or the reverse) moves
their share by 1 / (runs so far), more than 0.02 before 50 runs: on a network whose runs
agree the runs stop after 10 (the planted blocs of `bench/analytics.py`), on a contested one
they go on. `tolerance` 0 always makes `n_runs` runs. Run k has seed `random_state + k`
wherever the runs stop, so the same inputs still give the same blocs.

The consensus is the run whose partition agrees best with all the runs made (the medoid:
the least total distance between its co-membership matrix and the share of runs that put
each two nodes together). A node's `stability` is the mean, over the runs made, of the
Jaccard similarity between its community in that run and its consensus bloc: 1 when every
run agrees. The same inputs and parameters give the same blocs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import numpy as np
import numpy.typing as npt

from blocs.errors import ModelError
from blocs.model.dyads import DyadScore, Scoring, score_pairs
from blocs.model.queries import Selection, load_evidence

Progress = Callable[[int, int], None]
BATCH = 5  # runs between two looks at whether the consensus is stable


@dataclass(frozen=True, slots=True)
class BlocParams:
    """Community detection parameters, each named with its default."""

    resolution: float = 1.0
    n_runs: int = 50
    random_state: int = 0
    min_events: int = 1
    tolerance: float = 0.02

    def __post_init__(self) -> None:
        if not self.resolution > 0:
            raise ModelError(f"resolution {self.resolution}: must be more than 0")
        if self.n_runs < 1:
            raise ModelError(f"runs {self.n_runs}: at least 1")
        if self.min_events < 1:
            raise ModelError(f"min events {self.min_events}: at least 1")
        if not 0 <= self.tolerance < 1:
            raise ModelError(f"tolerance {self.tolerance}: from 0 to less than 1")

    def to_json(self) -> dict[str, Any]:
        return {
            "resolution": self.resolution,
            "n_runs": self.n_runs,
            "random_state": self.random_state,
            "min_events": self.min_events,
            "tolerance": self.tolerance,
        }


@dataclass(frozen=True, slots=True)
class Member:
    actor: str
    stability: float
    strength: float  # sum of its scores with the other members of its bloc


@dataclass(frozen=True, slots=True)
class Bloc:
    number: int
    members: tuple[Member, ...]
    cohesion: float  # mean score of the ties inside it (0 without any)

    def to_json(self) -> dict[str, Any]:
        return {
            "bloc": self.number,
            "size": len(self.members),
            "cohesion": self.cohesion,
            "members": [
                {"actor": m.actor, "stability": m.stability, "strength": m.strength}
                for m in self.members
            ],
        }


@dataclass(frozen=True, slots=True)
class BlocReport:
    selection: Selection
    scoring: Scoring
    params: BlocParams
    reference: date | None
    blocs: tuple[Bloc, ...]
    relations: tuple[dict[str, Any], ...]
    ties: tuple[DyadScore, ...]
    frustration: float
    runs: int  # Leiden runs made (at most `params.n_runs`)

    def bloc_of(self, actor: str) -> int | None:
        for bloc in self.blocs:
            if any(m.actor == actor for m in bloc.members):
                return bloc.number
        return None

    def to_json(self) -> dict[str, Any]:
        return {
            **self.selection.to_json(),
            "parameters": {**self.scoring.to_json(), **self.params.to_json()},
            "reference_date": self.reference.isoformat() if self.reference else None,
            "actors": sum(len(b.members) for b in self.blocs),
            "ties": [{"a": t.a, "b": t.b, "score": t.score, "events": t.events} for t in self.ties],
            "frustration": self.frustration,
            "runs": self.runs,
            "blocs": [b.to_json() for b in self.blocs],
            "relations": list(self.relations),
        }


Membership = npt.NDArray[np.int64]


def _canonical(membership: list[int]) -> Membership:
    """Community labels renumbered in order of first appearance, so runs compare."""
    labels: dict[int, int] = {}
    return np.array([labels.setdefault(c, len(labels)) for c in membership], dtype=np.int64)


def _runs(
    nodes: list[str], ties: list[DyadScore], params: BlocParams, progress: Progress | None
) -> list[Membership]:
    import igraph as ig
    import leidenalg as la

    index = {node: i for i, node in enumerate(nodes)}
    layers = []
    for sign in (1.0, -1.0):
        chosen = [t for t in ties if t.score * sign > 0]
        graph = ig.Graph(n=len(nodes), edges=[(index[t.a], index[t.b]) for t in chosen])
        graph.es["weight"] = [abs(t.score) for t in chosen]
        layers.append(graph)
    memberships: list[Membership] = []
    converged: dict[bytes, Membership] = {}  # a first iteration's partition -> its fixed point
    together = np.zeros((len(nodes), len(nodes)))  # runs that put each two nodes together
    checked: npt.NDArray[np.float64] | None = None  # the share at the last look
    for run in range(params.n_runs):
        partitions = [
            la.RBConfigurationVertexPartition(
                graph, weights="weight", resolution_parameter=params.resolution
            )
            for graph in layers
        ]
        optimiser = la.Optimiser()
        optimiser.set_rng_seed(params.random_state + run)
        optimiser.optimise_partition_multiplex(partitions, layer_weights=[1, -1], n_iterations=1)
        first = _canonical(list(partitions[0].membership)).tobytes()
        if first not in converged:
            while (
                optimiser.optimise_partition_multiplex(
                    partitions, layer_weights=[1, -1], n_iterations=1
                )
                > 0
            ):
                pass
            converged[first] = _canonical(list(partitions[0].membership))
        memberships.append(converged[first])
        if progress:
            progress(run + 1, params.n_runs)
        together += converged[first][:, None] == converged[first][None, :]
        if (run + 1) % BATCH == 0:
            share = together / (run + 1)
            if checked is not None and np.abs(share - checked).max() < params.tolerance:
                break
            checked = share
    return memberships


def _consensus(memberships: list[Membership]) -> tuple[Membership, npt.NDArray[np.float64]]:
    """The medoid run's membership and each node's stability against it."""
    together = [(m[:, None] == m[None, :]).astype(np.float64) for m in memberships]
    share = np.mean(together, axis=0)
    distances = [float(np.abs(t - share).sum()) for t in together]
    best = memberships[int(np.argmin(distances))]  # argmin keeps the first of equals
    consensus = together[int(np.argmin(distances))].astype(bool)
    stability = np.zeros(len(best))
    for t in together:
        same = t.astype(bool)
        overlap = (same & consensus).sum(axis=1)
        union = (same | consensus).sum(axis=1)
        stability += overlap / union
    return best, stability / len(memberships)


def find_blocs(
    scores: list[DyadScore],
    scoring: Scoring,
    params: BlocParams,
    *,
    selection: Selection,
    reference: date | None,
    progress: Progress | None = None,
) -> BlocReport:
    """Blocs of the signed network of unordered dyad `scores` (see the module doc)."""
    ties = sorted(
        (s for s in scores if s.events >= params.min_events and s.score != 0 and not s.directed),
        key=lambda s: (s.a, s.b),
    )
    nodes = sorted({t.a for t in ties} | {t.b for t in ties})
    if not nodes:
        return BlocReport(selection, scoring, params, reference, (), (), (), 0.0, 0)
    memberships = _runs(nodes, ties, params, progress)
    membership, stability = _consensus(memberships)
    weight = {(t.a, t.b): t.score for t in ties}
    weight.update({(t.b, t.a): t.score for t in ties})
    groups: dict[int, list[int]] = {}
    for i, community in enumerate(membership.tolist()):
        groups.setdefault(community, []).append(i)

    def inside(members: list[int]) -> list[float]:
        return [
            weight[(nodes[i], nodes[j])]
            for n, i in enumerate(members)
            for j in members[n + 1 :]
            if (nodes[i], nodes[j]) in weight
        ]

    ordered = sorted(groups.values(), key=lambda g: (-len(g), -sum(inside(g)), nodes[g[0]]))
    blocs = []
    for number, group in enumerate(ordered, start=1):
        members = [
            Member(
                nodes[i],
                float(stability[i]),
                sum(weight.get((nodes[i], nodes[j]), 0.0) for j in group if j != i),
            )
            for i in group
        ]
        members.sort(key=lambda m: (-m.strength, m.actor))
        scores_inside = inside(group)
        cohesion = float(np.mean(scores_inside)) if scores_inside else 0.0
        blocs.append(Bloc(number, tuple(members), cohesion))
    bloc_of = {m.actor: b.number for b in blocs for m in b.members}
    relations: dict[tuple[int, int], list[float]] = {}
    against = 0.0
    for t in ties:
        x, y = sorted((bloc_of[t.a], bloc_of[t.b]))
        if x == y:
            against += max(-t.score, 0.0)
        else:
            against += max(t.score, 0.0)
            relations.setdefault((x, y), []).append(t.score)
    total = sum(abs(t.score) for t in ties)
    return BlocReport(
        selection,
        scoring,
        params,
        reference,
        tuple(blocs),
        tuple(
            {"a": x, "b": y, "ties": len(v), "score": float(sum(v)), "mean": float(np.mean(v))}
            for (x, y), v in sorted(relations.items())
        ),
        tuple(ties),
        against / total if total else 0.0,
        len(memberships),
    )


def blocs_report(
    con: duckdb.DuckDBPyConnection,
    selection: Selection,
    scoring: Scoring,
    params: BlocParams,
    *,
    progress: Progress | None = None,
) -> BlocReport:
    """Scores every pair of the store's selection, then finds the blocs."""
    evidence = load_evidence(
        con, selection, intensity=scoring.intensity, half_life_days=scoring.half_life_days
    )
    return find_blocs(
        score_pairs(evidence, scoring),
        scoring,
        params,
        selection=selection,
        reference=evidence.reference,
        progress=progress,
    )
