"""Read GDELT event files: 2.0 exports (61 columns) and 1.0 files (57 or 58 columns).

in:  the text of a GDELT events file: tab-separated, no header, no quoting
out: `CodedRows` of origin `gdelt2` or `gdelt1`, told by the width of the first row

GDELT 2.0 rows have 61 columns on every row. GDELT 1.0 rows have 58 (the daily-update
layout: 2.0's less the three `*Geo_ADM2Code` columns, SOURCEURL last) or 57 (the back-file
layout, without SOURCEURL); one file may mix both. Any other width is a format error.

Mapping: `source`/`target` are Actor1Code/Actor2Code and their names; the state-level code
is the organisation of an IGO actor code, else Actor*CountryCode (see `codes.py`), else
Actor*KnownGroupCode when it is an organisation's blocs code (`NATO`: blocs' own GDELT
exports write organisations so, `gdelt_export.py`); `cameo`
is EventCode and `cameo_root` EventRootCode, as written; `issue` is ActionGeo_CountryCode
(FIPS) as ISO3; `url` is SOURCEURL.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Iterable, Iterator

from blocs.actors.knowledge import load_igos
from blocs.errors import FormatError
from blocs.interop import codes
from blocs.interop.coded import (
    CodedEvent,
    CodedRows,
    cell,
    check_width,
    code,
    day,
    integer,
    mapped,
    number,
    require_id,
)

_ACTOR = (
    "Code",
    "Name",
    "CountryCode",
    "KnownGroupCode",
    "EthnicCode",
    "Religion1Code",
    "Religion2Code",
    "Type1Code",
    "Type2Code",
    "Type3Code",
)
_EVENT = (
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
)
_GEO_2 = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
_GEO_1 = tuple(field for field in _GEO_2 if field != "ADM2Code")


def _columns(geo: tuple[str, ...]) -> tuple[str, ...]:
    return (
        "GLOBALEVENTID",
        "SQLDATE",
        "MonthYear",
        "Year",
        "FractionDate",
        *(f"{actor}{f}" for actor in ("Actor1", "Actor2") for f in _ACTOR),
        *_EVENT,
        *(f"{who}Geo_{f}" for who in ("Actor1", "Actor2", "Action") for f in geo),
        "DATEADDED",
        "SOURCEURL",
    )


COLUMNS_2 = _columns(_GEO_2)  # 61
COLUMNS_1 = _columns(_GEO_1)  # 58; the 57-column layout lacks the last, SOURCEURL
_WIDTHS = {"gdelt2": (len(COLUMNS_2),), "gdelt1": (len(COLUMNS_1) - 1, len(COLUMNS_1))}
_NAMES = {"gdelt2": "a GDELT 2.0 file", "gdelt1": "a GDELT 1.0 file"}


@functools.cache
def known_organisations() -> frozenset[str]:
    """The organisations' blocs codes (igos.tsv), as a KnownGroupCode may hold them."""
    return frozenset(entry.code for entry in load_igos())


def read_gdelt(lines: Iterable[str], origin: str | None = None) -> CodedRows:
    """The rows of a GDELT file; `origin` `gdelt1` or `gdelt2` insists on that version,
    None takes the version the first row's width says."""
    numbered = (
        (line_number, line.rstrip("\r\n"))
        for line_number, line in enumerate(lines, start=1)
        if line.strip()
    )
    first = next(numbered, None)
    if first is None:
        raise FormatError("empty: no GDELT rows")
    width = len(first[1].split("\t"))
    found = next((o for o, widths in _WIDTHS.items() if width in widths), None)
    if found is None or (origin is not None and found != origin):
        wanted = [origin] if origin else list(_WIDTHS)
        expected = "; ".join(
            f"{_NAMES[o].removeprefix('a ')} rows have {' or '.join(str(w) for w in _WIDTHS[o])}"
            for o in wanted
        )
        raise FormatError(
            f"line {first[0]} has {width} tab-separated columns; {expected} (not a GDELT file?)"
        )
    rows = _rows(itertools.chain([first], numbered), found)
    return CodedRows(found, mapped(rows, functools.partial(_event, origin=found)))


def _rows(numbered: Iterator[tuple[int, str]], origin: str) -> Iterator[tuple[int, dict[str, str]]]:
    columns = COLUMNS_2 if origin == "gdelt2" else COLUMNS_1
    for line, text in numbered:
        cells = text.split("\t")
        check_width(cells, _WIDTHS[origin], line, _NAMES[origin])
        yield line, dict(zip(columns, cells, strict=False))


def _event(c: dict[str, str], line: int, origin: str) -> CodedEvent:
    unmapped: list[str] = []

    def country(actor: str) -> str | None:
        given = code(c[f"{actor}CountryCode"])
        found = codes.actor_country(code(c[f"{actor}Code"]), given)
        group = code(c[f"{actor}KnownGroupCode"])
        if found is None and group in known_organisations():
            found = group
        if found is None and given is not None:
            unmapped.append(f"country code {given}")
        return found

    source_country, target_country = country("Actor1"), country("Actor2")
    place = code(c["ActionGeo_CountryCode"])
    issue = codes.fips_state(place)
    if issue is None and place is not None:
        unmapped.append(f"place code {place}")
    cameo = code(c["EventCode"])
    return CodedEvent(
        origin=origin,
        row_number=line,
        row_id=require_id(code(c["GLOBALEVENTID"])),
        event_date=day(code(c["SQLDATE"]), "%Y%m%d", "SQLDATE"),
        source=code(c["Actor1Code"]),
        source_name=cell(c["Actor1Name"]),
        source_country=source_country,
        target=code(c["Actor2Code"]),
        target_name=cell(c["Actor2Name"]),
        target_country=target_country,
        cameo=cameo,
        cameo_root=code(c["EventRootCode"]),
        quad_class=integer(code(c["QuadClass"]), "QuadClass"),
        goldstein=number(code(c["GoldsteinScale"]), "GoldsteinScale"),
        plover=codes.plover(cameo),
        issue=issue,
        url=cell(c.get("SOURCEURL", "")),
        label=None,
        outlet=None,
        unmapped=tuple(unmapped),
    )
