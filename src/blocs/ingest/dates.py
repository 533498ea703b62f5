"""Publication dates given by inputs (JSONL fields, feed entries, HTTP headers)."""

from __future__ import annotations

import time
from datetime import date, datetime


def parse_iso_date(value: object) -> date | None:
    """`YYYY-MM-DD` or an ISO 8601 timestamp -> date; anything else -> None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        return None


def date_from_struct_time(value: time.struct_time | None) -> date | None:
    """feedparser's `*_parsed` fields -> date; None when they name no calendar day."""
    if value is None:
        return None
    try:
        return date(value.tm_year, value.tm_mon, value.tm_mday)
    except (ValueError, OverflowError):
        return None
