"""Opinion pieces are told from news by URL, title prefix or an author's-views disclaimer."""

from __future__ import annotations

from blocs.clean.genre import detect_genre


def test_opinion_section_urls_and_title_prefixes_mark_opinion() -> None:
    assert detect_genre("https://x.example/opinion/2020/nato", None, []) == "opinion"
    assert detect_genre(None, "Op-Ed: Why NATO is not brain dead", []) == "opinion"


def test_a_removed_disclaimer_marks_opinion() -> None:
    line = "The views expressed in this column are solely those of the author."
    assert detect_genre(None, "NATO at seventy", [line]) == "opinion"


def test_a_menu_with_an_opinion_section_is_still_news() -> None:
    menu = "Home | World | Politics | Opinion | Subscribe"
    assert detect_genre("https://x.example/world/2020/talks", "Talks resume", [menu]) == "news"
