"""The report of the sample corpus, opened in headless Chromium: its figures render, a number
leads to its evidence sentences, and the page asks for nothing beyond its own file.

The store is built by the real command line from `examples/` (`blocs ingest`, then `blocs
report --json`), as `make demo` does. The screenshot goes to $BLOCS_SCREENSHOTS/report.png
(`make screenshots` sets it to docs/screenshots), else to a temporary folder.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]
BLOCS = Path(sys.executable).with_name("blocs")

pytestmark = pytest.mark.needs_browser


def _blocs(*args: str) -> str:
    done = subprocess.run(
        [str(BLOCS), *args], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.duckdb"
    _blocs("ingest", str(REPO / "examples"), "--db", str(db), "--no-progress")
    written = json.loads(
        _blocs("report", "--db", str(db), "--out", str(folder / "report"), "--json")
    )
    (index,) = (Path(p) for p in written["written"])
    return index


@pytest.fixture(scope="module")
def browser_page(
    demo_report: Path, chromium: tuple[Path, list[str]]
) -> Iterator[tuple[Any, list[str]]]:
    from playwright.sync_api import sync_playwright

    requests: list[str] = []

    def only_files(route: Any) -> None:
        requests.append(route.request.url)
        if route.request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    with sync_playwright() as playwright:
        executable, args = chromium
        browser = playwright.chromium.launch(executable_path=str(executable), args=args)
        page = browser.new_page(viewport={"width": 1280, "height": 1400})
        page.route("**/*", only_files)
        page.goto(demo_report.as_uri())
        yield page, requests
        browser.close()


_PLOTS = """() => [...document.querySelectorAll('figure.plot svg')].map(svg => {
    const box = svg.getBoundingClientRect();
    const drawn = [...svg.querySelectorAll('path, use, text')].filter(e => {
        const b = e.getBBox(); return b.width > 0 || b.height > 0; });
    return {id: svg.closest('figure').id, width: box.width, height: box.height,
            drawn: drawn.length};
})"""


def test_every_plot_renders_with_drawn_elements(browser_page: tuple[Any, list[str]]) -> None:
    page, _ = browser_page
    plots = page.evaluate(_PLOTS)
    ids = [p["id"] for p in plots]
    assert "plot-heatmap" in ids and "plot-network" in ids
    assert any(i.startswith("trend-") for i in ids)  # at least one dyad timeline
    assert len(plots) >= 4
    for plot in plots:
        assert plot["width"] > 100 and plot["height"] > 50, plot
        assert plot["drawn"] > 10, plot


def test_clicking_a_number_shows_its_evidence_sentences(
    browser_page: tuple[Any, list[str]],
) -> None:
    page, _ = browser_page
    number = page.locator("#dyads a.num").first
    anchor = number.get_attribute("href")
    number.click()
    page.wait_for_function("hash => location.hash === hash", arg=anchor)
    target = page.locator(anchor)
    sentences = target.locator("td.sentence")
    assert sentences.count() > 0 and len(sentences.first.inner_text()) > 20
    box = target.bounding_box()
    assert box is not None and 0 <= box["y"] < 1400  # scrolled into view
    page.evaluate("() => window.scrollTo(0, 0)")


def test_the_page_requests_nothing_but_its_file(browser_page: tuple[Any, list[str]]) -> None:
    _, requests = browser_page
    assert requests and all(url.startswith("file://") for url in requests), requests


def test_screenshot(browser_page: tuple[Any, list[str]], tmp_path: Path) -> None:
    page, _ = browser_page
    page.evaluate("() => { document.activeElement?.blur(); window.scrollTo(0, 0); }")
    folder = Path(os.environ.get("BLOCS_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / "report.png"))
    assert (folder / "report.png").stat().st_size > 10_000
