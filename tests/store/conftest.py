"""A generated corpus of news briefs for store tests: HTML pages, text scrapes of two sites
whose pages share menu lines, and a JSONL file; every document distinct."""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from pathlib import Path

import duckdb
import pytest

STATES = [
    "France", "Russia", "Turkey", "Germany", "China", "India", "Japan", "Iran", "Egypt",
    "Brazil", "Canada", "Poland", "Greece", "Israel", "Qatar", "Kenya", "Mexico", "Spain",
]  # fmt: skip
ACTS = [
    "{a} accused {b} of violating the ceasefire along the border on {day}.",
    "Officials from {a} met their counterparts from {b} in Geneva on {day} to discuss trade.",
    "{a} imposed sanctions on {b} over its nuclear programme, the ministry said on {day}.",
    "{a} signed a defence cooperation agreement with {b} on {day}.",
    "{a} sent humanitarian aid to {b} after the floods, officials said on {day}.",
    "{a} condemned the missile test carried out by {b} on {day}.",
    "{a} recalled its ambassador from {b} on {day} after the arrest of two diplomats.",
    "The foreign minister of {a} praised {b} for its mediation in the talks on {day}.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]
MENUS = {
    "northwire": ["Home", "World", "Politics", "Subscribe to Northwire", "Share on Facebook"],
    "eastpost": ["Front page", "Regions", "Eastpost newsletter", "Leave a Reply", "Print this"],
}


def _paragraphs(rng: random.Random, n: int) -> list[str]:
    lines = []
    for _ in range(n):
        a, b = rng.sample(STATES, 2)
        lines.append(rng.choice(ACTS).format(a=a, b=b, day=rng.choice(DAYS)))
    return lines


def write_corpus(folder: Path, documents: int, seed: int = 7) -> Path:
    """`documents` briefs spread over HTML, two sites' text scrapes and one JSONL file."""
    rng = random.Random(seed)
    for sub in ("html", *MENUS):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    records = []
    for i in range(documents):
        body = _paragraphs(rng, 4)
        title = f"Brief {i}: {body[0].split(' on ')[0]}"
        kind = i % 4
        if kind == 0:
            html = "".join(f"<p>{p}</p>" for p in body)
            (folder / "html" / f"brief-{i:03d}.html").write_text(
                f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a>"
                f"</nav><article><h1>{title}</h1>{html}</article></body></html>",
                encoding="utf-8",
            )
        elif kind == 3:
            records.append({"id": f"w{i}", "text": " ".join(body), "date": "2020-03-02"})
        else:
            site = "northwire" if kind == 1 else "eastpost"
            menu = MENUS[site]
            lines = [title, *menu[:3], "", *(p + "\n" for p in body), *menu[3:]]
            (folder / site / f"brief-{i:03d}.txt").write_text("\n".join(lines), encoding="utf-8")
    with (folder / "wire.jsonl").open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record) + "\n")
    return folder


@pytest.fixture()
def make_corpus(tmp_path: Path) -> Callable[[int], Path]:
    def make(documents: int) -> Path:
        return write_corpus(tmp_path / "corpus", documents)

    return make


STORE_SNAPSHOT_QUERIES = {
    "articles": "SELECT article_id, text, title, published FROM articles ORDER BY 1",
    "sentences": "SELECT article_id, sentence_index, start_char, end_char FROM sentences"
    " ORDER BY 1, 2",
    "documents": "SELECT document_id, article_id, source, duplicate FROM documents ORDER BY 1",
    "events": "SELECT event_id, article_id, source, target, plover FROM events ORDER BY 1",
    "mentions": "SELECT article_id, start_char, end_char, code FROM mentions ORDER BY 1, 2, 3, 4",
}


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every content row of a store, in a fixed order (run ids and times left out)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in STORE_SNAPSHOT_QUERIES.items()}
    finally:
        con.close()


@pytest.fixture()
def store_snapshot() -> Callable[[Path], dict[str, list[tuple[object, ...]]]]:
    return snapshot
