"""The ingest job against a real DuckDB file: idempotent re-runs, duplicates collapsed,
broken inputs reported without stopping the batch, atomic batches, provenance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from blocs import __version__
from blocs.errors import StoreError
from blocs.pipeline import run_ingest
from blocs.store.db import Store
from blocs.store.migrations import available_migrations
from blocs.store.writer import BatchWriter

PARAGRAPHS = [
    "Russian and French officials held talks on strategic stability in Paris on Monday, "
    "the French foreign ministry said in a statement after the meeting.",
    "The consultations covered the crises in Libya and Syria as well as arms control, and "
    "both sides agreed to meet again before the end of the year in Moscow.",
    "Diplomats from both countries described the atmosphere as constructive, although "
    "they acknowledged deep differences over Ukraine and over sanctions policy.",
]
OTHER = [
    "Armenia and Azerbaijan agreed to a ceasefire in Nagorno-Karabakh after talks in "
    "Moscow that lasted more than ten hours, the Russian foreign minister said.",
    "The truce was meant to allow the exchange of prisoners and the recovery of bodies, "
    "but both sides accused each other of violating it within hours.",
]


def _scrape(title: str, paragraphs: list[str]) -> str:
    return "\n".join(
        [
            title,
            "Home",
            "World",
            "Politics",
            "",
            *(p + "\n" for p in paragraphs),
            "Share on Facebook",
            "Leave a Reply",
        ]
    )


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "talks.txt").write_text(_scrape("Paris hosts strategic stability talks", PARAGRAPHS))
    (folder / "truce.html").write_text(
        "<html><head><title>Truce agreed</title></head><body><nav><a href='/'>Home</a></nav>"
        "<article><h1>Truce agreed</h1>"
        + "".join(f"<p>{p}</p>" for p in OTHER)
        + "</article><footer>Copyright 2020 Example Wire</footer></body></html>"
    )
    return folder


def _count(store: Store, table: str) -> int:
    row = store.con.execute(f"SELECT count(*) FROM {table}").fetchone()
    assert row is not None
    return int(row[0])


def test_reingesting_the_same_input_adds_nothing(tmp_path: Path, corpus: Path) -> None:
    with Store(tmp_path / "b.duckdb") as store:
        first = run_ingest([str(corpus)], store)
        counts = {
            t: _count(store, t)
            for t in ("articles", "documents", "sentences", "article_bands", "failures")
        }
        second = run_ingest([str(corpus)], store)
        assert {t: _count(store, t) for t in counts} == counts
    assert first.counts.articles_added == 2 and not first.failures
    assert second.counts.articles_added == 0 and second.counts.unchanged == 2


def test_every_row_carries_its_run_and_version(tmp_path: Path, corpus: Path) -> None:
    with Store(tmp_path / "b.duckdb") as store:
        report = run_ingest([str(corpus)], store)
        for table in ("articles", "documents", "sentences"):
            rows = store.con.execute(
                f"SELECT DISTINCT run_id, blocs_version FROM {table}"
            ).fetchall()
            assert rows == [(report.run_id, __version__)]
        run = store.con.execute(
            "SELECT status, documents_read, articles_added FROM runs WHERE run_id = ?",
            [report.run_id],
        ).fetchone()
        assert run == ("done", 2, 2)


def test_one_broken_file_is_reported_and_the_batch_goes_on(tmp_path: Path, corpus: Path) -> None:
    (corpus / "empty.html").write_text("<html><body><nav>Home</nav></body></html>")
    (corpus / "bad.jsonl").write_text('{"id": "ok", "text": "' + OTHER[1] + '"}\n{broken\n')
    (corpus / "garbage.warc.gz").write_bytes(b"\x1f\x8b not really gzip")
    with Store(tmp_path / "b.duckdb") as store:
        report = run_ingest([str(corpus)], store)
        failed = {Path(f.source.split("#")[0]).name for f in report.failures}
        assert failed == {"empty.html", "bad.jsonl", "garbage.warc.gz"}
        assert _count(store, "failures") == 3
        assert report.counts.articles_added == 3  # talks, truce, and the good JSONL line


def test_a_crash_mid_batch_leaves_nothing_half_written(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = BatchWriter._insert

    def failing_insert(self: BatchWriter, table: str, rows: list[dict[str, object]]) -> None:
        if table == "documents":
            raise StoreError("simulated crash while writing documents")
        original(self, table, rows)

    monkeypatch.setattr(BatchWriter, "_insert", failing_insert)
    with Store(tmp_path / "b.duckdb") as store:
        with pytest.raises(StoreError, match="simulated crash"):
            run_ingest([str(corpus)], store)
        assert [_count(store, t) for t in ("articles", "sentences", "documents")] == [0, 0, 0]
        status = store.con.execute("SELECT status FROM runs").fetchall()
        assert status == [("failed",)]
    monkeypatch.undo()
    with Store(tmp_path / "b.duckdb") as store:
        assert run_ingest([str(corpus)], store).counts.articles_added == 2


def test_exact_copies_collapse_into_one_article_keeping_both_sources(tmp_path: Path) -> None:
    text = "\n\n".join(PARAGRAPHS)
    (tmp_path / "wire.jsonl").write_text(
        json.dumps({"id": "a", "text": text, "url": "https://one.example/a"})
        + "\n"
        + json.dumps({"id": "b", "text": text.upper().lower(), "url": "https://two.example/b"})
        + "\n"
    )
    with Store(tmp_path / "b.duckdb") as store:
        report = run_ingest([str(tmp_path / "wire.jsonl")], store)
        assert (report.counts.articles_added, report.counts.duplicates_exact) == (1, 1)
        urls = store.con.execute("SELECT url, duplicate FROM documents ORDER BY url").fetchall()
        assert urls == [("https://one.example/a", "original"), ("https://two.example/b", "exact")]


def test_a_syndicated_near_copy_collapses_into_the_canonical_article(tmp_path: Path) -> None:
    text = "\n\n".join(PARAGRAPHS + OTHER)
    edited = text.replace("constructive", "businesslike") + "\n\nThis story first ran elsewhere."
    (tmp_path / "first.jsonl").write_text(json.dumps({"id": "1", "text": text}) + "\n")
    (tmp_path / "second.jsonl").write_text(json.dumps({"id": "2", "text": edited}) + "\n")
    (tmp_path / "third.jsonl").write_text(json.dumps({"id": "3", "text": OTHER[0]}) + "\n")
    with Store(tmp_path / "b.duckdb") as store:
        run_ingest([str(tmp_path / "first.jsonl")], store)
        report = run_ingest([str(tmp_path / "second.jsonl"), str(tmp_path / "third.jsonl")], store)
        assert report.counts.duplicates_near == 1
        assert report.counts.articles_added == 1  # the unrelated short text stays separate
        row = store.con.execute(
            "SELECT similarity FROM documents WHERE duplicate = 'near'"
        ).fetchone()
        assert row is not None and 0.8 <= row[0] < 1.0
        assert _count(store, "articles") == 2


def test_non_english_articles_are_stored_and_marked(tmp_path: Path) -> None:
    french = (
        "Les ministres des affaires étrangères de la France et de l'Allemagne se sont "
        "réunis à Berlin mardi pour discuter du cessez-le-feu en Libye et du retrait "
        "des combattants étrangers."
    )
    (tmp_path / "fr.jsonl").write_text(json.dumps({"id": "fr", "text": french}) + "\n")
    with Store(tmp_path / "b.duckdb") as store:
        run_ingest([str(tmp_path / "fr.jsonl")], store)
        assert store.con.execute("SELECT language FROM articles").fetchall() == [("fr",)]


def test_migrations_run_once_and_a_newer_schema_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "b.duckdb"
    with Store(path) as store:
        versions = store.con.execute("SELECT version FROM schema_migrations").fetchall()
        store.con.execute("INSERT INTO schema_migrations VALUES (999, 'future', now())")
    assert [v for (v,) in versions] == [v for v, _, _ in available_migrations()]
    with pytest.raises(StoreError, match="newer"):
        Store(path)


def test_reading_a_missing_database_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="blocs ingest"):
        Store(tmp_path / "none.duckdb", read_only=True)


def test_a_rerun_does_not_clean_stored_documents_again(
    tmp_path: Path, corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Store(tmp_path / "b.duckdb") as store:
        run_ingest([str(corpus)], store)

        def no_cleaning(jobs: object) -> object:
            raise AssertionError("a stored document was cleaned again")

        monkeypatch.setattr("blocs.pipeline.process_documents", no_cleaning)
        report = run_ingest([str(corpus)], store)
    assert report.counts.unchanged == 2 and report.counts.articles_added == 0


def test_an_edited_file_is_stored_again_as_a_new_version(tmp_path: Path, corpus: Path) -> None:
    with Store(tmp_path / "b.duckdb") as store:
        run_ingest([str(corpus)], store)
        talks = corpus / "talks.txt"
        talks.write_text(_scrape("Paris hosts strategic stability talks", PARAGRAPHS[:1] + OTHER))
        report = run_ingest([str(corpus)], store)
        assert (report.counts.articles_added, report.counts.unchanged) == (1, 1)
        versions = store.con.execute(
            "SELECT count(DISTINCT article_id) FROM documents WHERE source = ?", [str(talks)]
        ).fetchone()
        assert versions == (2,)
