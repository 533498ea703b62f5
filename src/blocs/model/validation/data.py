"""The alliance validation's inputs, read once: vote counts per calendar year, ATOP defence
pledges per year, and which states are in the Americas.

Input: the folder of `../shared/eval/alignment` (its README describes the files). Output:
`AllianceData`, every matrix on one state index (every state that voted in the file).
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import numpy.typing as npt

from blocs.errors import EvalError
from blocs.model.votes import VoteCounts, load_votes_csv, yearly_vote_counts

VOTES_FILE = "unga_votes_2000_2019.csv.gz"
PLEDGES_FILE = "atop_obligation_spells_2000_2018.csv"
BoolMatrix = npt.NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class AllianceData:
    """`counts[y]`: the vote counts of calendar year y; `pledged[y][a, b]`: a `defense`
    pledge in force in y between a and b, either direction; `americas[a]`: a is in the
    Americas (country_converter's continent "America")."""

    states: tuple[str, ...]
    counts: Mapping[int, VoteCounts]
    pledged: Mapping[int, BoolMatrix]
    americas: npt.NDArray[np.bool_]

    def until(self, last_year: int) -> AllianceData:
        """The same data without any vote or pledge of a year after `last_year`."""
        return AllianceData(
            self.states,
            {y: c for y, c in self.counts.items() if y <= last_year},
            {y: p for y, p in self.pledged.items() if y <= last_year},
            self.americas,
        )


def load_alliance_data(folder: Path) -> AllianceData:
    """Read the votes and the pledge spells of `folder`; an unreadable folder is an
    `EvalError` naming the missing file."""
    for name in (VOTES_FILE, PLEDGES_FILE):
        if not (folder / name).is_file():
            raise EvalError(
                f"{folder / name}: missing; --data must be the alignment folder of "
                "../shared/eval (or set $BLOCS_ALIGNMENT_DATA)"
            )
    con = duckdb.connect()
    load_votes_csv(con, folder / VOTES_FILE)
    counts = yearly_vote_counts(con)
    states = next(iter(counts.values())).states
    pledged = _defence_pledges(folder / PLEDGES_FILE, states, range(min(counts), max(counts) + 1))
    return AllianceData(states, counts, pledged, _americas(states))


def _defence_pledges(path: Path, states: tuple[str, ...], years: range) -> dict[int, BoolMatrix]:
    """Year (of `years`) -> symmetric matrix of `defense` spells in force in it
    (start_year..end_year); years without a spell in force are absent."""
    position = {s: i for i, s in enumerate(states)}
    pledged: dict[int, BoolMatrix] = {}
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                if row["obligation"] != "defense":
                    continue
                a, b = position.get(row["iso3_1"]), position.get(row["iso3_2"])
                if a is None or b is None:
                    continue
                start, end = int(row["start_year"]), int(row["end_year"])
                for year in range(max(start, years.start), min(end + 1, years.stop)):
                    matrix = pledged.setdefault(year, np.zeros((len(states),) * 2, dtype=bool))
                    matrix[a, b] = matrix[b, a] = True
    except (KeyError, ValueError) as exc:
        raise EvalError(f"{path}: not an ATOP obligation-spells file ({exc})") from exc
    return pledged


def _americas(states: tuple[str, ...]) -> npt.NDArray[np.bool_]:
    """Whether each state is in the Americas, by country_converter's continent table
    (North, Central and South America and the Caribbean are "America" there)."""
    import country_converter as coco  # slow to import: only when validating

    continents = coco.CountryConverter().convert(
        list(states), src="ISO3", to="continent", not_found=None
    )
    return np.array([c == "America" for c in continents], dtype=bool)
