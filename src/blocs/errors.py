"""One base error for blocs, one subclass per stage.

Messages name the input that failed and say what the user can do about it.
"""


class BlocsError(Exception):
    """Base class of every error blocs raises on purpose."""


class IngestError(BlocsError):
    """An input (file, URL, feed, archive) could not be read."""


class FetchRefused(IngestError):
    """A URL was refused before or during fetching (private address, scheme, size, time)."""


class CleanError(BlocsError):
    """A raw document could not be turned into an article."""


class StoreError(BlocsError):
    """The database could not be opened, migrated or written."""


class EvalError(BlocsError):
    """Gold or prediction files for an evaluation are missing or malformed."""


class KnowledgeError(BlocsError):
    """A knowledge file (actors, agents, lexicon, user dictionary) could not be read."""


class InteropError(BlocsError):
    """A file of another system (GDELT, ICEWS, Phoenix, UN votes) could not be imported.

    The message names the file and, when one row is at fault, its line."""


class FormatError(InteropError):
    """The text read is not of the format asked for; raised by the interop readers without
    the file name, which `interop.files.open_text` adds."""


class ModelError(BlocsError):
    """The alignment model was asked something it cannot answer (bad source, period, issue)."""
