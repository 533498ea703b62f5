"""The pages in a real browser: Playwright driving Debian's chromium.

On a clone without /usr/bin/chromium these tests skip with the reason; CI (`.ci/run`, which
installs chromium) sets BLOCS_REQUIRE_BROWSER=1 and a missing browser fails them.
Screenshots go to $BLOCS_SCREENSHOTS (the README's are made so), else to a temporary folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from tests.web.live import HOSTILE, IMG, SCRIPT, TOKEN, LiveServer

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PAGES = [
    "/",
    "/articles",
    "/articles?q=ceasefire",
    "/events",
    "/actors/RUS",
    "/dyads/FRA/RUS",
    "/blocs",
    "/camps",
    "/camps/LBY",
    "/runs",
    "/failures",
    "/ingest",
    "/docs",
]

if not CHROMIUM.exists():
    if os.environ.get("BLOCS_REQUIRE_BROWSER"):
        pytest.fail(f"BLOCS_REQUIRE_BROWSER is set but {CHROMIUM} is missing", pytrace=False)
    pytest.skip(
        f"{CHROMIUM} not found: browser tests need Debian's chromium"
        " (apt-get install chromium chromium-driver; .ci/run installs it)",
        allow_module_level=True,
    )

from playwright.sync_api import Browser, ConsoleMessage, Page, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 860})
    tab = context.new_page()
    yield tab
    context.close()


def _watch(page: Page) -> list[str]:
    """Collects console errors (a CSP violation is one), page errors and dialogs."""
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            problems.append(f"console: {message.text}")

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on(
        "dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss())
    )
    return problems


def _shots() -> Path | None:
    folder = os.environ.get("BLOCS_SCREENSHOTS")
    return Path(folder) if folder else None


def test_every_page_loads_without_an_error(page: Page, server: LiveServer) -> None:
    problems = _watch(page)
    for path in PAGES:
        response = page.goto(server.url + path)
        assert response is not None and response.ok, path
        assert response.headers["content-security-policy"]
        assert page.locator("main h1").count() == 1, path
    assert problems == []


def test_bloc_to_dyad_to_sentence(page: Page, server: LiveServer, tmp_path: Path) -> None:
    problems = _watch(page)
    page.goto(server.url + "/blocs")
    assert page.locator(".bloc").count() > 1
    page.locator("a.dyad-link", has_text="FRA–RUS").click()
    page.wait_for_url("**/dyads/FRA/RUS")
    assert page.locator("#dyad-score").inner_text()
    assert page.locator("svg.chart polyline").count() == 1
    (_shots() or tmp_path).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str((_shots() or tmp_path) / "dyad.png"))
    link = page.locator("a.evidence-link").first
    sentence = link.inner_text()
    link.click()
    page.wait_for_url("**/articles/*#event-*")
    event = page.locator("section.event:target")
    assert event.count() == 1
    assert event.locator("blockquote").inner_text() == sentence
    marked = page.locator("div.text mark.evidence").all_inner_texts()
    assert any(sentence in text for text in marked)
    assert problems == []


def test_the_overview_shows_counts_and_the_blocs_map(
    page: Page, server: LiveServer, tmp_path: Path
) -> None:
    page.goto(server.url + "/")
    assert page.locator("svg.network circle").count() > 5
    assert page.locator("table.events tbody tr").count() == 10
    folder = _shots() or tmp_path
    page.screenshot(path=str(folder / "overview.png"))


def test_script_and_markup_in_an_article_render_as_text(page: Page, server: LiveServer) -> None:
    problems = _watch(page)
    found = httpx.get(server.url + "/api/articles", params={"q": "cyber ministries"}).json()
    article_id = found["items"][0]["article_id"]
    response = page.goto(f"{server.url}/articles/{article_id}")
    assert response is not None
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert SCRIPT in page.title() and IMG in page.title()
    assert page.locator("main h1").inner_text() == HOSTILE["title"]
    text = page.locator("div.text").inner_text()
    assert SCRIPT in text and IMG in text
    assert page.locator("main script, main img").count() == 0
    page.goto(f"{server.url}/articles?q=cyber+ministries")
    assert page.locator("a.title").first.inner_text() == HOSTILE["title"]
    page.goto(server.url + "/events?actor=FRA")
    page.goto(server.url + "/articles?q=%3Cscript%3Ealert(3)%3C/script%3E")
    assert page.locator("q.query").inner_text() == "<script>alert(3)</script>"
    page.wait_for_timeout(300)
    assert problems == []  # no dialog fired, no CSP violation, no error


def test_an_ingest_from_the_browser_shows_its_progress(
    page: Page, writable: tuple[LiveServer, httpx.Client], tmp_path: Path
) -> None:
    live, _ = writable
    problems = _watch(page)
    brief = tmp_path / "brief.jsonl"
    brief.write_text(
        '{"id": "b1", "date": "2021-10-06", "title": "Browser upload", "text": '
        '"Japan and India signed a defence agreement in Tokyo on Wednesday."}\n',
        encoding="utf-8",
    )
    page.goto(live.url + "/ingest")
    page.set_input_files("input[name=file]", str(brief))
    page.fill("input[name=token]", TOKEN)
    page.click("form.ingest button")
    page.wait_for_url("**/ingest/*")
    page.locator("#job-state", has_text="done").wait_for(timeout=120_000)
    assert page.locator("#job-run a").count() == 1
    assert problems == []
