"""`blocs export events --format gdelt` and `blocs export network`: bad options exit 2 before
the store is opened, a file that cannot be written exits 1 naming it, an empty store
exports nothing but valid files."""

from __future__ import annotations

from pathlib import Path

import igraph as ig
import pytest
from typer.testing import CliRunner

from blocs.cli import app
from blocs.store.db import Store

runner = CliRunner()


@pytest.fixture()
def empty(tmp_path: Path) -> Path:
    db = tmp_path / "empty.duckdb"
    with Store(db):
        pass
    return db


@pytest.mark.parametrize(
    "args",
    [
        ["export", "events", "--format", "xlsx"],
        ["export", "events", "--format", "gdelt", "--source", "acled"],
        ["export", "network", "--format", "gexf"],
        ["export", "network", "--source", "nobody"],
        ["export", "network", "--since", "last week"],
    ],
)
def test_bad_export_options_exit_2(args: list[str], tmp_path: Path) -> None:
    result = runner.invoke(app, [*args, "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2, result.output


@pytest.mark.parametrize(
    "args",
    [
        ["export", "events", "--format", "gdelt"],
        ["export", "events", "--format", "csv"],
        ["export", "network"],
    ],
)
def test_an_unwritable_out_file_exits_1_naming_it(args: list[str], empty: Path) -> None:
    out = empty.parent / "missing-folder" / "out.file"
    result = runner.invoke(app, [*args, "--db", str(empty), "--out", str(out)])
    assert result.exit_code == 1 and "missing-folder" in result.output


def test_an_empty_store_exports_no_rows_and_an_empty_network(empty: Path) -> None:
    gdelt = runner.invoke(app, ["export", "events", "--format", "gdelt", "--db", str(empty)])
    assert gdelt.exit_code == 0 and gdelt.stdout == ""
    assert "exported 0 events" in gdelt.stderr
    path = empty.parent / "network.graphml"
    network = runner.invoke(app, ["export", "network", "--db", str(empty), "--out", str(path)])
    assert network.exit_code == 0 and "0 actors and 0 ties" in network.stderr
    graph = ig.Graph.Read_GraphML(str(path))
    assert (graph.vcount(), graph.ecount(), graph["sources"]) == (
        0,
        0,
        "blocs,gdelt1,gdelt2,icews,phoenix",
    )


def test_network_graphml_goes_to_stdout_without_out(empty: Path) -> None:
    result = runner.invoke(app, ["export", "network", "--db", str(empty)])
    assert result.exit_code == 0 and result.stdout.startswith("<?xml")
