"""The input files of an import: where they are, their checksum, their text (gzip or plain).

A file is gzip when its first two bytes say so, whatever its name; its text is UTF-8 (a
byte-order mark is dropped). Errors of reading, decoding and format surface as one
`InteropError` that names the file.
"""

from __future__ import annotations

import gzip
import hashlib
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from blocs.errors import FormatError, InteropError

_GZIP_MAGIC = b"\x1f\x8b"


def resolve(path: Path | str) -> Path:
    """The absolute path of an existing file, as provenance records it."""
    given = Path(path)
    resolved = given.expanduser().resolve()
    if not resolved.is_file():
        what = "is a folder, not a file" if resolved.is_dir() else "no such file"
        raise InteropError(f"{given}: {what}")
    return resolved


def is_gzip(path: Path) -> bool:
    with path.open("rb") as stream:
        return stream.read(2) == _GZIP_MAGIC


def sha256(path: Path) -> str:
    """SHA-256 of the file's bytes as stored (compressed if it is)."""
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@contextmanager
def open_text(path: Path) -> Iterator[TextIO]:
    """The file's text, streamed; any error while it is read names the file.

    Lines keep their line ends (`newline=""`), as the csv module wants them."""
    try:
        if is_gzip(path):
            with gzip.open(path, "rt", encoding="utf-8-sig", newline="") as text:
                yield text
        else:
            with path.open(encoding="utf-8-sig", newline="") as text:
                yield text
    except FormatError as exc:
        raise InteropError(f"{path}: {exc}") from exc
    except UnicodeDecodeError as exc:
        raise InteropError(f"{path}: not UTF-8 text ({exc.reason})") from exc
    except (OSError, EOFError, zlib.error) as exc:
        raise InteropError(f"{path}: cannot be read ({exc})") from exc


def first_row_text(path: Path) -> str:
    """The first line of the file without its line end ('' for an empty file)."""
    with open_text(path) as text:
        return text.readline().rstrip("\r\n")
