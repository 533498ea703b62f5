"""Reader for JSONL inputs: one `{"id", "text", "date", "url", "title"}` object a line."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

from blocs.ingest.dates import parse_iso_date
from blocs.ingest.files import looks_like_html
from blocs.records import InputFailure, RawDocument


def _optional_str(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    return str(value).strip() or None if value is not None else None


def read_jsonl(path: Path) -> Iterator[RawDocument | InputFailure]:
    """One raw document per line; a bad line yields a failure naming file and line number."""
    try:
        fh = path.open("r", encoding="utf-8", errors="replace")
    except OSError as exc:
        yield InputFailure(str(path), "ingest", f"cannot read ({exc.strerror or exc})")
        return
    with fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            source = f"{path}#line-{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputFailure(
                    source, "ingest", f"not valid JSON ({exc.msg} at column {exc.colno})"
                )
                continue
            if not isinstance(record, dict) or not isinstance(record.get("text"), str):
                yield InputFailure(
                    source, "ingest", 'expected an object with a string "text" field'
                )
                continue
            text = record["text"]
            if not text.strip():
                yield InputFailure(source, "ingest", '"text" is empty')
                continue
            external_id = _optional_str(record, "id")
            yield RawDocument(
                source=f"{path}#{external_id}" if external_id else source,
                content=text,
                media_type="text/html" if looks_like_html(text) else "text/plain",
                url=_optional_str(record, "url"),
                title=_optional_str(record, "title"),
                published=parse_iso_date(record.get("date")),
                external_id=external_id,
                outlet=_optional_str(record, "outlet"),
                author=_optional_str(record, "author"),
                prepared=True,
            )
