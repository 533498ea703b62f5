"""Sports and entertainment context: where "beat", "fought" and "clashed" are play.

A sentence is in such a context when it holds a word of `knowledge/events/sports_words.txt`,
or when its article does in at least a quarter of its sentences (a match report whose
"former officials fought for the ball" names no sport). There, an event triggered by a word
of `contest_words.txt` is not coded; other events are ("Russia released the American
basketball player" is a release).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from spacy.tokens import Token

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
