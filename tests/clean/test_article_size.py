"""A document far longer than any article is refused with the reason, before extraction."""

from __future__ import annotations

import pytest

from blocs.clean.article import MAX_ARTICLE_CHARS, clean_document
from blocs.errors import CleanError
from blocs.records import RawDocument

SENTENCE = "Officials from Chile and Peru met in Lima on Tuesday to discuss fishing rights. "


def test_a_text_over_the_article_limit_is_refused_naming_the_source() -> None:
    text = SENTENCE * (MAX_ARTICLE_CHARS // len(SENTENCE) + 10)
    doc = RawDocument(source="dump.txt", content=text, media_type="text/plain")
    with pytest.raises(CleanError, match=r"^dump\.txt: \d+ characters of text is over"):
        clean_document(doc)


def test_a_long_article_under_the_limit_is_kept() -> None:
    text = SENTENCE * (MAX_ARTICLE_CHARS // len(SENTENCE) // 2)
    doc = RawDocument(source="long.jsonl#1", content=text, media_type="text/plain", prepared=True)
    assert len(clean_document(doc).article.text) > MAX_ARTICLE_CHARS // 3
