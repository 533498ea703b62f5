"""`blocs serve`: binds loopback unless told, takes the token from --token or $BLOCS_TOKEN
or prints a generated one once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import uvicorn
from typer.testing import CliRunner

from blocs.cli import app


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    calls: dict[str, Any] = {}

    def fake_run(web_app: Any, **options: Any) -> None:
        calls.update(options, app=web_app)

    monkeypatch.setattr(uvicorn, "run", fake_run)
    return calls


def test_serve_binds_loopback_and_prints_a_generated_token_once(
    served: dict[str, Any], tmp_path: Path
) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "new.duckdb")], env={})
    assert result.exit_code == 0, result.output
    assert served["host"] == "127.0.0.1" and served["port"] == 8000
    token = served["app"].state.settings.token
    assert len(token) >= 24
    assert result.stderr.count(token) == 1 and token not in result.stdout
    assert (tmp_path / "new.duckdb").exists()  # created and migrated


def test_serve_takes_the_token_and_host_it_is_given(served: dict[str, Any], tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    result = CliRunner().invoke(
        app,
        ["serve", "--db", db, "--host", "0.0.0.0", "--port", "9001", "--protect-reads"],
        env={"BLOCS_TOKEN": "from-the-environment"},
    )
    assert result.exit_code == 0, result.output
    settings = served["app"].state.settings
    assert settings.token == "from-the-environment" and settings.protect_reads
    assert "from-the-environment" not in result.output
    assert served["host"] == "0.0.0.0" and served["port"] == 9001


def test_serve_refuses_a_bad_network_as_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app, ["serve", "--db", str(tmp_path / "x.duckdb"), "--allow-network", "nope"]
    )
    assert result.exit_code == 2
