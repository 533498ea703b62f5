"""How routes read the store: one cursor of the server's lease for the length of a query.

Routes call `reading` in their own body rather than taking the cursor as a dependency: a
dependency with cleanup costs two more hops through the thread pool per request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import duckdb
from fastapi import Request

from blocs.web.lease import StoreLease

T = TypeVar("T")
Con = duckdb.DuckDBPyConnection


def reading(request: Request, query: Callable[[Con], T]) -> T:
    """`query` run on a cursor of the store; waits while a writer has the file."""
    lease: StoreLease = request.app.state.lease
    with lease.cursor() as cursor:
        return query(cursor)
