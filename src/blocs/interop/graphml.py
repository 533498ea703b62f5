"""The signed network of dyad scores and its blocs -> GraphML, for Gephi, Cytoscape, igraph.

in:  a `BlocReport` (`blocs.model.network.blocs_report`: the model's scores and blocs, not
     recomputed here)
out: a GraphML file (or stdout) written by igraph; `(nodes, edges)` written

- nodes: every state or organisation with a tie; `name` is its code, `bloc` the number of
  its bloc (1 the largest), `stability` and `strength` as in `blocs blocs`;
- edges (undirected, one per tie): the pair's `score`, `cooperation`, `conflict`, `events`,
  `evidence`, `tone`, `share` and its interval `low`, `high`;
- graph: the selection (`sources` as a comma list, `since`, `until`, blank when open), the
  `reference_date`, the `frustration` and every scoring and community parameter.

igraph writes every number as a GraphML `double`: `bloc` and `events` read back as floats.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from blocs.errors import InteropError
from blocs.model.network import BlocReport

NODE_ATTRIBUTES = ("bloc", "stability", "strength")
EDGE_ATTRIBUTES = (
    "score",
    "cooperation",
    "conflict",
    "events",
    "evidence",
    "tone",
    "share",
    "low",
    "high",
)


def graph_attributes(report: BlocReport) -> dict[str, Any]:
    """The graph-level attributes written for `report` (None written as blank)."""
    summary = report.to_json()
    return {
        "sources": ",".join(summary["sources"]),
        "since": summary["since"] or "",
        "until": summary["until"] or "",
        "reference_date": summary["reference_date"] or "",
        "frustration": report.frustration,
        **summary["parameters"],
    }


def write_graphml(report: BlocReport, out: Path | None) -> tuple[int, int]:
    """Write the network of `report` as GraphML to `out` (stdout when None); raises
    `InteropError` when `out` cannot be written."""
    import igraph as ig

    members = [(bloc.number, m) for bloc in report.blocs for m in bloc.members]
    members.sort(key=lambda item: item[1].actor)
    index = {member.actor: i for i, (_, member) in enumerate(members)}
    graph = ig.Graph(n=len(members), edges=[(index[t.a], index[t.b]) for t in report.ties])
    graph.vs["name"] = [member.actor for _, member in members]
    graph.vs["bloc"] = [number for number, _ in members]
    graph.vs["stability"] = [member.stability for _, member in members]
    graph.vs["strength"] = [member.strength for _, member in members]
    for name in EDGE_ATTRIBUTES:
        graph.es[name] = [getattr(tie, name) for tie in report.ties]
    for name, value in graph_attributes(report).items():
        graph[name] = value
    if out is None:  # igraph writes to a named file only
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "network.graphml"
            graph.write_graphml(str(path))
            with path.open(encoding="utf-8") as text:
                shutil.copyfileobj(text, sys.stdout)
        return graph.vcount(), graph.ecount()
    try:
        graph.write_graphml(str(out))
    except OSError as exc:
        raise InteropError(f"{out}: cannot be written ({exc.strerror or exc})") from exc
    return graph.vcount(), graph.ecount()
