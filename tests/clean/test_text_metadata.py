"""blocs.clean.text_metadata: title, author, outlet and date of small literal scrapes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from blocs.clean.boilerplate import TITLE, remove_boilerplate
from blocs.clean.text_metadata import TextMetadata, extract_text_metadata, parse_date

PARAGRAPH = (
    "The foreign ministers of the two countries met in Vienna on 2 February 2021 to discuss "
    "the future of arms control in Europe, according to officials who attended the talks."
)


def _page(*lines: str) -> str:
    return "\n".join(lines)


def test_byline_with_outlet_and_date_fields_gives_all_three() -> None:
    page = _page("Ministers meet in Vienna", "By Jane Example | The Example Herald | 14 March 2020")
    assert extract_text_metadata(_page(page, PARAGRAPH)) == TextMetadata(
        title="Ministers meet in Vienna",
        author="Jane Example",
        outlet="The Example Herald",
        published=date(2020, 3, 14),
    )


def test_submitted_by_names_the_source_and_authored_by_the_author() -> None:
    byline = "Submitted by Example Wire, authored by John Roe, independent analyst…"
    meta = extract_text_metadata(_page("Ministers meet in Vienna", byline, PARAGRAPH))
    assert (meta.author, meta.outlet) == ("John Roe", "Example Wire")


def test_the_site_naming_itself_outranks_the_source_it_was_submitted_by() -> None:
    byline = "Submitted by Example Wire, authored by John Roe, independent analyst…"
    disclaimer = (
        "The views expressed are solely those of the author and do not necessarily represent "
        "those of The Example Post."
    )
    meta = extract_text_metadata(_page("Ministers meet in Vienna", byline, PARAGRAPH, disclaimer))
    assert meta.outlet == "The Example Post"


def test_copyright_line_names_the_outlet() -> None:
    page = _page("Ministers meet in Vienna", PARAGRAPH, "© 2021 Example Media Company")
    assert extract_text_metadata(page).outlet == "Example Media"


def test_posted_on_byline_gives_the_date_and_a_site_account_is_no_author() -> None:
    page = _page("Ministers meet in Vienna", "Posted on June 3, 2020 by admin", PARAGRAPH)
    meta = extract_text_metadata(page)
    assert (meta.author, meta.published) == (None, date(2020, 6, 3))


def test_title_suffix_names_the_outlet_and_is_cut_from_the_title() -> None:
    page = _page("Ministers meet in Vienna to discuss arms control - Example Herald", PARAGRAPH)
    meta = extract_text_metadata(page)
    assert meta.title == "Ministers meet in Vienna to discuss arms control"
    assert meta.outlet == "Example Herald"


def test_a_title_with_several_separators_stays_whole() -> None:
    title = "Results | Football | Tennis | Cycling"
    meta = extract_text_metadata(_page(title, PARAGRAPH))
    assert (meta.title, meta.outlet) == (title, None)


def test_title_is_the_line_the_filter_drops_as_title() -> None:
    page = _page("Ministers meet in Vienna", "By Jane Example", PARAGRAPH)
    dropped = [line for line, reason in remove_boilerplate(page).removed if reason == TITLE]
    assert dropped == [extract_text_metadata(page).title]


def test_author_box_in_the_tail_gives_the_author() -> None:
    bio = "I covered diplomacy in Brussels for ten years before joining the paper."
    page = _page("Ministers meet in Vienna", PARAGRAPH, "Advertisement", "Jane Example", bio)
    assert extract_text_metadata(page).author == "Jane Example"


def test_a_date_inside_a_paragraph_is_not_the_publication_date() -> None:
    assert extract_text_metadata(_page("Ministers meet in Vienna", PARAGRAPH)).published is None


def test_dateline_before_the_first_paragraph_is_the_publication_date() -> None:
    page = _page("Ministers meet in Vienna", "Updated: Feb. 3, 2021, 09:01", PARAGRAPH)
    assert extract_text_metadata(page).published == date(2021, 2, 3)


def test_relative_byline_date_needs_the_reference_date() -> None:
    page = _page("Ministers meet in Vienna", "Posted yesterday by Jane Example", PARAGRAPH)
    assert extract_text_metadata(page).published is None
    assert extract_text_metadata(page, date(2021, 2, 4)).published == date(2021, 2, 3)


def test_scrape_without_metadata_gives_nothing() -> None:
    assert extract_text_metadata(PARAGRAPH) == TextMetadata(None, None, None, None)


@pytest.mark.parametrize(
    ("text", "reference", "expected"),
    [
        ("2020-03-14", None, date(2020, 3, 14)),
        ("14 March 2020", None, date(2020, 3, 14)),
        ("Saturday, 14th of March, 2020", None, date(2020, 3, 14)),
        ("March 14, 2020 at 6:44 am", None, date(2020, 3, 14)),
        ("Nov. 20, 2019", None, date(2019, 11, 20)),
        ("June 26", date(2020, 7, 1), date(2020, 6, 26)),
        ("December 30", date(2021, 1, 2), date(2020, 12, 30)),
        ("June 26", None, None),
        ("3 days ago", date(2020, 7, 1), date(2020, 6, 28)),
        ("31 February 2020", None, None),
        ("1 March 2030", date(2021, 1, 1), None),
        ("no date here", None, None),
    ],
)
def test_parse_date_reads_common_forms(
    text: str, reference: date | None, expected: date | None
) -> None:
    assert parse_date(text, reference) == expected


@pytest.mark.needs_shared
@pytest.mark.parametrize(
    ("name", "title_start", "author", "outlet"),
    [
        ("000_69a65c1856868e49.txt", "France aligning with", "Paul Antonopoulos", "The Duran"),
        ("002_23ee3f04c7b8fd92.txt", "Could Russia and France", "Christina Kitova", None),
    ],
)
def test_seed_metadata(
    shared_dir: Path, name: str, title_start: str, author: str, outlet: str | None
) -> None:
    meta = extract_text_metadata((shared_dir / "seeds" / name).read_text(encoding="utf-8"))
    assert meta.title is not None and meta.title.startswith(title_start)
    assert (meta.author, meta.outlet, meta.published) == (author, outlet, None)


def test_a_subheading_before_a_paragraph_about_someone_else_is_no_author_box() -> None:
    page = _page("Ministers meet in Vienna", PARAGRAPH, "Next Steps", "The ministry is a key ally.")
    assert extract_text_metadata(page).author is None
