"""Named entities the knowledge files do not hold, as actors of unknown country.

In: a parsed sentence (spaCy's NER has run), the actors already found in it and the role
words of the gazetteer. Out: one `ActorSpan` per organisation, person or group name the
statistical NER marks that no known actor covers ("the American Civil Liberties Union",
"Judge Amy Berman Jackson").

Such an actor has no country (`country` None) and a CAMEO-style code for an unknown
country: `---` plus the sector its own words name when they hold a role word ("the Munich
Regional Court" -> `---JUD`), else `---`. Events between such actors are kept (they are
real events of the sentence) but never count as state-level; the rules may still place
one with a sector by where the sentence puts it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from spacy.tokens import Doc, Span

from blocs.actors.entries import AgentWord
from blocs.actors.mentions import ActorSpan

UNKNOWN_COUNTRY = "---"
_LABELS = frozenset({"ORG", "PERSON", "NORP"})
_LEADING = frozenset({"the", "a", "an"})


def entity_actors(
    doc: Doc, known: Sequence[ActorSpan], agents: Mapping[str, AgentWord]
) -> list[ActorSpan]:
    """Actors for the NER's organisation, person and group names no known actor covers."""
    taken = {i for a in known for i in range(a.start, a.end)}
    found: list[ActorSpan] = []
    for ent in doc.ents:
        if ent.label_ not in _LABELS or taken.intersection(range(ent.start, ent.end)):
            continue
        span = _trimmed(ent)
        if span is None:
            continue
        sector = _sector(span, agents)
        found.append(
            ActorSpan(
                span.start,
                span.end,
                span.text,
                f"{UNKNOWN_COUNTRY}{sector or ''}",
                None,
                sector,
                "entity",
                f"ner:{ent.label_}",
                "ner",
            )
        )
    return found


def _trimmed(ent: Span) -> Span | None:
    start = ent.start + (ent.doc[ent.start].lower_ in _LEADING)
    if start >= ent.end or not any(t.is_alpha for t in ent.doc[start : ent.end]):
        return None
    return ent.doc[start : ent.end]


def _sector(span: Span, agents: Mapping[str, AgentWord]) -> str | None:
    """The sector of the last role word inside the name ("Supreme Court" -> JUD)."""
    for token in reversed(span):
        word = agents.get(token.lower_) or agents.get(token.lemma_.lower())
        if word is not None:
            return word.sector
    return None
