"""Modality and attribution of an event trigger in a parsed sentence.

The order of precedence follows how a careful reader codes: a negated event is negated even
when reported; a hypothetical one ("could create") is not an event that happened; a future
one ("will meet", "is to visit", "the upcoming meeting") has not happened yet; an event
inside what someone said or believes is reported, with that someone as the speaker.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Span, Token

HYPOTHETICAL_AUX = frozenset({"could", "might", "may", "would", "should", "can", "must"})
FUTURE_AUX = frozenset({"will", "shall", "'ll"})
FUTURE_GOVERNORS = frozenset(
    """plan intend expect prepare aim schedule set due hope seek want wish promise pledge
    vow agree decide propose offer threaten""".split()
)
HYPOTHETICAL_GOVERNORS = frozenset(
    """consider mull contemplate weigh discuss suggest propose envisage envision likely
    unlikely""".split()
)
# Subordinators of a clause that states a condition or an open question, not a fact: "if the
# US imposes tariffs, ...", "uncertain whether the two sides could agree".
CONDITIONS = frozenset({"if", "unless", "whether"})
FUTURE_MODIFIERS = frozenset({"upcoming", "planned", "forthcoming", "future", "proposed", "next"})
SPEECH_VERBS = frozenset(
    """say tell announce claim state report believe think allege add note insist suggest
    argue write declare confirm deny reveal explain stress emphasise emphasize indicate
    assert maintain acknowledge admit estimate predict recall repeat reiterate""".split()
)
NEGATIONS = frozenset({"not", "n't", "never", "no"})
# Links by which a clause hangs from a speech verb as its circumstance, not its content.
CIRCUMSTANCES = frozenset({"prep", "advmod", "npadvmod", "advcl", "pobj"})


@dataclass(frozen=True, slots=True)
class Modality:
    value: str  # asserted, reported, hypothetical, future, negated
    speaker: Span | None = None


def _governors(token: Token) -> list[Token]:
    """The trigger and the verbs it hangs from through clausal links, nearest first."""
    chain = [token]
    current = token
    while current.dep_ in {
        "xcomp",
        "ccomp",
        "conj",
        "advcl",
        "pcomp",
        "acl",
        "relcl",
        "dobj",
        "pobj",
        "prep",
        "nsubj",
        "nsubjpass",
        "attr",
        "oprd",
    }:
        if current.head is current:
            break
        current = current.head
        chain.append(current)
        if current.dep_ == "ROOT":
            break
    return chain


REFUSALS = frozenset({"refuse", "decline", "fail", "reject", "deny"})


def _negated(chain: list[Token]) -> bool:
    # "refused to meet": the meeting did not happen (the refusal is an event of its own).
    if len(chain) > 1 and chain[0].dep_ == "xcomp" and chain[1].lemma_ in REFUSALS:
        return True
    for token in chain[:3]:
        if token.pos_ not in {"VERB", "AUX", "NOUN", "PROPN"}:
            continue
        if any(
            c.dep_ == "neg" or (c.lower_ in NEGATIONS and c.dep_ in {"det", "advmod"})
            for c in token.children
        ):
            return True
        if token.pos_ in {"VERB", "AUX"} and token is not chain[0]:
            break
    return False


def _conditional(token: Token) -> bool:
    """A clause opened by "if", "unless" or "whether": a condition or an open question."""
    return any(c.dep_ == "mark" and c.lower_ in CONDITIONS for c in token.children)


def _open_question(trigger: Token) -> bool:
    """A yes-no question ("Will Russia attack Ukraine?", "Did Ankara send troops?"): the
    sentence ends with a question mark and opens with an auxiliary or a modal. A question
    that opens with a question word takes its event as given ("Why did Russia attack?")."""
    sentence = trigger.sent
    last = next((t for t in reversed(sentence) if not t.is_space), None)
    first = next((t for t in sentence if not (t.is_punct or t.is_space)), None)
    return last is not None and last.text == "?" and first is not None and first.pos_ == "AUX"


def _aux_lemmas(token: Token) -> set[str]:
    return {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}


def _is_to_be(token: Token) -> bool:
    """ "X is to visit Y": a form of be with an xcomp 'to' infinitive."""
    head = token.head
    return (
        token.dep_ == "xcomp"
        and head.lemma_ == "be"
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
    )


def _speaker_of(verb: Token) -> Span | None:
    subject = next((c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return None
    return subject.doc[subject.left_edge.i : subject.right_edge.i + 1]


def _according_to(sentence: Span) -> Span | None:
    for token in sentence:
        if token.lower_ == "according" and token.i + 1 < sentence.end:
            to = token.doc[token.i + 1]
            if to.lower_ == "to":
                obj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return token.doc[obj.left_edge.i : obj.right_edge.i + 1]
    return None


def event_modality(trigger: Token) -> Modality:
    """Modality of the event the trigger (a verb, or a noun) expresses."""
    chain = _governors(trigger)
    speaker: Span | None = None
    reported = False
    for below, token in pairwise(chain):
        if token.lemma_ in SPEECH_VERBS and token.pos_ in {"VERB", "AUX"}:
            # "She said this at the talks": the talks are where she spoke, not what she said.
            if below.dep_ not in CIRCUMSTANCES:
                reported, speaker = True, _speaker_of(token)
            break
    if speaker is None:
        according = _according_to(trigger.sent)
        if according is not None:
            reported, speaker = True, according
    if _negated(chain):
        return Modality("negated", speaker)
    local = chain[: next((i for i, t in enumerate(chain) if t.lemma_ in SPEECH_VERBS), len(chain))]
    if _open_question(trigger):
        return Modality("hypothetical", speaker)
    for token in local:
        if _conditional(token):
            return Modality("hypothetical", speaker)
        auxes = _aux_lemmas(token)
        # "considers the annexation illegal" is a judgement, not a thought about an event.
        judged = trigger.pos_ == "ADJ" and trigger.head.i == token.i
        if auxes & HYPOTHETICAL_AUX or (
            token.lemma_ in HYPOTHETICAL_GOVERNORS and token is not trigger and not judged
        ):
            return Modality("hypothetical", speaker)
        if auxes & FUTURE_AUX or _is_to_be(token):
            return Modality("future", speaker)
        if token is not trigger and token.lemma_ in FUTURE_GOVERNORS and token.pos_ == "VERB":
            return Modality("future", speaker)
        if any(c.lower_ in FUTURE_MODIFIERS and c.dep_ == "amod" for c in token.children):
            return Modality("future", speaker)
    if trigger.pos_ != "AUX" and _future_modifier_before(trigger):
        return Modality("future", speaker)
    return Modality("reported" if reported else "asserted", speaker)


# Verbs and adjectives by which an actor commits itself to an act: "offered to send troops".
INTENT_GOVERNORS = frozenset(
    """offer pledge promise vow commit undertake volunteer willing ready prepared""".split()
)


def expressed_intent(trigger: Token) -> bool:
    """Does the sentence state its subject's intent to do the act: "X will meet Y", "X has
    offered to send troops", "X is willing to provide aid"? Not a plan named in passing ("the
    upcoming meeting"), a wish ("wants to work with") or a possibility ("could establish")."""
    if trigger.pos_ not in {"VERB", "AUX"}:
        return False
    head = trigger.head
    return (
        trigger.dep_ == "xcomp"
        and head.lemma_.lower() in INTENT_GOVERNORS
        and not _aux_lemmas(head) & HYPOTHETICAL_AUX
    )


def refusal(trigger: Token) -> bool:
    """Does the subject refuse the act rather than merely not do it: "refused to lift the
    ban", "failed to reach agreement", "will not accept refugees" (an announced no)? "has
    not recognised" is a fact, not a refusal."""
    if trigger.pos_ not in {"VERB", "AUX"}:
        return False
    if trigger.dep_ == "xcomp" and trigger.head.lemma_ in REFUSALS:
        return True
    negated = any(c.dep_ == "neg" for c in trigger.children)
    return negated and bool(_aux_lemmas(trigger) & (FUTURE_AUX | {"would"}))


def _future_modifier_before(trigger: Token) -> bool:
    """ "the upcoming Franco-Russian Council meeting": an "upcoming" earlier in the noun's
    phrase, which the parser may have hung on another word of it."""
    if trigger.pos_ == "VERB" and trigger.tag_ != "VBG":
        return False
    for i in range(trigger.i - 1, max(trigger.sent.start, trigger.i - 10) - 1, -1):
        word = trigger.doc[i]
        if word.pos_ in {"VERB", "AUX", "PUNCT"} and word.text != "-":
            return False
        if word.lower_ in FUTURE_MODIFIERS:
            return True
    return False
