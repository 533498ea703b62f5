"""Reader for WARC / WARC.gz (and ARC) web archives: one raw document per HTML or text
response with status 200; other records are skipped silently.

Input: a path. Output: `RawDocument`s named `file#uri`, and `InputFailure`s for what is
damaged, each named after the record it concerns (`file#uri`, or `file#record-N` when the
record has no URI) or after the file:

- a record cut short (headers that stop before Content-Length, a payload shorter than its
  Content-Length, gzip data that ends inside it) is a "truncated WARC record";
- a response without WARC-Target-URI is refused, and the next record is read;
- bytes that are not a record where one should begin (garbage, or a wrong Content-Length)
  end the file with a failure, after the records read before them;
- a payload over `MAX_RECORD_BYTES`, or one that is not text (`blocs.ingest.sniff`), is the
  record's failure.

Memory stays bounded whatever the file holds: the file is decompressed here, as a stream
(one gzip member per record or the whole file in one), and warcio only parses it; no header
line may exceed `MAX_HEADER_LINE_BYTES` (warcio reads header lines whole, so a 200 MB line
of a decompression bomb would otherwise be held in memory), at most `MAX_RECORD_BYTES` + 1
bytes of a payload are read, and the rest of every record is skipped in blocks.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import zlib
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeadersParser

from blocs.errors import IngestError
from blocs.ingest.decode import decode_text
from blocs.records import InputFailure, RawDocument

MAX_RECORD_BYTES = 20 * 1024 * 1024
MAX_HEADER_LINE_BYTES = 1024 * 1024
_BLOCK = 64 * 1024
_TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
_HTTP_HEADERS = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"], verify=False)

Item = RawDocument | InputFailure
WarcRecord = Any  # warcio's ArcWarcRecord (warcio ships no type hints)


class _Damaged(IngestError):
    """The archive's bytes cannot be read on: gzip data cut off or corrupt, an endless line."""

    def __init__(self, message: str, truncated: bool = False) -> None:
        super().__init__(message)
        self.truncated = truncated


class _ArchiveStream:
    """The decompressed bytes of an archive, as warcio reads them.

    Outside `payload()` (warcio is reading record headers) a line longer than
    `MAX_HEADER_LINE_BYTES` raises `_Damaged`; gzip and read errors become `_Damaged` too.
    """

    def __init__(self, raw: io.BufferedIOBase, compressed: bool) -> None:
        self._data = gzip.GzipFile(fileobj=raw, mode="rb") if compressed else raw
        self._position = 0
        self._line = 0
        self._in_headers = True

    def tell(self) -> int:
        return self._position

    def read(self, size: int = _BLOCK) -> bytes:
        try:  # read1: what was decompressed before a cut is returned before the error
            data = self._data.read1(size)
        except EOFError as exc:
            raise _Damaged("the gzip data ends early", truncated=True) from exc
        except (gzip.BadGzipFile, zlib.error) as exc:
            raise _Damaged(f"corrupt gzip data ({exc})") from exc
        except OSError as exc:
            raise _Damaged(f"cannot read ({exc.strerror or exc})") from exc
        self._position += len(data)
        if self._in_headers:
            newline = data.rfind(b"\n")
            self._line = self._line + len(data) if newline < 0 else len(data) - newline - 1
            if self._line > MAX_HEADER_LINE_BYTES:
                raise _Damaged(
                    f"a header line over {MAX_HEADER_LINE_BYTES // 1024 // 1024} MiB: "
                    "not a WARC file, or a decompression bomb"
                )
        return data

    @contextlib.contextmanager
    def payload(self) -> Iterator[None]:
        """Lines of any length while a record's payload is read."""
        self._in_headers = False
        try:
            yield
        finally:
            self._in_headers, self._line = True, 0


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


def _is_gzip(path: Path) -> bool:
    with path.open("rb") as raw:
        return raw.read(2) == b"\x1f\x8b"


def _starts_like_an_archive(path: Path, compressed: bool) -> bool:
    """WARC files begin with `WARC/`, ARC files with `filedesc://` (after gunzip)."""
    try:
        with gzip.open(path, "rb") if compressed else path.open("rb") as fh:
            start = fh.read(16)
    except (OSError, EOFError, zlib.error):
        return False
    return start.startswith((b"WARC/", b"filedesc://"))


def _records(iterator: ArchiveIterator) -> Iterator[WarcRecord]:
    """warcio's records, without the warnings it writes to stderr: damage is reported as
    failures instead."""
    while True:
        with contextlib.redirect_stderr(io.StringIO()):
            record = next(iterator, None)
        if record is None:
            return
        yield record


