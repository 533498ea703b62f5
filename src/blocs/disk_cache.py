"""Cache files of data blocs derives at start-up (the town table, the actor matchers' token
sequences), in the user's cache folder.

Each file is named by a hash of what it is built from, so a changed input gives another
file, never a stale one. A file is written to a temporary file and renamed: a process reading
it while another writes it sees the whole file or none. A cache that cannot be read or
written is skipped, not an error: the caller builds the data instead.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path

CACHE_FOLDER_VARIABLE = "BLOCS_CACHE_DIR"


def cache_folder() -> Path:
    """`$BLOCS_CACHE_DIR`, else `$XDG_CACHE_HOME/blocs`, else `~/.cache/blocs`."""
    folder = os.environ.get(CACHE_FOLDER_VARIABLE)
    if folder:
        return Path(folder)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "blocs"


def read_pickle(path: Path) -> object | None:
    """What a file `write_pickle` wrote holds, or None when it is missing or unreadable."""
    try:
        with path.open("rb") as stream:
            value: object = pickle.load(stream)  # a file blocs wrote
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError):
        return None
    return value


def write_pickle(path: Path, value: object, family: str, keep: int) -> None:
    """Write `value` to `path` atomically; then of the files `{family}-*.pickle` beside it
    only the `keep` newest are kept, this one among them."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".part", delete=False) as stream:
            temporary = Path(stream.name)
            try:
                pickle.dump(value, stream, protocol=pickle.HIGHEST_PROTOCOL)
            except OSError:
                temporary.unlink(missing_ok=True)
                raise
        os.replace(temporary, path)
        others = [p for p in path.parent.glob(f"{family}-*.pickle") if p != path]
        others.sort(key=lambda p: p.stat().st_mtime)
        for stale in others[: max(0, len(others) - (keep - 1))]:
            stale.unlink(missing_ok=True)
    except OSError:
        return
