"""UN General Assembly roll-call votes -> the store's `votes` and `roll_calls` tables.

in:  the votes file (one row per roll call and voting state: `rcid, session, date, iso3,
     cow_code, vote`) and optionally the roll-calls file (`rcid, session, date, unres,
     importantvote, amend, para, issues, short, descr`), CSV with a header, gzip or plain
     (the layout of `shared/eval/alignment/`, from the unvotes package)
out: rows of `votes` (keyed by roll call and ISO3 state) and `roll_calls` (keyed by rcid),
     one row of `imports` per file, and an `UngaReport`

Absences are not votes: a state that did not vote has no row. A row is refused, and counted
by reason, when its vote is not yes/abstain/no, its state is no ISO3 code, its roll call id
is missing, or its date or session do not parse; exact copies of a row count once
("repeated in the file"), copies that disagree are all refused; rows stored already are
skipped. In the roll calls, `importantvote` empty is unknown (NULL), `amend`/`para` empty
is "no" (the files mark only the 1s), and `issues` is split on `;`.

DuckDB reads, checks and inserts the files in SQL (`read_csv` with every column as text,
so codes stay strings): 321,308 votes take about a second. Both files are one
transaction.
"""

from __future__ import annotations

import csv
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from blocs.errors import InteropError, StoreError
from blocs.interop import files
from blocs.interop.report import ImportReport, UngaReport, ranked
from blocs.interop.store_import import ALREADY_STORED, record_import
from blocs.store.db import Store, new_run_id

VOTE_COLUMNS = ("rcid", "session", "date", "iso3", "cow_code", "vote")
ROLL_CALL_COLUMNS = (
    "rcid",
    "session",
    "date",
    "unres",
    "importantvote",
    "amend",
    "para",
    "issues",
    "short",
    "descr",
)
REPEATED = "repeated in the file"
CONTRADICTED = "copies that disagree in the file"
VOTES = ("yes", "abstain", "no")


@dataclass(frozen=True, slots=True)
class _Layout:
    """One of the two files: its columns, how a row is refused, its key and stored values
    (SQL over the temporary table `unga_in` of trimmed text cells)."""

    what: str
    origin: str
    table: str
    columns: tuple[str, ...]
    checks: str
    key: str
    values: str
    renamed: tuple[tuple[str, str], ...] = ()

    def cells(self) -> str:
        """The file's columns trimmed, empty as NULL, renamed where the store's differ."""
        names = dict(self.renamed)
        return ", ".join(f"nullif(trim({c}), '') AS {names.get(c, c)}" for c in self.columns)


def _flag(column: str, empty: str) -> str:
    return (
        f"CASE WHEN {column} IS NULL THEN {empty} WHEN {column} = '1' THEN TRUE"
        f" WHEN {column} = '0' THEN FALSE END"
    )


_VOTES = _Layout(
    what="a UNGA votes file",
    origin="unga_votes",
    table="votes",
    columns=VOTE_COLUMNS,
    checks=f"""
        WHEN country IS NULL OR NOT regexp_full_match(country, '[A-Z]{{3}}')
            THEN 'state not an ISO3 code'
        WHEN vote IS NULL OR vote NOT IN {VOTES} THEN 'vote not yes, abstain or no'""",
    key="rcid, country",
    values="rcid, country, vote, TRY_CAST(date AS DATE) AS vote_date,"
    " TRY_CAST(session AS INTEGER) AS session",
    renamed=(("iso3", "country"),),
)
_ROLL_CALLS = _Layout(
    what="a UNGA roll-calls file",
    origin="unga_roll_calls",
    table="roll_calls",
    columns=ROLL_CALL_COLUMNS,
    checks="""
        WHEN importantvote NOT IN ('0', '1') THEN 'importantvote not 0 or 1'
        WHEN amend NOT IN ('0', '1') THEN 'amend not 0 or 1'
        WHEN para NOT IN ('0', '1') THEN 'para not 0 or 1'""",
    key="rcid",
    values=", ".join(
        [
            "rcid",
            "TRY_CAST(session AS INTEGER) AS session",
            "TRY_CAST(date AS DATE) AS vote_date",
            "unres AS resolution",
            f"{_flag('importantvote', 'NULL')} AS important",
            f"{_flag('amend', 'FALSE')} AS amendment",
            f"{_flag('para', 'FALSE')} AS paragraph",
            "list_filter(list_transform(string_split(coalesce(issues, ''), ';'),"
            " lambda x: trim(x)), lambda x: x <> '') AS issues",
            "short",
            "descr AS description",
        ]
    ),
)
_TEMP_TABLES = ("unga_in", "unga_distinct", "unga_conflicts", "unga_new")


def import_unga(
    store: Store, votes_path: Path | str, roll_calls_path: Path | str | None = None
) -> UngaReport:
    """Import UNGA votes (and roll calls). Raises `InteropError` naming the file when a
    file is missing, unreadable or not of its layout; then nothing is written."""
    votes_file = _checked(votes_path, _VOTES)
    roll_calls_file = None if roll_calls_path is None else _checked(roll_calls_path, _ROLL_CALLS)
    con = store.con
    con.execute("BEGIN TRANSACTION")
    try:
        votes = _import(con, votes_file, _VOTES)
        roll_calls = None if roll_calls_file is None else _import(con, roll_calls_file, _ROLL_CALLS)
        con.execute("COMMIT")
    except duckdb.Error as exc:
        con.execute("ROLLBACK")
        raise StoreError(f"UNGA import not written, the store refused it ({exc})") from exc
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return UngaReport(votes, roll_calls)


