"""Exports of the sample corpus read back by the importers: events as a GDELT 2.0 file (`blocs
import gdelt` gives the same rows), as Parquet (the same rows as the events table), and the
network as GraphML (igraph reads back the model's nodes, edges and attributes).

The store is built once by the real command line from `examples/` (`blocs ingest`)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import igraph as ig
import pytest
from typer.testing import CliRunner

from blocs.cli import app
from blocs.interop.gdelt import COLUMNS_2
from blocs.interop.graphml import EDGE_ATTRIBUTES, graph_attributes
from blocs.model.dyads import Scoring
from blocs.model.network import BlocParams, BlocReport, blocs_report
from blocs.model.queries import Selection
from blocs.store.db import Store

from .conftest import EVENTS, gdelt_row, write

REPO = Path(__file__).resolve().parents[2]
runner = CliRunner()
END_2020 = date(2020, 12, 31)
# The fields an import keeps of an event, as the alignment model sees them.
EVIDENCE = (
    "event_date, source, target, source_country, target_country, cameo, cameo_root,"
    " quad_class, goldstein, url"
)


def _blocs(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    _blocs("ingest", str(REPO / "examples"), "--db", str(db), "--no-progress")
    return db


def _rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with duckdb.connect(str(db), read_only=True) as con:
        return sorted(con.execute(sql).fetchall(), key=repr)


def test_blocs_events_come_back_from_a_gdelt_import_as_the_same_evidence(
    sample: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "events.tsv"
    _blocs("export", "events", "--db", str(sample), "--format", "gdelt", "--out", str(exported))
    fresh = tmp_path / "fresh.duckdb"
    _blocs("import", "gdelt", str(exported), "--db", str(fresh))

    lines = exported.read_text(encoding="utf-8").splitlines()
    assert {len(line.split("\t")) for line in lines} == {len(COLUMNS_2)}
    ids = {line.split("\t")[0] for line in lines}
    events = _rows(sample, "SELECT event_id FROM events")
    assert ids == {str(int(event_id[:15], 16)) for (event_id,) in events}
    assert len(lines) == len(events) > 100

    original = _rows(sample, f"SELECT {EVIDENCE} FROM evidence_events WHERE origin = 'blocs'")
    imported = _rows(fresh, f"SELECT {EVIDENCE} FROM coded_events WHERE origin = 'gdelt2'")
    assert imported == original
    organisations = {"EU", "NATO", "UN"}
    assert organisations <= {row[3] for row in imported}  # KnownGroupCode carries them


def test_gdelt_export_writes_the_same_text_to_stdout_as_to_a_file(
    sample: Path, tmp_path: Path
) -> None:
    exported = tmp_path / "events.tsv"
    args = ("export", "events", "--db", str(sample), "--format", "gdelt", "--dyad", "TUR-LBY")
    _blocs(*args, "--out", str(exported))
    printed = _blocs(*args)
    assert printed and printed == exported.read_text(encoding="utf-8")


@pytest.mark.needs_shared
def test_a_gdelt2_file_imported_exported_and_imported_again_gives_the_same_rows(
    shared_dir: Path, tmp_path: Path
) -> None:
    first, second = tmp_path / "first.duckdb", tmp_path / "second.duckdb"
    source = shared_dir / EVENTS / "gdelt2_20191024143000.export.CSV.gz"
    _blocs("import", "gdelt", str(source), "--db", str(first))
    exported = tmp_path / "again.tsv"
    export = ["export", "events", "--db", str(first), "--source", "gdelt2", "--format", "gdelt"]
    _blocs(*export, "--out", str(exported))
    _blocs("import", "gdelt", str(exported), "--db", str(second))
    fields = (
        "origin, row_id, event_date, source, source_name, source_country, target, target_name,"
        " target_country, cameo, cameo_root, quad_class, goldstein, plover, issue, url, text"
    )
    before = _rows(first, f"SELECT {fields} FROM coded_events")
    assert len(before) == 2111
    assert _rows(second, f"SELECT {fields} FROM coded_events") == before


def test_parquet_export_holds_the_rows_of_the_events_table(sample: Path, tmp_path: Path) -> None:
    parquet = tmp_path / "events.parquet"
    _blocs("export", "events", "--db", str(sample), "--format", "parquet", "--out", str(parquet))
    with duckdb.connect(str(sample), read_only=True) as con:
        exported = (
            f"SELECT * EXCLUDE (published, outlet, title, url) FROM read_parquet('{parquet}')"
        )
        assert con.sql(f"{exported} EXCEPT ALL SELECT * FROM events").fetchall() == []
        assert con.sql(f"SELECT * FROM events EXCEPT ALL {exported}").fetchall() == []


def test_csv_and_jsonl_files_hold_every_event(sample: Path, tmp_path: Path) -> None:
    events = _rows(sample, "SELECT event_id FROM events")
    for fmt, read in (("csv", "read_csv"), ("jsonl", "read_json")):
        path = tmp_path / f"events.{fmt}"
        _blocs("export", "events", "--db", str(sample), "--format", fmt, "--out", str(path))
        written = duckdb.sql(f"SELECT event_id FROM {read}('{path}')").fetchall()
        assert sorted(written, key=repr) == events


def test_imported_rows_cannot_be_filtered_by_modality(sample: Path) -> None:
    result = runner.invoke(
        app,
        ["export", "events", "--db", str(sample), "--source", "gdelt", "--modality", "asserted"],
    )
    assert result.exit_code == 1 and "modality" in result.output


def _report(db: Path, selection: Selection) -> BlocReport:
    with Store(db, read_only=True) as store:
        return blocs_report(store.con, selection, Scoring(), BlocParams())


@pytest.mark.parametrize(
    ("options", "selection"),
    [
        ((), Selection()),
        (("--source", "blocs", "--until", "2020-12-31"), Selection(("blocs",), None, END_2020)),
    ],
)
def test_graphml_reads_back_as_the_models_network(
    sample: Path, tmp_path: Path, options: tuple[str, ...], selection: Selection
) -> None:
    path = tmp_path / "network.graphml"
    _blocs("export", "network", "--db", str(sample), "--out", str(path), *options)
    report = _report(sample, selection)
    graph = ig.Graph.Read_GraphML(str(path))

    members = {m.actor: (b.number, m) for b in report.blocs for m in b.members}
    assert sorted(graph.vs["name"]) == sorted(members) and len(members) > 10
    for vertex in graph.vs:
        number, member = members[vertex["name"]]
        assert (vertex["bloc"], vertex["stability"], vertex["strength"]) == pytest.approx(
            (number, member.stability, member.strength)
        )
    ties = {(t.a, t.b): t for t in report.ties}
    assert graph.ecount() == len(ties) and not graph.is_directed()
    for edge in graph.es:
        a, b = sorted((graph.vs[edge.source]["name"], graph.vs[edge.target]["name"]))
        tie = ties[(a, b)]
        assert [edge[name] for name in EDGE_ATTRIBUTES] == pytest.approx(
            [getattr(tie, name) for name in EDGE_ATTRIBUTES]
        )
    assert {name: graph[name] for name in graph.attributes()} == pytest.approx(
        graph_attributes(report)
    )


def test_imported_rows_export_with_their_filters(tmp_path: Path) -> None:
    nato = {"Actor1Code": "IGOWSTNATMIL", "Actor2Code": "RUS", "Actor2CountryCode": "RUS"}
    france = {"Actor1Code": "FRA", "Actor1CountryCode": "FRA"}
    rows = [
        gdelt_row(2, GLOBALEVENTID="7", SQLDATE="20200105", EventCode="0874",
                  EventRootCode="08", ActionGeo_CountryCode="RS", **nato),
        gdelt_row(2, GLOBALEVENTID="8", SQLDATE="20200106", EventCode="040",
                  EventRootCode="04", **france),
    ]  # fmt: skip
    db = tmp_path / "store.duckdb"
    _blocs("import", "gdelt", str(write(tmp_path / "two.tsv", "".join(rows))), "--db", str(db))

    printed = _blocs("export", "events", "--db", str(db), "--source", "gdelt", "--actor", "NATO")
    (record,) = [json.loads(line) for line in printed.splitlines()]
    assert [record["event_id"], record["source_country"], record["issue"]] == [
        "gdelt2:7", "NATO", "RUS"
    ]  # fmt: skip
    gdelt = _blocs("export", "events", "--db", str(db), "--source", "gdelt2", "--format", "gdelt")
    place, root = COLUMNS_2.index("ActionGeo_CountryCode"), COLUMNS_2.index("EventRootCode")
    cells = [line.split("\t") for line in gdelt.splitlines()]
    assert [(c[0], c[place], c[root]) for c in cells] == [("7", "RS", "08"), ("8", "", "04")]
