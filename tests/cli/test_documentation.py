"""Every command and every option the CLI offers is documented in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from blocs.cli import app

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
COMMANDS = [
    ["ingest"],
    ["articles"],
    ["show"],
    ["stats"],
    ["failures"],
    ["export", "articles"],
    ["export", "events"],
    ["export", "network"],
    ["eval", "extraction"],
    ["extract"],
    ["events"],
    ["eval", "events"],
    ["dyad"],
    ["blocs"],
    ["camps"],
    ["trends"],
    ["report"],
    ["validate", "alliances"],
    ["import", "gdelt"],
    ["import", "icews"],
    ["import", "phoenix"],
    ["import", "unga"],
    ["serve"],
]
_OPTION = re.compile(r"(?<![\w-])(--[a-z][a-z-]+)")


def _options(command: list[str]) -> set[str]:
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    return set(_OPTION.findall(result.stdout)) - {"--help"}


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_command_and_its_options_are_in_the_readme(command: list[str]) -> None:
    assert f"blocs {' '.join(command)}" in README
    options = _options(command)
    assert options, "no options parsed from --help"
    missing = sorted(o for o in options if o not in README and not o.startswith("--no-"))
    assert missing == []
