"""The report's figures: the gathered model outputs turned into the plain data `plots` draws.

Every figure element that stands for a dyad or a camp member links to its drill-down.
The SVG text is marked safe for the templates: matplotlib escapes every string it writes
(actor codes, titles), and nothing else is spliced into it.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from blocs.model.camps import CampReport
from blocs.model.trends import Trend
from blocs.report import links, plots
from blocs.report.gather import ReportData, pair


@dataclass(frozen=True, slots=True)
class Figures:
    heatmap: Markup | None
    network: Markup | None
    timelines: dict[tuple[str, str], Markup]
    camps: dict[str, Markup]  # by crisis code


def heatmap(data: ReportData) -> Markup | None:
    actors = data.heatmap_actors
    if len(actors) < 2:
        return None
    matrix = [[data.heatmap.get(pair(a, b)) if a != b else None for b in actors] for a in actors]
    anchors = [
        [f"#{links.dyad_id(a, b)}" if pair(a, b) in data.heatmap else None for b in actors]
        for a in actors
    ]
    return Markup(plots.heatmap_svg(actors, matrix, links=anchors, scope="heatmap"))


def network(data: ReportData) -> Markup | None:
    report = data.blocs
    if not report.ties:
        return None
    nodes = [
        plots.Node(m.actor, m.actor, bloc.number if len(bloc.members) > 1 else None)
        for bloc in report.blocs
        for m in sorted(bloc.members, key=lambda m: m.actor)
    ]
    edges = [
        plots.Edge(t.a, t.b, t.score, f"#{links.dyad_id(t.a, t.b)}")
        for t in report.ties
        if pair(t.a, t.b) in data.dyads
    ]
    return Markup(plots.network_svg(nodes, edges, scope="network"))


def timeline(trend: Trend) -> Markup:
    return Markup(
        plots.timeline_svg(
            trend.months,
            trend.score.tolist(),
            trend.low.tolist(),
            trend.high.tolist(),
            change_points=[c.month for c in trend.change_points],
            title=f"{trend.a}–{trend.b}",
            scope=links.trend_id(trend.a, trend.b),
        )
    )


def camps(report: CampReport) -> Markup:
    sides = [s.code for s in report.crisis.sides]
    members = []
    for stance in report.stances:
        side = stance.camp or max(sides, key=lambda s: (stance.lean[s], -sides.index(s)))
        members.append(
            plots.CampMember(
                stance.actor,
                sides.index(stance.camp) if stance.camp else None,
                stance.lean[side],
                stance.low[side],
                stance.high[side],
                f"#{links.camp_id(report.crisis.code, stance.actor)}",
            )
        )
    # The crisis' name heads its section already: the figure goes without a title.
    return Markup(plots.camps_svg(sides, members, scope=links.crisis_id(report.crisis.code)))


def draw(data: ReportData) -> Figures:
    """Every figure of the report (none for an empty store)."""
    if data.empty:
        return Figures(None, None, {}, {})
    return Figures(
        heatmap(data),
        network(data),
        {(t.a, t.b): timeline(t) for t in data.timelines},
        {c.crisis.code: camps(c) for c in data.camps},
    )
