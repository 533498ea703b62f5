"""Readers for single text and HTML files."""

from __future__ import annotations

from pathlib import Path

from blocs.errors import IngestError
from blocs.ingest.decode import decode_text
from blocs.records import RawDocument

MAX_FILE_BYTES = 20 * 1024 * 1024


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """Read a file, refusing one larger than `limit` bytes (never reading more than that, even
    from a file that grows or a device that never ends)."""
    over = f"is over the {limit}-byte limit; split it"
    try:
        size = path.stat().st_size
        if size > limit:
            raise IngestError(f"{path}: {size} bytes {over}")
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise IngestError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    if len(data) > limit:
        raise IngestError(f"{path}: the file {over}")
    return data


def looks_like_html(text: str) -> bool:
    head = text[:2048].lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<?xml")) or "<body" in head or "<p>" in head


def read_text_or_html(path: Path) -> RawDocument:
    """A `.txt`/`.html` file (or an unknown one, sniffed) as one raw document; binary data
    (a PDF, an image, random bytes) is refused with the reason."""
    text = decode_text(read_bytes(path), None, str(path))
    if not text.strip():
        raise IngestError(f"{path}: the file is empty")
    is_html = path.suffix.lower() in {".html", ".htm", ".xhtml"} or looks_like_html(text)
    return RawDocument(
        source=str(path),
        content=text,
        media_type="text/html" if is_html else "text/plain",
    )
