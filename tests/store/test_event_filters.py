"""The event filters (actor, dyad, type, modality, confidence, period) select the same way
over blocs' events and over imported rows: a hand-built store."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from blocs.errors import StoreError
from blocs.store.db import Store
from blocs.store.event_queries import EventFilter, coded_select, list_events

NOW = datetime.now(UTC)


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "store.duckdb") as opened:
        con = opened.con
        con.execute(
            "INSERT INTO articles (article_id, content_hash, url, published, genre, media_type,"
            " text, n_chars, n_sentences, minhash, run_id, blocs_version, created_at)"
            " VALUES ('a', 'h', 'https://x.example', DATE '2020-03-01', 'news', 'text', 't', 1,"
            " 1, [], 'r', 't', ?)",
            [NOW],
        )
        blocs = [
            ("b1", "FRAGOV", "FRA", "RUS", "ACCUSE", "asserted", 0.9, "2020-01-10"),
            ("b2", "RUSMIL", "RUS", "FRA", "ACCUSE", "future", 0.4, "2020-02"),
            ("b3", "DEUGOV", "DEU", "POL", "CONSULT", "asserted", 0.8, None),
        ]
        for event_id, source, country, target, plover, modality, confidence, when in blocs:
            con.execute(
                "INSERT INTO events (event_id, article_id, sentence_index, sentence, start_char,"
                " end_char, trigger, source, source_country, target, target_country, plover,"
                " cameo, quad_class, goldstein, modality, event_date, date_precision,"
                " confidence, extractor_version, run_id, blocs_version)"
                " VALUES (?, 'a', 0, 's', 0, 1, 'x', ?, ?, ?, ?, ?, '111', 3, -2.0, ?, ?, 'day',"
                " ?, 't', 'r', 't')",
                [event_id, source, country, target, target, plover, modality, when, confidence],
            )
        coded = [
            ("gdelt2:1", "FRA", "RUS", "ACCUSE", date(2020, 1, 10)),
            ("gdelt2:2", "RUS", "FRA", "CONSULT", date(2020, 6, 1)),
            ("icews:3", "FRA", "RUS", "ACCUSE", date(2020, 1, 10)),
        ]
        for event_id, source, target, plover, day in coded:
            con.execute(
                "INSERT INTO coded_events (event_id, origin, source_file, row_number, event_date,"
                " source, source_country, target, target_country, plover, import_id,"
                " imported_at, blocs_version) VALUES (?, ?, 'f', 1, ?, ?, ?, ?, ?, ?, 'i', ?,"
                " 't')",
                [event_id, event_id.partition(":")[0], day, source, source, target, target,
                 plover, NOW],
            )  # fmt: skip
        yield opened


def _blocs(store: Store, **given: object) -> list[str]:
    return [e["event_id"] for e in list_events(store.con, EventFilter(**given))]  # type: ignore[arg-type]


def _coded(store: Store, source: str, **given: object) -> list[str]:
    sql, params = coded_select(EventFilter(**given), source, "c.event_id")  # type: ignore[arg-type]
    return [r[0] for r in store.con.execute(sql, params).fetchall()]


def test_filters_over_blocs_events(store: Store) -> None:
    assert _blocs(store) == ["b1", "b2", "b3"]  # b3 dated by its article, 2020-03-01
    assert _blocs(store, actor="fragov") == ["b1"]
    assert _blocs(store, actor="fra") == ["b1", "b2"]
    assert _blocs(store, dyad=("RUS", "FRA")) == ["b1", "b2"]
    assert _blocs(store, plover="consult") == ["b3"]
    assert _blocs(store, modality="FUTURE") == ["b2"]
    assert _blocs(store, min_confidence=0.5) == ["b1", "b3"]
    assert _blocs(store, since=date(2020, 2, 1), until=date(2020, 2, 29)) == ["b2"]
    assert _blocs(store, dyad=("FRA", "RUS"), min_confidence=0.5, until=date(2020, 1, 31)) == ["b1"]
    assert _blocs(store, limit=1, offset=1) == ["b2"]


def test_filters_over_imported_rows(store: Store) -> None:
    assert _coded(store, "gdelt") == ["gdelt2:1", "gdelt2:2"]
    assert _coded(store, "icews") == ["icews:3"]
    assert _coded(store, "gdelt2", dyad=("RUS", "FRA"), plover="accuse") == ["gdelt2:1"]
    assert _coded(store, "gdelt", actor="rus", since=date(2020, 2, 1)) == ["gdelt2:2"]
    assert _coded(store, "gdelt", until=date(2020, 1, 10)) == ["gdelt2:1"]
    with pytest.raises(StoreError, match="--modality and --min-confidence"):
        _coded(store, "gdelt", modality="asserted")
