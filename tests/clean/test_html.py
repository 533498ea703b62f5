"""blocs.clean.html: main text and metadata of small literal pages."""

from __future__ import annotations

import datetime

import pytest

from blocs.clean.html import (
    HtmlExtraction,
    _visible_text_length,
    drop_leading_title,
    extract_html,
    parse_html,
)
from blocs.errors import CleanError

URL = "https://news.example.org/2020/06/27/paris-moscow-strategic-stability"
CANONICAL = "https://news.example.org/world/paris-moscow-strategic-stability"

ARTICLE_PARAGRAPHS = (
    "France and Russia held consultations on strategic stability in Paris on Friday, "
    "the foreign ministry said, the first such meeting since the start of the year.",
    "Officials discussed arms control, the future of the treaty on intermediate-range "
    "nuclear forces and a planned Franco-Russian Cooperation Council on Security Issues.",
    "A French senator later called for a new European security structure outside NATO, "
    "a proposal that drew criticism from several allies in Central Europe.",
    "The ministry said the two sides agreed to meet again in the autumn in Moscow to "
    "prepare the council's agenda and to review progress on the issues raised.",
)


def _page(article_html: str, head: str = "") -> str:
    return f"""<!DOCTYPE html>
<html lang="en-GB">
<head>
  <title>France and Russia consult on strategic stability | The Example Herald</title>
  <meta property="og:site_name" content="The Example Herald">
  <meta name="author" content="Jeanne Martin">
  <meta property="article:published_time" content="2020-06-27T09:30:00+02:00">
  <meta property="article:modified_time" content="2020-07-02T18:00:00+02:00">
  <link rel="canonical" href="{CANONICAL}">
  <style>.site-banner {{ color: #c00; }} .hidden-style-marker {{ display: none; }}</style>
  <script>var trackingMarker = "analytics-script-marker";</script>
  {head}
</head>
<body>
  <nav class="menu"><ul>
    <li><a href="/">Home</a></li><li><a href="/world">World navigation link</a></li>
    <li><a href="/sport">Sport navigation link</a></li><li><a href="/about">About us</a></li>
  </ul></nav>
  <main>
    <article>
      <h1>France and Russia consult on strategic stability</h1>
      {article_html}
    </article>
    <aside class="related">
      <h3>Related stories</h3>
      <ul><li><a href="/a">Sidebar teaser about football transfers</a></li>
      <li><a href="/b">Sidebar teaser about celebrity weddings</a></li></ul>
    </aside>
    <section id="comments" class="comments">
      <h3>3 comments</h3>
      <div class="comment"><p>Reader comment: this is all propaganda, wake up people!</p></div>
      <div class="comment"><p>Reader comment: great article, thanks for sharing it.</p></div>
      <p>Leave a Reply</p>
    </section>
  </main>
  <footer class="site-footer"><p>Copyright footer notice of The Example Herald, all rights
    reserved.</p><p><a href="/privacy">Privacy policy</a></p></footer>
  <script>document.write("inline-body-script-marker");</script>
</body>
</html>"""


def _paragraphs(*paragraphs: str) -> str:
    return "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)


@pytest.fixture(scope="module")
def news_page() -> HtmlExtraction:
    return extract_html(_page(_paragraphs(*ARTICLE_PARAGRAPHS)), url=URL)


def test_article_body_is_kept_paragraph_per_line(news_page: HtmlExtraction) -> None:
    assert news_page.text.split("\n") == list(ARTICLE_PARAGRAPHS)


@pytest.mark.parametrize(
    "boilerplate",
    [
        "navigation link",
        "Sidebar teaser",
        "Reader comment",
        "Leave a Reply",
        "Copyright footer notice",
        "Privacy policy",
    ],
)
def test_nav_aside_comments_and_footer_are_dropped(
    news_page: HtmlExtraction, boilerplate: str
) -> None:
    assert boilerplate not in news_page.text


@pytest.mark.parametrize(
    "marker", ["analytics-script-marker", "inline-body-script-marker", "hidden-style-marker"]
)
def test_script_and_style_content_never_appears(news_page: HtmlExtraction, marker: str) -> None:
    assert marker not in news_page.text


def test_headline_repeated_as_first_line_is_not_body(news_page: HtmlExtraction) -> None:
    assert not news_page.text.startswith("France and Russia consult")


def test_metadata_fields_are_read_from_meta_tags(news_page: HtmlExtraction) -> None:
    assert news_page.title == "France and Russia consult on strategic stability"
    assert news_page.author == "Jeanne Martin"
    assert news_page.outlet == "The Example Herald"
    assert news_page.url == CANONICAL
    assert news_page.language == "en"


def test_published_date_is_the_original_not_the_update(news_page: HtmlExtraction) -> None:
    assert news_page.published == datetime.date(2020, 6, 27)


def test_url_passed_in_is_kept_when_page_has_no_canonical_link() -> None:
    html = _page(_paragraphs(*ARTICLE_PARAGRAPHS)).replace(
        f'<link rel="canonical" href="{CANONICAL}">', ""
    )
    assert extract_html(html, url=URL).url == URL


def test_language_is_none_when_the_page_declares_none() -> None:
    html = _page(_paragraphs(*ARTICLE_PARAGRAPHS)).replace(' lang="en-GB"', "")
    assert extract_html(html, url=URL).language is None


def test_script_inside_the_article_text_yields_no_script_text() -> None:
    first, *rest = ARTICLE_PARAGRAPHS
    article = f"<p>{first} <script>alert(1)</script> Talks went on.</p>" + _paragraphs(*rest)
    result = extract_html(_page(article), url=URL)
    assert "alert" not in result.text
    assert "Talks went on." in result.text


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html><head><title>Empty</title></head><body></body></html>",
        "<html><body><script>var x = 1;</script><style>p { color: red; }</style></body></html>",
    ],
)
def test_page_without_text_raises_clean_error_naming_the_url(html: str) -> None:
    with pytest.raises(CleanError, match="paris-moscow-strategic-stability"):
        extract_html(html, url=URL)


def test_page_without_text_and_url_still_raises_clean_error() -> None:
    with pytest.raises(CleanError, match="HTML document"):
        extract_html("<html><body></body></html>")


def test_drop_leading_title_keeps_a_first_line_that_only_shares_a_word() -> None:
    text = "France said on Friday it would talk.\nMore text."
    assert drop_leading_title(text, "France and Russia consult") == text


def test_drop_leading_title_drops_the_headline_without_the_site_suffix() -> None:
    text = "France and Russia consult on stability\nBody paragraph."
    title = "France and Russia consult on stability | The Example Herald"
    assert drop_leading_title(text, title) == "Body paragraph."


def test_visible_text_counts_body_text_and_tails_but_not_head_scripts_styles_or_noscript() -> None:
    tree = parse_html(
        "<html><head><title>Head title</title><style>p {}</style></head><body>"
        "<p>  Seen one  </p><script>var hidden = 1;</script> tail seen "
        "<div><noscript><p>not seen</p></noscript><b>bold</b></div></body></html>"
    )
    assert _visible_text_length(tree) == len("Seen one") + len("tail seen") + len("bold")
