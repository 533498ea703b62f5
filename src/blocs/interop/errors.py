"""The errors of the interop stage."""

from __future__ import annotations

from blocs.errors import BlocsError


class InteropError(BlocsError):
    """A file of another system (GDELT, ICEWS, Phoenix, UN votes) could not be imported.

    The message names the file and, when one row is at fault, its line."""


class FormatError(InteropError):
    """The text read is not of the format asked for; raised by the readers without the file
    name, which `files.open_text` adds."""
