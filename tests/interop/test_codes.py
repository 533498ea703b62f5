"""CAMEO country codes in blocs' state-level terms."""

from __future__ import annotations

from blocs.interop import codes


def test_cameo_spellings_and_former_states_map_regions_do_not() -> None:
    assert [codes.state(c) for c in ("FRA", "ROM", "ZAR", "KSV", "SUN", "DDR")] == [
        "FRA",
        "ROU",
        "COD",
        "XKX",
        "SUN",
        "DDR",
    ]
    assert [codes.state(c) for c in ("AFR", "EUR", "WST", "XYZ", None)] == [None] * 5
