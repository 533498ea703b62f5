"""A real `blocs ingest` process on a real DuckDB file: killed with SIGKILL mid-run and run
again, it leaves the store a clean single run would; other processes read the store while it
writes; two ingests on one file take turns and corrupt nothing; a process that holds the file
longer than `BLOCS_LOCK_TIMEOUT` makes a command exit 1 with a message, not a traceback."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import duckdb

BLOCS = str(Path(sys.executable).with_name("blocs"))
Snapshot = Callable[[Path], dict[str, list[tuple[object, ...]]]]


_HOLD_THE_FILE = """
import sys, duckdb
con = duckdb.connect(sys.argv[1])
print("holding", flush=True)
sys.stdin.read()
con.close()
"""


def _ingest(corpus: Path, db: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [BLOCS, "ingest", str(corpus), "--db", str(db), "--no-progress", "--json", *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "BLOCS_LOCK_TIMEOUT": "120"},
    )


def _articles_now(db: Path) -> int:
    """Articles committed so far, read from another process's point of view."""
    result = subprocess.run(
        [BLOCS, "stats", "--db", str(db), "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "BLOCS_LOCK_TIMEOUT": "30"},
    )
    assert result.returncode == 0, result.stderr
    return int(json.loads(result.stdout)["articles"])


def _wait_for_articles(db: Path, process: subprocess.Popen[str], at_least: int) -> int:
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert process.poll() is None, "the ingest ended before it could be interrupted"
        if db.exists():
            count = _articles_now(db)
            if count >= at_least:
                return count
        time.sleep(0.2)
    raise AssertionError("no batch was committed in time")


def _no_duplicates_and_no_half_written_article(db: Path) -> None:
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table, key in [
            ("articles", "article_id"),
            ("documents", "document_id"),
            ("events", "event_id"),
            ("sentences", "article_id || ':' || sentence_index"),
        ]:
            total, distinct = con.execute(
                f"SELECT count(*), count(DISTINCT {key}) FROM {table}"
            ).fetchone() or (0, 0)
            assert total == distinct, table
        half_written = con.execute(
            "SELECT a.article_id FROM articles a"
            " LEFT JOIN (SELECT article_id, count(*) AS n FROM sentences GROUP BY 1) s"
            " USING (article_id)"
            " LEFT JOIN documents d USING (article_id)"
            " WHERE coalesce(s.n, 0) <> a.n_sentences OR d.article_id IS NULL"
        ).fetchall()
        assert half_written == []
    finally:
        con.close()


def test_sigkill_mid_run_then_a_rerun_equals_one_clean_run(
    tmp_path: Path, make_corpus: Callable[[int], Path], store_snapshot: Snapshot
) -> None:
    corpus = make_corpus(96)
    clean_db, killed_db = tmp_path / "clean.duckdb", tmp_path / "killed.duckdb"
    clean = _ingest(corpus, clean_db, "--batch-size", "4")
    assert clean.wait(timeout=600) == 0, clean.stderr.read() if clean.stderr else ""

    victim = _ingest(corpus, killed_db, "--batch-size", "4")
    seen = _wait_for_articles(killed_db, victim, at_least=3)
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=60)
    assert victim.returncode == -signal.SIGKILL
    partial = _articles_now(killed_db)
    expected = store_snapshot(clean_db)
    assert seen <= partial < len(expected["articles"])
    _no_duplicates_and_no_half_written_article(killed_db)

    rerun = _ingest(corpus, killed_db, "--batch-size", "4")
    assert rerun.wait(timeout=600) == 0, rerun.stderr.read() if rerun.stderr else ""
    assert store_snapshot(killed_db) == expected
    _no_duplicates_and_no_half_written_article(killed_db)
    counts = ", ".join(f"{len(rows)} {table}" for table, rows in expected.items())
    print(f"killed with {partial} articles committed; after the re-run, as one clean run: {counts}")


def test_the_store_can_be_read_while_an_ingest_writes_it(
    tmp_path: Path, make_corpus: Callable[[int], Path]
) -> None:
    corpus = make_corpus(160)
    db = tmp_path / "busy.duckdb"
    writer = _ingest(corpus, db, "--batch-size", "2")
    counts = [_wait_for_articles(db, writer, at_least=1)]
    reads_during_the_run = 1
    try:
        while writer.poll() is None and reads_during_the_run < 3:
            counts.append(_articles_now(db))
            # A read counts as concurrent only if the writer was still running when it returned.
            reads_during_the_run += writer.poll() is None
    finally:
        assert writer.wait(timeout=600) == 0
    assert reads_during_the_run >= 2, "the ingest ended before a second read could overlap it"
    assert counts == sorted(counts) and counts[0] >= 1


def test_two_ingests_on_one_file_take_turns_and_give_one_runs_rows(
    tmp_path: Path, make_corpus: Callable[[int], Path], store_snapshot: Snapshot
) -> None:
    corpus = make_corpus(24)
    single_db, shared_db = tmp_path / "single.duckdb", tmp_path / "shared.duckdb"
    assert _ingest(corpus, single_db).wait(timeout=600) == 0
    first = _ingest(corpus, shared_db, "--batch-size", "3")
    second = _ingest(corpus, shared_db, "--batch-size", "5")
    assert first.wait(timeout=600) == 0, first.stderr.read() if first.stderr else ""
    assert second.wait(timeout=600) == 0, second.stderr.read() if second.stderr else ""
    assert store_snapshot(shared_db) == store_snapshot(single_db)
    _no_duplicates_and_no_half_written_article(shared_db)


@contextlib.contextmanager
def _another_process_holding(db: Path) -> Iterator[subprocess.Popen[str]]:
    """A process that keeps `db` open for writing until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD_THE_FILE, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "holding\n"
        yield holder
    finally:
        holder.communicate("", timeout=60)


def _blocs_waiting_1_s(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [BLOCS, *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "BLOCS_LOCK_TIMEOUT": "1"},
    )


def test_a_file_held_past_the_lock_timeout_exits_1_with_a_message_and_changes_nothing(
    tmp_path: Path, make_corpus: Callable[[int], Path], store_snapshot: Snapshot
) -> None:
    corpus = make_corpus(8)
    db = tmp_path / "held.duckdb"
    assert _ingest(corpus, db, "--no-extract").wait(timeout=600) == 0
    before = store_snapshot(db)
    with _another_process_holding(db):
        refused = [
            _blocs_waiting_1_s("stats", "--db", str(db)),
            _blocs_waiting_1_s("ingest", str(corpus), "--db", str(db), "--no-progress"),
        ]
    for result in refused:
        assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
        assert f"error: {db}: busy — another process holds it" in result.stderr
        assert "waited 1 s (set BLOCS_LOCK_TIMEOUT to wait longer)" in result.stderr
    assert _articles_now(db) == len(before["articles"])
    assert store_snapshot(db) == before


def test_the_busy_message_names_the_process_that_holds_the_file(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    duckdb.connect(str(db)).close()
    with _another_process_holding(db) as holder:
        result = _blocs_waiting_1_s("stats", "--db", str(db))
    assert result.returncode == 1
    assert f"PID {holder.pid}" in result.stderr, result.stderr
