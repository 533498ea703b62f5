"""Date readers take any text and any reference date, down to `date.min` and up to
`date.max`, without raising; the spans they return index the sentence they were given."""

from __future__ import annotations

import itertools
import re
import time
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from blocs.clean.text_metadata import parse_date
from blocs.events.dates import NO_DATE, OTHER_CLAUSE, ResolvedDate, event_date, find_dates
from blocs.ingest.dates import date_from_struct_time, parse_iso_date

FUZZ = settings(max_examples=200, deadline=None, database=None)

WORDS = (
    "yesterday",
    "today",
    "tonight",
    "last night",
    "this morning",
    "on Tuesday",
    "last Sunday",
    "next Monday",
    "this Friday",
    "last week",
    "next week",
    "past month",
    "next month",
    "last year",
    "next year",
    "last summer",
    "next winter",
    "this fall",
    "in March",
    "by Sept.",
    "mid-June",
    "in 2019",
    "since 1999",
    "June 26",
    "26 June",
    "31 of February",
    "Feb. 29",
    "February 30, 2021",
    "August 19, 2019",
    "26th June 2020",
    "June 2020",
    "June, of 2020",
    "2019-08-19",
    "2020-31-02",
    "2021-02-29",
    "0000-00-00",
    "The talks took place",
    "officials said",
    ",",
    ".",
    " ",
    "\n",
    "\u2028",
)
sentences = st.one_of(
    st.text(max_size=200),
    st.lists(st.one_of(st.sampled_from(WORDS), st.integers(0, 3999).map(str)), max_size=25).map(
        " ".join
    ),
)
edge_dates = st.sampled_from(
    [date.min, date(1, 1, 7), date(1, 3, 1), date(9999, 12, 25), date.max, date(2020, 2, 29)]
)
published_dates = st.one_of(st.none(), st.dates(), edge_dates)
_VALUE = re.compile(r"^\d{4}(?:-\d\d(?:-\d\d)?)?$")


def _assert_resolved(sentence: str, found: ResolvedDate) -> None:
    assert 0 <= found.start < found.end <= len(sentence)
    assert sentence[found.start : found.end] == found.text
    assert found.value is not None and _VALUE.match(found.value)
    precision = {4: "year", 7: "month", 10: "day"}[len(found.value)]
    assert found.precision == precision
    if precision == "day":
        date.fromisoformat(found.value)
    else:
        assert 1 <= int(found.value[:4]) <= 9999
        assert precision == "year" or 1 <= int(found.value[5:7]) <= 12


@FUZZ
@given(sentences, published_dates, st.booleans())
def test_found_dates_are_valid_dates_at_spans_of_the_sentence(
    sentence: str, published: date | None, future: bool
) -> None:
    found = find_dates(sentence, published, future)
    for resolved in found:
        _assert_resolved(sentence, resolved)
    spans = [(r.start, r.end) for r in found]
    assert spans == sorted(spans)
    assert all(end <= start for (_, end), (start, _) in itertools.pairwise(spans))


@FUZZ
@given(
    sentences,
    st.integers(-5, 300),
    published_dates,
    st.booleans(),
    st.one_of(st.none(), st.integers(1, 200)),
)
def test_event_date_is_one_of_the_found_dates_or_none(
    sentence: str, anchor: int, published: date | None, future: bool, modulus: int | None
) -> None:
    def closeness(found: ResolvedDate) -> int:
        assert modulus is not None
        return found.start * 7 % modulus  # a stand-in for distance in the parse tree

    when = event_date(sentence, anchor, published, future, closeness if modulus else None)
    if when == NO_DATE:
        return
    _assert_resolved(sentence, when)
    assert when in find_dates(sentence, published, future)
    assert modulus is None or closeness(when) < OTHER_CLAUSE


@FUZZ
@given(st.one_of(sentences, st.from_type(object)))
def test_iso_date_reader_gives_a_date_or_none(value: object) -> None:
    assert parse_iso_date(value) is None or isinstance(parse_iso_date(value), date)


@FUZZ
@given(
    st.tuples(
        st.integers(-(2**31), 2**31 - 1),
        st.integers(-100, 100),
        st.integers(-100, 100),
        *[st.integers(-(2**31), 2**31 - 1)] * 6,
    )
)
def test_feed_time_tuple_gives_a_date_or_none(fields: tuple[int, ...]) -> None:
    value = time.struct_time(fields)
    assert date_from_struct_time(value) is None or isinstance(date_from_struct_time(value), date)


@FUZZ
@given(sentences, published_dates)
def test_scrape_date_is_never_after_the_reference_date(
    text: str, reference_date: date | None
) -> None:
    found = parse_date(text, reference_date)
    assert found is None or reference_date is None or found <= reference_date


def test_relative_dates_past_the_ends_of_the_calendar_resolve_to_nothing() -> None:
    assert find_dates("They met yesterday.", date.min) == []
    assert find_dates("They meet next Monday.", date.max) == []
    assert find_dates("It starts next week.", date(9999, 12, 25)) == []
    assert find_dates("It starts in March.", date(9999, 12, 25), future=True) == []
    assert find_dates("It ended in March.", date(1, 1, 1)) == []
    assert find_dates("It ended last year.", date(1, 6, 1)) == []
    assert find_dates("It ended last month.", date(1, 1, 1)) == []
    assert event_date("They met on Tuesday.", 0, date.min) == NO_DATE
    (last_month,) = find_dates("It ended last month.", date(1, 2, 1))
    assert (last_month.value, last_month.precision) == ("0001-01", "month")


def test_many_dates_in_one_sentence_are_found_in_linear_time() -> None:
    sentence = "June 1 " * 10_000  # 110 s when every match was checked against every other
    start = time.perf_counter()
    found = find_dates(sentence, date(2020, 6, 2))
    assert time.perf_counter() - start < 10
    assert len(found) == 10_000 and {r.value for r in found} == {"2020-06-01"}


def test_feed_times_outside_the_calendar_are_no_date() -> None:
    assert date_from_struct_time(time.struct_time((0,) * 9)) is None
    assert date_from_struct_time(time.struct_time((2020, 2, 30, 0, 0, 0, 0, 0, 0))) is None
    assert date_from_struct_time(time.struct_time((2**40, 1, 1, 0, 0, 0, 0, 0, 0))) is None
    assert date_from_struct_time(time.struct_time((2020, 2, 29, 0, 0, 0, 0, 0, 0))) == date(
        2020, 2, 29
    )


def test_iso_dates_that_are_no_calendar_day_are_none() -> None:
    for value in ("2020-31-02", "0000-00-00", "2021-02-29", "2020-13-01T00:00:00Z", "", 2020):
        assert parse_iso_date(value) is None
    assert parse_iso_date(" 2020-02-29T23:00:00Z ") == date(2020, 2, 29)
