"""The bundled sample corpus goes through ingest as its manifest says: every brief stored
once with its title, date, outlet and language, its body starting with its first sentence,
and the syndicated and repeated copies collapsed into their originals."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from blocs.pipeline import IngestReport, run_ingest
from blocs.store.db import Store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
MANIFEST: list[dict[str, Any]] = json.loads((EXAMPLES / "MANIFEST.json").read_text())


@pytest.fixture(scope="module")
def ingested(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, IngestReport]:
    store = Store(tmp_path_factory.mktemp("sample") / "sample.duckdb")
    return store, run_ingest([str(EXAMPLES)], store)


def _documents(store: Store) -> dict[str, dict[str, Any]]:
    cursor = store.con.execute(
        "SELECT d.source, d.duplicate, d.article_id, d.title, d.published, d.outlet,"
        " a.language, a.text FROM documents d JOIN articles a USING (article_id)"
    )
    names = [c[0] for c in cursor.description or []]
    return {row[0]: dict(zip(names, row, strict=True)) for row in cursor.fetchall()}


def _source_key(entry: dict[str, Any]) -> str:
    path = str(EXAMPLES / entry["file"])
    if entry["item"] is None:
        return path
    if isinstance(entry["item"], int):
        return f"{path}#item-{entry['item'] + 1}"
    return f"{path}#{entry['item']}"


def test_every_brief_is_read_without_failures(ingested: tuple[Store, IngestReport]) -> None:
    store, report = ingested
    assert report.failures == []
    assert report.documents_read == len(MANIFEST)
    assert set(_documents(store)) == {_source_key(e) for e in MANIFEST}


@pytest.mark.parametrize("entry", MANIFEST, ids=lambda e: f"{e['file']}#{e['item']}")
def test_brief_metadata_and_body_match_the_manifest(
    ingested: tuple[Store, IngestReport], entry: dict[str, Any]
) -> None:
    row = _documents(ingested[0])[_source_key(entry)]
    copied = {e["duplicate_of"] for e in MANIFEST}
    if entry["duplicate_kind"] is None:
        # Which of two copies is canonical depends on reading order; the next test checks.
        assert row["duplicate"] == "original" or entry["file"] in copied
        assert row["title"] == entry["title"]
        assert str(row["published"]) == entry["date"] or entry["language"] != "en"
        assert row["language"] == entry["language"]
        assert entry["outlet"] in (row["outlet"] or "") or entry["language"] != "en"
        assert row["text"].startswith(entry["body_first_sentence"])


def test_duplicates_point_at_the_article_they_copy(ingested: tuple[Store, IngestReport]) -> None:
    documents = _documents(ingested[0])
    by_file = {e["file"]: _source_key(e) for e in MANIFEST if e["item"] is None}
    copies = [e for e in MANIFEST if e["duplicate_kind"]]
    assert {e["duplicate_kind"] for e in copies} == {"exact", "near"}
    for entry in copies:
        copy = documents[_source_key(entry)]
        original = documents[by_file[entry["duplicate_of"]]]
        assert copy["article_id"] == original["article_id"]
        assert {copy["duplicate"], original["duplicate"]} == {entry["duplicate_kind"], "original"}


def test_worker_processes_give_the_same_rows_as_one_process(
    ingested: tuple[Store, IngestReport], tmp_path: Path
) -> None:
    query = "SELECT article_id, title, n_sentences FROM articles ORDER BY article_id"
    with Store(tmp_path / "two.duckdb") as store:
        run_ingest([str(EXAMPLES)], store, workers=2, batch_size=7)
        assert store.con.execute(query).fetchall() == ingested[0].con.execute(query).fetchall()
