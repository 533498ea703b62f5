"""The report's figures, drawn from small literal data: each function returns one inline
`<svg>` whose elements can be counted, whose text is escaped, and which is the same twice."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

from blocs.report import plots

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}href"


def _ids(svg: str, prefix: str) -> list[str]:
    root = ET.fromstring(svg)
    ids = [e.get("id") or "" for e in root.iter()]
    return [i for i in ids if i and i.startswith(prefix)]


def _links(svg: str) -> list[str]:
    return [e.get(XLINK, "") for e in ET.fromstring(svg).iter(f"{SVG}a")]


def test_heatmap_draws_one_cell_per_known_score_and_links_it() -> None:
    matrix = [[None, 0.2, -0.1], [0.2, None, None], [-0.1, None, None]]
    links = [[None, "#ab", "#ac"], ["#ab", None, None], ["#ac", None, None]]
    svg = plots.heatmap_svg(["A", "B", "C"], matrix, links=links)
    assert svg.startswith("<svg") and "<?xml" not in svg and "DOCTYPE" not in svg
    assert sorted(_ids(svg, "cell-")) == ["cell-0-1", "cell-0-2", "cell-1-0", "cell-2-0"]
    assert sorted(_links(svg)) == ["#ab", "#ab", "#ac", "#ac"]
    assert "_blank" not in svg


def test_network_draws_every_node_and_edge() -> None:
    nodes = [plots.Node("A", "A", 1), plots.Node("B", "B", 1), plots.Node("C", "C", 2)]
    nodes.append(plots.Node("D", "D", None))
    edges = [
        plots.Edge("A", "B", 0.3, "#ab"),
        plots.Edge("A", "C", -0.2),
        plots.Edge("C", "D", 0.1),
    ]
    svg = plots.network_svg(nodes, edges)
    assert len(_ids(svg, "node-")) == 4
    assert len(_ids(svg, "edge-")) == 3
    assert _links(svg) == ["#ab"]


def test_grouped_layout_keeps_groups_apart() -> None:
    nodes = [plots.Node(f"{g}{i}", "x", g) for g in (1, 2, 3) for i in range(5)]
    where = plots.grouped_circle_layout(nodes)

    def centre(group: int) -> tuple[float, float]:
        points = [where[n.id] for n in nodes if n.group == group]
        return (sum(p[0] for p in points) / 5, sum(p[1] for p in points) / 5)

    inside = max(math.dist(where[n.id], centre(n.group or 0)) for n in nodes)
    between = min(math.dist(centre(a), centre(b)) for a, b in ((1, 2), (1, 3), (2, 3)))
    assert between > 2 * inside


def test_timeline_draws_the_series_its_band_and_each_change_point() -> None:
    months = ["2020-01", "2020-02", "2020-03", "2020-04", "2020-05"]
    svg = plots.timeline_svg(
        months,
        [0.0, 0.1, 0.3, 0.3, 0.1],
        [-0.1, 0.0, 0.2, 0.2, 0.0],
        [0.1, 0.2, 0.4, 0.4, 0.2],
        change_points=["2020-03", "2020-05"],
    )
    assert _ids(svg, "series") == ["series"]
    assert _ids(svg, "interval") == ["interval"]
    assert sorted(_ids(svg, "change-")) == ["change-0", "change-1"]


def test_camps_draws_one_bar_per_outside_state() -> None:
    members = [
        plots.CampMember("TUR", 0, 0.5, 0.3, 0.7, "#tur"),
        plots.CampMember("RUS", 1, 0.4, 0.1, 0.6),
        plots.CampMember("USA", None, 0.05, -0.2, 0.3),
    ]
    svg = plots.camps_svg(["GNA", "LNA"], members, title="Libya")
    assert sorted(_ids(svg, "member-")) == ["member-0", "member-1", "member-2"]
    assert _links(svg) == ["#tur"]
    text = "".join(ET.fromstring(svg).itertext())
    assert "backs GNA" in text and "backs LNA" in text and "unaligned" in text


def test_markup_in_labels_and_titles_is_text() -> None:
    hostile = "<script>alert(1)</script> $x$"
    svg = plots.heatmap_svg([hostile, "B"], [[None, 0.1], [0.1, None]], title=hostile)
    svg += plots.network_svg([plots.Node("a", hostile, 1)], [])
    svg += plots.timeline_svg(["2020-01"], [0.0], [0.0], [0.0], title=hostile)
    assert "<script" not in svg
    assert svg.count("&lt;script&gt;alert(1)&lt;/script&gt; $x$") >= 4


def test_the_same_data_gives_the_same_svg() -> None:
    def draw() -> str:
        return plots.heatmap_svg(["A", "B"], [[None, 0.5], [0.5, None]]) + plots.network_svg(
            [plots.Node("A", "A", 1), plots.Node("B", "B", 2)], [plots.Edge("A", "B", -0.4)]
        )

    assert draw() == draw()


def test_group_colours_are_distinct_and_none_is_grey() -> None:
    colours = [plots.group_colour(g) for g in range(1, len(plots.GROUP_COLOURS) + 1)]
    assert len(set(colours)) == len(colours)
    assert plots.group_colour(None) == plots.NO_GROUP


def test_scoped_figures_share_no_id_and_keep_their_links() -> None:
    def draw(scope: str) -> str:
        return plots.timeline_svg(
            ["2020-01", "2020-02", "2020-03"],
            [0.0, 0.2, 0.1],
            [-0.1, 0.1, 0.0],
            [0.1, 0.3, 0.2],
            change_points=["2020-02"],
            scope=scope,
        )

    first, second = draw("one"), draw("two")
    ids_one, ids_two = _ids(first, ""), _ids(second, "")
    assert ids_one and not set(ids_one) & set(ids_two)
    assert "one-series" in ids_one and "one-change-0" in ids_one
    referenced = re.findall(r'(?:href="#|url\(#)([^")]+)', first)
    assert referenced and set(referenced) <= set(ids_one)
    heatmap = plots.heatmap_svg(
        ["A", "B"], [[None, 0.5], [0.5, None]], links=[[None, "#x"], ["#x", None]], scope="h"
    )
    assert _links(heatmap) == ["#x", "#x"]
