"""Small event and vote files written in the tests, and a fresh store for each test."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest

from blocs.interop.gdelt import COLUMNS_1, COLUMNS_2
from blocs.interop.icews import HEADER as ICEWS_HEADER
from blocs.store.db import Store

EVENTS = "eval/events"
ALIGNMENT = "eval/alignment"


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "store.duckdb") as opened:
        yield opened


def gdelt_row(version: int, width: int | None = None, **values: str) -> str:
    """One GDELT line: every column empty but those named (`EventCode="040"`)."""
    columns = COLUMNS_2 if version == 2 else COLUMNS_1
    cells = [values.get(name, "") for name in columns][: width or len(columns)]
    return "\t".join(cells) + "\n"


def icews_row(**values: str) -> str:
    """One ICEWS line: `NA` in every column but those named (spaces for underscores)."""
    named = {name.replace("_", " "): value for name, value in values.items()}
    return "\t".join(named.get(name, "NA") for name in ICEWS_HEADER) + "\n"


def icews_file(path: Path, *rows: str) -> Path:
    path.write_text("\t".join(ICEWS_HEADER) + "\n" + "".join(rows), encoding="utf-8")
    return path


def write(path: Path, text: str, compress: bool = False) -> Path:
    if compress:
        path.write_bytes(gzip.compress(text.encode("utf-8")))
    else:
        path.write_text(text, encoding="utf-8")
    return path


def count(store: Store, sql: str) -> int:
    row = store.con.execute(sql).fetchone()
    assert row is not None
    return int(row[0])
