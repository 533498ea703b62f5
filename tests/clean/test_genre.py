"""Opinion pieces are told from news by URL, title prefix or an author's-views disclaimer."""

from __future__ import annotations

from blocs.clean.genre import detect_genre, gives_events


def test_opinion_section_urls_and_title_prefixes_mark_opinion() -> None:
    assert detect_genre("https://x.example/opinion/2020/nato", None, []) == "opinion"
    assert detect_genre(None, "Op-Ed: Why NATO is not brain dead", []) == "opinion"


def test_a_removed_disclaimer_marks_opinion() -> None:
    line = "The views expressed in this column are solely those of the author."
    assert detect_genre(None, "NATO at seventy", [line]) == "opinion"


def test_a_menu_with_an_opinion_section_is_still_news() -> None:
    menu = "Home | World | Politics | Opinion | Subscribe"
    assert detect_genre("https://x.example/world/2020/talks", "Talks resume", [menu]) == "news"


def test_sports_and_entertainment_sections_and_sports_sites_give_no_events() -> None:
    cases = {
        "https://x.example/sport/football/2021/derby-report": "sports",
        "https://scores.example/nba/news/trade-talks-stall": "sports",
        "https://www.newssports.example/2021/05/final-whistle": "sports",
        "https://x.example/entertainment/2021/band-reunites": "entertainment",
        "https://x.example/world/2021/troops-cross-border": "news",
        "https://x.example/world/2021/sportswashing-row": "news",  # a word, not a section
        "https://transport.example/news/2021/rail-strike": "news",
    }
    for url, genre in cases.items():
        assert detect_genre(url, "A title", []) == genre, url
    assert not gives_events("sports") and not gives_events("entertainment")
    assert gives_events("news") and gives_events("opinion")
