"""Cleaning does not depend on how the input is cut into batches: a site's template lines
are counted over everything read (and remembered in the store) before its scrapes are
cleaned."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from blocs.pipeline import ExtractionConfig, run_ingest
from blocs.records import RawDocument
from blocs.store.db import Store
from blocs.store.templates import stage_scrapes

Snapshot = Callable[[Path], dict[str, list[tuple[object, ...]]]]


def test_batch_sizes_1_7_and_200_give_the_same_rows(
    tmp_path: Path, make_corpus: Callable[[int], Path], store_snapshot: Snapshot
) -> None:
    corpus = make_corpus(24)
    snapshots = []
    for size in (1, 7, 200):
        db = tmp_path / f"batch-{size}.duckdb"
        with Store(db) as store:
            report = run_ingest(
                [str(corpus)], store, batch_size=size, extraction=ExtractionConfig()
            )
            assert not report.failures
        snapshots.append(store_snapshot(db))
    assert snapshots[0]["events"], "the corpus should give events"
    assert snapshots[0] == snapshots[1] == snapshots[2]


def test_menu_lines_of_a_site_are_removed_even_when_its_pages_arrive_one_per_batch(
    tmp_path: Path, make_corpus: Callable[[int], Path]
) -> None:
    corpus = make_corpus(24)
    with Store(tmp_path / "s.duckdb") as store:
        run_ingest([str(corpus)], store, batch_size=1)
        texts = [str(t) for (t,) in store.con.execute("SELECT text FROM articles").fetchall()]
        pending = store.con.execute("SELECT count(*) FROM pending_scrapes").fetchone()
    assert pending == (0,)
    for menu_line in ("Subscribe to Northwire", "Eastpost newsletter", "Share on Facebook"):
        assert not any(menu_line in text for text in texts), menu_line


def test_a_sites_template_is_remembered_across_runs(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    menu = ["Home", "Opinion", "Follow Dispatchline on social media"]

    def page(name: str, body: str) -> None:
        lines = [f"{name} title", *menu, "", body, "", "Dispatchline copyright notice"]
        (site / f"{name}.txt").write_text("\n".join(lines), encoding="utf-8")

    bodies = [
        "Greece and Turkey held talks in Athens on maritime borders on Monday, officials said.",
        "Kenya sent troops to Somalia to support the African Union mission, the army said.",
        "Japan protested to China over ships entering its waters near the disputed islands.",
        "Canada imposed sanctions on Belarus after the disputed election, the minister said.",
    ]
    for i, body in enumerate(bodies[:3]):
        page(f"p{i}", body)
    with Store(tmp_path / "s.duckdb") as store:
        run_ingest([str(site)], store)
        page("p3", bodies[3])
        run_ingest([str(site / "p3.txt")], store)
        (text,) = store.con.execute(
            "SELECT text FROM articles WHERE text LIKE '%Belarus%'"
        ).fetchone() or ("",)
    assert "Follow Dispatchline" not in str(text) and "copyright notice" not in str(text)


def test_scrapes_a_killed_run_staged_are_cleaned_by_the_next_run(tmp_path: Path) -> None:
    doc = RawDocument(
        source=str(tmp_path / "left-over.txt"),
        content="Left over\n\nPoland and Germany agreed on Tuesday to build a new rail link "
        "between Warsaw and Berlin, both transport ministers said.",
        media_type="text/plain",
    )
    with Store(tmp_path / "s.duckdb") as store:
        stage_scrapes(store.con, "killed-run", [doc])
        report = run_ingest([], store)
        assert report.counts.articles_added == 1
        assert store.con.execute("SELECT count(*) FROM pending_scrapes").fetchone() == (0,)
