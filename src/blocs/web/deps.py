"""How routes read the store: one cursor on the server's copy of it for the length of a query.

Routes call `reading` in their own body rather than taking the cursor as a dependency: a
dependency with cleanup costs two more hops through the thread pool per request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import duckdb
from fastapi import Request

from blocs.web.snapshot import StoreSnapshot

T = TypeVar("T")
Con = duckdb.DuckDBPyConnection


def reading(request: Request, query: Callable[[Con], T]) -> T:
    """`query` run on a cursor of the server's newest copy of the store."""
    snapshot: StoreSnapshot = request.app.state.snapshot
    with snapshot.cursor() as cursor:
        return query(cursor)
