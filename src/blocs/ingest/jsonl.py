"""Reader for JSONL inputs: one `{"id", "text", "date", "url", "title"}` object a line.

Each line is read on its own: a line that is not UTF-8, not a JSON object, too long, or
holds a field of the wrong type becomes an `InputFailure` naming the file and the line, and
the lines after it are still read. A `date` that names no calendar day is dropped (the
document has no date) rather than failing a line whose text is fine.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from blocs.errors import IngestError
from blocs.ingest.dates import parse_iso_date
from blocs.ingest.files import MAX_FILE_BYTES, looks_like_html
from blocs.records import InputFailure, RawDocument

_TEXT_FIELDS = ("id", "url", "title", "outlet", "author")


def read_jsonl(
    path: Path, line_limit: int = MAX_FILE_BYTES
) -> Iterator[RawDocument | InputFailure]:
    """One raw document per line; a bad line yields a failure naming file and line number.

    A line over `line_limit` bytes is refused without being held in memory.
    """
    try:
        fh = path.open("rb")
    except OSError as exc:
        yield InputFailure(str(path), "ingest", f"cannot read ({exc.strerror or exc})")
        return
    number = 0
    with fh:
        try:
            for number, line in enumerate(_lines(fh, line_limit), start=1):
                source = f"{path}#line-{number}"
                if line is None:
                    message = f"the line is over the {line_limit}-byte limit; split it"
                    yield InputFailure(source, "ingest", message)
                    continue
                if not line.strip():
                    continue
                try:
                    yield _document(path, source, line)
                except IngestError as exc:
                    yield InputFailure(source, "ingest", str(exc))
        except OSError as exc:
            message = f"cannot read further ({exc.strerror or exc})"
            yield InputFailure(f"{path}#line-{number + 1}", "ingest", message)


def _lines(fh: BinaryIO, limit: int) -> Iterator[bytes | None]:
    """The file's lines, split at `\\n` only; None for a line over `limit` bytes, which is
    skipped a piece at a time."""
    while line := fh.readline(limit + 1):
        if len(line) > limit and not line.endswith(b"\n"):
            while (rest := fh.readline(limit)) and not rest.endswith(b"\n"):
                pass
            yield None
        else:
            yield line


def _document(path: Path, source: str, line: bytes) -> RawDocument:
    """The document one line holds; `IngestError` saying what is wrong with the line."""
    try:
        text_line = line.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"not valid UTF-8 (byte 0x{line[exc.start]:02x} at column {exc.start + 1})"
        ) from exc
    try:
        record = json.loads(text_line)
    except json.JSONDecodeError as exc:
        raise IngestError(f"not valid JSON ({exc.msg} at column {exc.colno})") from exc
    except ValueError as exc:  # an integer past int's string-conversion limit
        limit = sys.get_int_max_str_digits()
        raise IngestError(f"not readable JSON (a number of over {limit} digits)") from exc
    except RecursionError as exc:
        raise IngestError("not readable JSON (arrays or objects nested too deeply)") from exc
    text = record.get("text") if isinstance(record, dict) else None
    if not isinstance(text, str):
        raise IngestError('expected an object with a string "text" field')
    if not _encodable("text", text).strip():
        raise IngestError('"text" is empty')
    fields = {key: _field(record, key) for key in _TEXT_FIELDS}
    external_id = fields["id"]
    return RawDocument(
        source=f"{path}#{external_id}" if external_id else source,
        content=text,
        media_type="text/html" if looks_like_html(text) else "text/plain",
        url=fields["url"],
        title=fields["title"],
        published=parse_iso_date(record.get("date")),
        external_id=external_id,
        outlet=fields["outlet"],
        author=fields["author"],
        prepared=True,
    )


def _field(record: dict[str, object], key: str) -> str | None:
    """A field read as text, stripped: a string, or an integer (ids often are); None when
    absent, null or blank. Anything else (a list, an object, true, 1.5) raises
    `IngestError`."""
    value = record.get(key)
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if value is not None and not isinstance(value, str):
        raise IngestError(f'"{key}" must be a string or an integer, not {_json_type(value)}')
    return _encodable(key, value).strip() or None if value else None


def _encodable(key: str, value: str) -> str:
    """`value`, unless it holds an unpaired surrogate escape (`"\\ud800"` names no
    character, and no UTF-8 store can hold it): then `IngestError`."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        code = ord(value[exc.start])
        raise IngestError(f'"{key}" holds an unpaired surrogate escape (\\u{code:04x})') from exc
    return value


def _json_type(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, list):
        return "an array"
    return "an object"
