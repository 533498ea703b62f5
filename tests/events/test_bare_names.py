"""An argument that is a proper name nobody knows: built parses, so that the test does not
depend on what the statistical NER happens to mark."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from blocs.actors.mentions import ActorSpan
from blocs.events.rules import ActorIndex


def _parse(words: list[str], pos: list[str], deps: list[str], heads: list[int]) -> Doc:
    return Doc(Vocab(), words=words, pos=pos, deps=deps, heads=heads)


# "The court charged Lars Olafsson ." with no entity marked on the name.
WORDS = ["The", "court", "charged", "Lars", "Olafsson", "."]
POS = ["DET", "NOUN", "VERB", "PROPN", "PROPN", "PUNCT"]
DEPS = ["det", "nsubj", "ROOT", "compound", "dobj", "punct"]
HEADS = [1, 2, 2, 4, 2, 2]
COURT = ActorSpan(1, 2, "court", "JUD", None, "JUD", "agent", "agent:court", "agent")


def test_a_proper_name_the_ner_missed_is_a_party_of_unknown_country() -> None:
    doc = _parse(WORDS, POS, DEPS, HEADS)
    [name] = ActorIndex([COURT]).named([doc[4]])
    assert (name.text, name.code, name.country, name.kind) == (
        "Lars Olafsson",
        "---",
        None,
        "entity",
    )


def test_a_common_noun_or_a_known_actor_is_no_bare_name() -> None:
    doc = _parse(WORDS, POS, DEPS, HEADS)
    assert ActorIndex([COURT]).named([doc[1]]) == []
    known = ActorSpan(3, 5, "Lars Olafsson", "NORGOV", "NOR", "GOV", "person", "p:1", "exact")
    assert ActorIndex([COURT, known]).named([doc[4]]) == []
