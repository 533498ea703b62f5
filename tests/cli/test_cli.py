"""The CLI end to end on a real DuckDB file: data on stdout, messages on stderr, exit codes
0 / 1 / 2, `--json` on every listing, exports readable by other tools."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import duckdb
import pytest
from typer.testing import CliRunner

from blocs.cli import app

runner = CliRunner()

TEXT = (
    "Turkey sent military advisers to Tripoli to support the Government of National Accord, "
    "officials in Ankara said on Thursday.\n\n"
    "The deployment followed a security agreement signed by both governments in November, "
    "which France and Greece criticised as a breach of the arms embargo."
)


@pytest.fixture()
def inputs(tmp_path: Path) -> Path:
    path = tmp_path / "wire.jsonl"
    path.write_text(
        json.dumps(
            {
                "id": "w1",
                "text": TEXT,
                "date": "2020-01-02",
                "title": "Advisers sent",
                "url": "https://wire.example/w1",
                "outlet": "Example Wire",
            }
        )
        + "\n"
        + json.dumps(
            {
                "id": "w2",
                "text": TEXT.replace("Thursday", "Friday"),
                "date": "2020-01-03",
                "url": "https://copy.example/w2",
            }
        )
        + "\n"
        + "{broken\n"
    )
    return path


@pytest.fixture()
def db(tmp_path: Path, inputs: Path) -> Path:
    path = tmp_path / "cli.duckdb"
    result = runner.invoke(app, ["ingest", str(inputs), "--db", str(path), "--json"])
    assert result.exit_code == 0, result.output
    return path


def test_ingest_prints_a_json_summary_and_reports_failures_on_stderr(
    tmp_path: Path, inputs: Path
) -> None:
    path = tmp_path / "x.duckdb"
    result = runner.invoke(app, ["ingest", str(inputs), "--db", str(path), "--json"])
    summary = json.loads(result.stdout)
    assert summary["articles_added"] == 1 and summary["duplicates_near"] == 1
    assert summary["events_added"] >= 1
    assert [f["source"].rsplit("#", 1)[1] for f in summary["failures"]] == ["line-3"]
    assert "line-3" in result.stderr
    again = json.loads(
        runner.invoke(app, ["ingest", str(inputs), "--db", str(path), "--json"]).stdout
    )
    assert again["articles_added"] == 0 and again["unchanged"] == 2


def test_strict_ingest_exits_1_when_an_input_failed(tmp_path: Path, inputs: Path) -> None:
    result = runner.invoke(
        app, ["ingest", str(inputs), "--db", str(tmp_path / "s.duckdb"), "--strict"]
    )
    assert result.exit_code == 1


def test_ingest_of_nothing_readable_exits_1(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["ingest", str(tmp_path / "missing"), "--db", str(tmp_path / "m.duckdb")]
    )
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_ingest_of_a_page_that_gives_no_article_exits_1_and_a_rerun_beside_a_good_one_0(
    tmp_path: Path,
) -> None:
    empty = tmp_path / "script.html"
    empty.write_text("<html><body><script>var a = 1;</script></body></html>", encoding="utf-8")
    db = str(tmp_path / "m.duckdb")
    alone = runner.invoke(app, ["ingest", str(empty), "--db", db, "--no-extract"])
    assert alone.exit_code == 1 and "script.html" in alone.stderr
    good = tmp_path / "good.txt"
    good.write_text(
        "Ministers from two countries met in the capital on Monday to talk about trade. "
        "They agreed to meet again next month.",
        encoding="utf-8",
    )
    both = runner.invoke(app, ["ingest", str(empty), str(good), "--db", db, "--no-extract"])
    assert both.exit_code == 0 and "script.html" in both.stderr


def test_articles_lists_with_filters_as_json(db: Path) -> None:
    rows = json.loads(runner.invoke(app, ["articles", "--db", str(db), "--json"]).stdout)
    assert len(rows) == 1 and rows[0]["title"] == "Advisers sent" and rows[0]["n_sources"] == 2
    none = runner.invoke(app, ["articles", "--db", str(db), "--json", "--since", "2021-01-01"])
    assert json.loads(none.stdout) == []


def test_show_accepts_an_id_prefix_and_lists_every_source(db: Path) -> None:
    (row,) = json.loads(runner.invoke(app, ["articles", "--db", str(db), "--json"]).stdout)
    result = runner.invoke(app, ["show", row["article_id"][:6], "--db", str(db), "--json"])
    article = json.loads(result.stdout)
    assert {s["url"] for s in article["sources"]} == {
        "https://wire.example/w1",
        "https://copy.example/w2",
    }
    sentence = article["sentences"][0]
    assert article["text"][sentence["start_char"] : sentence["end_char"]] == sentence["text"]


def test_show_of_an_unknown_id_exits_1_with_advice(db: Path) -> None:
    result = runner.invoke(app, ["show", "ffffffff", "--db", str(db)])
    assert result.exit_code == 1 and "blocs articles" in result.stderr


def test_stats_counts_articles_sources_and_duplicates(db: Path) -> None:
    numbers = json.loads(runner.invoke(app, ["stats", "--db", str(db), "--json"]).stdout)
    assert (
        numbers["articles"],
        numbers["documents"],
        numbers["duplicates_near"],
        numbers["failures"],
    ) == (1, 2, 1, 1)


def test_failures_lists_what_could_not_be_read(db: Path) -> None:
    rows = json.loads(runner.invoke(app, ["failures", "--db", str(db), "--json"]).stdout)
    assert len(rows) == 1 and "not valid JSON" in rows[0]["message"]


def test_export_writes_csv_jsonl_and_parquet(db: Path, tmp_path: Path) -> None:
    csv_out = runner.invoke(app, ["export", "articles", "--format", "csv", "--db", str(db)])
    (row,) = list(csv.DictReader(io.StringIO(csv_out.stdout)))
    assert row["title"] == "Advisers sent" and "Tripoli" in row["text"]
    jsonl = runner.invoke(app, ["export", "articles", "--format", "jsonl", "--db", str(db)])
    (record,) = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert sorted(record["sources"]) == ["https://copy.example/w2", "https://wire.example/w1"]
    parquet = tmp_path / "a.parquet"
    result = runner.invoke(
        app, ["export", "articles", "--format", "parquet", "--out", str(parquet), "--db", str(db)]
    )
    assert result.exit_code == 0
    count = duckdb.sql(f"SELECT count(*) FROM read_parquet('{parquet}')").fetchall()
    assert count == [(1,)]


@pytest.mark.parametrize(
    "args",
    [
        ["articles", "--since", "yesterday"],
        ["export", "articles", "--format", "xlsx"],
        ["ingest", "x", "--allow-network", "not-a-network"],
        ["articles", "--limit", "0"],
    ],
)
def test_usage_errors_exit_2(args: list[str], db: Path) -> None:
    assert runner.invoke(app, [*args, "--db", str(db)]).exit_code == 2


def test_reading_commands_on_a_missing_database_exit_1(tmp_path: Path) -> None:
    result = runner.invoke(app, ["stats", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "blocs ingest" in result.stderr


def test_events_lists_stored_events_with_their_evidence(db: Path) -> None:
    rows = json.loads(runner.invoke(app, ["events", "--db", str(db), "--json"]).stdout)
    assert rows, "ingest stored no event"
    sent = [r for r in rows if r["source_country"] == "TUR" and r["target_country"] == "LBY"]
    assert sent and "Tripoli" in sent[0]["sentence"]
    dyad = runner.invoke(app, ["events", "--db", str(db), "--json", "--dyad", "LBY-TUR"])
    assert [r["event_id"] for r in json.loads(dyad.stdout)] == [r["event_id"] for r in sent]
    none = runner.invoke(app, ["events", "--db", str(db), "--json", "--type", "ASSAULT"])
    assert json.loads(none.stdout) == []


def test_a_bad_dyad_is_a_usage_error(db: Path) -> None:
    assert runner.invoke(app, ["events", "--db", str(db), "--dyad", "FRA"]).exit_code == 2


def test_extract_writes_one_event_per_line_and_csv(tmp_path: Path) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        json.dumps({"id": "d1", "text": "Turkey attacked Syria on Tuesday.", "date": "2019-10-10"})
        + "\n"
        + json.dumps({"id": "d2", "text": "The weather was fine.", "date": "2019-10-10"})
        + "\n"
    )
    out = tmp_path / "events.jsonl"
    result = runner.invoke(app, ["extract", str(docs), "--out", str(out)])
    assert result.exit_code == 0, result.output
    (event,) = [json.loads(line) for line in out.read_text().splitlines()]
    required = {
        "doc_id",
        "sentence",
        "start",
        "end",
        "source",
        "target",
        "plover",
        "cameo",
        "quad_class",
        "goldstein",
        "modality",
        "speaker",
        "date",
        "date_precision",
        "issue",
        "confidence",
    }
    assert required <= set(event)
    assert (event["doc_id"], event["source"], event["target"], event["date"]) == (
        "d1",
        "TUR",
        "SYR",
        "2019-10-08",
    )
    as_csv = runner.invoke(app, ["extract", str(docs), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [r["plover"] for r in rows] == ["ASSAULT"]
    assert "2 documents" in as_csv.stderr


@pytest.mark.needs_shared
def test_extract_with_phoenix_dictionaries_uses_their_codes(
    tmp_path: Path, shared_dir: Path
) -> None:
    docs = tmp_path / "docs.jsonl"
    docs.write_text(
        json.dumps(
            {"id": "d1", "date": "2013-06-20", "text": "Barack Obama met Vladimir Putin in Geneva."}
        )
        + "\n"
    )
    dicts = shared_dir / "dicts"
    result = runner.invoke(
        app,
        [
            "extract",
            str(docs),
            "--dictionary",
            str(dicts / "Phoenix.Countries.actors.txt"),
            "--dictionary",
            str(dicts / "Phoenix.agents.txt"),
        ],
    )
    (event,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert {event["source"], event["target"]} == {"USAGOV", "RUSGOV"}


def test_eval_events_scores_a_prediction_file(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps(
            {
                "doc": "d1",
                "evidence": "Turkey attacked Syria",
                "source": "TUR",
                "target": "SYR",
                "types": ["ASSAULT"],
                "required": True,
                "modality": "asserted",
                "date": None,
                "note": "",
            }
        )
        + "\n"
    )
    docs = tmp_path / "docs.jsonl"
    docs.write_text(json.dumps({"id": "d1", "text": "Turkey attacked Syria on Tuesday."}) + "\n")
    result = runner.invoke(app, ["eval", "events", "--gold", str(gold), str(docs), "--json"])
    score = json.loads(result.stdout)
    assert (score["recall"], score["precision"]) == (1.0, 1.0)
    assert runner.invoke(app, ["eval", "events", "--gold", str(gold)]).exit_code == 2


def test_export_events_writes_every_field_as_parquet_and_jsonl(db: Path, tmp_path: Path) -> None:
    jsonl = runner.invoke(app, ["export", "events", "--db", str(db), "--dyad", "TUR-LBY"])
    records = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert records and all(
        {r["source_country"], r["target_country"]} == {"TUR", "LBY"} for r in records
    )
    assert {"sentence", "start_char", "cameo", "extractor_version", "url"} <= set(records[0])
    parquet = tmp_path / "events.parquet"
    result = runner.invoke(
        app, ["export", "events", "--db", str(db), "--format", "parquet", "--out", str(parquet)]
    )
    assert result.exit_code == 0, result.output
    count = duckdb.sql(f"SELECT count(*) FROM read_parquet('{parquet}')").fetchall()
    all_events = json.loads(runner.invoke(app, ["events", "--db", str(db), "--json"]).stdout)
    assert count == [(len(all_events),)]
