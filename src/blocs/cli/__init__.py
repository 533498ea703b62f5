"""The `blocs` command: a thin typer layer over library functions, one module per family.

Data goes to stdout, progress and messages to stderr. Exit codes: 0 ok, 1 failure,
2 usage error. Every listing takes `--json`. Commands import heavy stages (spaCy, trafilatura)
only when they run, so read-only commands and `--version` start fast.
"""

from blocs.cli import (
    browse,
    evaluate,
    export,
    extract,
    ingest,
    interop,
    model,
    report,
    serve,
    validate,
)
from blocs.cli.app import app

__all__ = [
    "app",
    "browse",
    "evaluate",
    "export",
    "extract",
    "ingest",
    "interop",
    "model",
    "report",
    "serve",
    "validate",
]
