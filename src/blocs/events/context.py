"""Sports and entertainment context: where "beat", "fought" and "clashed" are play.

A sentence is in such a context when it holds a word of `knowledge/events/sports_words.txt`,
or when its article does in at least a quarter of its sentences (a match report whose
"former officials fought for the ball" names no sport). There, an event triggered by a word
of `contest_words.txt` is not coded; other events are ("Russia released the American
basketball player" is a release).
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Token

from blocs.events.wordlists import word_list

ARTICLE_SHARE = 0.25
_MIN_SENTENCES = 2


def _sporting(doc: Doc) -> bool:
    words = word_list("sports_words")
    return any(t.lower_ in words for t in doc)


def sports_context(docs: Sequence[Doc]) -> list[bool]:
    """For each sentence of an article: is it in a sports or entertainment context?"""
    own = [_sporting(doc) for doc in docs]
    count = sum(own)
    article = count >= _MIN_SENTENCES and count >= ARTICLE_SHARE * len(docs)
    return [article or sporting for sporting in own]


def is_play(trigger: Token) -> bool:
    """Is this event word one a sports report uses for play?"""
    return trigger.lemma_.lower() in word_list("contest_words")
