"""`blocs import ...` end to end: a summary on stdout (JSON with `--json`), errors on stderr
naming the file, exit 1 and nothing written when a file is not of its format."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
from typer.testing import CliRunner

from blocs.cli import app

from .conftest import gdelt_row, icews_file, icews_row, write

runner = CliRunner()


def _rows(db: Path, table: str) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()
    return int(row[0]) if row else 0


def test_import_gdelt_prints_a_json_summary(tmp_path: Path) -> None:
    path = write(tmp_path / "e.csv", gdelt_row(2, GLOBALEVENTID="9", SQLDATE="20191024"))
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["import", "gdelt", str(path), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["origin"] == "gdelt2" and summary["table"] == "coded_events"
    assert (summary["rows_read"], summary["rows_added"], summary["rows_skipped"]) == (1, 1, 0)
    assert summary["source_file"] == str(path.resolve()) and len(summary["file_sha256"]) == 64
    again = runner.invoke(app, ["import", "gdelt", str(path), "--db", str(db), "--json"])
    assert json.loads(again.stdout)["skipped"] == {"already stored": 1}


def test_import_icews_prints_counts_and_notes(tmp_path: Path) -> None:
    path = icews_file(
        tmp_path / "i.tab",
        icews_row(Event_ID="1", Event_Date="2018-06-01", Source_Country="Atlantis"),
    )
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["import", "icews", str(path), "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "rows added     1 (to coded_events)" in result.stdout
    assert "country name Atlantis" in result.stdout


def test_a_file_of_another_format_exits_1_naming_it_and_writes_nothing(tmp_path: Path) -> None:
    path = icews_file(tmp_path / "i.tab", icews_row(Event_ID="1", Event_Date="2018-06-01"))
    db = tmp_path / "s.duckdb"
    result = runner.invoke(app, ["import", "phoenix", str(path), "--db", str(db)])
    assert result.exit_code == 1
    assert f"error: {path.resolve()}: line 1 is not the header of a Phoenix" in result.stderr
    assert "Traceback" not in result.output
    assert _rows(db, "coded_events") == 0 and _rows(db, "imports") == 0


def test_a_missing_file_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["import", "unga", str(tmp_path / "none.csv"), "--db", str(tmp_path / "s.duckdb")]
    )
    assert result.exit_code == 1
    assert "none.csv: no such file" in result.stderr


def test_import_unga_reports_votes_and_roll_calls(tmp_path: Path) -> None:
    votes = write(
        tmp_path / "v.csv",
        "rcid,session,date,iso3,cow_code,vote\n1,74,2019-11-07,FRA,220,yes\n"
        "1,74,2019-11-07,RUS,365,absent\n",
    )
    roll_calls = write(
        tmp_path / "r.csv",
        "rcid,session,date,unres,importantvote,amend,para,issues,short,descr\n"
        "1,74,2019-11-07,A/RES/74/1,,,,hr,SHORT,Long\n",
    )
    db = tmp_path / "s.duckdb"
    result = runner.invoke(
        app,
        ["import", "unga", str(votes), "--roll-calls", str(roll_calls), "--db", str(db), "--json"],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["votes"]["rows_added"] == 1
    assert summary["votes"]["skipped"] == {"vote not yes, abstain or no": 1}
    assert summary["roll_calls"]["rows_added"] == 1
