"""Rows of a delimited text file with a header (ICEWS, Phoenix), with their line numbers."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator, Sequence

from blocs.errors import FormatError
from blocs.interop.coded import check_width


def header_rows(
    lines: Iterable[str], delimiter: str, header: Sequence[str], what: str
) -> Iterator[tuple[int, dict[str, str]]]:
    """(line the row starts on, cells by column name) of every row after a header that
    must be `header`.

    Quoted cells may span lines; blank lines are skipped. Raises `FormatError` when the
    header differs, a row has another width, or the quoting is broken."""
    reader = csv.reader(lines, delimiter=delimiter)
    seen_header = False
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise FormatError(f"line {start}: {exc}") from exc
        if not cells:
            continue
        if not seen_header:
            _check_header(cells, header, start, delimiter, what)
            seen_header = True
            continue
        check_width(cells, (len(header),), start, what)
        yield start, dict(zip(header, cells, strict=True))
    if not seen_header:
        raise FormatError(f"empty: no header row ({what} starts with one)")


def _check_header(
    cells: list[str], header: Sequence[str], line: int, delimiter: str, what: str
) -> None:
    if tuple(cells) != tuple(header):
        shown = delimiter.join(cells)[:120]
        raise FormatError(
            f"line {line} is not the header of {what} ({len(header)} columns: "
            f"{', '.join(header[:4])}, ...); found {shown!r}"
        )
