"""`blocs report`: the alignment model of a store written as one self-contained HTML page.

The page (`index.html` in the output folder) holds its figures as inline SVG and its
stylesheet inline, fetches nothing, and links every number in its tables to the events and
sentences behind it, further down the same page. The same store and options give the same
bytes: the model is seeded and nothing in the page depends on the clock.
"""

from __future__ import annotations

import os
from pathlib import Path

from blocs.model.queries import Selection
from blocs.report.figures import draw
from blocs.report.gather import ReportData, ReportOptions, gather
from blocs.report.render import render_index
from blocs.store.db import Store

INDEX = "index.html"


def render_report(data: ReportData, *, store_name: str) -> str:
    """The page of gathered data."""
    return render_index(data, draw(data), store_name=store_name)


def _write_atomically(path: Path, text: str) -> None:
    """Readers of `path` see the old page or the new one, never half of it."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_text(text, encoding="utf-8")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def build_report(
    db: Path, out_dir: Path, selection: Selection, options: ReportOptions | None = None
) -> list[Path]:
    """Writes the report of the store `db` into `out_dir` (created if needed) and returns
    the files written. The store is held only while the model reads it."""
    with Store(db, read_only=True) as store:
        data = gather(store.con, selection, options or ReportOptions())
    out_dir.mkdir(parents=True, exist_ok=True)
    index = out_dir / INDEX
    _write_atomically(index, render_report(data, store_name=db.name))
    return [index]
