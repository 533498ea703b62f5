"""Event dates: date expressions in a sentence, resolved against the publication date.

Handles absolute dates ("August 19, 2019", "26 June 2020", "2019-08-19", "June 2020",
"in 2019"), dates without a year ("June 26", "in March": the publication year, or the year
before when that would put a past event after publication), weekdays ("on Tuesday": the
last such day on or before publication, the next one after it for future events), and
relative words ("yesterday", "today", "last week", "last month", "last year", "last
summer", "next month"). Precision is day, month or year; "none" when nothing resolves.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import MAXYEAR, MINYEAR, date, timedelta

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
SEASONS = {"spring": 4, "summer": 7, "autumn": 10, "fall": 10, "winter": 1}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b{_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b")),
    ("month_day_year", re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.I)),
    ("day_month_year", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.I)),
    ("month_year", re.compile(rf"\b{_MONTH},?\s+(?:of\s+)?{_YEAR}\b", re.I)),
    ("month_day", re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*,?\s*(?:19|20)\d\d)(?![\d:])", re.I)),
    ("day_month", re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH}\b(?!,?\s*(?:19|20)\d\d)", re.I)),
    (
        "in_month",
        re.compile(
            rf"\b(?:in|since|during|until|by|early|late|mid-?)\s+{_MONTH}\b"
            rf"(?!\s*[0-3]?\d\b)(?!,?\s*(?:of\s+)?(?:19|20)\d\d)",
            re.I,
        ),
    ),
    ("year", re.compile(rf"\b(?:in|since|during|until|by|of|early|late|mid-?)\s+{_YEAR}\b", re.I)),
    (
        "relative_day",
        re.compile(
            r"\b(?P<word>yesterday|today|tonight|this morning|"
            r"this afternoon|this evening|last night)\b",
            re.I,
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:(?P<which>last|next|this)\s+)?(?P<weekday>monday|tuesday|"
            r"wednesday|thursday|friday|saturday|sunday)\b",
            re.I,
        ),
    ),
    (
        "relative_period",
        re.compile(
            r"\b(?P<which>last|next|this|past)\s+(?P<unit>week|month|"
            r"year|spring|summer|autumn|fall|winter)\b",
            re.I,
        ),
    ),
]


@dataclass(frozen=True, slots=True)
class ResolvedDate:
    value: str | None  # YYYY-MM-DD, YYYY-MM or YYYY
    precision: str  # day, month, year, none
    start: int = -1  # the expression's offsets in the sentence
    end: int = -1
    text: str = ""


NO_DATE = ResolvedDate(None, "none")
OTHER_CLAUSE = 99  # a `closeness` at or above this rules the expression out


def _safe_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _shift(day: date, days: int) -> date | None:
    """`day` moved by `days`; None past the ends of the calendar (`date.min`, `date.max`)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def _day_value(day: date | None) -> tuple[str, str] | None:
    return (day.isoformat(), "day") if day else None


def _month_value(year: int, month: int) -> tuple[str, str] | None:
    return (f"{year:04d}-{month:02d}", "month") if MINYEAR <= year <= MAXYEAR else None


def _year_value(year: int) -> tuple[str, str] | None:
    return (f"{year:04d}", "year") if MINYEAR <= year <= MAXYEAR else None


def _year_for(month: int, day: int, published: date, future: bool) -> int:
    """The publication year, moved a year back (or forward, for future events) when the
    date would otherwise be on the wrong side of the publication date by over a week.
    The year may fall outside the calendar; the callers' values refuse it."""
    candidate = _safe_day(published.year, month, min(day, 28)) or published
    if not future and (candidate - published).days > 7:
        return published.year - 1
    if future and (published - candidate).days > 7:
        return published.year + 1
    return published.year


def _month_number(text: str) -> int:
    return MONTHS[text.lower().rstrip(".")]


def _resolve(
    kind: str, m: re.Match[str], published: date | None, future: bool
) -> tuple[str, str] | None:
    g = m.groupdict()
    if kind == "iso":
        return _day_value(_safe_day(int(g["year"]), int(g["mnum"]), int(g["day"])))
    if kind in {"month_day_year", "day_month_year"}:
        return _day_value(_safe_day(int(g["year"]), _month_number(g["month"]), int(g["day"])))
    if kind == "month_year":
        return _month_value(int(g["year"]), _month_number(g["month"]))
    if kind == "year":
        return _year_value(int(g["year"]))
    if published is None:
        return None
    if kind in {"month_day", "day_month"}:
        month, day = _month_number(g["month"]), int(g["day"])
        return _day_value(_safe_day(_year_for(month, day, published, future), month, day))
    if kind == "in_month":
        month = _month_number(g["month"])
        return _month_value(_year_for(month, 15, published, future), month)
    if kind == "relative_day":
        back = 1 if g["word"].lower() in {"yesterday", "last night"} else 0
        return _day_value(_shift(published, -back))
    if kind == "weekday":
        return _weekday(g["weekday"].lower(), (g.get("which") or "").lower(), published, future)
    return _relative_period(g["which"].lower(), g["unit"].lower(), published, future)


def _weekday(name: str, which: str, published: date, future: bool) -> tuple[str, str] | None:
    target = WEEKDAYS[name]
    if which == "next" or (future and which != "last"):
        ahead = (target - published.weekday()) % 7 or 7
        return _day_value(_shift(published, ahead))
    back = (published.weekday() - target) % 7
    if which == "last" and back == 0:
        back = 7
    return _day_value(_shift(published, -back))


def _relative_period(
    which: str, unit: str, published: date, future: bool
) -> tuple[str, str] | None:
    step = {"last": -1, "past": -1, "next": 1, "this": 0}[which]
    if unit == "week":
        d = _shift(published, 7 * step)
        return _month_value(d.year, d.month) if d else None
    if unit == "month":
        month_index = published.year * 12 + published.month - 1 + step
        return _month_value(month_index // 12, month_index % 12 + 1)
    if unit == "year":
        return _year_value(published.year + step)
    season_month = SEASONS[unit]
    year = published.year
    if step < 0 and published.month <= season_month + 2:
        year -= 1
    if step > 0 and published.month >= season_month:
        year += 1
    return _year_value(year)


def find_dates(sentence: str, published: date | None, future: bool = False) -> list[ResolvedDate]:
    """Every date expression in the sentence that resolves, longest match first at a place."""
    found: list[ResolvedDate] = []
    taken = bytearray(len(sentence))  # 1 for each character a resolved expression holds
    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(sentence):
            if 1 in taken[m.start() : m.end()]:
                continue
            resolved = _resolve(kind, m, published, future)
            if resolved is None:
                continue
            taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            found.append(ResolvedDate(resolved[0], resolved[1], m.start(), m.end(), m.group(0)))
    return sorted(found, key=lambda r: r.start)


def event_date(
    sentence: str,
    anchor: int,
    published: date | None,
    future: bool = False,
    closeness: Callable[[ResolvedDate], int] | None = None,
) -> ResolvedDate:
    """The date of the event whose trigger is at `anchor`: the expression closest to it by
    `closeness` (e.g. distance in the parse tree), then by characters."""
    found = find_dates(sentence, published, future)
    if closeness is not None:
        found = [r for r in found if closeness(r) < OTHER_CLAUSE]
    if not found:
        return NO_DATE

    def key(r: ResolvedDate) -> tuple[int, int]:
        by_tree = closeness(r) if closeness is not None else 0
        return by_tree, min(abs(r.start - anchor), abs(r.end - anchor))

    return min(found, key=key)
