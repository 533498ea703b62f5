"""Event dates resolve against the publication date, with their precision."""

from __future__ import annotations

from datetime import date

import pytest

from blocs.events.dates import event_date, find_dates

PUBLISHED = date(2020, 9, 2)  # a Wednesday


@pytest.mark.parametrize(
    ("sentence", "value", "precision"),
    [
        ("Talks took place yesterday in Paris.", "2020-09-01", "day"),
        ("They met today.", "2020-09-02", "day"),
        ("The June 26 meeting was cordial.", "2020-06-26", "day"),
        ("They met on 26 June.", "2020-06-26", "day"),
        ("Putin came on August 19, 2019 for talks.", "2019-08-19", "day"),
        ("In June 2020, senators met.", "2020-06", "month"),
        ("Fighters flocked there in 2015.", "2015", "year"),
        ("The army moved in March.", "2020-03", "month"),
        ("He spoke on Tuesday.", "2020-09-01", "day"),
        ("Last week, Macron demanded answers.", "2020-08", "month"),
        ("The agreement launched last summer holds.", "2019", "year"),
        ("Sanctions were imposed last year.", "2019", "year"),
        ("The fighting began on 27 September.", "2019-09-27", "day"),
        ("The report is dated 2019-08-19.", "2019-08-19", "day"),
    ],
)
def test_expressions_resolve_against_the_publication_date(
    sentence: str, value: str, precision: str
) -> None:
    (found,) = find_dates(sentence, PUBLISHED)
    assert (found.value, found.precision) == (value, precision)


def test_future_events_look_forward() -> None:
    (friday,) = find_dates("Macron will meet him on Friday.", PUBLISHED, future=True)
    assert friday.value == "2020-09-04"
    (october,) = find_dates("They will meet on 1 October.", PUBLISHED, future=True)
    assert october.value == "2020-10-01"


def test_without_a_publication_date_only_absolute_dates_resolve() -> None:
    assert find_dates("They met yesterday and on June 26.", None) == []
    (absolute,) = find_dates("They met on June 26, 2020.", None)
    assert absolute.value == "2020-06-26"


def test_the_expression_nearest_the_trigger_is_the_event_date() -> None:
    sentence = "On Monday the envoys arrived, and the ministers signed the deal on Tuesday."
    anchor = sentence.index("signed")
    assert event_date(sentence, anchor, PUBLISHED).value == "2020-09-01"


def test_closeness_in_the_parse_overrides_distance_in_characters() -> None:
    sentence = "After talks on Monday, the ministers signed the deal on Tuesday."
    anchor = sentence.index("signed")
    assert event_date(sentence, anchor, PUBLISHED).value == "2020-08-31"
    by_tree = event_date(sentence, anchor, PUBLISHED, closeness=lambda r: r.start < anchor)
    assert by_tree.value == "2020-09-01"


def test_no_expression_means_no_date() -> None:
    found = event_date("France and Russia held talks.", 10, PUBLISHED)
    assert (found.value, found.precision) == (None, "none")


def test_may_as_a_modal_is_not_a_month() -> None:
    assert find_dates("Macron may visit Russia soon.", PUBLISHED) == []
