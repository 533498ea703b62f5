"""Page load times in a real browser, and the cost of a word search: `blocs serve` on a
copy of a store (the demo store, built from `examples/` when no `--db` is given), every page
loaded in Debian's chromium (Playwright), first visit and the median of `--repeat` later ones,
from navigation start to the load event; then `--searches` searches per query over HTTP, each
one a page the server has not answered before (so none is a kept answer), median and p90.

`--scale N` first adds N-1 copies of every article under new ids, so that a search scans N
times the text (only the listing and search see them).

    python bench/page_times.py [--db FILE] [--repeat 5] [--scale 1] [--searches 20]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

import duckdb
import httpx
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


SEARCHES = ["ceasefire", "sanctions", "foreign minister", "missile test", "nothingmatches"]


def multiply_articles(db: Path, factor: int) -> None:
    """Add `factor - 1` copies of every article under new ids and content hashes."""
    con = duckdb.connect(str(db))
    try:
        con.execute("CREATE TEMP TABLE originals AS SELECT * FROM articles")
        for n in range(1, factor):
            con.execute(
                "INSERT INTO articles SELECT * REPLACE ("
                " substr(md5(article_id || ?), 1, 16) AS article_id,"
                " md5(content_hash || ?) AS content_hash) FROM originals",
                [str(n), str(n)],
            )
    finally:
        con.close()


def search_ms(base: str, searches: int) -> None:
    """Per query, `searches` searches that each ask a page not asked before."""
    print(f"\n{'search (not kept)':<28} {'median':>9} {'p90':>9}")
    with httpx.Client(base_url=base, timeout=60) as http:
        for words in SEARCHES:
            times = []
            for n in range(searches):
                params: dict[str, str | int] = {"q": words, "limit": 20, "offset": n}
                started = time.perf_counter()
                http.get("/api/articles", params=params).raise_for_status()
                times.append((time.perf_counter() - started) * 1000)
            times.sort()
            p90 = times[min(len(times) - 1, round(0.9 * (len(times) - 1)))]
            print(f"q={words[:26]:<26} {statistics.median(times):6.1f} ms {p90:6.1f} ms")


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
    parser.add_argument("--scale", type=int, default=1, help="copies of every article")
    parser.add_argument("--searches", type=int, default=20, help="searches per query")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="blocs-pages-") as tmp:
        db = Path(tmp) / "store.duckdb"
        if args.db:
            shutil.copy(args.db, db)
        else:
            print("building the demo store from examples/ ...", file=sys.stderr)
            db = demo_store(Path(tmp))
        if args.scale > 1:
            multiply_articles(db, args.scale)
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
            search_ms(base, args.searches)
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    main()
