"""Bytes -> text for inputs whose encoding is not declared."""

from __future__ import annotations

from charset_normalizer import from_bytes


def decode_bytes(data: bytes, declared: str | None = None) -> str:
    """Decode with the declared charset if it works, else UTF-8, else a detected charset.

    Never fails: as a last resort undecodable bytes become U+FFFD.
    """
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
