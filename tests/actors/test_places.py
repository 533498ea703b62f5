"""Towns and regions by name: the table events fall back on when an argument names a place."""

from __future__ import annotations

import pytest

from blocs.actors.places import PlaceIndex, load_places


@pytest.fixture(scope="module")
def places() -> PlaceIndex:
    return load_places()


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Aleppo", "SYR"),
        ("Kharkiv", "UKR"),
        ("Kiev", "UKR"),  # an alternate name GeoNames records
        ("Rafah", "PSE"),  # the name without its diacritic, the more populous of two
        ("Tripoli", "LBY"),  # Libya's, not Lebanon's smaller Tripoli
        ("Crimea", "UKR"),  # regions.tsv
        ("the Golan Heights", "SYR"),
        ("Sana’a", "YEM"),
        ("Bali", "IDN"),  # the island (regions.tsv), not a smaller town of India
        ("Borno", "NGA"),
    ],
)
def test_a_place_resolves_to_its_country(places: PlaceIndex, name: str, country: str) -> None:
    place = places.find(name)
    assert place is not None and place.country == country


def test_unknown_names_find_nothing(places: PlaceIndex) -> None:
    assert places.find("Xqzville") is None
    assert places.find("") is None


def test_the_cheap_pre_parse_test_reads_capitalised_runs(places: PlaceIndex) -> None:
    words = [f"{w} " for w in "Russian missiles struck Gaza City and the Kherson region".split()]
    assert places.countries_named(words) == {"PSE", "UKR"}
    assert places.countries_named(["Ras ", "al", "-", "Ain"]) == {"SYR"}
    assert places.countries_named(["struck ", "gaza ", "city"]) == set()
