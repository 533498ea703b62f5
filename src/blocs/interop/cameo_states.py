"""CAMEO's country codes that are not a current ISO 3166-1 alpha-3 code, and the state-level
code blocs scores each with: CAMEO's own spellings of a state get ISO's code (`ROM` ->
`ROU`, Kosovo `KSV` -> `XKX`), states that no longer exist keep their own (`SUN`, the
USSR). The one table of them, for imported codes (`interop/codes.py`) and for actor
dictionaries (`actors/petrarch.py`); it imports nothing, so that either can use it."""

CAMEO_STATES: dict[str, str] = {
    "ROM": "ROU",  # Romania
    "ZAR": "COD",  # Zaire, the Democratic Republic of the Congo
    "KSV": "XKX",  # Kosovo
    "TMP": "TLS",  # East Timor (pre-2002 ISO code)
    "SUN": "SUN",  # USSR
    "YUG": "YUG",  # Yugoslavia
    "FRY": "FRY",  # Federal Republic of Yugoslavia
    "SCG": "SCG",  # Serbia and Montenegro
    "CSK": "CSK",  # Czechoslovakia
    "DDR": "DDR",  # German Democratic Republic
}
