"""The process an ingest started from the web app runs in.

It runs `run_ingest`, as `blocs ingest` does, in a process of its own so that parsing does not
compete with the server's requests for the interpreter. Before each open of the store it asks
over the pipe ("want") and waits for "granted" (the server is not copying the file then);
after each close it says "free", and the server takes a new copy of the store for its reads
(`snapshot.py`). It reports its run id and progress over the same pipe.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.connection import Connection
from pathlib import Path

from blocs.errors import BlocsError
from blocs.ingest.fetch import FetchPolicy
from blocs.store.connection import connect
from blocs.store.db import Store


class HandoffStore(Store):
    """A writable `Store` that asks the server for the file before every open."""

    def __init__(self, path: Path, pipe: Connection) -> None:
        self._pipe = pipe
        self._ask()
        try:
            super().__init__(path)
        except BaseException:
            self._pipe.send(("free",))
            raise

    def _ask(self) -> None:
        self._pipe.send(("want",))
        self._pipe.recv()

    def close(self) -> None:
        super().close()
        self._pipe.send(("free",))

    def begin_run(self, command: str, inputs: list[str]) -> str:
        run_id = super().begin_run(command, inputs)
        self._pipe.send(("run", run_id))
        return run_id

    @contextmanager
    def released(self) -> Iterator[None]:
        self.close()
        try:
            yield
        finally:
            self._ask()
            self.con = connect(self.path, self.read_only, self.wait_s)


def run_job(
    db: str, inputs: list[str], policy: FetchPolicy, extract: bool, pipe: Connection
) -> None:
    """The child's entry point: ingest `inputs` into `db`, then say "done" or "failed"."""
    from blocs.pipeline import ExtractionConfig, run_ingest

    try:
        with HandoffStore(Path(db), pipe) as store:
            report = run_ingest(
                inputs,
                store,
                policy,
                on_progress=lambda n: pipe.send(("progress", n)),
                extraction=ExtractionConfig() if extract else None,
            )
        pipe.send(("done", report.run_id))
    except BlocsError as exc:
        pipe.send(("failed", str(exc)))
    except Exception as exc:  # reported to the job's status, not lost in a child's stderr
        pipe.send(("failed", f"unexpected {type(exc).__name__}: {exc}"))
    finally:
        pipe.close()
