"""The command as a user's shell runs it: messages piped into a log are never wrapped, and
read-only commands start without loading the NLP stack."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

BLOCS = Path(sys.executable).with_name("blocs")
HEAVY_MODULES = ("spacy", "thinc", "trafilatura", "blocs.pipeline", "blocs.events.setup")

_RUN_AND_LIST_IMPORTS = """
import json, sys
from blocs.cli import app
try:
    app(sys.argv[1:], prog_name="blocs")
except SystemExit:
    pass
heavy = sorted(m for m in {heavy!r} if m in sys.modules)
sys.stderr.write("HEAVY=" + json.dumps(heavy) + "\\n")
"""


def _blocs(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """`blocs ARGS` in a child process with stdout and stderr piped (not terminals)."""
    return subprocess.run(
        [str(BLOCS), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "COLUMNS": "80"},
    )


def test_an_error_about_a_long_path_stays_on_one_line_when_piped(tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*(["a-rather-long-folder-name"] * 8), "missing-input.txt")
    result = _blocs("ingest", str(deep), "--db", str(tmp_path / "s.duckdb"), cwd=tmp_path)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if "missing-input" in line]
    assert lines == [f"skipped {deep}: no such file, folder or URL"]


def test_a_store_error_names_the_whole_path_on_one_line(tmp_path: Path) -> None:
    missing_db = tmp_path.joinpath(*(["another-long-folder-name"] * 8), "store.duckdb")
    result = _blocs("stats", "--db", str(missing_db), cwd=tmp_path)
    assert result.returncode == 1
    assert f"error: {missing_db}: no such database; run `blocs ingest` first" in (
        result.stderr.splitlines()
    )


@pytest.mark.parametrize(
    "args",
    [
        ["--version"],
        ["--help"],
        ["stats"],
        ["articles"],
        ["show", "abcd"],
        ["events"],
        ["failures"],
        ["ingest", "--help"],
    ],
    ids=" ".join,
)
def test_read_only_commands_do_not_load_the_nlp_stack(args: list[str], tmp_path: Path) -> None:
    db = tmp_path / "none.duckdb"
    reads_store = args[0] in {"stats", "articles", "show", "events", "failures"}
    store_args = ["--db", str(db)] if reads_store else []
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            _RUN_AND_LIST_IMPORTS.format(heavy=HEAVY_MODULES),
            *args,
            *store_args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    marker = [line for line in result.stderr.splitlines() if line.startswith("HEAVY=")]
    assert marker, result.stderr
    assert json.loads(marker[0].removeprefix("HEAVY=")) == []


def test_titles_and_texts_that_look_like_markup_print_as_they_are(tmp_path: Path) -> None:
    title = "[/b] Talks [red]resume[/red] in Geneva"
    record = {
        "id": "m1",
        "title": title,
        "text": "Officials from Iran and Oman met in Muscat [bold]on Monday[/bold].",
        "date": "2021-03-01",
    }
    inputs = tmp_path / "markup.jsonl"
    inputs.write_text(json.dumps(record) + "\n", encoding="utf-8")
    db = str(tmp_path / "m.duckdb")
    assert _blocs("ingest", str(inputs), "--db", db, "--no-extract", cwd=tmp_path).returncode == 0
    listing = _blocs("articles", "--db", db, cwd=tmp_path)
    assert listing.returncode == 0 and "Traceback" not in listing.stderr
    assert title in listing.stdout
    (article_id,) = [
        line.split()[1] for line in listing.stdout.splitlines() if "Talks" in line
    ] or [""]
    shown = _blocs("show", article_id[:8], "--db", db, cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert title in shown.stdout and "[bold]on Monday[/bold]" in shown.stdout


def test_scores_and_usage_errors_print_no_markup_tags(tmp_path: Path) -> None:
    """The consoles read no markup, so a style written as `[bold]` would reach the user."""
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text(
        json.dumps(
            {
                "doc": "d1",
                "evidence": "Iran accused Israel",
                "source": "IRN",
                "target": "ISR",
                "types": ["ACCUSE"],
                "required": True,
                "modality": "asserted",
                "date": None,
            }
        )
        + "\n"
    )
    pred.write_text("")
    scored = _blocs("eval", "events", "--gold", str(gold), "--pred", str(pred), cwd=tmp_path)
    assert scored.returncode == 0, scored.stderr
    assert "recall  0.0" in scored.stdout and "per type  ACCUSE 0/1" in scored.stdout
    misused = _blocs("eval", "events", "--gold", str(gold), cwd=tmp_path)
    assert misused.returncode == 2
    assert misused.stderr.startswith("error: give either documents")
    for text in (scored.stdout, misused.stderr):
        assert "[bold]" not in text and "[red]" not in text and "[/" not in text


def test_no_command_writes_console_markup_into_its_messages() -> None:
    cli = Path(__file__).resolve().parents[2] / "src" / "blocs" / "cli"
    tagged = [
        f"{path.name}:{number}"
        for path in sorted(cli.glob("*.py"))
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if any(tag in line for tag in ("[bold]", "[red]", "[yellow]", "[green]", "[dim]"))
    ]
    assert tagged == []