def _read_at_most(stream: Any, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit and (chunk := stream.read(min(_BLOCK, limit - size))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _skip_rest(record: WarcRecord) -> bool:
    """Read the record to its end in blocks; False when it ends before its Content-Length."""
    while record.raw_stream.read(_BLOCK):
        pass
    return getattr(record.raw_stream, "limit", 0) <= 0


def _target(record: WarcRecord) -> str | None:
    header = "WARC-Target-URI" if record.format == "warc" else "uri"
    uri: str | None = record.rec_headers.get_header(header)
    return (uri.strip() or None) if uri else None


def _length_problem(record: WarcRecord) -> str | None:
    header = "Content-Length" if record.format == "warc" else "length"
    value = record.rec_headers.get_header(header)
    if value is None:
        return "truncated WARC record (its headers stop before Content-Length)"
    if not value.strip().isdigit():
        return "WARC record with an invalid Content-Length (not a number of bytes)"
    return None


def _response(record: WarcRecord, source: str, uri: str, stream: _ArchiveStream) -> Item | None:
    """The document an HTTP response record holds, a failure, or None when it is skipped."""
    try:
        http = _HTTP_HEADERS.parse(record.raw_stream)
    except EOFError:
        return None  # an empty block: no HTTP response to read
    content_type = http.get_header("Content-Type") or ""
    if http.get_statuscode() != "200" or not content_type.lower().startswith(_TEXT_TYPES):
        return None
    record.http_headers = http  # lets warcio undo chunking and Content-Encoding
    with stream.payload():
        payload = _read_at_most(record.content_stream(), MAX_RECORD_BYTES + 1)
    if len(payload) > MAX_RECORD_BYTES:
        return InputFailure(
            source, "ingest", f"record is over the {MAX_RECORD_BYTES // 1024 // 1024} MB limit"
        )
    try:
        text = decode_text(payload, _charset(content_type), source)
    except IngestError as exc:
        return InputFailure(source, "ingest", str(exc).removeprefix(f"{source}: "))
    if not text.strip():
        return InputFailure(source, "ingest", "the response body is empty")
    return RawDocument(
        source=source,
        content=text,
        media_type="text/plain" if "text/plain" in content_type else "text/html",
        url=uri,
        fetched_at=_fetched_at(record.rec_headers.get_header("WARC-Date")),
    )


def _read_record(record: WarcRecord, source: str, stream: _ArchiveStream) -> Item | None:
    """One record with a valid length, read to its end: its document, its failure, or None
    when it is skipped."""
    item: Item | None = None
    uri = _target(record)
    if record.rec_type == "response" and uri is None:
        item = InputFailure(source, "ingest", "WARC response record without WARC-Target-URI")
    elif record.rec_type == "response" and uri is not None and uri.startswith(("http:", "https:")):
        item = _response(record, source, uri, stream)
    with stream.payload():
        complete = _skip_rest(record)
    if not complete:
        return InputFailure(source, "ingest", "truncated WARC record (shorter than its length)")
    return item


def _record_source(path: Path, record: WarcRecord, number: int) -> str:
    uri = _target(record)
    return f"{path}#{uri}" if uri else f"{path}#record-{number}"


def _after(records_read: int) -> str:
    return f"after record {records_read}" if records_read else "before its first record"


def _damage_message(exc: _Damaged, in_record: bool, records_read: int) -> str:
    if exc.truncated:
        where = "inside this record" if in_record else _after(records_read)
        return f"truncated WARC {'record' if in_record else 'file'} ({exc}, {where})"
    return f"unreadable WARC {'record' if in_record else 'file'}: {exc}"


def read_warc(path: Path) -> Iterator[Item]:
    """Documents of the archive's HTML and text responses, and failures for what is damaged
    (see the module docstring); records read before the damage stay read."""
    try:
        compressed = _is_gzip(path)
        if not _starts_like_an_archive(path, compressed):
            yield InputFailure(str(path), "ingest", "not a WARC or ARC file (bad header)")
            return
        fh = path.open("rb")
    except OSError as exc:
        yield InputFailure(str(path), "ingest", f"cannot read ({exc.strerror or exc})")
        return
    with fh:
        stream = _ArchiveStream(fh, compressed)
        records = _records(ArchiveIterator(stream, no_record_parse=True))
        number, source = 0, None
        try:
            for number, record in enumerate(records, start=1):
                source = _record_source(path, record, number)
                problem = _length_problem(record)
                if problem is not None:  # where the next record starts is unknown: stop here
                    yield InputFailure(source, "ingest", problem)
                    return
                with contextlib.redirect_stderr(io.StringIO()):
                    item = _read_record(record, source, stream)
                source = None
                if item is not None:
                    yield item
        except _Damaged as exc:
            records_read = number - 1 if source else number
            message = _damage_message(exc, source is not None, records_read)
            yield InputFailure(source or str(path), "ingest", message)
        except ArchiveLoadFailed:
            cause = (
                f"garbage, or a wrong Content-Length in record {number}" if number else "garbage"
            )
            yield InputFailure(str(path), "ingest", f"not a WARC record {_after(number)} ({cause})")
