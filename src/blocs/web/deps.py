"""What routes depend on: a cursor on the store for the length of one request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

import duckdb
from fastapi import Depends, Request

from blocs.web.lease import StoreLease


def _cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    lease: StoreLease = request.app.state.lease
    with lease.cursor() as cursor:
        yield cursor


Con = Annotated[duckdb.DuckDBPyConnection, Depends(_cursor)]
