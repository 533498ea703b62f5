"""Bytes -> text for inputs whose encoding is not declared, or declared wrongly."""

from __future__ import annotations

from charset_normalizer import from_bytes

from blocs.errors import IngestError
from blocs.ingest.sniff import binary_reason, garbled_reason, unicode_encoding


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode as a byte-order mark (or UTF-16's NUL bytes) says, else with the declared charset
    if it works, else UTF-8, else a detected charset.

    Never fails: as a last resort undecodable bytes become U+FFFD.
    """
    announced = unicode_encoding(data)
    if announced is not None:
        return data.decode(announced, errors="replace")
    for encoding in (declared, "utf-8"):
        if not encoding:
            continue
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            continue
    best = from_bytes(data).best()
    if best is not None:
        return str(best)
    return data.decode("utf-8", errors="replace")


def decode_text(data: bytes, declared: str | None, where: str) -> str:
    """Decode bytes that hold text; raise `IngestError` naming `where` when they are binary
    (a known binary format, control bytes, or characters no charset makes text of)."""
    reason = binary_reason(data)
    text = decode_bytes(data, declared) if reason is None else ""
    reason = reason or garbled_reason(text)
    if reason is not None:
        raise IngestError(f"{where}: not text: {reason}")
    return text
