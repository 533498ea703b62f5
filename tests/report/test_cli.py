"""`blocs report` on the command line: the written paths on stdout (as JSON with `--json`),
usage errors exit 2 before the store is opened, a missing store exits 1."""

from __future__ import annotations

import json
from pathlib import Path

from report_store import Brief, StoreFactory
from typer.testing import CliRunner

from blocs.cli import app


def _store(make_store: StoreFactory) -> Path:
    return make_store(
        [Brief("FRA", "RUS", "2020-01-10", 3.0), Brief("FRA", "RUS", "2020-02-10", -2.0)]
    )


def test_report_prints_the_written_page(make_store: StoreFactory, tmp_path: Path) -> None:
    db = _store(make_store)
    out = tmp_path / "new" / "report"
    result = CliRunner().invoke(app, ["report", "--db", str(db), "--out", str(out), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == {"written": [str(out / "index.html")]}
    assert "FRA–RUS" in (out / "index.html").read_text(encoding="utf-8")
    plain = CliRunner().invoke(app, ["report", "--db", str(db), "--out", str(out)])
    assert plain.exit_code == 0 and plain.stdout.strip() == str(out / "index.html")


def test_report_takes_a_period_and_sources(make_store: StoreFactory, tmp_path: Path) -> None:
    db = _store(make_store)
    out = tmp_path / "report"
    args = ["report", "--db", str(db), "--out", str(out), "--since", "2020-02-01"]
    result = CliRunner().invoke(app, [*args, "--until", "2020-12-31", "--source", "blocs,unga"])
    assert result.exit_code == 0, result.output
    html = (out / "index.html").read_text(encoding="utf-8")
    assert "from 2020-02-01 to 2020-12-31" in html and "UNGA agreement" in html
    assert "1 counted events" in html


def test_bad_options_exit_2(make_store: StoreFactory, tmp_path: Path) -> None:
    db = _store(make_store)
    base = ["report", "--db", str(db), "--out", str(tmp_path / "r")]
    for extra in (["--since", "May 2020"], ["--source", "reuters"]):
        result = CliRunner().invoke(app, [*base, *extra])
        assert result.exit_code == 2, result.output
    later = CliRunner().invoke(app, [*base, "--since", "2021-01-01", "--until", "2020-01-01"])
    assert later.exit_code == 2
    assert not (tmp_path / "r").exists()


def test_a_missing_store_exits_1(tmp_path: Path) -> None:
    missing = tmp_path / "none.duckdb"
    result = CliRunner().invoke(app, ["report", "--db", str(missing), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "no such database" in result.stderr
