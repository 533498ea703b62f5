"""Query parameters several routes share, with their bounds (a value out of bounds is a 422
that names the parameter, never an error deeper down)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import HTTPException, Query

from blocs.errors import BlocsError
from blocs.store.event_queries import EventFilter, parse_dyad
from blocs.store.paging import MAX_PAGE

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, le=10**9, description="Rows to skip.")]
Text = Annotated[str | None, Query(max_length=200)]
Code = Annotated[str | None, Query(max_length=40, pattern=r"^[A-Za-z0-9_]+$")]
Since = Annotated[date | None, Query(description="On or after (YYYY-MM-DD).")]
Until = Annotated[date | None, Query(description="On or before (YYYY-MM-DD).")]
ARTICLE_ID = r"^[0-9a-f]{4,64}$"
ACTOR_CODE = r"^[A-Za-z0-9_]{2,40}$"


def event_filter(
    actor: Code = None,
    dyad: Annotated[str | None, Query(max_length=40, description="e.g. FRA-RUS")] = None,
    type: Code = None,
    modality: Annotated[
        str | None, Query(pattern=r"^(asserted|reported|hypothetical|future|negated)$")
    ] = None,
    since: Since = None,
    until: Until = None,
    min_confidence: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0,
    limit: Limit = 50,
    offset: Offset = 0,
) -> EventFilter:
    """The filters of `blocs events`, from the query string."""
    try:
        pair = parse_dyad(dyad) if dyad else None
    except BlocsError as exc:
        raise HTTPException(422, f"dyad: {exc}") from exc
    return EventFilter(actor, pair, type, modality, since, until, min_confidence, limit, offset)
