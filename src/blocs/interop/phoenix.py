"""Read Phoenix (OEDA, PETRARCH-coded) events in the TwoRavens R export layout.

in:  the text of a Phoenix CSV as R's `write.csv` saved it (comma-separated, quoted
     strings, `NA` for missing, a header of 28 columns, the first two R row names)
out: `CodedRows` of origin `phoenix`

The columns are named by TwoRavens, the values are Phoenix's: `QuadClass` is Phoenix's
PentaClass (0 for the neutral CAMEO roots 01-02, which CAMEO's quad counts as verbal
cooperation, so 0 is stored as 1), `CountryCode` is the admin-1 region and `AdminInfo` the
country of the event: its ISO3 code, or in rows of the first Phoenix version (a GID without
suffix) its official name ("Republic of France"), mapped through country_converter.
`row_id` is GID (with its pipeline version suffix, `1272134_v0.2.0`); `source`/`target`
are the PETRARCH codes (`USAGOV`), whose state-level code is the organisation of an IGO
code, else their first three letters when those are a country; Phoenix gives no actor
names. `url` is URL and `outlet` is sourcetxt, both as Phoenix gives them (`;`-joined
when several stories carried the event; sourcetxt holds Phoenix's keys of the news sources,
such as `wn_world`). Phoenix gives no sentence and no label: `label` stays None.
"""

from __future__ import annotations

from collections.abc import Iterable

from blocs.interop import codes
from blocs.interop.coded import (
    CodedEvent,
    CodedRows,
    cell,
    code,
    day,
    integer,
    mapped,
    number,
    require_id,
)
from blocs.interop.delimited import header_rows

HEADER = (
    "",
    "X",
    "GID",
    "Date",
    "Year",
    "Month",
    "Day",
    "Source",
    "SrcActor",
    "SrcAgent",
    "SOthAgent",
    "Target",
    "TgtActor",
    "TgtAgent",
    "TOthAgent",
    "CAMEO",
    "RootCode",
    "QuadClass",
    "Goldstein",
    "None",
    "Lat",
    "Lon",
    "Geoname",
    "CountryCode",
    "AdminInfo",
    "ID",
    "URL",
    "sourcetxt",
)


def read_phoenix(lines: Iterable[str]) -> CodedRows:
    return CodedRows(
        "phoenix", mapped(header_rows(lines, ",", HEADER, "a Phoenix CSV export"), _event)
    )


def _event(c: dict[str, str], line: int) -> CodedEvent:
    unmapped: list[str] = []

    def country(actor: str | None) -> str | None:
        if actor is None:
            return None
        found = codes.organisation(actor) or codes.state(actor[:3])
        if found is None and actor.startswith("IGO"):
            unmapped.append(f"organisation code {actor}")
        return found

    source, target = code(c["Source"], na=True), code(c["Target"], na=True)
    source_country, target_country = country(source), country(target)
    place = code(c["AdminInfo"], na=True)
    issue = None if place is None else codes.state(place) or codes.state_named(place)
    if issue is None and place is not None:
        unmapped.append(f"place {place}")
    cameo = code(c["CAMEO"], na=True)
    penta = integer(code(c["QuadClass"], na=True), "QuadClass")
    return CodedEvent(
        origin="phoenix",
        row_number=line,
        row_id=require_id(code(c["GID"], na=True)),
        event_date=day(code(c["Date"], na=True), "%Y%m%d", "Date"),
        source=source,
        source_name=None,
        source_country=source_country,
        target=target,
        target_name=None,
        target_country=target_country,
        cameo=cameo,
        cameo_root=codes.root(cameo),
        quad_class=1 if penta == 0 else penta,
        goldstein=number(code(c["Goldstein"], na=True), "Goldstein"),
        plover=codes.plover(cameo),
        issue=issue,
        url=cell(c["URL"], na=True),
        label=None,
        outlet=cell(c["sourcetxt"], na=True),
        unmapped=tuple(unmapped),
    )
