"""The town table is built once and then read from its cache file, with the same content."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from blocs import disk_cache
from blocs.actors.places import PlaceIndex, load_places


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(disk_cache.CACHE_FOLDER_VARIABLE, str(tmp_path))
    load_places.cache_clear()
    yield tmp_path
    load_places.cache_clear()


def _content(index: PlaceIndex) -> dict[str, tuple[str, str, int]]:
    return {
        key: (place.name, place.country, place.population) for key, place in index._places.items()
    }


def test_the_second_load_reads_the_cache_and_gives_the_same_table(cache_dir: Path) -> None:
    built = load_places()
    files = list(cache_dir.glob("places-*.pickle"))
    assert len(files) == 1
    load_places.cache_clear()
    cached = load_places()
    assert cached is not built
    assert _content(cached) == _content(built)
    aleppo = cached.find("Aleppo")
    assert aleppo is not None and aleppo.country == "SYR"


def test_a_damaged_cache_file_is_rebuilt(cache_dir: Path) -> None:
    good = _content(load_places())
    (path,) = cache_dir.glob("places-*.pickle")
    path.write_bytes(b"not a pickle")
    load_places.cache_clear()
    assert _content(load_places()) == good
    assert path.read_bytes() != b"not a pickle"


def test_an_unwritable_cache_folder_still_gives_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv(disk_cache.CACHE_FOLDER_VARIABLE, str(blocker / "cache"))
    load_places.cache_clear()
    try:
        assert load_places().find("Kharkiv") is not None
    finally:
        load_places.cache_clear()


def test_a_table_of_other_inputs_is_removed_when_the_cache_is_written(cache_dir: Path) -> None:
    stale = cache_dir / "places-0000000000000000.pickle"
    stale.write_bytes(b"")
    load_places()
    assert not stale.exists()
    assert len(list(cache_dir.glob("places-*.pickle"))) == 1
