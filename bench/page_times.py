"""Page load times in a real browser: `blocs serve` on a copy of a store (the demo store,
built from `examples/` when no `--db` is given), every page loaded in Debian's chromium
(Playwright), first visit and the median of `--repeat` later ones, from navigation start to
the load event.

    python bench/page_times.py [--db FILE] [--repeat 5]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import Page, sync_playwright

from load import demo_store, free_port, start_server

CHROMIUM = "/usr/bin/chromium"
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


def pages(article_id: str) -> list[str]:
    return [
        "/",
        "/articles",
        "/articles?q=ceasefire",
        f"/articles/{article_id}",
        "/events",
        "/actors/FRA",
        "/dyads/FRA/RUS",
        "/blocs",
        "/camps/LBY",
        "/runs",
        "/failures",
        "/ingest",
        "/docs",
    ]


def load_ms(page: Page, url: str) -> float:
    page.goto(url, wait_until="load")
    timing: float = page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return n.loadEventEnd - n.startTime; }"
    )
    return timing


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, help="store to copy (default: build the demo store)")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="blocs-pages-") as tmp:
        db = Path(tmp) / "store.duckdb"
        if args.db:
            shutil.copy(args.db, db)
        else:
            print("building the demo store from examples/ ...", file=sys.stderr)
            db = demo_store(Path(tmp))
        port = free_port()
        server = start_server(db, port)
        base = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                page = browser.new_page()
                page.goto(base + "/api/articles?limit=1")
                article_id = page.evaluate("() => JSON.parse(document.body.innerText)")["items"][0][
                    "article_id"
                ]
                print(f"{'page':<28} {'first':>9} {'median':>9}")
                for path in pages(article_id):
                    first = load_ms(page, base + path)
                    later = [load_ms(page, base + path) for _ in range(args.repeat)]
                    print(f"{path[:28]:<28} {first:7.0f} ms {statistics.median(later):7.0f} ms")
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
