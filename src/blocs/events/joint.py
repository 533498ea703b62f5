"""Military acts done together: "Russian and Turkish forces will conduct joint patrols".

A patrol, an exercise or an operation is force or mobilisation when one side does it; a
"joint" one (JOINT_MODIFIERS) is military cooperation between the sides that do it (CAMEO
062, PLOVER COOPERATE), coded both ways like any joint action.
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Token

from blocs.events.lexicon import EventLexicon, NounPattern
from blocs.events.wordlists import word_list

JOINT_MODIFIERS = word_list("joint_modifiers")
MILITARY_COOPERATION = "062"


def joint_pattern(
    noun: Token, pattern: NounPattern, lexicon: EventLexicon, physical: bool
) -> NounPattern:
    """The pattern of a military noun (`physical`) modified by a joint word becomes
    military cooperation; any other pattern is returned as it is."""
    if not physical or not any(
        c.dep_ == "amod" and c.lemma_.lower() in JOINT_MODIFIERS for c in noun.children
    ):
        return pattern
    info = lexicon.cameo_info(MILITARY_COOPERATION)
    if info.plover is None:
        return pattern
    return replace(pattern, plover=info.plover, mode=info.plover_mode, cameo=MILITARY_COOPERATION)
