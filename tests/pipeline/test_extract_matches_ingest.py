"""`blocs extract` and `blocs ingest` + `blocs export events` give the same events for the
same input: both call `process_document` through the same two passes, so text scrapes are
cleaned against their site's template and the same language rule applies under both."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import duckdb
from same_rows import write_corpus
from typer.testing import CliRunner

from blocs.cli import app

runner = CliRunner()
KEYS = ("event_id", "article_id", "sentence_index", "start", "end", "source", "target", "cameo")


def _events(path: Path) -> set[tuple[Any, ...]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    for row in rows:  # the store names the offsets start_char and end_char
        row.setdefault("start", row.get("start_char"))
        row.setdefault("end", row.get("end_char"))
    return {tuple(row[k] for k in KEYS) for row in rows}


def _run(*args: str) -> None:
    result = runner.invoke(app, [*args, "--no-progress"] if args[0] != "export" else list(args))
    assert result.exit_code == 0, result.output


def test_extract_gives_the_events_that_ingest_stores(tmp_path: Path) -> None:
    corpus = str(write_corpus(tmp_path / "corpus"))
    db, exported, extracted = tmp_path / "s.duckdb", tmp_path / "e.jsonl", tmp_path / "x.jsonl"
    _run("ingest", corpus, "--db", str(db), "--batch-size", "3")
    _run("export", "events", "--format", "jsonl", "--out", str(exported), "--db", str(db))
    _run("extract", corpus, "--out", str(extracted))
    con = duckdb.connect(str(db), read_only=True)
    texts = [str(text) for (text,) in con.execute("SELECT text FROM articles").fetchall()]
    con.close()
    assert not any("twelve capitals" in text for text in texts)  # the site's template line
    stored = _events(exported)
    assert len(stored) > 10
    assert _events(extracted) == stored


def test_extract_on_two_workers_writes_what_one_writes(tmp_path: Path) -> None:
    corpus = str(write_corpus(tmp_path / "corpus"))
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    _run("extract", corpus, "--out", str(one))
    _run("extract", corpus, "--out", str(two), "--workers", "2")
    assert _events(two) == _events(one)
