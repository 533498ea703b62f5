"""Read ICEWS coded event data in the Dataverse layout (tab-separated, with a header).

in:  the text of an ICEWS events file (the yearly Dataverse files, or readr's write_tsv of
     them, which writes missing values as `NA`)
out: `CodedRows` of origin `icews`

ICEWS names its actors ("Foreign Affairs (Bangladesh)") and their countries ("Bangladesh"),
without codes: `source`/`target` stay None, the names are kept, and the countries become
ISO3 through country_converter (an actor without a country that is an organisation blocs
knows, "European Union", gets its code). `cameo` is CAMEO Code, `goldstein` is Intensity
(ICEWS's Goldstein-style scale), the quad class comes from the CAMEO codebook, `issue` is
the event's Country as ISO3, `label` is Event Text (the CAMEO label ICEWS gives, "Consult",
not a sentence: ICEWS publishes none; Story ID and Sentence Number point into a corpus it
does not publish either), `outlet` is Publisher. Symmetric events are already two rows, one per
direction, in ICEWS; they are kept as they are.
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
    mapped,
    number,
    require_id,
)
from blocs.interop.delimited import header_rows

HEADER = (
    "Event ID",
    "Event Date",
    "Source Name",
    "Source Sectors",
    "Source Country",
    "Event Text",
    "CAMEO Code",
    "Intensity",
    "Target Name",
    "Target Sectors",
    "Target Country",
    "Story ID",
    "Sentence Number",
    "Publisher",
    "City",
    "District",
    "Province",
    "Country",
    "Latitude",
    "Longitude",
)


def read_icews(lines: Iterable[str]) -> CodedRows:
    return CodedRows(
        "icews", mapped(header_rows(lines, "\t", HEADER, "an ICEWS events file"), _event)
    )


def _event(c: dict[str, str], line: int) -> CodedEvent:
    unmapped: list[str] = []

    def country(column: str, actor_name: str | None) -> str | None:
        name = cell(c[column], na=True)
        if name is None:
            return codes.organisation_named(actor_name)
        found = codes.state_named(name)
        if found is None:
            unmapped.append(f"country name {name}")
        return found

    source_name = cell(c["Source Name"], na=True)
    target_name = cell(c["Target Name"], na=True)
    source_country = country("Source Country", source_name)
    target_country = country("Target Country", target_name)
    issue = country("Country", None)
    cameo = code(c["CAMEO Code"], na=True)
    return CodedEvent(
        origin="icews",
        row_number=line,
        row_id=require_id(code(c["Event ID"], na=True)),
        event_date=day(code(c["Event Date"], na=True), "%Y-%m-%d", "Event Date"),
        source=None,
        source_name=source_name,
        source_country=source_country,
        target=None,
        target_name=target_name,
        target_country=target_country,
        cameo=cameo,
        cameo_root=codes.root(cameo),
        quad_class=codes.quad_class(cameo),
        goldstein=number(code(c["Intensity"], na=True), "Intensity"),
        plover=codes.plover(cameo),
        issue=issue,
        url=None,
        label=cell(c["Event Text"], na=True),
        outlet=cell(c["Publisher"], na=True),
        unmapped=tuple(unmapped),
    )
