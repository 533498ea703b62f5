"""Anchors of the report's sections, shared by the tables and the figures that link to them.

Actor codes come from data (a user's dictionary may hold any character), so each code is
spelled with letters, digits and escapes only: an anchor is always a valid id and fragment.
"""

from __future__ import annotations

import re

_UNSAFE = re.compile(r"[^A-Za-z0-9]")


def _part(code: str) -> str:
    return _UNSAFE.sub(lambda m: f"_{ord(m.group()):x}_", code)


def dyad_id(a: str, b: str) -> str:
    """The drill-down of the unordered pair a-b."""
    low, high = sorted((a, b))
    return f"dyad-{_part(low)}-{_part(high)}"


def trend_id(a: str, b: str) -> str:
    low, high = sorted((a, b))
    return f"trend-{_part(low)}-{_part(high)}"


def bloc_id(first: int, second: int) -> str:
    """The ties inside a bloc (first == second) or between two blocs."""
    low, high = sorted((first, second))
    return f"bloc-{low}" if low == high else f"blocs-{low}-{high}"


def camp_id(crisis: str, actor: str) -> str:
    """One outside state's evidence in a crisis."""
    return f"camp-{_part(crisis)}-{_part(actor)}"


def crisis_id(crisis: str) -> str:
    return f"crisis-{_part(crisis)}"
