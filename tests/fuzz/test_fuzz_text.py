"""The text cleaner and the sentence splitter take any text without raising, and what they
return is made of the text they were given (lines of it, offsets into it)."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from blocs.clean.boilerplate import (
    FilterRules,
    find_repeated_lines,
    find_title_line,
    normalise_line,
    remove_boilerplate,
)
from blocs.clean.normalise import normalise_text
from blocs.clean.text_metadata import extract_text_metadata, parse_date
from blocs.nlp.sentences import split_sentences

FUZZ = settings(max_examples=150, deadline=None, database=None)

# Pieces of real scrapes (menus, bylines, dates, links, furniture, prose, sentence ends,
# abbreviations) and the characters that break line and word handling.
FRAGMENTS = (
    "Home",
    "World",
    "By Jane Doe | The Daily Planet | 14 March 2020",
    "Posted on June 3, 2020 by admin",
    "Submitted by Reuters, authored by John Smith",
    "© 2019 The Outlet Ltd. All rights reserved.",
    "Published: 2020-03-14",
    "Updated yesterday",
    "3 days ago",
    " days ago",
    " weeks ago",
    "Leave a ReplyCould Russia",
    "the end.Read more",
    "Share this",
    "https://example.com/a?b=c",
    "@handle",
    "$5 per month",
    "Jane Doe says:",
    "November 19, 2019 at 6:44 am",
    "• Menu entry",
    "- ",
    "Mr. Macron met Gen. Milley in the U.S. capital.",
    "John F. Kennedy spoke on Jan. 5.",
    "The ministers met in Vienna on Tuesday to discuss the future of arms control.",
    "Ministers meet in Vienna - The Outlet",
    "I spent years abroad.",
    "They said: \"No.\" (Really?) 'Yes!'",
    "[...]",
    "e.g.",
    "U.S.",
    "...",
    "?!",
    ".",
    ":",
    "|",
    " - ",
    "2020",
    "31",
    "0",
    "March",
    "Sept.",
    "İstanbul",
    "ﬁ",
    "日本の首相",
    "\u0301",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "\x00",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x85",
    "\u00a0",
    "\u2028",
    "\u2029",
    "\u200b",
    "\u3000",
    "\ufeff",
    "\ufffd",
)

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join),
    st.lists(
        st.one_of(
            st.sampled_from(FRAGMENTS),
            st.text(max_size=12),
            st.integers(0, 10**30).map(str),
        ),
        max_size=40,
    ).map("".join),
)
reference_dates = st.one_of(
    st.none(), st.dates(), st.sampled_from([date.min, date.max, date(1, 1, 2), date(9999, 12, 30)])
)


def _stripped_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


@FUZZ
@given(texts, st.booleans(), st.booleans())
def test_boilerplate_filter_keeps_or_removes_pieces_of_the_input_lines(
    text: str, drop_title: bool, rules_on: bool
) -> None:
    rules = FilterRules() if rules_on else FilterRules(*[False] * 10)
    result = remove_boilerplate(text, drop_title=drop_title, rules=rules)
    pieces = [*result.kept, *(line for line, _ in result.removed)]
    lines = _stripped_lines(text)
    assert result.text == "\n\n".join(result.kept)
    for piece in pieces:
        assert piece and piece == piece.strip()
        assert any(piece in line for line in lines)
    # The pieces split the lines: no character is lost or added.
    assert Counter("".join(pieces)) == Counter("".join(lines))
    assert all(reason for _, reason in result.removed)


@FUZZ
@given(st.lists(texts, max_size=8), st.integers(1, 5), st.floats(0, 1))
def test_repeated_lines_are_keys_of_lines_in_enough_documents(
    corpus: list[str], min_documents: int, min_share: float
) -> None:
    repeated = find_repeated_lines(corpus, min_documents=min_documents, min_share=min_share)
    for key in repeated:
        holding = sum(
            any(normalise_line(line) == key for line in text.splitlines()) for text in corpus
        )
        assert key and holding >= max(min_documents, min_share * len(corpus))
    result = remove_boilerplate(corpus[0] if corpus else "", repeated)
    assert all(normalise_line(line) not in repeated for line in result.kept)


@FUZZ
@given(texts)
def test_title_line_is_a_line_of_the_text(text: str) -> None:
    title = find_title_line(text)
    assert title is None or any(title in line for line in _stripped_lines(text))


@FUZZ
@given(texts)
def test_normalised_text_is_stable_and_has_no_stray_whitespace(text: str) -> None:
    normal = normalise_text(text)
    assert normalise_text(normal) == normal
    assert normal == normal.strip()
    assert "\r" not in normal and "\n\n\n" not in normal and "  " not in normal


@FUZZ
@given(texts, reference_dates)
def test_text_metadata_is_read_from_the_text(text: str, reference_date: date | None) -> None:
    meta = extract_text_metadata(text, reference_date)
    for value in (meta.title, meta.author, meta.outlet):
        assert value is None or (value and value in text)
    if meta.published is not None and reference_date is not None:
        assert meta.published <= reference_date


def _assert_sentences_index_the_text(text: str) -> None:
    sentences = split_sentences("a1", text)
    previous_end = 0
    for index, sentence in enumerate(sentences):
        assert sentence.index == index and sentence.article_id == "a1"
        assert previous_end <= sentence.start < sentence.end <= len(text)
        assert text[sentence.start : sentence.end] == sentence.text
        assert sentence.text == sentence.text.strip()
        previous_end = sentence.end
    # Only whitespace falls between sentences: no text is lost.
    between = [
        text[a:b]
        for a, b in zip(
            [0, *(s.end for s in sentences)],
            [*(s.start for s in sentences), len(text)],
            strict=True,
        )
    ]
    assert all(not gap.strip() for gap in between)


@FUZZ
@given(texts)
def test_sentences_are_ordered_trimmed_spans_of_the_text(text: str) -> None:
    _assert_sentences_index_the_text(text)


@settings(max_examples=10, deadline=None, database=None)
@given(st.sampled_from(FRAGMENTS), st.integers(2_000, 20_000))
def test_huge_lines_are_cleaned_and_split(fragment: str, times: int) -> None:
    text = (fragment + " ") * times
    remove_boilerplate(text)
    extract_text_metadata(text, date(2020, 1, 1))
    _assert_sentences_index_the_text(normalise_text(text))


def _seconds(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def test_relative_dates_before_the_first_calendar_day_are_no_date() -> None:
    assert extract_text_metadata("Updated: yesterday", date.min).published is None
    assert parse_date("Posted 2 days ago", date(1, 1, 1)) is None
    assert parse_date("Posted 999999 weeks ago", date(2020, 1, 1)) is None
    assert parse_date("Posted 99999999999999 days ago", date(2020, 1, 1)) is None
    assert parse_date("Posted 3 days ago", date(2020, 1, 4)) == date(2020, 1, 1)


# Inputs that took the filter or the splitter 15 s to 60 s when a pattern was retried at
# every character of a long run; they now take well under a second.
def test_a_line_of_stops_is_split_in_linear_time() -> None:
    assert _seconds(lambda: split_sentences("a1", "." * 50_000)) < 5
    text = "He left" + "!" * 50_000 + " Then he came back."
    assert [s.text for s in split_sentences("a1", text)] == [text[:50_007], "Then he came back."]


def test_a_long_hyphenated_token_is_filtered_in_linear_time() -> None:
    assert _seconds(lambda: remove_boilerplate("mid-" * 10_000)) < 5


def test_a_line_of_many_times_is_filtered_in_linear_time() -> None:
    assert _seconds(lambda: remove_boilerplate("1:11am," * 15_000 + " x")) < 5


def test_a_byline_with_a_long_run_of_spaces_is_read_in_linear_time() -> None:
    text = "By Jane | Outlet" + " " * 20_000 + "x | 2020"
    assert _seconds(lambda: extract_text_metadata(text)) < 5


def test_link_and_comment_patterns_still_recognise_their_lines() -> None:
    removed = dict(
        remove_boilerplate(
            "Read more at www.example.com/news/today\n"
            "jane.doe+news@example.org\n"
            "John Smith on March 3, 2020 at 1:11 pm said\n"
            "The ministers met in Vienna on Tuesday to discuss the future of arms control.",
            drop_title=False,
        ).removed
    )
    assert removed["Read more at www.example.com/news/today"] == "link, e-mail or handle"
    assert removed["jane.doe+news@example.org"] == "link, e-mail or handle"
    assert removed["John Smith on March 3, 2020 at 1:11 pm said"] == "comment header"