def _checked(path: Path | str, layout: _Layout) -> Path:
    """The resolved file, once its header is the layout's."""
    source = files.resolve(path)
    header = next(csv.reader([files.first_row_text(source)]), [])
    if tuple(header) != layout.columns:
        raise InteropError(
            f"{source}: not {layout.what}: its header must be {','.join(layout.columns)}; "
            f"found {','.join(header)[:120]!r}"
        )
    return source


def _read_csv(path: Path, columns: tuple[str, ...]) -> str:
    """A `read_csv` call (the path is its one parameter) giving every column as text."""
    types = ", ".join(f"'{c}': 'VARCHAR'" for c in columns)
    compression = "gzip" if files.is_gzip(path) else "none"
    return (
        "read_csv(?, header = true, auto_detect = false, delim = ',', quote = '\"',"
        f" escape = '\"', strict_mode = true, compression = '{compression}',"
        f" columns = {{{types}}})"
    )


def _import(con: duckdb.DuckDBPyConnection, path: Path, layout: _Layout) -> ImportReport:
    started = time.monotonic()
    now = datetime.now(UTC)
    import_id = new_run_id()
    try:
        con.execute(
            "CREATE TEMP TABLE unga_in AS SELECT *, CASE"
            " WHEN rcid IS NULL THEN 'no roll call id'"
            " WHEN date IS NOT NULL AND TRY_CAST(date AS DATE) IS NULL"
            " THEN 'date not YYYY-MM-DD'"
            " WHEN session IS NOT NULL AND TRY_CAST(session AS INTEGER) IS NULL"
            " THEN 'session not a number'"
            f" {layout.checks} END AS refusal"
            f" FROM (SELECT {layout.cells()} FROM {_read_csv(path, layout.columns)})",
            [str(path)],
        )
    except duckdb.Error as exc:
        raise InteropError(f"{path}: not {layout.what} ({_csv_problem(exc)})") from exc
    skipped: Counter[str] = Counter(
        dict(
            con.execute(
                "SELECT refusal, count(*) FROM unga_in WHERE refusal IS NOT NULL GROUP BY refusal"
            ).fetchall()
        )
    )
    con.execute(
        f"CREATE TEMP TABLE unga_distinct AS SELECT DISTINCT {layout.values}"
        " FROM unga_in WHERE refusal IS NULL"
    )
    con.execute(
        f"CREATE TEMP TABLE unga_conflicts AS SELECT {layout.key} FROM unga_distinct"
        " GROUP BY ALL HAVING count(*) > 1"
    )
    con.execute(
        "CREATE TEMP TABLE unga_new AS SELECT d.* FROM unga_distinct d"
        f" ANTI JOIN unga_conflicts USING ({layout.key})"
    )
    read, valid, conflicting, unique = _counts(con, layout)
    added = _count(
        con,
        f"INSERT INTO {layout.table} BY NAME"
        " SELECT n.*, ? AS source_file, ? AS import_id FROM unga_new n"
        f" ANTI JOIN {layout.table} USING ({layout.key})",
        [str(path), import_id],
    )
    skipped[CONTRADICTED] += conflicting
    skipped[REPEATED] += valid - conflicting - unique
    skipped[ALREADY_STORED] += unique - added
    for table in _TEMP_TABLES:
        con.execute(f"DROP TABLE {table}")
    report = ImportReport(
        import_id=import_id,
        origin=layout.origin,
        table=layout.table,
        source_file=str(path),
        file_sha256=files.sha256(path),
        rows_read=read,
        rows_added=added,
        skipped=ranked(+skipped),
        seconds=round(time.monotonic() - started, 3),
    )
    record_import(con, report, now)
    return report


def _counts(con: duckdb.DuckDBPyConnection, layout: _Layout) -> tuple[int, int, int, int]:
    """Rows read, rows without a refusal, of those the rows whose key has copies that
    disagree, and the distinct rows left."""
    read = _count(con, "SELECT count(*) FROM unga_in")
    valid = _count(con, "SELECT count(*) FROM unga_in WHERE refusal IS NULL")
    conflicting = _count(
        con,
        f"SELECT count(*) FROM unga_in i SEMI JOIN unga_conflicts USING ({layout.key})"
        " WHERE i.refusal IS NULL",
    )
    return read, valid, conflicting, _count(con, "SELECT count(*) FROM unga_new")


def _count(con: duckdb.DuckDBPyConnection, sql: str, parameters: list[str] | None = None) -> int:
    row = con.execute(sql, parameters or []).fetchone()
    return int(row[0]) if row else 0


def _csv_problem(exc: duckdb.Error) -> str:
    """DuckDB's CSV error without its advice: the line, and what was wrong with it."""
    lines = [line.strip() for line in str(exc).splitlines() if line.strip()]
    kept = [line for line in lines[:4] if not line.startswith(("Possible fixes", "*"))]
    return "; ".join(kept).removeprefix("Invalid Input Error: ")
