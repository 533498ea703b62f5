"""Opening the DuckDB file while other processes may hold it (see `store/db.py`)."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

import duckdb

from blocs.errors import StoreError

DEFAULT_LOCK_TIMEOUT_S = 60.0
_HOLDER = re.compile(r"Conflicting lock is held in (.+?) \(PID (\d+)\)")


def lock_timeout() -> float:
    """How long an open waits for another process to let go of the file."""
    value = os.environ.get("BLOCS_LOCK_TIMEOUT", "")
    try:
        return max(0.0, float(value)) if value else DEFAULT_LOCK_TIMEOUT_S
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT_S


def _is_lock_conflict(exc: duckdb.Error) -> bool:
    return "lock" in str(exc).lower()


def connect(path: Path, read_only: bool, wait_s: float) -> duckdb.DuckDBPyConnection:
    """Open the file, waiting while another process holds it; fail naming the file."""
    deadline = time.monotonic() + wait_s
    pause = 0.02
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.Error as exc:
            if not _is_lock_conflict(exc):
                raise StoreError(f"{path}: cannot open the database ({exc})") from exc
            if time.monotonic() >= deadline:
                found = _HOLDER.search(str(exc))
                holder = f"PID {found[2]}: {found[1]}" if found else "unknown process"
                raise StoreError(
                    f"{path}: busy — another process holds it ({holder}); waited "
                    f"{wait_s:.0f} s (set BLOCS_LOCK_TIMEOUT to wait longer)"
                ) from exc
            time.sleep(pause)
            pause = min(pause * 2, 0.25)
