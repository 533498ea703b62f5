"""Parties the knowledge files do not hold, seen before the parse by the shape of their words.

In: a sentence's tokens (their texts) and the actors the gazetteer found in it. Out: the
token spans of names that most likely name a party the statistical NER will find once the
sentence is parsed:

* a capitalised name of two words or more holding a head word of
  `knowledge/actors/institutions.txt` ("the Department of Education", "the Canadian
  International Development Agency"), a bare role word of no country inside it included
  ("the Federal Foreign Office");
* a capitalised title the gazetteer marks as a role word followed by a capitalised name
  it does not know ("Mayor Dayton King", "Governor-General Michael Ogio").

They only decide which sentences are parsed (`EventExtractor._is_candidate`); the parties
themselves come from the NER (`entities.py`).
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from functools import cache

from blocs.actors.mentions import ActorSpan
from blocs.word_files import read_words

INSTITUTIONS_FILE = "actors/institutions.txt"
# Lower-case words that may join the capitalised words of one name ("Ministry of Defence",
# "Committee on Trade and Investment").
_JOINERS = frozenset({"of", "for", "on", "and", "the", "&"})
_ARTICLES = frozenset({"The", "A", "An"})


@cache
def institution_words() -> frozenset[str]:
    """The head words of `institutions.txt`; a line that is not one capitalised word raises."""
    return read_words(INSTITUTIONS_FILE, INSTITUTIONS_FILE, _one_capitalised, "capitalised word")


def _one_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _capitalised(text: str) -> bool:
    return text[:1].isupper() and text.replace("-", "").replace(".", "").isalpha()


def named_bodies(texts: Sequence[str], actors: Sequence[ActorSpan]) -> list[tuple[int, int]]:
    """(start, end) of each capitalised name of two words or more, no word of it an actor
    of a known country, that holds a head word of `institutions.txt`."""
    stated = {i for a in actors if a.country is not None for i in range(a.start, a.end)}
    heads = institution_words()
    found: list[tuple[int, int]] = []
    i = 0
    while i < len(texts):
        if i in stated or not _capitalised(texts[i]) or texts[i] in _ARTICLES:
            i += 1
            continue
        end, words, headed = i, 0, False
        j = i
        while j < len(texts) and j not in stated:
            if _capitalised(texts[j]):
                words += 1
                headed = headed or texts[j] in heads
                end = j + 1
            elif texts[j] not in _JOINERS:
                break
            j += 1
        if words >= 2 and headed:
            found.append((i, end))
        i = max(end, i + 1)
    return found


def titled_names(
    texts: Sequence[str], actors: Sequence[ActorSpan], vocabulary: Set[str]
) -> list[tuple[int, int]]:
    """(start, end) of each capitalised name right after a capitalised role word of no
    country ("Mayor Dayton King"): no actor covers it, and it has two words or one that
    English does not hold (so that "Minister Tuesday" is none)."""
    covered = {i for a in actors for i in range(a.start, a.end)}
    found: list[tuple[int, int]] = []
    for actor in actors:
        if (
            actor.country is not None
            or actor.kind != "agent"
            or not texts[actor.start][:1].isupper()
        ):
            continue
        end = actor.end
        while end < len(texts) and end not in covered and _capitalised(texts[end]):
            end += 1
        words = texts[actor.end : end]
        if len(words) >= 2 or (words and words[0].lower() not in vocabulary):
            found.append((actor.end, end))
    return found
