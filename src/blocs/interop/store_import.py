"""Coded events of another system -> the store's `coded_events` table, one file at a time.

in:  a GDELT, ICEWS or Phoenix file (gzip or plain) and an open `Store`
out: rows of `coded_events` with their provenance (source file, line, the row's own id,
     import id, time, blocs version), one row of `imports`, and an `ImportReport`

Each row's key is `origin:row_id` (`gdelt2:881990832`). A system's id should be unique; when
one repeats within a file, its first row keeps the key and each later one gets
`#<line>` appended (counted in the report's notes). A row whose key is stored already is
skipped, so importing a file twice adds nothing. Each file is one transaction: a format
error at any line leaves nothing of the file in the store.

The file is streamed and written in chunks of `CHUNK` rows; only the set of keys seen
in the file is held whole.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa

from blocs import __version__
from blocs.errors import FormatError, InteropError, StoreError
from blocs.interop import files
from blocs.interop.coded import CodedEvent, CodedRows, Refused
from blocs.interop.gdelt import read_gdelt
from blocs.interop.icews import read_icews
from blocs.interop.phoenix import read_phoenix
from blocs.interop.report import ImportReport, ranked
from blocs.store.aggregates import refresh
from blocs.store.db import Store, new_run_id

CHUNK = 20_000

READERS: dict[str, Callable[[Iterable[str]], CodedRows]] = {
    "gdelt": read_gdelt,
    "gdelt1": lambda lines: read_gdelt(lines, "gdelt1"),
    "gdelt2": lambda lines: read_gdelt(lines, "gdelt2"),
    "icews": read_icews,
    "phoenix": read_phoenix,
}
EVENT_FORMATS = tuple(READERS)

_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("origin", pa.string()),
        ("row_number", pa.int64()),
        ("row_id", pa.string()),
        ("event_date", pa.date32()),
        ("source", pa.string()),
        ("source_name", pa.string()),
        ("source_country", pa.string()),
        ("target", pa.string()),
        ("target_name", pa.string()),
        ("target_country", pa.string()),
        ("cameo", pa.string()),
        ("cameo_root", pa.string()),
        ("quad_class", pa.int32()),
        ("goldstein", pa.float64()),
        ("plover", pa.string()),
        ("issue", pa.string()),
        ("url", pa.string()),
        ("label", pa.string()),
        ("outlet", pa.string()),
    ]
)
_STORED: tuple[str, ...] = tuple(_SCHEMA.names)
_EVENT_FIELDS = tuple(name for name in _STORED if name != "event_id")
_COLUMNS = ", ".join(_STORED)
_INSERT = (
    f"INSERT INTO coded_events ({_COLUMNS}, source_file, import_id, imported_at, blocs_version)"
    f" SELECT {_COLUMNS}, ?, ?, ?, ? FROM incoming_events i"
    " WHERE NOT EXISTS (SELECT 1 FROM coded_events c WHERE c.event_id = i.event_id)"
)
ALREADY_STORED = "already stored"
REPEATED_ID = "id repeated in the file (made unique with its line number)"


@dataclass
class _Tally:
    read: int = 0
    added: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    notes: Counter[str] = field(default_factory=Counter)
    first_refusal: Refused | None = None


def import_events(store: Store, path: Path | str, origin: str) -> ImportReport:
    """Import one event file of `origin` (`gdelt` for either GDELT version, `gdelt1`,
    `gdelt2`, `icews`, `phoenix`). Raises `InteropError` naming the file when it is
    missing, unreadable or not of the format; then nothing is written."""
    if origin not in READERS:
        raise InteropError(f"unknown event format {origin!r}: one of {', '.join(READERS)}")
    started = time.monotonic()
    source = files.resolve(path)
    sha = files.sha256(source)
    import_id = new_run_id()
    now = datetime.now(UTC)
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        with files.open_text(source) as text:
            coded = READERS[origin](text)
            tally = _write(con, coded, [str(source), import_id, now, __version__])
            refusal = tally.first_refusal
            if refusal is not None and tally.added + tally.skipped[ALREADY_STORED] == 0:
                raise FormatError(
                    f"none of its {tally.read} rows could be read "
                    f"(line {refusal.row_number}: {refusal.reason})"
                )
        report = ImportReport(
            import_id=import_id,
            origin=coded.origin,
            table="coded_events",
            source_file=str(source),
            file_sha256=sha,
            rows_read=tally.read,
            rows_added=tally.added,
            skipped=ranked(tally.skipped),
            notes=ranked(tally.notes),
            seconds=round(time.monotonic() - started, 3),
        )
        record_import(con, report, now)
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise StoreError(f"{source}: not imported, the store refused it ({exc})") from exc
    except BaseException:
        con.execute("ROLLBACK")
        raise
    refresh(con)  # the model's month sums take in the new rows now, not at the next query
    return report


def _write(con: duckdb.DuckDBPyConnection, coded: CodedRows, provenance: list[object]) -> _Tally:
    tally = _Tally()
    seen: set[str] = set()
    chunk: list[dict[str, object]] = []
    for item in coded.rows:
        tally.read += 1
        if isinstance(item, Refused):
            tally.skipped[item.reason] += 1
            tally.first_refusal = tally.first_refusal or item
            continue
        chunk.append(_row(item, seen, tally))
        if len(chunk) >= CHUNK:
            _flush(con, chunk, provenance, tally)
            chunk = []
    _flush(con, chunk, provenance, tally)
    return tally


def _row(event: CodedEvent, seen: set[str], tally: _Tally) -> dict[str, object]:
    key = f"{event.origin}:{event.row_id}"
    if key in seen:
        tally.notes[REPEATED_ID] += 1
        key = f"{key}#{event.row_number}"
    seen.add(key)
    tally.notes.update(event.unmapped)
    row: dict[str, object] = {name: getattr(event, name) for name in _EVENT_FIELDS}
    row["event_id"] = key
    return row


def _flush(
    con: duckdb.DuckDBPyConnection,
    chunk: list[dict[str, object]],
    provenance: list[object],
    tally: _Tally,
) -> None:
    if not chunk:
        return
    con.register("incoming_events", pa.Table.from_pylist(chunk, schema=_SCHEMA))
    try:
        result = con.execute(_INSERT, provenance).fetchone()
    finally:
        con.unregister("incoming_events")
    added = int(result[0]) if result else 0
    tally.added += added
    if len(chunk) > added:
        tally.skipped[ALREADY_STORED] += len(chunk) - added


def record_import(con: duckdb.DuckDBPyConnection, report: ImportReport, at: datetime) -> None:
    """One row of `imports` for one file read (re-imports too: it is the log)."""
    con.execute(
        "INSERT INTO imports (import_id, origin, source_file, file_sha256, rows_read,"
        " rows_added, rows_skipped, blocs_version, imported_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            report.import_id,
            report.origin,
            report.source_file,
            report.file_sha256,
            report.rows_read,
            report.rows_added,
            report.rows_skipped,
            __version__,
            at,
        ],
    )
