"""blocs.clean.boilerplate: the line-level filter on small literal scrapes and on the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from blocs.clean.boilerplate import (
    TITLE,
    FilteredText,
    FilterRules,
    find_repeated_lines,
    find_title_line,
    normalise_line,
    remove_boilerplate,
)

TITLE_LINE = "Ministers meet in Vienna to discuss arms control"
PARAGRAPHS = (
    "The foreign ministers of the two countries met in Vienna on Tuesday to discuss the "
    "future of arms control in Europe, according to officials who attended the talks.",
    "Both delegations said the meeting had been constructive, although neither side "
    "announced an agreement on the treaty that expired at the end of last year.",
    "Analysts said the talks showed that both governments want to keep a channel open "
    "despite their disagreements over sanctions and troop deployments in the region.",
    "A spokesman for the ministry said a second round would follow in the spring, once "
    "experts from both sides have studied the proposals exchanged during the meeting.",
)
MENU = ("Home", "World", "Politics", "Business", "Sports")


def _page(*lines: str) -> str:
    return "\n".join(lines)


def _reason(result: FilteredText, line: str) -> str:
    return dict(result.removed)[line]


def test_body_paragraphs_of_a_plain_article_all_stay() -> None:
    result = remove_boilerplate(_page(TITLE_LINE, "", *PARAGRAPHS))
    assert result.kept == PARAGRAPHS
    assert result.text == "\n\n".join(PARAGRAPHS)


def test_a_single_long_paragraph_stays() -> None:
    result = remove_boilerplate(PARAGRAPHS[0], drop_title=False)
    assert result.kept == (PARAGRAPHS[0],)


def test_title_is_dropped_by_default_and_judged_like_any_line_without_drop_title() -> None:
    page = _page(TITLE_LINE, *PARAGRAPHS)
    assert find_title_line(page) == TITLE_LINE
    assert _reason(remove_boilerplate(page), TITLE_LINE) == TITLE
    assert _reason(remove_boilerplate(page, drop_title=False), TITLE_LINE) != TITLE


def test_a_first_line_ending_with_a_period_is_no_title() -> None:
    assert find_title_line(_page(*PARAGRAPHS)) is None


def test_menu_block_before_the_article_is_dropped() -> None:
    result = remove_boilerplate(_page(TITLE_LINE, *MENU, *PARAGRAPHS))
    assert result.kept == PARAGRAPHS
    assert {line for line, _ in result.removed} >= set(MENU)


def test_run_of_short_lines_inside_the_body_is_dropped_but_a_subheading_stays() -> None:
    related = ("Related", "Talks stall in Geneva", "Sanctions extended", "New envoy named")
    subheading = "What comes next"
    first, second, third, fourth = PARAGRAPHS
    page = _page(first, second, *related, third, subheading, fourth)
    result = remove_boilerplate(page, drop_title=False)
    assert result.kept == (first, second, third, subheading, fourth)
    assert {reason for line, reason in result.removed if line in related[1:]} == {
        "run of short lines"
    }


def test_short_list_introduced_by_a_colon_stays() -> None:
    intro = "The ministers agreed on three steps:"
    items = ("a hotline between capitals", "yearly inspections", "a joint working group")
    page = _page(PARAGRAPHS[0], intro, *items, PARAGRAPHS[1])
    result = remove_boilerplate(page, drop_title=False)
    assert result.kept == (PARAGRAPHS[0], intro, *items, PARAGRAPHS[1])


def test_tag_line_and_share_bar_after_the_article_are_dropped() -> None:
    tail = ("Tags: Diplomacy, Europe, Arms control", "Share this:", "Facebook", "Twitter")
    result = remove_boilerplate(_page(TITLE_LINE, *PARAGRAPHS, *tail))
    assert result.kept == PARAGRAPHS


def test_comment_form_and_the_comments_after_it_are_dropped() -> None:
    comments = (
        "Leave a Reply",
        "Your email address will not be published. Required fields are marked.",
        "jsmith says:",
        "March 3, 2021 at 6:44 am",
        "I think the article is right that both sides want to keep talking, and I hope that "
        "the next round of talks brings an agreement that lasts longer than the last one did.",
        "Reply",
    )
    result = remove_boilerplate(_page(TITLE_LINE, *PARAGRAPHS, *comments))
    assert result.kept == PARAGRAPHS
    assert _reason(result, "jsmith says:") == "comment header"
    assert _reason(result, "March 3, 2021 at 6:44 am") == "date or time"


def test_glued_furniture_phrase_is_split_off_the_next_line() -> None:
    result = remove_boilerplate(_page(*PARAGRAPHS, "Leave a ReplyTalks resume in Geneva"))
    assert _reason(result, "Leave a Reply") == "page furniture"
    assert "Talks resume in Geneva" in {line for line, _ in result.removed}
    assert result.kept == PARAGRAPHS


def test_glued_phrase_stays_whole_when_the_glued_family_is_off() -> None:
    result = remove_boilerplate(
        _page(*PARAGRAPHS, "Leave a ReplyTalks resume in Geneva"), rules=FilterRules(glued=False)
    )
    assert "Leave a ReplyTalks resume in Geneva" in {line for line, _ in result.removed}


def test_full_sentence_bullet_stays_and_short_capitalised_bullet_goes() -> None:
    sentence_bullet = "• The two ministers agreed to meet again in the autumn in Moscow."
    menu_bullet = "• Crypto Price Widget"
    result = remove_boilerplate(_page(TITLE_LINE, menu_bullet, sentence_bullet, *PARAGRAPHS))
    assert result.kept == (sentence_bullet, *PARAGRAPHS)
    assert _reason(result, menu_bullet) == "menu bullet"


def test_byline_price_line_and_ad_slot_are_dropped() -> None:
    byline = "By Jane Example | The Example Herald | 14 March 2020"
    result = remove_boilerplate(
        _page(TITLE_LINE, byline, *PARAGRAPHS, "Only $2/click", "Submit Your Ad Here")
    )
    assert result.kept == PARAGRAPHS
    assert _reason(result, byline) == "byline"
    assert _reason(result, "Only $2/click") == "price or call to action"
    assert _reason(result, "Submit Your Ad Here") == "page furniture"


def test_disclaimer_and_donation_appeal_are_dropped_although_they_are_sentences() -> None:
    disclaimer = (
        "The views expressed in this column are those of the author and do not necessarily "
        "reflect the position of the publisher."
    )
    appeal = "Enjoyed this piece? Please donate to keep our reporting free for everyone!"
    result = remove_boilerplate(_page(*PARAGRAPHS, appeal, disclaimer), drop_title=False)
    assert result.kept == PARAGRAPHS
    assert _reason(result, disclaimer) == "disclaimer"
    assert _reason(result, appeal) == "appeal for money or sign-ups"


def test_a_paragraph_that_quotes_views_expressed_by_someone_stays() -> None:
    quote = (
        "The minister said the views expressed by his counterpart were unacceptable and "
        "that the embassy would not necessarily reflect them in its report."
    )
    result = remove_boilerplate(_page(*PARAGRAPHS[:2], quote, *PARAGRAPHS[2:]), drop_title=False)
    assert quote in result.kept


def test_cookie_banner_is_dropped_whatever_its_length() -> None:
    banner = " ".join(
        ["This website uses cookies to improve your experience while you browse it."] * 6
    )
    result = remove_boilerplate(_page(*PARAGRAPHS, banner), drop_title=False)
    assert _reason(result, banner) == "site notice"


def test_author_bio_in_the_tail_after_an_ad_is_dropped() -> None:
    bio = "I covered diplomacy in Brussels for ten years before joining the paper."
    page = _page(*PARAGRAPHS, "Advertisement", "Jane Example", bio)
    result = remove_boilerplate(page, drop_title=False)
    assert result.kept == PARAGRAPHS
    assert _reason(result, bio) == "after the article body"


def test_links_handles_and_copyright_lines_are_dropped() -> None:
    junk = ("https://example.org/world/vienna-talks", "@example_news", "© 2021 Example Media")
    result = remove_boilerplate(_page(*PARAGRAPHS, *junk), drop_title=False)
    assert result.kept == PARAGRAPHS
    assert _reason(result, junk[0]) == "link, e-mail or handle"
    assert _reason(result, junk[2]) == "copyright notice"


def test_lines_the_page_repeats_are_dropped() -> None:
    teaser = "Opinion: why the treaty matters more than ever for the smaller states."
    result = remove_boilerplate(_page(teaser, *PARAGRAPHS, teaser), drop_title=False)
    assert result.kept == PARAGRAPHS


def test_repeated_template_lines_are_dropped_via_repeated_lines() -> None:
    template = "Our reporters in Vienna update this page every hour with the latest news."
    page = _page(PARAGRAPHS[0], template, *PARAGRAPHS[1:])
    assert template in remove_boilerplate(page, drop_title=False).kept
    result = remove_boilerplate(page, frozenset({normalise_line(template)}), drop_title=False)
    assert _reason(result, template) == "repeated template line"
    assert result.kept == PARAGRAPHS


def test_find_repeated_lines_counts_a_line_once_per_document() -> None:
    template = "Example Herald - independent news"
    docs = [_page(template, template, "story one"), _page(template, "story two"), "story three"]
    assert find_repeated_lines(docs, min_documents=2, min_share=0.5) == frozenset(
        {normalise_line(template)}
    )
    assert find_repeated_lines(docs, min_documents=3, min_share=0.0) == frozenset()


def test_find_repeated_lines_needs_the_share_of_documents_too() -> None:
    docs = [f"Home\nstory {'x' * n}" for n in range(3)] + [f"story {'y' * n}" for n in range(27)]
    assert find_repeated_lines(docs, min_documents=3, min_share=0.2) == frozenset()
    assert find_repeated_lines(docs, min_documents=3, min_share=0.1) == frozenset({"home"})


def test_normalise_line_folds_case_digits_punctuation_and_bullets() -> None:
    assert normalise_line("  • © 2019 Example   Media!  ") == normalise_line("© 2020 EXAMPLE MEDIA")
    assert normalise_line("12 Comments") == "0 comments"


def test_every_non_empty_line_is_either_kept_or_removed_with_a_reason() -> None:
    page = _page(TITLE_LINE, "", *MENU, "", *PARAGRAPHS, "Share this:", "  ")
    result = remove_boilerplate(page)
    assert len(result.kept) + len(result.removed) == len(MENU) + len(PARAGRAPHS) + 2
    assert all(reason for _, reason in result.removed)


def test_empty_text_gives_an_empty_result() -> None:
    assert remove_boilerplate("") == FilteredText(text="", kept=(), removed=())


# The seeds: every junk line goes, every body paragraph stays. Lines are given by their
# first characters (the seeds themselves stay in ../shared).
SEED_EXPECTATIONS = {
    "000_69a65c1856868e49.txt": {
        "title": "France aligning with Russia better prot",
        "junk": (
            "• CryptoDonate Widget for your website",
            "• Instant Crypto Exchange",
            "• Web Hosting",
            "Submitted by infoBrics, authored by Paul",
            "Article Rating",
            "Liked it? Take a second to support The D",
            "The statements, views and opinions expre",
            "Leave a Reply",
        ),
        "body": (
            "Discussions on strategic stability and r",
            "This meeting is part of the increasing c",
            "“Taking place within a framework defined",
            "According to the French statement, “thes",
            "It appears that France wants to work wit",
            "This suggests that France under Macron a",
            "Macron’s opinions against NATO are well ",
            "NATO is a Washington-controlled organiza",
            "Meanwhile, Paris is slowly thawing its f",
            "In fact, it was because of the U.S.’ eva",
            "With these deep divisions between NATO m",
        ),
    },
    "002_23ee3f04c7b8fd92.txt": {
        "title": "Could Russia and France Create Their Own",
        "junk": (
            "Only $1/click",
            "Submit Your Ad Here",
            "Christina Kitova",
            "I spent most of my professional life in ",
            "Leave a Reply",
        ),
        "body": (
            "• Russia and France could establish own ",
            "• In June 2020, the senators of Russia a",
            "• Marcon just met with the leader of Bel",
            "The Chairman of the French Senate Commis",
            "Christian Cambon is a French member of t",
            "“I truly believe that. This feature is s",
            "Cambon seems to believe it is likely Fra",
            "Additionally, Macron just met with the l",
            "In June 2020, senators from Russia and F",
            "“The point of this report is not to stay",
            "France–Russia relations date back to the",
            "She said this at the talks with the Pres",
            "Cambon said that there was always a desi",
            "He clarified that the report consisted o",
            "The French Senator also said that French",
            "France has been longing to be a leader. ",
        ),
    },
}


def _matching(lines: tuple[str, ...], prefix: str) -> list[str]:
    """The lines that start with `prefix`, any run of spaces (the seeds hold no-break
    spaces) counting as one space."""
    return [line for line in lines if " ".join(line.split()).startswith(prefix)]


@pytest.mark.needs_shared
@pytest.mark.parametrize("name", sorted(SEED_EXPECTATIONS))
def test_seed_keeps_every_body_paragraph_and_drops_every_junk_line(
    shared_dir: Path, name: str
) -> None:
    expected = SEED_EXPECTATIONS[name]
    result = remove_boilerplate((shared_dir / "seeds" / name).read_text(encoding="utf-8"))
    removed = tuple(line for line, _ in result.removed)
    for prefix in expected["body"]:
        assert len(_matching(result.kept, prefix)) == 1, f"body paragraph dropped: {prefix!r}"
    for prefix in expected["junk"]:
        assert _matching(removed, prefix), f"junk line kept: {prefix!r}"
    assert len(result.kept) == len(expected["body"]), f"unexpected lines kept: {result.kept}"
    titles = [line for line, reason in result.removed if reason == TITLE]
    assert len(titles) == 1 and _matching(tuple(titles), expected["title"])


@pytest.mark.needs_shared
def test_seeds_glued_together_lose_the_leave_a_reply_but_not_the_next_title(
    shared_dir: Path,
) -> None:
    first, second = (
        (shared_dir / "seeds" / name).read_text(encoding="utf-8")
        for name in sorted(SEED_EXPECTATIONS)
    )
    result = remove_boilerplate(first.rstrip("\n") + second)
    assert ("Leave a Reply", "page furniture") in result.removed
    next_title = SEED_EXPECTATIONS["002_23ee3f04c7b8fd92.txt"]["title"]
    assert _matching(tuple(line for line, _ in result.removed), next_title)


def test_title_repeated_as_a_heading_is_still_dropped_as_the_title() -> None:
    result = remove_boilerplate(_page(TITLE_LINE, TITLE_LINE, *PARAGRAPHS))
    assert result.removed[0] == (TITLE_LINE, TITLE)
    assert result.kept == PARAGRAPHS


def test_a_brand_name_that_starts_with_a_furniture_word_is_not_split() -> None:
    line = "HomePod sales rose sharply in the quarter, the company said in its report on Monday."
    assert remove_boilerplate(_page(*PARAGRAPHS, line), drop_title=False).kept[-1] == line


def test_a_brief_without_prose_keeps_its_lines_and_loses_its_furniture() -> None:
    result = remove_boilerplate(
        _page("Turkey sends advisers to Libya.", "Share this:"), drop_title=False
    )
    assert result.kept == ("Turkey sends advisers to Libya.",)
