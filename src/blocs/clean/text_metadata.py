"""Title, author, outlet and publication date of a plain-text web scrape.

In: the scrape's text (as `remove_boilerplate` takes it). Out: `TextMetadata`.

- **title**: the line `find_title_line` picks (the same line `remove_boilerplate` drops
  with reason "title"), without a trailing " - Outlet" when the line carries one.
- **author**: from a byline ("By Jane Doe | Outlet | 14 March 2020", "Submitted by X,
  authored by Y", "Posted on June 3, 2020 by admin"; a site account such as "admin" is no
  author), else from an author box in the tail: a name line followed by a bio sentence.
- **outlet**: the publication, strongest evidence first: the byline's outlet field, the
  site naming itself (a copyright line, "... do not represent those of X", "support X on
  Patreon"), the title's suffix, the source a piece was "submitted by".
- **published**: a date in a byline, else in a line labelled published / posted / updated,
  else a line before the first paragraph that is only a date. Dates inside paragraphs are
  events, never the publication date. Relative dates ("yesterday", "3 days ago") and dates
  without a year need `reference_date`; a date after `reference_date` is refused.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from blocs.clean.boilerplate import find_title_line, looks_like_byline

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DATE_PATTERNS = (
    re.compile(rf"\b{_YEAR}-(?P<month_number>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?!\s*[,:]?\s*\d)", re.IGNORECASE),
)
_RELATIVE = re.compile(
    r"\b(?:(?P<today>today)|(?P<yesterday>yesterday)|(?P<n>\d{1,6})\s+(?P<unit>hour|day|week)s?\s+ago)\b",
    re.IGNORECASE,
)
_DATE_LABEL = re.compile(
    r"^(?:first\s+)?(?:published|posted|updated|last updated|date)\b", re.IGNORECASE
)
_SUBMITTED_BY = re.compile(r"\bsubmitted\s+by\s+(?P<name>[^,|;]+)", re.IGNORECASE)
_AUTHOR_BY = re.compile(
    r"(?:^|\b(?:authored|written)\s+)by\s+(?P<name>[^,|;…]+?)(?=\s*(?:[,|;…]|\s-\s|$|\bon\b))",
    re.IGNORECASE,
)
_POSTED_BY = re.compile(r"\b(?:posted|published)\b.*?\bby\s+(?P<name>[^,|;…]+)$", re.IGNORECASE)
_SITE_ACCOUNTS = frozenset({"admin", "administrator", "webmaster", "editor", "guest", "staff"})
_NAME_WORD = re.compile(r"^(?:[A-Z][\w'’-]*\.?|de|da|del|der|van|von|bin|al|la|le)$")
_BIO_PRONOUNS = frozenset({"I", "I'm", "I’m", "He", "She", "They"})
_SELF_NAMING = (
    re.compile(
        r"(?:©|\(c\)|\bcopyright\b)(?:\s*(?:©|\(c\)|copyright\b|\d{4}(?:\s*[-–]\s*\d{4})?))*"
        r"\s*(?P<outlet>[^.|,]+)",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:represent|reflect)s?\s+(?:those|the views)\s+of\s+(?P<outlet>[A-Z][^.,;]+)"),
    re.compile(r"\bsupport (?P<outlet>[A-Z][^.,;!?]+?) on Patreon\b"),
)
_SELF_NAMING_MAX_WORDS = 30
_LEGAL_FORMS = r"and|company|inc|llc|ltd|limited|pvt|pty|corp|all rights reserved|\d{4}"
# Starts only where a run of spaces starts (a long run is scanned once, not once a space).
_OUTLET_SUFFIXES = re.compile(rf"(?<!\s)(?:\s*+(?:&|\b(?:{_LEGAL_FORMS})\b)\.?)+$", re.IGNORECASE)
_OUTLET_JOINERS = frozenset({"of", "the", "and", "&", "for", "on", "de", "la", "le"})
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ")
_OUTLET_MAX_WORDS = 5
_HEADER_PARAGRAPH_WORDS = 20
_AUTHOR_BOX_LINES = 10
_DATELINE_MAX_WORDS = 15


@dataclass(frozen=True, slots=True)
class TextMetadata:
    title: str | None
    author: str | None
    outlet: str | None
    published: date | None


def extract_text_metadata(text: str, reference_date: date | None = None) -> TextMetadata:
    """Title, author, outlet and publication date of a plain-text scrape (see the module)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    bylines = [line for line in lines if looks_like_byline(line)]
    title_line = find_title_line(text)
    title, title_outlet = _split_title(title_line) if title_line else (None, None)
    return TextMetadata(
        title=title,
        author=_author(bylines, lines),
        outlet=_outlet(bylines, lines, title_outlet),
        published=_published(bylines, lines, reference_date),
    )


def parse_date(text: str, reference_date: date | None = None) -> date | None:
    """The first date written in `text` in a common English form, or None.

    Reads "2020-03-14", "14 March 2020", "March 14, 2020", "Nov. 20, 2019"; with a
    `reference_date` also "March 14" (the latest such day not after it), "today",
    "yesterday" and "3 days ago". A date after `reference_date` is refused.
    """
    found = _absolute_date(text, reference_date) or _relative_date(text, reference_date)
    if found and reference_date and found > reference_date:
        return None
    return found


