"""What around an event's words is context, not event: sports and datelines.

Sports and entertainment context: where "beat", "fought" and "clashed" are play.

A sentence is in such a context when it holds a word of `knowledge/events/sports_words.txt`,
or when its article does in at least a quarter of its sentences (a match report whose
"former officials fought for the ball" names no sport). There, an event triggered by a word
of `contest_words.txt` is not coded; other events are ("Russia released the American
basketball player" is a release).

A dateline ("KABUL -", "PARIS (Reuters) -", "Lucknow:") says where and by whom a report was
filed: the names in it are no party to the sentence's events.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from blocs.events.wordlists import word_list

ARTICLE_SHARE = 0.25
_MIN_SENTENCES = 2


@functools.cache
def _sports_words() -> re.Pattern[str]:
    """The words as one pattern: a search of the text is cheaper than a walk over tokens."""
    words = sorted(word_list("sports_words"), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])")


def sports_context(texts: Sequence[str]) -> list[bool]:
    """For each sentence of an article: is it in a sports or entertainment context?"""
    own = [_sports_words().search(text.lower()) is not None for text in texts]
    count = sum(own)
    article = count >= _MIN_SENTENCES and count >= ARTICLE_SHARE * len(texts)
    return [article or sporting for sporting in own]


def is_play(trigger: Token) -> bool:
    """Is this event word one a sports report uses for play?"""
    return trigger.lemma_.lower() in word_list("contest_words")


_DASHES = frozenset({"-", "--", "—", "–"})
# Between the words of a dateline: "GAZA CITY, Gaza Strip (AP) -", "BEIJING/WASHINGTON
# (Reuters) -" (a story filed from two bureaus), "LONDON, Oct. 10 (Reuters) -".
_DATELINE_MARKS = frozenset({",", "(", ")", ".", "/"})
_DATELINE_TOKENS = 9  # "GAZA CITY, Gaza Strip, Oct. 10 (AP) -"
_COLON_DATELINE_TOKENS = 3  # "Lucknow:"


def dateline_end(sentence: Doc | Span) -> int:
    """The index of the first token after the sentence's dateline ("KABUL -", "BELGRADE,
    Serbia -", "JERUSALEM (AP) -", "SEOUL/WASHINGTON (Reuters) -", "LONDON, Oct 10
    (Reuters) -", "Mexico:"), or the sentence's start when it has none: a few capitalised
    words (a date among them), commas, slashes and parentheses, then a dash set off by
    spaces (or a colon after at most three words)."""
    start = sentence.start if isinstance(sentence, Span) else 0
    doc = sentence.doc if isinstance(sentence, Span) else sentence
    end = sentence.end if isinstance(sentence, Span) else len(doc)
    for i in range(start, min(end - 1, start + _DATELINE_TOKENS + 1)):
        token = doc[i]
        colon = token.text == ":" and i - start <= _COLON_DATELINE_TOKENS
        dash = i > start and _spaced_dash(doc, i)
        if i > start and (dash or colon):
            if colon and not dash:
                return i + 1
            # "Turkey - a NATO member - attacked": a title-case word before the first of two
            # dashes opens an aside, not a dateline.
            words = [t for t in doc[start:i] if t.is_alpha]
            if all(t.is_upper for t in words):
                return i + 1
            aside = any(_spaced_dash(doc, j) for j in range(i + 1, end))
            return start if aside and not colon else i + 1
        if not (
            token.is_title or token.is_upper or token.like_num or token.text in _DATELINE_MARKS
        ):
            return start
    return start


def _spaced_dash(doc: Doc, i: int) -> bool:
    return doc[i].text in _DASHES and bool(doc[i - 1].whitespace_) and bool(doc[i].whitespace_)
