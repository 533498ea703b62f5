"""The report of small hand-built stores: its sections, its links from every table number to
evidence, its escaping of what the store holds, and that it fetches nothing."""

from __future__ import annotations

import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from report_store import Brief, StoreFactory, alignment_briefs, write_briefs

from blocs.model.queries import Selection
from blocs.report.build import build_report
from blocs.report.gather import ReportOptions, gather
from blocs.store.db import Store

NUMBER = re.compile(r"^[+-]?\d+(\.\d+)?$")


class Page(HTMLParser):
    """What the tests look at in a page: ids, links, resource attributes, and the numbers
    in table cells with whether each sits inside a link."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.links: list[tuple[str, str | None]] = []  # href, class
        self.resources: list[tuple[str, str, str]] = []  # tag, attribute, value
        self.cell_numbers: list[tuple[str, bool, str]] = []  # text, linked, table class
        self.scripts = 0
        self._tables: list[str] = []
        self._in_cell = False
        self._in_link = False
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        for name in ("src", "href", "xlink:href", "action", "data"):
            if values.get(name):
                self.resources.append((tag, name, values[name] or ""))
        if tag == "a":
            self._in_link = True
            href = values.get("href") or values.get("xlink:href") or ""
            self.links.append((href, values.get("class")))
        elif tag == "table":
            self._tables.append(values.get("class") or "")
        elif tag == "td":
            self._in_cell = True
        elif tag == "script":
            self.scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._in_link = False
        elif tag == "td":
            self._in_cell = False
        elif tag == "table":
            self._tables.pop()

    def handle_data(self, data: str) -> None:
        if self._in_cell and self._tables:
            for word in data.split():
                if NUMBER.match(word):
                    self.cell_numbers.append((word, self._in_link, self._tables[-1]))


def _report(store: Path, out: Path, selection: Selection | None = None) -> str:
    (index,) = build_report(store, out, selection or Selection())
    assert index == out / "index.html"
    return index.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def aligned_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("aligned") / "store.duckdb"
    with Store(path) as store:
        write_briefs(store, alignment_briefs())
    return path


@pytest.fixture(scope="module")
def aligned(aligned_store: Path) -> str:
    return _report(aligned_store, aligned_store.parent / "report")


def test_the_report_has_every_section_and_a_figure_in_each(aligned: str) -> None:
    page = Page(aligned)
    for section in ("summary", "heatmap", "dyads", "network", "trends", "camps", "evidence"):
        assert section in page.ids
    for figure in ("plot-heatmap", "plot-network"):
        assert figure in page.ids
    assert aligned.count("<svg") >= 4  # heatmap, network, timelines, camps
    assert "trend-TUR-USA" in page.ids  # a timeline of the dyad that cools
    assert "crisis-LBY" in page.ids
    repeated = sorted({i for i in page.ids if page.ids.count(i) > 1})
    assert repeated == []  # figures' ids are scoped: one page, each id once


def test_every_number_in_a_table_links_to_evidence_on_the_page(aligned: str) -> None:
    page = Page(aligned)
    summary = [(text, linked) for text, linked, table in page.cell_numbers if table != "events"]
    assert len(summary) > 50
    assert [text for text, linked in summary if not linked] == []
    anchors = [href[1:] for href, cls in page.links if cls == "num"]
    assert anchors and set(anchors) <= set(page.ids)
    for anchor in {a for a in anchors if a.startswith("dyad-")}:
        block = aligned[aligned.index(f'id="{anchor}"') :]
        block = block[: block.index("</article>")]
        assert 'class="sentence"' in block  # the drill-down lists sentences


def test_a_change_point_and_the_camps_are_reported(aligned: str) -> None:
    trends = aligned[aligned.index('id="trends"') : aligned.index('id="camps"')]
    assert "TUR–USA" in trends and "cooled" in trends
    camps = aligned[aligned.index('id="camps"') : aligned.index('id="evidence"')]
    assert "backs GNA" in camps and "backs LNA" in camps
    assert "camp-LBY-TUR" in Page(aligned).ids
    drill = aligned[aligned.index('id="camp-LBY-TUR"') :]
    assert "TUR supports LBYGOV" in drill[: drill.index("</article>")]


def test_the_page_fetches_nothing(aligned: str) -> None:
    page = Page(aligned)
    assert page.scripts == 0
    external = [
        (tag, name, value)
        for tag, name, value in page.resources
        if value.startswith(("http:", "https:", "//")) and not (tag == "a" and name == "href")
    ]
    assert external == []
    article_links = [v for tag, name, v in page.resources if tag == "a" and "://" in v]
    assert article_links and all(v.startswith("https://wire.example/") for v in article_links)
    assert "@import" not in aligned and "url(http" not in aligned


def test_text_from_the_store_is_escaped(make_store: StoreFactory, tmp_path: Path) -> None:
    hostile = "<script>alert(1)</script>"
    briefs = [
        Brief("FRA", "RUS", "2020-01-10", 3.0, title=hostile, outlet=f"<b>{hostile}</b>"),
        Brief("FRA", "RUS", "2020-02-10", 3.0, sentence=f"France {hostile} met Russia."),
        Brief("FRA", "RUS", "2020-03-10", 3.0, url="javascript:alert(1)"),
    ]
    html = _report(make_store(briefs), tmp_path / "report")
    assert "<script" not in html
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 3
    assert "&lt;b&gt;" in html
    assert 'href="javascript:' not in html


def test_the_same_store_gives_the_same_bytes(
    aligned_store: Path, aligned: str, tmp_path: Path
) -> None:
    assert _report(aligned_store, tmp_path / "again") == aligned


def test_an_empty_store_gives_a_no_events_report(tmp_path: Path) -> None:
    store = tmp_path / "empty.duckdb"
    Store(store).close()
    html = _report(store, tmp_path / "report")
    page = Page(html)
    assert "no-events" in page.ids and "No events yet" in html
    assert "<svg" not in html and "heatmap" not in page.ids


def test_a_period_with_no_events_is_an_empty_report(aligned_store: Path, tmp_path: Path) -> None:
    html = _report(aligned_store, tmp_path / "r", Selection(since=date(2024, 1, 1)))
    assert "No events yet" in html


def test_each_drill_down_explains_the_score_its_table_shows(aligned_store: Path) -> None:
    with Store(aligned_store, read_only=True) as store:
        data = gather(store.con, Selection(), ReportOptions(events_per_dyad=3))
    assert data.scores
    for score in data.scores:
        drill = data.dyads[(score.a, score.b)]
        assert drill.score is not None and drill.score.score == pytest.approx(score.score)
        shown = sum(event["contribution"] for event in drill.evidence)
        assert shown + drill.rest == pytest.approx(score.score)
        assert len(drill.evidence) == min(3, score.events)
