"""One page of a listing, the shape every paginated JSON answer of the web API has.

A query asks for one row more than the page holds; when it comes back there is a next page.
So no listing pays for a `count(*)` over the whole store.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

MAX_PAGE = 500


def page(
    fetch: Callable[[int, int], list[dict[str, Any]]], limit: int, offset: int
) -> dict[str, Any]:
    """`fetch(limit, offset)` rows as `{"items", "limit", "offset", "next_offset"}`;
    `next_offset` is None on the last page."""
    rows = fetch(limit + 1, offset)
    more = len(rows) > limit
    return {
        "items": rows[:limit],
        "limit": limit,
        "offset": offset,
        "next_offset": offset + limit if more else None,
    }
