"""The server's hold on the store lets other processes write it, and its own ingest jobs."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

from blocs.web.lease import StoreLease

WRITER = """
import sys
from blocs.store.db import Store
with Store(sys.argv[1]) as store:
    store.begin_run("test-writer", [])
"""


def _runs(lease: StoreLease) -> int:
    with lease.cursor() as con:
        row = con.execute("SELECT count(*) FROM runs").fetchone()
        return int(row[0]) if row else 0


def test_another_process_writes_while_requests_keep_coming(store_copy: Path) -> None:
    lease = StoreLease(store_copy, max_hold_s=1.0)
    before = _runs(lease)
    stop = threading.Event()
    answered: list[int] = []

    def reader() -> None:
        while not stop.is_set():
            answered.append(_runs(lease))

    readers = [threading.Thread(target=reader) for _ in range(4)]
    for thread in readers:
        thread.start()
    try:
        started = time.monotonic()
        writer = subprocess.run(
            [sys.executable, "-c", WRITER, str(store_copy)],
            env={**os.environ, "BLOCS_LOCK_TIMEOUT": "20"},
            capture_output=True,
            text=True,
            timeout=60,
        )
        waited = time.monotonic() - started
        assert writer.returncode == 0, writer.stderr
        time.sleep(2.0)  # the readers go on, and see the write once the lease reopens
    finally:
        stop.set()
        for thread in readers:
            thread.join()
        lease.close()
    assert waited < 15
    assert answered[0] == before and answered[-1] == before + 1
    assert len(answered) > 100


def test_a_suspended_lease_holds_requests_until_it_resumes(store_copy: Path) -> None:
    lease = StoreLease(store_copy)
    _runs(lease)
    lease.suspend()
    done = threading.Event()
    thread = threading.Thread(target=lambda: (_runs(lease), done.set()))
    thread.start()
    try:
        assert not done.wait(0.5)
        subprocess.run(
            [sys.executable, "-c", WRITER, str(store_copy)], check=True, timeout=60
        )  # the file is free while suspended: a writer opens it at once
    finally:
        lease.resume()
    assert done.wait(10)
    thread.join()
    lease.close()
