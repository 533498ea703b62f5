"""`blocs ingest --dask local` stores what `blocs ingest` stores."""

from __future__ import annotations

from pathlib import Path

from same_rows import snapshot, write_corpus
from typer.testing import CliRunner

from blocs.cli import app

runner = CliRunner()


def test_ingest_on_a_local_dask_cluster_stores_the_rows_of_a_local_ingest(
    tmp_path: Path,
) -> None:
    corpus = str(write_corpus(tmp_path / "corpus", documents=9))
    for db, extra in [("local.duckdb", []), ("dask.duckdb", ["--dask", "local", "--workers", "2"])]:
        result = runner.invoke(
            app, ["ingest", corpus, "--db", str(tmp_path / db), "--no-progress", *extra]
        )
        assert result.exit_code == 0, result.output
    assert snapshot(tmp_path / "dask.duckdb") == snapshot(tmp_path / "local.duckdb")
    assert list((tmp_path / "dask.duckdb.shards").iterdir()) == []
