"""How much one event weighs, and how that weight fades with time.

An event's signed intensity x lies in [-1, 1]:

* `goldstein` (default): x = goldstein / 10, the Goldstein (1992) weight of its CAMEO code
  (+10 military assistance ... -10 military attack);
* `quad`: x by its quad class only, the mean Goldstein weight of that class's CAMEO codes
  divided by ten: verbal cooperation +0.35, material cooperation +0.7, verbal conflict -0.45,
  material conflict -0.75. It treats every event of a class alike, so one miscoded verb
  weighs less.

Either way an event without a Goldstein weight falls back to its quad-class intensity, and
one with neither weighs 0. The event's weight is w = x * confidence (imported events have
confidence 1). Cooperation is the sum of the positive weights, conflict the sum of the
negative ones (kept as a positive number).

Time: a weight counts 2^(-age / half_life) at a reference date, age being the days from the
event to that date: an event one half-life old counts half.
"""

from __future__ import annotations

from typing import Literal, cast, get_args

import numpy as np
import numpy.typing as npt

from blocs.errors import ModelError

Intensity = Literal["goldstein", "quad"]
INTENSITIES: tuple[str, ...] = get_args(Intensity)

QUAD_INTENSITY = {1: 0.35, 2: 0.7, 3: -0.45, 4: -0.75}

_QUAD_SQL = (
    "CASE quad_class "
    + " ".join(f"WHEN {q} THEN {x}" for q, x in QUAD_INTENSITY.items())
    + " ELSE 0.0 END"
)


def parse_intensity(value: str) -> Intensity:
    """`goldstein` or `quad`, else a ModelError naming both."""
    if value not in INTENSITIES:
        raise ModelError(f"intensity {value!r}: use one of {', '.join(INTENSITIES)}")
    return cast(Intensity, value)


def intensity_sql(intensity: Intensity) -> str:
    """The SQL expression of x over `evidence_events` columns."""
    if intensity == "quad":
        return f"({_QUAD_SQL})"
    return f"coalesce(greatest(-10.0, least(10.0, goldstein)) / 10.0, {_QUAD_SQL})"


def decay(age_days: npt.NDArray[np.float64], half_life_days: float) -> npt.NDArray[np.float64]:
    """2^(-age / half_life): the share of its weight an event keeps after `age_days`."""
    result: npt.NDArray[np.float64] = np.exp2(-age_days / half_life_days)
    return result
