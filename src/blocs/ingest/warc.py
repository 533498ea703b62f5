"""Reader for WARC / WARC.gz web archives (warcio): one raw document per HTML response."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from blocs.ingest.decode import decode_bytes
from blocs.records import InputFailure, RawDocument

MAX_RECORD_BYTES = 20 * 1024 * 1024
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset":
            return value.strip("\"' ") or None
    return None


def _fetched_at(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None


def _starts_like_an_archive(path: Path) -> bool:
    """WARC files begin with `WARC/`, ARC files with `filedesc://` (after gunzip)."""
    with path.open("rb") as raw:
        head = raw.read(2)
    opener = gzip.open if head == b"\x1f\x8b" else open
    try:
        with opener(path, "rb") as fh:
            start = fh.read(16)
    except (OSError, EOFError):
        return False
    return start.startswith((b"WARC/", b"filedesc://"))


def read_warc(path: Path) -> Iterator[RawDocument | InputFailure]:
    """HTML and text responses with status 200; other records are skipped silently."""
    try:
        if not _starts_like_an_archive(path):
            yield InputFailure(str(path), "ingest", "not a WARC or ARC file (bad header)")
            return
        fh = path.open("rb")
    except OSError as exc:
        yield InputFailure(str(path), "ingest", f"cannot read ({exc.strerror or exc})")
        return
    with fh:
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type != "response" or record.http_headers is None:
                    continue
                if record.http_headers.get_statuscode() != "200":
                    continue
                content_type = record.http_headers.get_header("Content-Type") or ""
                if not content_type.lower().startswith(_TEXT_TYPES):
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                source = f"{path}#{uri}"
                payload = record.content_stream().read(MAX_RECORD_BYTES + 1)
                if len(payload) > MAX_RECORD_BYTES:
                    yield InputFailure(source, "ingest", "record is over the 20 MB limit")
                    continue
                yield RawDocument(
                    source=source,
                    content=decode_bytes(payload, _charset(content_type)),
                    media_type="text/plain" if "text/plain" in content_type else "text/html",
                    url=uri,
                    fetched_at=_fetched_at(record.rec_headers.get_header("WARC-Date")),
                )
        except ArchiveLoadFailed as exc:
            yield InputFailure(str(path), "ingest", f"not a readable WARC file ({exc})")
