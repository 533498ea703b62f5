"""What one web server is configured with (`blocs serve` fills it from its options)."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from blocs.ingest.fetch import FetchPolicy

MAX_BODY_BYTES = 20 * 1024 * 1024
MAX_URLS = 50


@dataclass(frozen=True, slots=True)
class WebSettings:
    db: Path
    token: str
    protect_reads: bool = False  # reads need the token too
    max_body_bytes: int = MAX_BODY_BYTES
    policy: FetchPolicy = field(default_factory=FetchPolicy)  # the fetch guard for URLs
    extract: bool = True  # extract events from what is ingested
    uploads: Path = field(default_factory=lambda: Path(tempfile.gettempdir()) / "blocs-uploads")
