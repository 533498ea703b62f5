"""Ingest jobs started from the web app: one at a time, each in a child process
(`ingest_child.py`), with its progress kept for `GET /api/ingest/{job}`.

Uploaded files are written under the server's upload folder, in a folder named by their
content hash and under a name reduced to safe characters (no path of the client's is ever
used), so the same file uploaded twice is the same source and adds nothing the second time.
Each folder is removed when the last job that reads it ends.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import queue
import re
import secrets
import shutil
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from blocs.ingest.fetch import FetchPolicy
from blocs.web.ingest_child import run_job
from blocs.web.snapshot import StoreSnapshot

KEPT_JOBS = 200
UPLOAD_SUFFIXES = (
    ".warc.gz",
    ".txt",
    ".text",
    ".html",
    ".htm",
    ".xhtml",
    ".jsonl",
    ".ndjson",
    ".xml",
    ".rss",
    ".atom",
    ".warc",
)
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def upload_suffix(filename: str) -> str | None:
    """The readable format a file name asks for, or None when blocs cannot read it."""
    lower = filename.lower()
    return next((s for s in UPLOAD_SUFFIXES if lower.endswith(s)), None)


def safe_name(filename: str) -> str:
    """A client's file name reduced to its last part in safe characters (never a path)."""
    last = re.split(r"[\\/]", filename)[-1]
    name = _UNSAFE.sub("_", last).strip("._") or "upload"
    suffix = upload_suffix(filename) or ""
    stem = name[: 80 - len(suffix)]
    return stem if stem.lower().endswith(suffix) else stem + suffix


@dataclass
class IngestJob:
    """One ingest started from the web app and where it is."""

    job_id: str
    inputs: list[str]
    paths: list[str]
    folders: list[Path]
    state: str = "queued"  # queued, running, done, failed
    documents_read: int = 0
    run_id: str | None = None
    error: str | None = None
    submitted_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    finished_at: datetime | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "job_id": self.job_id,
            "state": self.state,
            "inputs": self.inputs,
            "documents_read": self.documents_read,
            "run_id": self.run_id,
            "error": self.error,
            "submitted_at": self.submitted_at.isoformat(),
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
        }


class IngestJobs:
    """The queue of ingest jobs and the thread that runs them one after another."""

    def __init__(
        self, db: Path, snapshot: StoreSnapshot, uploads: Path, policy: FetchPolicy, extract: bool
    ) -> None:
        self.db = db
        self.snapshot = snapshot
        self.uploads = uploads
        self.policy = policy
        self.extract = extract
        self._jobs: dict[str, IngestJob] = {}
        self._lock = threading.Lock()
        self._queue: queue.Queue[IngestJob | None] = queue.Queue()
        self._worker = threading.Thread(target=self._work, name="blocs-ingest", daemon=True)
        self._worker.start()

    def submit(self, files: list[tuple[str, bytes]], urls: list[str]) -> IngestJob:
        """Queue an ingest of uploaded `(name, content)` files and URLs."""
        job_id = secrets.token_hex(8)
        targets = [
            self.uploads / hashlib.sha256(content).hexdigest()[:16] / safe_name(name)
            for name, content in files
        ]
        inputs = [safe_name(name) for name, _ in files] + urls
        job = IngestJob(
            job_id, inputs, [str(t) for t in targets] + urls, [t.parent for t in targets]
        )
        with self._lock:
            for target, (_, content) in zip(targets, files, strict=True):
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(content)
            self._jobs[job_id] = job
            for old in list(self._jobs)[:-KEPT_JOBS]:
                del self._jobs[old]
        self._queue.put(job)
        return job

    def get(self, job_id: str) -> IngestJob | None:
        with self._lock:
            return self._jobs.get(job_id)

    def _work(self) -> None:
        while (job := self._queue.get()) is not None:
            job.state = "running"
            try:
                state, error = self._run(job)
            finally:
                self._clear(job)
            job.finished_at = datetime.now(UTC)
            job.state, job.error = state, error  # last: a finished job has cleaned up

    def _clear(self, job: IngestJob) -> None:
        """Remove the job's upload folders that no job still to run reads."""
        with self._lock:
            waiting = {
                folder
                for other in self._jobs.values()
                if other is not job and other.state in ("queued", "running")
                for folder in other.folders
            }
            for folder in set(job.folders) - waiting:
                shutil.rmtree(folder, ignore_errors=True)

    def _run(self, job: IngestJob) -> tuple[str, str | None]:
        """Run the job's child process to its end; its final state and error."""
        context = multiprocessing.get_context("spawn")  # no fork of a threaded server
        parent, child = context.Pipe()
        process = context.Process(
            target=run_job,
            args=(str(self.db), job.paths, self.policy, self.extract, child),
            name=f"blocs-ingest-{job.job_id}",
        )
        process.start()
        child.close()
        self.snapshot.writing()  # before the child can be granted the file
        outcome: list[tuple[str, str | None]] = []
        try:
            self._follow(job, parent, outcome)
        finally:
            try:
                parent.close()
                process.join()
            finally:
                self.snapshot.written()  # the job ends once reads show what it wrote
        return (
            outcome[-1]
            if outcome
            else ("failed", f"the ingest process ended with code {process.exitcode}")
        )

    def _follow(
        self, job: IngestJob, pipe: Connection, outcome: list[tuple[str, str | None]]
    ) -> None:
        """Serve the child's requests for the file and record its reports (its outcome in
        `outcome`) until it ends."""
        while True:
            try:
                message = pipe.recv()
            except EOFError:
                return
            kind = message[0]
            if kind == "want":
                self.snapshot.before_write()
                pipe.send(("granted",))
            elif kind == "free":
                self.snapshot.between_writes()
            elif kind == "run":
                job.run_id = message[1]
            elif kind == "progress":
                job.documents_read += int(message[1])
            elif kind == "done":
                outcome.append(("done", None))
            elif kind == "failed":
                outcome.append(("failed", str(message[1])))

    def close(self) -> None:
        self._queue.put(None)
        self._worker.join(timeout=5)
