"""blocs.clean.html_metadata: the five fields trafilatura.extract_metadata gives, read
without its categories, tags and licence."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
import trafilatura
from lxml.html import tostring

from blocs.clean.html import parse_html
from blocs.clean.html_metadata import date_params, page_metadata

REPO = Path(__file__).resolve().parents[2]
BENCH_PAGES = REPO.parent / "shared" / "eval" / "extraction" / "html"


def _fields_of_extract_metadata(html: str, url: str | None) -> tuple[str | None, ...]:
    tree = parse_html(html)
    meta = trafilatura.extract_metadata(tree, default_url=url, date_config=date_params())
    return (meta.title, meta.author, meta.sitename, meta.url, meta.date)


def _fields(html: str, url: str | None) -> tuple[str | None, ...]:
    meta = page_metadata(parse_html(html), url)
    return (meta.title, meta.author, meta.sitename, meta.url, meta.date)


def test_sample_pages_get_the_fields_extract_metadata_gives() -> None:
    pages = sorted((REPO / "examples" / "html").glob("*.html"))
    assert pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        assert _fields(html, None) == _fields_of_extract_metadata(html, None), path.name


@pytest.mark.needs_shared
def test_benchmark_news_pages_get_the_fields_extract_metadata_gives() -> None:
    pages = sorted(BENCH_PAGES.glob("*.html.gz"))
    assert len(pages) > 100
    for path in pages:
        html = gzip.decompress(path.read_bytes()).decode("utf-8", "replace")
        url = f"https://news.example.org/{path.name.removesuffix('.html.gz')}"
        assert _fields(html, url) == _fields_of_extract_metadata(html, url), path.name


def test_a_handle_for_a_site_name_loses_its_at_sign_and_a_lower_case_name_is_capitalised() -> None:
    html = (
        '<html><head><meta name="twitter:site" content="@herald">'
        "<title>Talks in Geneva</title></head><body><p>Text of the page.</p></body></html>"
    )
    meta = page_metadata(parse_html(html), "https://www.example.org/a")
    assert meta.sitename == "Herald"
    assert _fields(html, "https://www.example.org/a") == _fields_of_extract_metadata(
        html, "https://www.example.org/a"
    )


def test_the_url_host_is_the_site_name_when_the_page_declares_none() -> None:
    html = "<html><head><title>Talks</title></head><body><p>Text of the page.</p></body></html>"
    meta = page_metadata(parse_html(html), "https://www.example.org/world/talks")
    assert meta.sitename == "example.org"
    assert meta.url == "https://www.example.org/world/talks"


def test_the_page_tree_is_left_as_it_was() -> None:
    html = sorted((REPO / "examples" / "html").glob("*.html"))[0].read_text(encoding="utf-8")
    tree = parse_html(html)
    before = tostring(tree)
    page_metadata(tree, None)
    assert tostring(tree) == before
