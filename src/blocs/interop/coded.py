"""One event row of another system, read into blocs' terms, and the reading of its values.

in:  the cells of one row of a GDELT, ICEWS or Phoenix file (the readers in `gdelt.py`,
     `icews.py`, `phoenix.py`)
out: `CodedEvent` (a row to store) or `Refused` (a row that cannot be, with the reason);
     `store_import.py` gives each event its key and writes it.

Codes stay the strings the file holds ("010", "0874", "04"); a missing value (an empty cell
or, in the ICEWS and Phoenix exports, `NA`) is None.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime

from blocs.errors import FormatError


@dataclass(frozen=True, slots=True)
class CodedEvent:
    """An event coded by another system. `row_number` is the 1-based line the row starts
    on; `row_id` the row's id in its own system. `source_country`/`target_country` are
    ISO3, or an organisation's blocs code (`NATO`, `EU`); `issue` is the ISO3 of the
    country the event took place in. `label` is the system's name of the event (ICEWS's
    "Consult"), `outlet` the news source(s) it gives; no system gives the sentence.
    `unmapped` lists what the row gives as a country but could not be mapped
    (`"country code AFR"`): those fields are None."""

    origin: str
    row_number: int
    row_id: str
    event_date: date | None
    source: str | None
    source_name: str | None
    source_country: str | None
    target: str | None
    target_name: str | None
    target_country: str | None
    cameo: str | None
    cameo_root: str | None
    quad_class: int | None
    goldstein: float | None
    plover: str | None
    issue: str | None
    url: str | None
    label: str | None
    outlet: str | None
    unmapped: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Refused:
    """A row that is of the format but cannot be stored (no id, a date that is no date)."""

    row_number: int
    reason: str


@dataclass(frozen=True, slots=True)
class CodedRows:
    """What a reader gives: the origin it found (`gdelt1` ...) and the rows, streamed.

    Iterating `rows` raises `FormatError` at the first line that breaks the format."""

    origin: str
    rows: Iterator[CodedEvent | Refused]


class BadValue(Exception):
    """A cell that should hold a date or a number holds something else; the row is refused
    with this message as its reason."""


def mapped(
    rows: Iterable[tuple[int, dict[str, str]]], event: Callable[[dict[str, str], int], CodedEvent]
) -> Iterator[CodedEvent | Refused]:
    """Each (line, cells by column name) read by `event`; a row `event` finds a bad value
    in is `Refused` with its reason. The one loop of every reader."""
    for line, cells in rows:
        try:
            yield event(cells, line)
        except BadValue as exc:
            yield Refused(line, str(exc))


def cell(value: str, na: bool = False) -> str | None:
    """The cell as a string, None when empty (or `NA`, in files that write missing so)."""
    if not value.strip() or (na and value == "NA"):
        return None
    return value


def code(value: str, na: bool = False) -> str | None:
    """A code: the cell without surrounding blanks, None when missing."""
    text = cell(value, na)
    return None if text is None else text.strip()


def day(value: str | None, pattern: str, column: str) -> date | None:
    if value is None:
        return None
    try:
        return datetime.strptime(value.strip(), pattern).date()
    except ValueError:
        raise BadValue(f"{column} is not a date") from None


def integer(value: str | None, column: str) -> int | None:
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        raise BadValue(f"{column} is not a whole number") from None


def number(value: str | None, column: str) -> float | None:
    if value is None:
        return None
    try:
        return float(value)
    except ValueError:
        raise BadValue(f"{column} is not a number") from None


def require_id(value: str | None) -> str:
    if value is None:
        raise BadValue("no event id")
    return value


def check_width(cells: list[str], widths: tuple[int, ...], line: int, what: str) -> None:
    if len(cells) not in widths:
        expected = " or ".join(str(w) for w in widths)
        raise FormatError(
            f"line {line} has {len(cells)} columns; {what} has {expected} on every row"
        )
