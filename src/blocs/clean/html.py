"""HTML page -> main text and metadata (title, author, outlet, canonical url, date, language).

Input: the HTML of one page (and the url it came from, if known).
Output: an `HtmlExtraction`; `blocs.errors.CleanError` when the page holds no main text.

The text comes from trafilatura, over one parsed tree:

1. One `favor_precision` + `fast` pass: trafilatura's own extractor only, without its
   comparison against readability and jusText, which re-reads the page twice more for a fifth
   of the text extraction's time and F1 0.9707 against 0.9695 on the article-extraction
   benchmark.
   Now and then it prunes the article itself and keeps only a notice, so:
2. A check, only when the precise text is under `_MIN_PRECISE_SHARE` of the page's visible
   text (about one page in eight): a cheap `favor_recall` + `fast` pass. If the precise text is
   under that share of the check text too, the precise pass lost the article and the check
   text is used instead.
3. A first line repeating the headline is dropped: the title is metadata, not body.

Comments are never part of the text (`include_comments=False`); tables are kept, since news
articles put facts in them. Blocks (paragraph, heading, list item, table row) are separated by
a single "\n", as trafilatura renders them. Metadata (title, author, site name, canonical url,
htmldate's original publication date) comes from trafilatura's metadata steps
(`clean/html_metadata.py`); the language only from what the page declares.

`bench/html_extraction.py` prints the measurements behind these choices.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from typing import Any

import trafilatura
from trafilatura.settings import Document

from blocs.clean.html_metadata import page_metadata
from blocs.errors import CleanError

# lxml ships no type hints (and the repo's mypy settings do not silence it): trees are Any here.
HtmlTree = Any  # lxml.html.HtmlElement

# libxml2 (under lxml) stops reading an HTML page at this depth of nested elements: what is
# nested deeper is lost (huge_tree only moves the limit to 2048).
PARSER_MAX_DEPTH = 256
_AT_PARSER_DEPTH = "/*" * PARSER_MAX_DEPTH  # the elements that deep, the root counting 1

# A precise text shorter than this share of the check text means the precise pass dropped the
# article (F1 on the benchmark is the same for any share from 0.1 to 0.5; 0.25 sits between).
_MIN_PRECISE_SHARE = 0.25

_COMMON_OPTIONS: dict[str, Any] = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
    "with_metadata": False,
}
_PRECISE_PASS: dict[str, Any] = {**_COMMON_OPTIONS, "favor_precision": True, "fast": True}
_CHECK_PASS: dict[str, Any] = {**_COMMON_OPTIONS, "favor_recall": True, "fast": True}

_ALL_TEXT = "//text()"
# The text nodes under any of these (the union counts a node once); an `ancestor::` test on
# every text node of the page costs three times as much as the two plain paths.
_HIDDEN_TEXT = "//head//text() | //script//text() | //style//text() | //noscript//text()"
_WORD = re.compile(r"\w+")
_MIN_TITLE_WORDS = 4

_LANGUAGE_TAG = re.compile(r"^([a-z]{2,3})(?:[-_][a-z0-9]+)*$", re.IGNORECASE)
_LANGUAGE_XPATHS = (
    "/html/@lang",
    "/html/@*[name()='xml:lang']",
    "//meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')"
    "='content-language']/@content",
    "//meta[@name='language' or @name='Language']/@content",
    "//meta[@property='og:locale']/@content",
)


@dataclass(frozen=True, slots=True)
class HtmlExtraction:
    """Main text and metadata of one HTML page.

    `text` holds one block (paragraph, heading, list item, table row) per line, joined by "\\n".
    """

    text: str
    title: str | None
    author: str | None
    outlet: str | None  # site name; trafilatura falls back to the domain when none is declared
    url: str | None  # canonical URL if the page gives one, else the url passed in
    published: datetime.date | None  # original publication date, not the last update
    language: str | None  # ISO 639 code declared by the page, e.g. "en"; None if undeclared


def extract_html(html: str, url: str | None = None) -> HtmlExtraction:
    """Extract the main text and metadata of an HTML page.

    Raise `CleanError` (naming `url` if given) when no main text can be found.
    """
    where = url or "HTML document"
    tree = parse_html(html)
    if tree is None:
        raise CleanError(f"{where}: not parseable as HTML; check that the input is a web page")
    text = extract_main_text(tree, url)
    if not text and reaches_parser_depth(tree):
        raise CleanError(
            f"{where}: the HTML nests elements more than {PARSER_MAX_DEPTH - 1} deep, where the "
            "HTML parser stops reading, and holds no main text above that depth"
        )
    if not text:
        raise CleanError(
            f"{where}: no main text found in the HTML (empty page, or only navigation and "
            "scripts); check that the page is an article and was fetched completely"
        )
    meta = page_metadata(tree, url)
    return HtmlExtraction(
        text=drop_leading_title(text, meta.title),
        title=meta.title or None,
        author=meta.author or None,
        outlet=meta.sitename or None,
        url=meta.url or url,
        published=_parse_date(meta.date),
        language=declared_language(tree),
    )


def extract_main_text(tree: HtmlTree, url: str | None = None) -> str:
    """Main text of a parsed page: the precise pass, unless it lost the article (see module doc)."""
    precise = _run_pass(tree, url, _PRECISE_PASS)
    if len(precise) >= _MIN_PRECISE_SHARE * _visible_text_length(tree):
        return precise
    check = _run_pass(tree, url, _CHECK_PASS)
    if len(precise) >= _MIN_PRECISE_SHARE * len(check):
        return precise
    return check


def reaches_parser_depth(tree: HtmlTree) -> bool:
    """True when the parsed tree nests as deep as the parser reads: what lay deeper is lost."""
    return bool(tree.xpath(_AT_PARSER_DEPTH))


def drop_leading_title(text: str, title: str | None) -> str:
    """Drop the first line when it repeats the headline, which is metadata, not body.

    A line counts as the headline when its words equal the title's, or begin it and are at
    least `_MIN_TITLE_WORDS` long (titles often carry a " | Site name" suffix).
    """
    first, newline, rest = text.partition("\n")
    first_words, title_words = _words(first), _words(title or "")
    if not newline or not first_words or not title_words:
        return text
    repeats_title = first_words == title_words or (
        len(first_words) >= _MIN_TITLE_WORDS and title_words[: len(first_words)] == first_words
    )
    return rest.lstrip("\n") if repeats_title else text


def declared_language(tree: HtmlTree) -> str | None:
    """Primary language subtag the page declares (`<html lang>`, content-language, og:locale)."""
    for xpath in _LANGUAGE_XPATHS:
        for value in tree.xpath(xpath):
            match = _LANGUAGE_TAG.match(str(value).strip())
            if match:
                return match.group(1).lower()
    return None


def parse_html(html: str) -> HtmlTree | None:
    """Parse once; trafilatura copies the tree in each pass, so one parse serves them all.

    trafilatura takes only whole documents: a fragment (a feed entry's one paragraph or plain
    text) is parsed as the body of one.
    """
    if not html.strip():
        return None
    tree: HtmlTree | None = trafilatura.load_html(html)
    if tree is None:
        tree = trafilatura.load_html(f"<html><body>{html}</body></html>")
    return tree


def _visible_text_length(tree: HtmlTree) -> int:
    """Characters of text outside head, scripts and styles: roughly the most any pass can
    return, and far cheaper to get than a second pass."""
    return _text_length(tree, _ALL_TEXT) - _text_length(tree, _HIDDEN_TEXT)


def _text_length(tree: HtmlTree, path: str) -> int:
    """Characters of the text nodes `path` selects, each stripped of surrounding space."""
    return sum(len(node.strip()) for node in tree.xpath(path, smart_strings=False))


def _run_pass(tree: HtmlTree, url: str | None, options: dict[str, Any]) -> str:
    document = trafilatura.bare_extraction(tree, url=url, **options)
    if not isinstance(document, Document):
        return ""
    return str(document.text or "").strip()


def _words(text: str) -> list[str]:
    return [word.casefold() for word in _WORD.findall(text)]


def _parse_date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None
