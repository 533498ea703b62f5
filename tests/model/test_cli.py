"""The model's commands through typer's CliRunner against real DuckDB files: JSON shapes,
text output, exit codes (2 for bad options, 1 for a missing store)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from model_store import Ev, StoreFactory
from typer.testing import CliRunner

from blocs.cli import app
from blocs.store.aggregates import is_fresh
from blocs.store.db import Store

VOTES = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "alignment"


@pytest.fixture
def store(make_store: StoreFactory) -> Path:
    events = [Ev("FRA", "RUS", f"2020-{m:02d}-10", 6.0, "COOPERATE") for m in range(1, 7)] * 2
    events += [Ev("FRA", "RUS", f"2020-{m:02d}-10", -8.0, "SANCTION") for m in range(7, 13)] * 2
    events += [
        Ev("FRA", "DEU", "2020-06-01", 6.0, "COOPERATE"),
        Ev("RUS", "CHN", "2020-06-01", 6.0, "COOPERATE"),
        Ev("TURGOV", "LBYGOV", "2020-06-01", 8.5, "AID"),
        Ev("ARE", "LBYMIL", "2020-06-01", 8.5, "AID"),
        Ev("FRA", "RUS", "2020-12-01", -10.0, "ASSAULT", modality="hypothetical"),
    ]
    return make_store(events)


def _run(*args: str) -> Any:
    result = CliRunner().invoke(app, list(args))
    return result


def _json(*args: str) -> Any:
    result = _run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_dyad_json_has_the_scores_and_their_evidence(store: Path) -> None:
    data = _json("dyad", "FRA", "RUS", "--db", str(store), "--top", "3")
    assert data["a"] == "FRA" and data["b"] == "RUS"
    assert data["reference_date"] == "2020-12-10"
    assert data["sources"] == ["blocs", "gdelt1", "gdelt2", "icews", "phoenix"]
    assert set(data["score"]) == {
        "a",
        "b",
        "directed",
        "events",
        "cooperation",
        "conflict",
        "net",
        "evidence",
        "volume_a",
        "volume_b",
        "tone",
        "share",
        "score",
        "low",
        "high",
    }
    assert data["score"]["events"] == 24
    assert [d["a"] for d in data["directed"]] == ["FRA", "RUS"]
    assert data["evidence_shown"] == 3 and data["evidence_total"] == 24
    shown = sum(e["contribution"] for e in data["evidence"])
    assert shown + data["rest"] == pytest.approx(data["score"]["score"])
    assert data["not_done"] == {"hypothetical": 1}
    assert data["votes"] is None
    assert data["parameters"] == {
        "half_life_days": 180.0,
        "prior_strength": 1.0,
        "intensity": "goldstein",
        "interval": 0.9,
    }


def test_dyad_text_lists_the_pair_and_its_sentences(store: Path) -> None:
    result = _run("dyad", "FRA", "RUS", "--db", str(store), "--source", "blocs")
    assert result.exit_code == 0, result.output
    assert "FRA–RUS at 2020-12-10" in result.stdout
    assert "FRA sanctions RUS" in result.stdout
    assert "not counted (not done): 1 hypothetical" in result.stdout


def test_dyad_source_since_and_until_filter_the_evidence(store: Path) -> None:
    gdelt = _json("dyad", "FRA", "RUS", "--db", str(store), "--source", "gdelt")
    assert gdelt["score"]["events"] == 0
    spring = _json("dyad", "FRA", "RUS", "--db", str(store), "--until", "2020-06-30")
    assert spring["score"]["conflict"] == 0.0 and spring["score"]["events"] == 12
    autumn = _json("dyad", "FRA", "RUS", "--db", str(store), "--since", "2020-07-01")
    assert autumn["score"]["cooperation"] == 0.0


@pytest.mark.parametrize(
    "args",
    [
        ["dyad", "FRA", "RUS", "--since", "2020-02-30"],
        ["dyad", "FRA", "RUS", "--until", "yesterday"],
        ["dyad", "FRA", "RUS", "--since", "2021-01-01", "--until", "2020-01-01"],
        ["dyad", "FRA", "RUS", "--source", "acled"],
        ["dyad", "FRA", "fra"],
        ["dyad", "FRA", "RUS", "--session", "74"],
        ["dyad", "FRA", "RUS", "--year", "2019", "--since", "2019-03-01"],
        ["dyad", "FRA", "RUS", "--intensity", "tone"],
        ["blocs", "--since", "2020-1-1x"],
        ["blocs", "--resolution", "0"],
        ["camps", "--issue", "XYZ"],
        ["camps", "--issue", "LBY", "--until", "2013-01-01"],
        ["trends", "FRA"],
        ["trends", "FRA", "RUS", "--penalty", "-1"],
        ["trends", "--until", "2020-13-01"],
    ],
    ids=" ".join,
)
def test_bad_options_exit_2(store: Path, args: list[str]) -> None:
    result = _run(*args, "--db", str(store))
    assert result.exit_code == 2, result.output
    assert "error" in result.output.lower() or "usage" in result.output.lower()


@pytest.mark.parametrize("command", [["dyad", "FRA", "RUS"], ["blocs"], ["trends"]])
def test_a_missing_store_exits_1(tmp_path: Path, command: list[str]) -> None:
    result = _run(*command, "--db", str(tmp_path / "none.duckdb"))
    assert result.exit_code == 1
    assert "no such database" in result.output


def test_blocs_json_and_text(store: Path) -> None:
    data = _json("blocs", "--db", str(store), "--runs", "5")
    blocs = [{m["actor"] for m in b["members"]} for b in data["blocs"]]
    assert {"FRA", "DEU"} in blocs and {"RUS", "CHN"} in blocs
    assert data["parameters"]["n_runs"] == 5
    result = _run("blocs", "--db", str(store), "--runs", "5", "--no-progress")
    assert result.exit_code == 0 and "frustration" in result.stdout


def test_camps_json_and_text(store: Path) -> None:
    data = _json("camps", "--issue", "LBY", "--db", str(store))
    assert [(c["side"], [m["actor"] for m in c["members"]]) for c in data["camps"]] == [
        ("GNA", ["TUR"]),
        ("LNA", ["ARE"]),
    ]
    assert data["crisis"] == "LBY" and data["unaligned"] == []
    first = data["actors"][0]
    assert set(first) == {
        "actor",
        "camp",
        "events",
        "proxy_events",
        "evidence",
        "toward",
        "evidence_events",
    }
    assert data["parameters"]["proxy_weight"] == 0.5
    assert (
        _json("camps", "--issue", "LBY", "--db", str(store), "--proxy-weight", "0")["parameters"][
            "proxy_weight"
        ]
        == 0.0
    )
    assert _run("camps", "--issue", "LBY", "--db", str(store), "--proxy-weight", "2").exit_code == 2
    result = _run("camps", "--issue", "lby", "--db", str(store))
    assert result.exit_code == 0
    assert "GNA (Government of National Accord" in result.stdout


def test_trends_json_and_text(store: Path) -> None:
    data = _json("trends", "FRA", "RUS", "--db", str(store), "--half-life", "20")
    [trend] = data["trends"]
    assert len(trend["series"]) == 12
    [change] = data["change_points"]
    assert (change["month"], change["direction"]) == ("2020-07", "cooled")
    every = _json("trends", "--db", str(store), "--half-life", "20")
    assert every["dyads"] == 1 and every["trends"] == []
    result = _run("trends", "--db", str(store), "--half-life", "20")
    assert "FRA–RUS cooled from 2020-07" in result.stdout


def test_the_model_commands_do_not_load_the_nlp_stack(store: Path) -> None:
    code = (
        "import sys\nfrom blocs.cli import app\n"
        "try:\n    app(sys.argv[1:], prog_name='blocs')\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('spacy', 'trafilatura', 'blocs.pipeline') if m in sys.modules))"
    )
    for args in (["dyad", "FRA", "RUS"], ["camps", "--issue", "LBY"], ["blocs", "--runs", "2"]):
        result = subprocess.run(
            [sys.executable, "-c", code, *args, "--db", str(store), "--json"],
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.stdout.strip().endswith("[]"), result.stderr


@pytest.fixture(scope="module")
def votes_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("unga") / "unga.duckdb"
    with Store(path) as store:
        store.con.execute(
            "INSERT INTO votes SELECT CAST(rcid AS VARCHAR), iso3, vote, CAST(date AS DATE),"
            " session, 'unga', 'test' FROM read_csv(?) WHERE date >= DATE '2019-01-01'",
            [str(VOTES / "unga_votes_2000_2019.csv.gz")],
        )
    return path


@pytest.mark.needs_shared
@pytest.mark.parametrize(
    ("a", "b", "kappa"), [("FRA", "RUS", "0.145"), ("FRA", "USA", "0.256"), ("RUS", "CHN", "0.510")]
)
def test_dyad_prints_unga_kappa(votes_store: Path, a: str, b: str, kappa: str) -> None:
    result = _run("dyad", a, b, "--source", "unga", "--year", "2019", "--db", str(votes_store))
    assert result.exit_code == 0, result.output
    assert f"kappa {kappa}" in result.stdout
    data = _json("dyad", a, b, "--source", "unga", "--year", "2019", "--db", str(votes_store))
    assert data["score"] is None
    assert f"{data['votes']['kappa']:.3f}" == kappa
    assert data["votes"]["year"] == 2019


def test_ingest_leaves_the_model_month_sums_fresh(tmp_path: Path) -> None:
    """`blocs ingest` refreshes the aggregates at the end of its run, as imports do, so the
    first model query after it reads the month sums; a second run appends to them."""
    path = tmp_path / "ingested.duckdb"
    for number, text in enumerate(
        [
            "Turkey pledged its full support to Azerbaijan on Monday.",
            "France sent humanitarian aid to Armenia on Tuesday.",
        ]
    ):
        corpus = tmp_path / f"brief{number}.jsonl"
        article = {"id": f"b{number}", "date": "2020-10-05", "title": "Brief", "text": text}
        corpus.write_text(json.dumps(article) + "\n", encoding="utf-8")
        result = _run("ingest", str(corpus), "--db", str(path), "--no-progress")
        assert result.exit_code == 0, result.output
        with Store(path, read_only=True) as store:
            assert is_fresh(store.con)
            row = store.con.execute("SELECT sum(events) FROM evidence_months").fetchone()
            assert row == (number + 1,)
