"""The report's figures as SVG text: pure functions over plain data (labels, matrices, node and
edge lists, monthly series), so the web app draws the same pictures from the same numbers.

Each function returns one `<svg>` element, ready to be placed inline in HTML: no XML prolog,
no DOCTYPE, no metadata, text kept as `<text>` (escaped by matplotlib's XML writer, so an actor
code or title holding markup shows as text). Output is deterministic: a fixed hash salt for
the ids matplotlib derives, no date, and layouts computed without randomness. Elements a test
or a page may want to find carry ids: `cell-I-J`, `node-I`, `edge-K`, `series`, `interval`,
`change-K`, `member-I`, each prefixed with `scope-` when a scope is given (as is every id
matplotlib makes), so that several figures share one page. Links (`link` arguments) become
SVG anchors that open in the same page, as the report's own links do.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib.colors import TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine
from matplotlib.lines import Line2D
from matplotlib.patches import Circle, Rectangle

# Colour-blind-safe qualitative palette (Okabe & Ito 2008), one colour per bloc or camp.
GROUP_COLOURS = (
    "#0072B2",
    "#E69F00",
    "#009E73",
    "#CC79A7",
    "#56B4E9",
    "#D55E00",
    "#F0E442",
    "#000000",
)
NO_GROUP = "#9a9a9a"
COOPERATION = "#2166ac"
CONFLICT = "#b2182b"
SCORE_MAP = "RdBu"  # red for conflict, blue for cooperation, white at 0

_RC: dict[Any, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "blocs-report",
    "text.parse_math": False,
    "font.size": 9,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


def group_colour(group: int | None) -> str:
    """The colour of bloc or camp number `group` (1-based); grey for none."""
    if group is None or group < 1:
        return NO_GROUP
    return GROUP_COLOURS[(group - 1) % len(GROUP_COLOURS)]


def _figure(width: float, height: float) -> Figure:
    """A figure laid out by matplotlib (for legends and colour bars beside the axes)."""
    # The padding leaves room for a browser whose font sets labels a little wider.
    return Figure(figsize=(width, height), layout=ConstrainedLayoutEngine(w_pad=0.12, h_pad=0.08))


def _framed(width: float, height: float, *, left: float, bottom: float, top: float) -> Figure:
    """A figure with fixed margins in inches: half the drawing time of a laid-out one, for
    the figures a report draws many of."""
    figure = Figure(figsize=(width, height))
    figure.subplots_adjust(
        left=left / width, right=1 - 0.15 / width, bottom=bottom / height, top=1 - top / height
    )
    return figure


def _svg(figure: Figure, scope: str) -> str:
    """The figure as an inline `<svg>` element (see the module doc), its ids scoped."""
    buffer = io.StringIO()
    with matplotlib.rc_context(_RC):
        figure.savefig(
            buffer,
            format="svg",
            metadata={"Date": None, "Creator": None, "Format": None, "Type": None},
        )
    text = buffer.getvalue()
    # matplotlib opens every link in a new window; the report's anchors stay in the page.
    return _scoped(text[text.index("<svg") :].replace(' target="_blank"', ""), scope)


_ID = re.compile(r'\bid="([^"]+)"')


def _scoped(svg: str, scope: str) -> str:
    """Every id matplotlib or a gid defines in `svg`, and every reference to one, prefixed
    with `scope-`, so that several figures in one page never share an id. Links to anchors
    outside the figure are left alone: only ids defined inside it are renamed."""
    if not scope:
        return svg
    defined = set(_ID.findall(svg))

    def rename(match: re.Match[str]) -> str:
        lead, name = match.group(1), match.group(2)
        return f"{lead}{scope}-{name}" if name in defined else match.group(0)

    return re.sub(r'(\bid="|href="#|url\(#)([^")]+)', rename, svg)


def _linked(artist: Rectangle | Circle | Line2D, gid: str, link: str | None) -> None:
    artist.set_gid(gid)
    if link:
        artist.set_url(link)


def heatmap_svg(
    labels: Sequence[str],
    matrix: Sequence[Sequence[float | None]],
    *,
    links: Sequence[Sequence[str | None]] | None = None,
    title: str = "",
    scope: str = "",
) -> str:
    """A square matrix of scores (None: no evidence, left blank) on a diverging scale centred
    at 0, one `cell-I-J` rectangle per known value, linked to `links[i][j]` when given."""
    n = len(labels)
    with matplotlib.rc_context(_RC):
        side = min(6.5, max(3.0, 1.4 + 0.3 * n))
        figure = _figure(side + 1.2, side)
        ax = figure.add_subplot()
        values = [abs(v) for row in matrix for v in row if v is not None]
        scale = max(values, default=0.0) or 1.0
        norm = TwoSlopeNorm(vcenter=0.0, vmin=-scale, vmax=scale)
        colours = matplotlib.colormaps[SCORE_MAP]
        for i, row in enumerate(matrix):
            for j, value in enumerate(row):
                if value is None:
                    continue
                cell = Rectangle(
                    (j, i), 1, 1, facecolor=colours(norm(value)), edgecolor="white", lw=0.5
                )
                _linked(cell, f"cell-{i}-{j}", links[i][j] if links else None)
                ax.add_patch(cell)
        ax.set_xlim(0, n)
        ax.set_ylim(n, 0)
        ax.set_aspect("equal")
        ticks = [k + 0.5 for k in range(n)]
        ax.set_xticks(ticks, list(labels), rotation=90)
        ax.set_yticks(ticks, list(labels))
        ax.tick_params(length=0)
        for spine in ax.spines.values():
            spine.set_visible(False)
        mappable = matplotlib.cm.ScalarMappable(norm=norm, cmap=colours)
        figure.colorbar(mappable, ax=ax, shrink=0.6, label="score")
        if title:
            ax.set_title(title)
        return _svg(figure, scope)


@dataclass(frozen=True, slots=True)
class Node:
    """A network node: `group` is its bloc (1-based) or None."""

    id: str
    label: str
    group: int | None = None
    link: str | None = None


@dataclass(frozen=True, slots=True)
class Edge:
    """A signed tie between two node ids."""

    a: str
    b: str
    weight: float
    link: str | None = None


def grouped_circle_layout(nodes: Sequence[Node]) -> dict[str, tuple[float, float]]:
    """Positions with no randomness: each group on its own small circle, the groups' centres
    on a large circle, in the order the groups first appear; ungrouped nodes form a group."""
    groups: dict[int | None, list[Node]] = {}
    for node in nodes:
        groups.setdefault(node.group, []).append(node)
    radii = [0.0 if len(m) == 1 else 0.1 + 0.08 * math.sqrt(len(m)) for m in groups.values()]
    centres = len(groups)
    # The groups' circle is wide enough that neighbouring groups keep a gap between them.
    ring = 0.0
    if centres > 1:
        gaps = [radii[k] + radii[(k + 1) % centres] + 0.3 for k in range(centres)]
        ring = max(1.0, max(gaps) / (2 * math.sin(math.pi / centres)))
    positions: dict[str, tuple[float, float]] = {}
    for k, members in enumerate(groups.values()):
        angle = 2 * math.pi * k / centres + math.pi / 2
        cx, cy = ring * math.cos(angle), ring * math.sin(angle)
        for m, node in enumerate(members):
            theta = 2 * math.pi * m / len(members) + angle
            positions[node.id] = (
                cx + radii[k] * math.cos(theta),
                cy + radii[k] * math.sin(theta),
            )
    return positions


def network_svg(
    nodes: Sequence[Node], edges: Sequence[Edge], *, title: str = "", scope: str = ""
) -> str:
    """The signed network: nodes coloured by group (`node-I`), cooperative ties solid blue and
    hostile ties dashed red, thicker the stronger (`edge-K`)."""
    positions = grouped_circle_layout(nodes)
    xs = [p[0] for p in positions.values()] or [0.0]
    ys = [p[1] for p in positions.values()] or [0.0]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1.0)
    dot = 0.02 * span
    with matplotlib.rc_context(_RC):
        figure = _figure(7.0, 6.0)
        ax = figure.add_subplot()
        strongest = max((abs(e.weight) for e in edges), default=0.0) or 1.0
        for k, edge in enumerate(edges):
            (x1, y1), (x2, y2) = positions[edge.a], positions[edge.b]
            line = Line2D(
                [x1, x2],
                [y1, y2],
                color=COOPERATION if edge.weight > 0 else CONFLICT,
                linestyle="-" if edge.weight > 0 else "--",
                linewidth=0.6 + 3.4 * abs(edge.weight) / strongest,
                alpha=0.75,
                zorder=1,
            )
            _linked(line, f"edge-{k}", edge.link)
            ax.add_line(line)
        for i, node in enumerate(nodes):
            x, y = positions[node.id]
            circle = Circle(
                (x, y), dot, facecolor=group_colour(node.group), edgecolor="white", zorder=2
            )
            _linked(circle, f"node-{i}", node.link)
            ax.add_patch(circle)
            ax.text(x, y + 1.4 * dot, node.label, ha="center", va="bottom", fontsize=8, zorder=3)
        groups = sorted({n.group for n in nodes if n.group is not None})
        handles = [
            Line2D([], [], marker="o", linestyle="", color=group_colour(g), label=f"bloc {g}")
            for g in groups
        ]
        handles += [
            Line2D([], [], color=COOPERATION, label="cooperation"),
            Line2D([], [], color=CONFLICT, linestyle="--", label="conflict"),
        ]
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
        ax.set_xlim(min(xs) - 0.08 * span, max(xs) + 0.08 * span)
        ax.set_ylim(min(ys) - 0.06 * span, max(ys) + 0.1 * span)
        ax.set_aspect("equal")
        ax.set_axis_off()
        if title:
            ax.set_title(title)
        return _svg(figure, scope)


def timeline_svg(
    months: Sequence[str],
    score: Sequence[float],
    low: Sequence[float],
    high: Sequence[float],
    *,
    change_points: Sequence[str] = (),
    title: str = "",
    scope: str = "",
) -> str:
    """A monthly score (`series`) inside its interval band (`interval`), with a dashed line
    (`change-K`) at the first month of each new segment."""
    index = {month: k for k, month in enumerate(months)}
    with matplotlib.rc_context(_RC):
        figure = _framed(7.0, 2.4, left=0.75, bottom=0.62, top=0.3)
        ax = figure.add_subplot()
        xs = list(range(len(months)))
        band = ax.fill_between(xs, list(low), list(high), color=COOPERATION, alpha=0.15, lw=0)
        band.set_gid("interval")
        (line,) = ax.plot(xs, list(score), color=COOPERATION, linewidth=1.6)
        line.set_gid("series")
        ax.axhline(0.0, color="#555555", linewidth=0.6)
        for k, month in enumerate(change_points):
            if month in index:
                marker = ax.axvline(index[month] - 0.5, color=CONFLICT, linestyle="--", lw=1.2)
                marker.set_gid(f"change-{k}")
                late = index[month] > 0.8 * len(months)  # label left of the line, inside
                ax.annotate(
                    month,
                    (index[month] - 0.5, 1.0),
                    xycoords=("data", "axes fraction"),
                    xytext=(-3 if late else 3, -10),
                    textcoords="offset points",
                    ha="right" if late else "left",
                    color=CONFLICT,
                    fontsize=8,
                )
        step = max(1, math.ceil(len(months) / 12))
        ax.set_xticks(xs[::step], list(months)[::step], rotation=45, ha="right")
        ax.set_xlim(-0.5, max(len(months) - 0.5, 0.5))
        ax.set_ylabel("score")
        if title:
            ax.set_title(title, loc="left")
        return _svg(figure, scope)


@dataclass(frozen=True, slots=True)
class CampMember:
    """An outside state in a crisis: `camp` is the index of the side it leans to (None:
    unaligned), `lean` its lean towards that side (unaligned: its strongest lean), with the
    interval `low`..`high`."""

    actor: str
    camp: int | None
    lean: float
    low: float
    high: float
    link: str | None = None


def camps_svg(
    sides: Sequence[str],
    members: Sequence[CampMember],
    *,
    title: str = "",
    scope: str = "",
) -> str:
    """A crisis' camps: one horizontal bar (`member-I`) per outside state, grouped under the
    side it leans to (unaligned last, grey), its length the lean, a whisker its interval."""
    order = sorted(
        range(len(members)),
        key=lambda i: (
            len(sides) if members[i].camp is None else members[i].camp,
            -members[i].lean,
        ),
    )
    with matplotlib.rc_context(_RC):
        rows = len(members) + len(sides) + 1
        longest = max([len(m.actor) for m in members] + [len(f"backs {s}") for s in sides])
        figure = _framed(7.0, 0.9 + 0.24 * rows, left=0.3 + 0.075 * longest, bottom=0.5, top=0.3)
        ax = figure.add_subplot()
        y = 0
        labels: list[tuple[float, str, str]] = []
        current: int | str | None = "start"
        for i in order:
            member = members[i]
            if member.camp != current:
                current = member.camp
                heading = "unaligned" if member.camp is None else f"backs {sides[member.camp]}"
                labels.append((y, heading, "bold"))
                y += 1
            colour = group_colour(None if member.camp is None else member.camp + 1)
            bar = Rectangle((0, y - 0.35), member.lean, 0.7, facecolor=colour)
            _linked(bar, f"member-{i}", member.link)
            ax.add_patch(bar)
            ax.plot([member.low, member.high], [y, y], color="#333333", linewidth=0.9)
            labels.append((y, member.actor, "normal"))
            y += 1
        ax.set_yticks([pos for pos, _, _ in labels], [text for _, text, _ in labels])
        for tick, (_, _, weight) in zip(ax.get_yticklabels(), labels, strict=True):
            tick.set_fontweight(weight)
        ax.tick_params(axis="y", length=0)
        left = min((min(m.low, m.lean) for m in members), default=0.0)
        right = max((max(m.high, m.lean) for m in members), default=0.0)
        pad = 0.08 * ((right - left) or 1.0)
        ax.set_xlim(min(left, 0.0) - pad, max(right, 0.0) + pad)
        ax.set_ylim(max(y, 1) - 0.5, -0.5)
        ax.axvline(0.0, color="#555555", linewidth=0.6)
        ax.set_xlabel("lean towards the camp's side (interval as whisker)")
        if title:
            ax.set_title(title, loc="left")
        return _svg(figure, scope)