def _absolute_date(text: str, reference_date: date | None) -> date | None:
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            groups = match.groupdict()
            month = (
                int(groups["month_number"])
                if groups.get("month_number")
                else _MONTHS[groups["month"].casefold()]
            )
            if groups.get("year"):
                found = _safe_date(int(groups["year"]), month, int(groups["day"]))
            elif reference_date:
                found = _latest_day_of_month(month, int(groups["day"]), reference_date)
            else:
                found = None
            if found:
                return found
    return None


def _latest_day_of_month(month: int, day: int, reference_date: date) -> date | None:
    this_year = _safe_date(reference_date.year, month, day)
    if this_year and this_year <= reference_date:
        return this_year
    return _safe_date(reference_date.year - 1, month, day)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _relative_date(text: str, reference_date: date | None) -> date | None:
    match = _RELATIVE.search(text)
    if not match or reference_date is None:
        return None
    if match["today"]:
        return reference_date
    if match["yesterday"]:
        return _days_before(reference_date, 1)
    days = {"hour": 0, "day": 1, "week": 7}[match["unit"].casefold()]
    return _days_before(reference_date, int(match["n"]) * days)


def _days_before(reference_date: date, days: int) -> date | None:
    """The day `days` before `reference_date`; None before the calendar's first day."""
    try:
        return reference_date - timedelta(days=days)
    except OverflowError:
        return None


def _split_title(line: str) -> tuple[str, str | None]:
    """("Title", "Outlet") from "Title - Outlet"; the line alone when it has no such suffix.

    The separator must occur once, the suffix be a short capitalised name and the head
    a real title, so "Russia - France talks" and "A | B | C | D" stay whole.
    """
    for separator in _TITLE_SEPARATORS:
        if line.count(separator) != 1:
            continue
        head, suffix = (part.strip() for part in line.split(separator))
        if len(head.split()) >= 4 and _looks_like_outlet(suffix):
            return head, suffix
    return line, None


def _looks_like_name(text: str, max_words: int) -> bool:
    words = text.split()
    return 0 < len(words) <= max_words and all(_NAME_WORD.match(w) or w.isupper() for w in words)


def _author(bylines: list[str], lines: list[str]) -> str | None:
    for line in bylines:
        match = _AUTHOR_BY.search(line) or _POSTED_BY.search(line)
        if match and (name := _clean_name(match["name"])):
            return name
    return _author_box(lines)


def _clean_name(raw: str) -> str | None:
    name = raw.strip(" .…:-")
    if name.casefold() in _SITE_ACCOUNTS or not _looks_like_name(name, 6):
        return None
    return name


def _author_box(lines: list[str]) -> str | None:
    """An author box in the tail: a name on its own line, then a bio that opens with a
    pronoun or with one of the name's words ("I spent ...", "Jane Doe is a ...")."""
    tail = lines[-_AUTHOR_BOX_LINES:]
    for name, bio in itertools.pairwise(tail):
        name_words = name.split()
        opens_bio = bio.split(maxsplit=1)[0] in _BIO_PRONOUNS.union(name_words)
        if 2 <= len(name_words) <= 4 and _looks_like_name(name, 4) and opens_bio:
            return name
    return None


def _outlet(bylines: list[str], lines: list[str], title_outlet: str | None) -> str | None:
    for line in bylines:
        if line.count("|") >= 2 and (field := _byline_outlet_field(line)):
            return field
    for line in reversed(lines):
        if len(line.split()) > _SELF_NAMING_MAX_WORDS:
            continue
        for pattern in _SELF_NAMING:
            match = pattern.search(line)
            if match and (outlet := _clean_outlet(match["outlet"])):
                return outlet
    if title_outlet:
        return title_outlet
    for line in bylines:
        if match := _SUBMITTED_BY.search(line):
            return _clean_outlet(match["name"])
    return None


def _byline_outlet_field(line: str) -> str | None:
    """The field of "By Jane Doe | Outlet | 14 March 2020" that is neither name nor date."""
    for field in (part.strip() for part in line.split("|")[1:]):
        if field and not looks_like_byline(field) and parse_date(field) is None:
            return _clean_outlet(field)
    return None


def _clean_outlet(raw: str) -> str | None:
    outlet = _OUTLET_SUFFIXES.sub("", raw.strip(" .…:-")).strip(" ,")
    return outlet if _looks_like_outlet(outlet) else None


def _looks_like_outlet(text: str) -> bool:
    """A publication's name: a few words, each with a capital or a digit ("infoBrics",
    "The New York Times", "BGR"), small joining words allowed."""
    words = text.split()
    return (
        0 < len(words) <= _OUTLET_MAX_WORDS
        and any(c.isupper() for c in text)
        and all(w in _OUTLET_JOINERS or any(c.isupper() or c.isdigit() for c in w) for w in words)
    )


def _published(bylines: list[str], lines: list[str], reference_date: date | None) -> date | None:
    labelled = [line for line in lines if _DATE_LABEL.match(line)]
    for line in [*bylines, *labelled]:
        if found := parse_date(line, reference_date):
            return found
    for line in _header(lines):
        found = _absolute_date(line, reference_date)
        if found and not (reference_date and found > reference_date):
            return found
    return None


def _header(lines: list[str]) -> list[str]:
    """The lines between the title and the first paragraph that could be a dateline.

    Only absolute dates are read there: "Today's Paper" in a menu is no date.
    """
    header: list[str] = []
    for line in lines[1:]:
        if len(line.split()) >= _HEADER_PARAGRAPH_WORDS:
            break
        if len(line.split()) <= _DATELINE_MAX_WORDS:
            header.append(line)
    return header
