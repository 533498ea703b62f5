"""Events a sentence names again: "Iran attacked Iraq, and Kuwait condemned the attack".

A verb whose object is a definite event noun ("the attack", "this invasion") with no party
of its own acts on the event the sentence reported before it; its target is who did that
event. Only an earlier finding of the noun's own PLOVER type counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Token

from blocs.events.lexicon import EventLexicon
from blocs.events.rules import OBJECTS, Finding, side

DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def _event_type(noun: Token, lexicon: EventLexicon) -> str | None:
    """The PLOVER type of a definite event noun with nothing but a determiner or an
    adjective before it, else None."""
    if not any(c.dep_ == "det" and c.lower_ in DEFINITE for c in noun.children):
        return None
    if any(c.dep_ in {"poss", "compound", "nmod"} or c.dep_ == "prep" for c in noun.children):
        return None  # "the Iranian attack", "the attack on X": the noun names its own parties
    patterns = lexicon.nouns_for(noun.lemma_.lower())
    return patterns[0].plover if patterns else None


def referred_events(findings: Sequence[Finding], lexicon: EventLexicon) -> list[Finding]:
    """The findings, and for each one without a target whose verb's object names an
    earlier event of the sentence again, the same finding aimed at that event's source."""
    found = list(findings)
    for finding in findings:
        if finding.source is None or finding.target is not None:
            continue
        for noun in finding.trigger.children:
            plover = _event_type(noun, lexicon) if noun.dep_ in OBJECTS else None
            if plover is None:
                continue
            earlier = [
                f
                for f in findings
                if f.plover == plover and f.source is not None and f.trigger.i < finding.trigger.i
            ]
            doer = earlier[-1].source if earlier else None
            if doer is not None and side(doer) != side(finding.source):
                found.append(replace(finding, target=doer))
    return found
