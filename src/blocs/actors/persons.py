"""Ordinary people as parties: "police arrested a California man", "the United States
returned the portrait to its owner".

In: a parsed sentence, the actors already found in it and the sentence's event words. Out:
one civilian actor (CAMEO sector CVL, no country: the event rules place it by the sentence as
they place other role words, else it keeps CAMEO's unknown country) per noun of
`knowledge/actors/persons.txt` that is the subject or object of an event word and no known
actor covers. Only parsed sentences get them: these nouns are everywhere, so they never make
a sentence a candidate for the parse.
"""

from __future__ import annotations

from collections.abc import Sequence, Set
from functools import cache

from spacy.tokens import Doc, Token

from blocs.actors.mentions import ActorSpan
from blocs.word_files import is_lower_case, read_words

PERSONS_FILE = "actors/persons.txt"
SECTOR = "CVL"
_ARGUMENTS = frozenset({"nsubj", "nsubjpass", "dobj"})
_PREPOSITIONS = frozenset({"prep", "agent", "dative"})


@cache
def person_nouns() -> frozenset[str]:
    """The lemmas of `persons.txt`; a line that is not one lower-case word raises."""
    return read_words(PERSONS_FILE, PERSONS_FILE, is_lower_case, "lower-case word")


def person_actors(doc: Doc, known: Sequence[ActorSpan], cues: Set[str]) -> list[ActorSpan]:
    """Civilian actors for the person nouns that are an argument of an event word (a word
    of `cues`, lower case): its subject or object, or the object of a preposition on it."""
    taken = {i for a in known for i in range(a.start, a.end)}
    nouns = person_nouns()
    return [
        ActorSpan(
            token.i,
            token.i + 1,
            token.text,
            SECTOR,
            None,
            SECTOR,
            "agent",
            f"person:{token.lemma_.lower()}",
            "parse",
        )
        for token in doc
        if token.pos_ == "NOUN"
        and token.i not in taken
        and token.lemma_.lower() in nouns
        and _event_argument(token, cues)
    ]


def _event_argument(token: Token, cues: Set[str]) -> bool:
    if token.dep_ in _ARGUMENTS:
        return token.head.lower_ in cues
    head = token.head
    return token.dep_ == "pobj" and head.dep_ in _PREPOSITIONS and head.head.lower_ in cues
