"""A small mixed corpus and a snapshot of a store's content rows, for the tests that show two
paths (ingest and extract, local and Dask) give the same rows. Importable from tests/pipeline
and tests/scale (their conftest puts this folder on the path)."""

from __future__ import annotations

import json
import random
from pathlib import Path

import duckdb

PAIRS = [("France", "Russia"), ("Turkey", "Libya"), ("Germany", "China"), ("Iran", "Israel")]
ACTS = [
    "{a} accused {b} of violating the ceasefire along the border on Monday.",
    "Officials from {a} met their counterparts from {b} in Geneva on Tuesday to discuss trade.",
    "{a} imposed sanctions on {b} over its nuclear programme, the ministry said on Friday.",
    "{a} signed a defence cooperation agreement with {b} on Wednesday.",
    "{a} condemned the missile test carried out by {b} on Thursday.",
]
MENU = [
    "Home",
    "World",
    "Our correspondents report from twelve capitals across Europe and Asia.",  # kept but
    "Subscribe to our newsletter",  # for the site's template
    "Share on Facebook",
]


def _body(rng: random.Random) -> list[str]:
    return [rng.choice(ACTS).format(a=a, b=b) for a, b in rng.sample(PAIRS, 3)]


def write_corpus(folder: Path, documents: int = 12, seed: int = 3) -> Path:
    """HTML pages, text scrapes of one site sharing menu lines (its template), and JSONL."""
    rng = random.Random(seed)
    for sub in ("html", "site"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    records = []
    for i in range(documents):
        body = _body(rng)
        title = f"Brief {i}: {body[0].split(' on ')[0]}"
        if i % 3 == 0:
            paragraphs = "".join(f"<p>{p}</p>" for p in body)
            (folder / "html" / f"brief-{i:03d}.html").write_text(
                f"<html><head><title>{title}</title></head><body><nav>Home</nav>"
                f"<article><h1>{title}</h1>{paragraphs}</article></body></html>",
                encoding="utf-8",
            )
        elif i % 3 == 1:
            lines = [title, *MENU[:3], "", *(p + "\n" for p in body), *MENU[3:]]
            (folder / "site" / f"brief-{i:03d}.txt").write_text("\n".join(lines), "utf-8")
        else:
            records.append({"id": f"w{i}", "text": " ".join(body), "date": "2020-03-02"})
    with (folder / "wire.jsonl").open("w", encoding="utf-8") as stream:
        stream.writelines(json.dumps(r) + "\n" for r in records)
    return folder


SNAPSHOT_QUERIES = {
    "articles": "SELECT article_id, text, title, published, language FROM articles ORDER BY 1",
    "sentences": "SELECT article_id, sentence_index, start_char, end_char, text FROM sentences"
    " ORDER BY 1, 2",
    "documents": "SELECT document_id, article_id, source, duplicate, similarity FROM documents"
    " ORDER BY 1",
    "events": "SELECT event_id, article_id, start_char, end_char, source, target, plover, cameo"
    " FROM events ORDER BY 1",
    "mentions": "SELECT article_id, start_char, end_char, code FROM mentions ORDER BY 1, 2, 3, 4",
    "failures": "SELECT source, stage, message FROM failures ORDER BY 1, 2, 3",
}


def snapshot(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every content row of a store, in a fixed order (run ids and times left out)."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        return {name: con.execute(sql).fetchall() for name, sql in SNAPSHOT_QUERIES.items()}
    finally:
        con.close()
