"""An imported event that repeats one of blocs' own (same article URL, date, states and
CAMEO root) counts once when both origins are selected, and fully when its origin is
selected alone: a hand-built store, read through `evidence_repeats` and `counted_once`."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from blocs.store.db import Store
from blocs.store.event_queries import counted_once, repeats_apply

URL = "https://wire.example/2020/01/05/paris-berlin"
COPY = "https://syndicated.example/paris-berlin"
DAY = date(2020, 1, 5)
NOW = datetime.now(UTC)


def _article(store: Store, article_id: str, url: str, published: date) -> None:
    store.con.execute(
        "INSERT INTO articles (article_id, content_hash, title, outlet, url, published,"
        " language, genre, media_type, text, n_chars, n_sentences, minhash, run_id,"
        " blocs_version, created_at) VALUES (?, ?, 'Paris and Berlin', 'Wire', ?, ?, 'en',"
        " 'news', 'text', 'France consulted Germany.', 25, 1, [], 'r', 't', ?)",
        [article_id, article_id * 2, url, published, NOW],
    )


def _document(store: Store, article_id: str, url: str) -> None:
    store.con.execute(
        "INSERT INTO documents (document_id, article_id, source, url, content_hash, raw_hash,"
        " duplicate, run_id, blocs_version, created_at)"
        " VALUES (?, ?, ?, ?, 'h', 'h', 'exact', 'r', 't', ?)",
        [f"d-{url}", article_id, url, url, NOW],
    )


def _blocs(store: Store, event_id: str, article_id: str, when: str | None, cameo: str) -> None:
    store.con.execute(
        "INSERT INTO events (event_id, article_id, sentence_index, sentence, start_char,"
        " end_char, trigger, source, source_country, target, target_country, plover, cameo,"
        " quad_class, goldstein, modality, event_date, date_precision, confidence,"
        " extractor_version, run_id, blocs_version) VALUES (?, ?, 0,"
        " 'France consulted Germany.', 0, 25, 'consulted', 'FRAGOV', 'FRA', 'DEU', 'DEU',"
        " 'CONSULT', ?, 1, 1.0, 'asserted', ?, 'day', 0.9, 't', 'r', 't')",
        [event_id, article_id, cameo, when],
    )


def _imported(
    store: Store,
    event_id: str,
    url: str | None,
    *,
    target: str = "DEU",
    root: str = "04",
    day: date = DAY,
) -> None:
    origin = event_id.partition(":")[0]
    store.con.execute(
        "INSERT INTO coded_events (event_id, origin, source_file, row_number, event_date,"
        " source, source_country, target, target_country, cameo, cameo_root, quad_class,"
        " goldstein, url, import_id, imported_at, blocs_version)"
        " VALUES (?, ?, 'f', 1, ?, 'FRA', 'FRA', ?, ?, ?, ?, 1, 1.0, ?, 'i', ?, 't')",
        [event_id, origin, day, target, target, root + "0", root, url, NOW],
    )


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "store.duckdb") as opened:
        _article(opened, "a1", URL, DAY)
        _document(opened, "a1", URL)
        _document(opened, "a1", COPY)
        _blocs(opened, "b1", "a1", "2020-01-05", "040")
        _article(opened, "a2", "https://wire.example/undated", date(2020, 2, 1))
        _blocs(opened, "b2", "a2", None, "042")  # dated by its article
        yield opened


def _repeats(store: Store) -> dict[str, str]:
    return dict(store.con.execute("SELECT event_id, repeats FROM evidence_repeats").fetchall())


def test_a_row_repeats_a_blocs_event_only_when_url_date_states_and_root_match(
    store: Store,
) -> None:
    _imported(store, "gdelt2:1", URL)
    _imported(store, "gdelt2:2", URL, target="RUS")
    _imported(store, "gdelt2:3", URL, root="19")
    _imported(store, "gdelt2:4", URL, day=date(2020, 1, 6))
    _imported(store, "gdelt2:5", "https://other.example/story")
    _imported(store, "gdelt2:6", None)
    _imported(store, "phoenix:7", f"http://first.example/x;{COPY}")  # a syndicated copy
    _imported(store, "gdelt1:8", "https://wire.example/undated", day=date(2020, 2, 1))
    assert _repeats(store) == {"gdelt2:1": "b1", "phoenix:7": "b1", "gdelt1:8": "b2"}


def test_with_blocs_selected_a_repeated_happening_counts_once(store: Store) -> None:
    _imported(store, "gdelt2:1", URL)
    _imported(store, "gdelt2:2", URL, target="RUS")

    def counted(origins: tuple[str, ...]) -> list[str]:
        once = counted_once(origins)
        marks = ", ".join("?" for _ in origins)
        where = f"origin IN ({marks})" + (f" AND {once}" if once else "")
        rows = store.con.execute(
            f"SELECT event_id FROM evidence_events WHERE {where} ORDER BY event_id", origins
        )
        return [r[0] for r in rows.fetchall()]

    assert counted(("blocs", "gdelt2")) == ["b1", "b2", "gdelt2:2"]
    assert counted(("gdelt2",)) == ["gdelt2:1", "gdelt2:2"]
    assert counted(("blocs",)) == ["b1", "b2"]
    assert repeats_apply(store.con, ("blocs", "gdelt2"))
    assert not repeats_apply(store.con, ("gdelt2", "icews"))


def test_no_repeat_means_no_rows_left_out(store: Store) -> None:
    _imported(store, "gdelt2:5", "https://other.example/story")
    assert counted_once(("blocs", "icews")) is not None
    assert not repeats_apply(store.con, ("blocs", "gdelt2"))
