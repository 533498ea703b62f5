"""Dependency rules that find who did what to whom in a parsed sentence.

Three kinds of triggers, all driven by the event lexicon (data, not code):
- verbs: `X met with Y`, `Y was attacked by X`, `X and Y agreed` (symmetric pairs), with
  subjects inherited through control and coordination ("France wants to work with
  Russia", "urged Russia to withdraw");
- nouns: `the meeting between X and Y`, `Turkish backing of Z`, `X's criticism of Y`, and
  nouns that are the object of a light verb (`X has a truce with Y`, `Russia and Turkey
  have a cold truce`);
- the "X-backed Y" compound: X supports Y.
Each rule returns `Finding`s with token offsets; `extractor.py` turns them into `Event`s.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from blocs.actors.mentions import ActorSpan
from blocs.events.force import armed_pattern, weapons
from blocs.events.joint import joint_pattern
from blocs.events.lexicon import EventLexicon, NounPattern, VerbPattern
from blocs.events.modality import SPEECH_VERBS
from blocs.events.wordlists import word_list

SUBJECTS = {"nsubj", "csubj"}
PERSONAL_PRONOUNS = frozenset({"he", "she", "him", "her"})
UNKNOWN_CODE = "---"  # the code of an actor of unknown country (as `actors/entities.py` gives)
# Word lists of the rules, each a file of knowledge/events/ that says what it is for.
GROUP_NOUNS = word_list("group_nouns")
LIGHT_VERBS = word_list("light_verbs")
APPROVAL_VERBS = word_list("approval_verbs")
GENERIC_VERBS = word_list("generic_verbs")
POSSIBILITY_NOUNS = word_list("possibility_nouns")
WISH_NOUNS = word_list("wish_nouns")
INSTRUMENT_NOUNS = word_list("instrument_nouns")
BACKING_LEMMAS = word_list("backing_lemmas")
QUANTITY_NOUNS = word_list("quantity_nouns")
MARKET_NOUNS = word_list("market_nouns")
JUDGEMENT_VERBS = word_list("judgement_verbs")
PROPOSAL_NOUNS = word_list("proposal_nouns")
BLAME_WORDS = word_list("blame_words")
GIVING_VERBS = word_list("giving_verbs")
VERBAL_MODIFIERS = word_list("verbal_modifiers")
MONEY_WORDS = word_list("money_words")
PASSIVE_SUBJECTS = {"nsubjpass", "csubjpass"}
OBJECTS = {"dobj", "obj"}
_P = TypeVar("_P", NounPattern, VerbPattern)
# Words through which an actor is reached from the noun that heads an argument.
_NP_LINKS = {"compound", "amod", "poss", "nmod", "appos", "npadvmod"}


@dataclass(frozen=True, slots=True)
class Finding:
    trigger: Token
    source: ActorSpan | None
    target: ActorSpan | None
    plover: str
    mode: str | None
    cameo: str
    kind: str  # verb, noun, compound, or guess (source by position, not by the parse)
    specific: bool  # the pattern's object or preposition was matched


class ActorIndex:
    """Which actor covers which token of a sentence."""

    def __init__(
        self,
        actors: Sequence[ActorSpan],
        last_person: ActorSpan | None = None,
        last_pair: tuple[ActorSpan, ActorSpan] | None = None,
        places: Sequence[ActorSpan] = (),
    ) -> None:
        self.last_person = last_person  # named in an earlier sentence, for "he" and "she"
        self.last_pair = last_pair  # for "the two leaders", "both sides"
        self.by_token: dict[int, ActorSpan] = {}
        # Role words no state claims: an argument falls back on them only when it names
        # no actor of known country, so that rules can still place them.
        self.bare_by_token: dict[int, ActorSpan] = {}
        # Names the knowledge files do not hold (NER organisations, people): the last
        # resort of an argument, after role words and towns.
        self.entity_by_token: dict[int, ActorSpan] = {}
        for actor in actors:
            if actor.kind == "entity":
                table = self.entity_by_token
            else:
                table = self.by_token if actor.country is not None else self.bare_by_token
            for i in range(actor.start, actor.end):
                table.setdefault(i, actor)
        # Towns no actor covers ("struck Aleppo"): an argument that names nothing else
        # stands for the country the town is in.
        self.place_by_token: dict[int, ActorSpan] = {
            i: place for place in places for i in range(place.start, place.end)
        }

    def of(self, token: Token, depth: int = 3) -> list[ActorSpan]:
        if token.lower_ in PERSONAL_PRONOUNS:
            person = self._reported_speaker(token) or self._person_before(token)
            person = person or self.last_person
            return [person] if person is not None else []
        if (
            token.lower_ in GROUP_NOUNS
            and self.last_pair is not None
            and any(c.lower_ in {"two", "both"} for c in token.children)
        ):
            return list(self.last_pair)
        if token.lower_ == "its":
            owner = self._clause_owner(token) or self._antecedent(token, {"state", "igo", "group"})
            return [owner] if owner is not None else []
        return self._of(token, depth)

    def _antecedent(self, pronoun: Token, kinds: set[str]) -> ActorSpan | None:
        """ "Ankara said its troops would stay": "its" is the nearest state or organisation
        named before it in the sentence."""
        for i in range(pronoun.i - 1, pronoun.sent.start - 1, -1):
            actor = self.by_token.get(i)
            if actor is not None and actor.kind in kinds:
                return actor
        return None

    def _person(self, i: int) -> ActorSpan | None:
        """The person, known or a name the NER marks as one, covering token `i`."""
        actor = self.by_token.get(i)
        if actor is not None and actor.kind == "person":
            return actor
        entity = self.entity_by_token.get(i)
        return entity if entity is not None and entity.entry_id == "ner:PERSON" else None

    def _person_before(self, pronoun: Token) -> ActorSpan | None:
        """ "Volker said he would testify": he/she is the nearest person named before it
        in the sentence, even one the knowledge files do not know (it then keeps the
        unknown code), never a known person named earlier."""
        for i in range(pronoun.i - 1, pronoun.sent.start - 1, -1):
            person = self._person(i)
            if person is not None:
                return person
        return None

    def _reported_speaker(self, pronoun: Token) -> ActorSpan | None:
        """ "Merkel told reporters she had warned Orban, she said": the "she" of a closing
        "she said" is the subject of the clause it reports, not the nearest person."""
        verb = pronoun.head
        if pronoun.dep_ != "nsubj":
            return None
        # The parser hangs the reported clause before "he said" from it, or the other way.
        reported = [c for c in verb.children if c.dep_ == "ccomp" and c.i < pronoun.i]
        if verb.dep_ == "parataxis" and verb.head.i < pronoun.i:
            reported.append(verb.head)
        if not reported:
            return None
        subject, passive = subject_of(reported[0])
        return None if subject is None or passive else self._person(subject.i)

    def _clause_owner(self, pronoun: Token) -> ActorSpan | None:
        """ "France wants to protect its interests": "its" is the subject of the clause
        it sits in, when that subject is a state or organisation."""
        for ancestor in pronoun.ancestors:
            if ancestor.pos_ not in {"VERB", "AUX"}:
                continue
            subject, _ = subject_of(ancestor)
            if subject is not None and subject.i in self.by_token:
                actor = self.by_token[subject.i]
                if actor.kind in {"state", "igo", "group"}:
                    return actor
            return None
        return None

    def _of(self, token: Token, depth: int = 3) -> list[ActorSpan]:
        """Actors an argument headed by `token` names: the token's own actor, else the
        actors of its modifiers and of its `of` complement; plus those of conjuncts."""
        found = self._own(token, depth)
        if token.i in self.bare_by_token:
            # "Algeria's largest newspaper", "a Jerusalem district court": a role word the
            # modifiers give one state is that state's (DZAMED, ISRJUD), not the state.
            owner = _owning_state(found)
            bare = self.bare_by_token[token.i]
            found = [_of_country(bare, owner)] if owner is not None else found
        for member in _coordinated(token):
            if member.dep_ == "appos" and member.i not in self.by_token:
                continue  # "Turkey, a NATO member": a description, not another party
            found += [a for a in self._own(member, depth) if a not in found]
        if not found and token.i in self.bare_by_token:
            found = [self.bare_by_token[token.i]]
        if not found:
            found = self._place(token, depth)
        return found

    def without_roles(self, tokens: Iterable[int]) -> ActorIndex:
        """The index with the role words at these tokens taken out."""
        dropped = set(tokens)
        if not dropped & self.bare_by_token.keys():
            return self
        index = copy.copy(self)
        index.bare_by_token = {i: a for i, a in self.bare_by_token.items() if i not in dropped}
        return index

    def covers(self, token: Token) -> bool:
        """Is the token itself (not a word below it) part of an actor, a role word or a
        name?"""
        return any(token.i in t for t in (self.by_token, self.bare_by_token, self.entity_by_token))

    def named(self, tokens: Iterable[Token | None], depth: int = 2) -> list[ActorSpan]:
        """Unknown names the arguments are or hold: what an argument stands for when it
        names no known actor, role word or town."""
        arguments = [t for t in tokens if t is not None]
        found = [a for t in arguments for a in self._entity(t, depth)]
        found = found or [a for t in arguments if (a := self._bare_name(t)) is not None]
        return list(dict.fromkeys(found))

    def _bare_name(self, token: Token) -> ActorSpan | None:
        """ "opened an investigation of Flynn", "found Barbarin guilty": an argument that is a
        proper name neither the knowledge files nor the NER know (the NER marks nothing on
        it) is a party of unknown country, spanning the name's own words."""
        if token.pos_ != "PROPN" or token.ent_type_ or not token.text[:1].isupper():
            return None
        if self.covers(token) or token.i in self.place_by_token:
            return None
        start = token.i
        while start > token.sent.start and (
            token.doc[start - 1].pos_ == "PROPN"
            and token.doc[start - 1].dep_ == "compound"
            and not self.covers(token.doc[start - 1])
        ):
            start -= 1
        name = token.doc[start : token.i + 1]
        return ActorSpan(
            start,
            token.i + 1,
            name.text,
            UNKNOWN_CODE,
            None,
            None,
            "entity",
            "parse:PROPN",
            "parse",
        )

    def _entity(self, token: Token, depth: int) -> list[ActorSpan]:
        """An unknown name the argument is or holds ("the ACLU", "lawyers for the ACLU"),
        and those of its conjuncts."""
        found: list[ActorSpan] = []
        for member in [token, *_coordinated(token)]:
            own = self.entity_by_token.get(member.i)
            if own is not None:
                found.append(own)
            elif depth > 0 and member is token:
                for child in member.children:
                    if child.dep_ in _NP_LINKS:
                        found += self._entity(child, depth - 1)
                    elif child.dep_ == "prep" and child.lower_ in {"of", "for"}:
                        for obj in child.children:
                            if obj.dep_ == "pobj":
                                found += self._entity(obj, depth - 1)
        return list(dict.fromkeys(found))

    def _place(self, token: Token, depth: int) -> list[ActorSpan]:
        """The town an argument names: itself, or through "of" ("the town of Idlib")."""
        if token.i in self.place_by_token:
            return [self.place_by_token[token.i]]
        if depth == 0:
            return []
        for prep in token.children:
            if prep.dep_ == "prep" and prep.lower_ == "of":
                for obj in prep.children:
                    if obj.dep_ == "pobj" and obj.i in self.place_by_token:
                        return [self.place_by_token[obj.i]]
        return []

    def _own(self, token: Token, depth: int) -> list[ActorSpan]:
        if token.i in self.by_token:
            own = self.by_token[token.i]
            partners = [
                self.by_token[t.i]
                for child in token.children
                if child.dep_ in {"amod", "compound"}
                for t in [child, *child.conjuncts]
                if t.i in self.by_token
                and self.by_token[t.i] is not own
                and self.by_token[t.i].method == "composed"
            ]
            return [own, *dict.fromkeys(partners)]
        if depth == 0:
            return []
        found: list[ActorSpan] = []
        # "tens of thousands of Turkish-backed fighters": a count costs no depth.
        below = depth if token.lemma_.lower() in QUANTITY_NOUNS else depth - 1
        for child in token.children:
            if child.dep_ in _NP_LINKS:
                found += self.of(child, depth - 1)  # "American and British troops"
            elif child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        found += self.of(obj, below)
        unique: list[ActorSpan] = []
        for actor in found:
            if actor not in unique:
                unique.append(actor)
        return (
            unique[:1] if unique and all(a.country == unique[0].country for a in unique) else unique
        )


def describing_acts(doc: Doc | Span, index: ActorIndex, lexicon: EventLexicon) -> ActorIndex:
    """The index without role adjectives that say what kind an act is ("military aid",
    "military talks", "a joint military exercise"): a role word of no country that is the
    adjective of an event noun of the lexicon names no party of what the noun names; "a
    military base" still does. (Used by the noun rules only: a verb whose object lost its
    role word leaves the sentence to the positional guess, which pairs worse.)"""
    described = [
        t.i
        for t in doc
        if t.i in index.bare_by_token
        and t.pos_ == "ADJ"
        and t.dep_ == "amod"
        and index.bare_by_token[t.i].end - index.bare_by_token[t.i].start == 1
        and lexicon.nouns_for(t.head.lemma_.lower())
    ]
    return index.without_roles(described)


def _coordinated(token: Token) -> list[Token]:
    """Tokens coordinated after `token`: conjuncts, and list members the parser hung as
    appositions ("Saudi Arabia, the United Arab Emirates, Bahrain and Egypt")."""
    members: list[Token] = []
    stack = [token]
    while stack:
        current = stack.pop()
        for child in current.children:
            if child.dep_ in {"conj", "appos"} and child.i > token.i and child not in members:
                members.append(child)
                stack.append(child)
    return sorted(members, key=lambda t: t.i)


def _owning_state(modifiers: Sequence[ActorSpan]) -> ActorSpan | None:
    """The one state (or its capital, or a town of it) the modifiers of a role word name,
    if they name nothing else."""
    if len(modifiers) != 1:
        return None
    owner = modifiers[0]
    if owner.country is None or owner.kind not in {"state", "place"}:
        return None
    sector = (owner.sector or "")[:3]
    return owner if not sector or (sector == "GOV" and ":capital:" in owner.entry_id) else None


def _of_country(role: ActorSpan, state: ActorSpan) -> ActorSpan:
    """A role word without a country, given the state's: `MED` of Algeria is `DZAMED`."""
    return replace(
        role,
        code=f"{state.country}{role.sector or ''}",
        country=state.country,
        method="placed",
    )


def _children(token: Token, deps: set[str]) -> list[Token]:
    return [c for c in token.children if c.dep_ in deps]


def _prep_objects(token: Token, preps: Iterable[str]) -> list[Token]:
    wanted = {p.lower() for p in preps}
    found = []
    for prep in token.children:
        if prep.dep_ in {"prep", "dative", "agent"} and prep.lower_ in wanted:
            # "called Washington on Friday": a date is no participant.
            found += [
                c for c in prep.children if c.dep_ == "pobj" and c.ent_type_ not in {"DATE", "TIME"}
            ]
    return found


def _word_before(verb: Token) -> Token | None:
    """The noun right before a gerund, adverbs skipped ("France slowly normalizing"):
    the parser often hangs the gerund on an earlier noun of a list."""
    i = verb.i - 1
    while i >= verb.sent.start and verb.doc[i].pos_ == "ADV":
        i -= 1
    if i >= verb.sent.start and verb.doc[i].pos_ in {"NOUN", "PROPN"}:
        return verb.doc[i]
    return None


def _infinitive_noun(verb: Token) -> Token | None:
    """The noun a "to" infinitive (or the first of coordinated ones) hangs from."""
    first = verb
    while first.dep_ == "conj" and first.head.pos_ == "VERB":
        first = first.head
    if first.dep_ not in {"acl", "relcl"} or first.head.pos_ != "NOUN":
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in first.children):
        return None
    return first.head


def unrealised(verb: Token) -> bool:
    """An infinitive that states a possibility or describes a class, not an event: "a
    reason for France to align", "another point for X to V", "the chance to meet", "the
    first state to have recognised X"."""
    if any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children) and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    ):
        return True
    noun = _infinitive_noun(verb)
    if noun is not None and noun.lemma_.lower() in POSSIBILITY_NOUNS:
        return True
    auxiliaries = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if {"to", "have"} <= auxiliaries and verb.dep_ != "xcomp":
        # "the only two states to have signed a treaty with Israel": a class described by
        # what its members once did, not an event the sentence reports ("Iran is said to
        # have attacked", an xcomp, is one).
        return True
    clause = verb
    while clause.dep_ in {"conj", "xcomp"} and clause.head.pos_ == "VERB":
        clause = clause.head
    return (
        clause.dep_ in {"acl", "ccomp"}
        and clause.head.pos_ == "NOUN"
        and clause.head.lemma_.lower() in WISH_NOUNS
    )


def _instrument_user(verb: Token) -> Token | None:
    """Who uses the tool an infinitive hangs from: the subject of the clause the noun
    belongs to ("Washington views NATO as a tool to contain Russia")."""
    noun = _infinitive_noun(verb)
    if noun is None or noun.lemma_.lower() not in INSTRUMENT_NOUNS:
        return None
    for ancestor in noun.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            subject, passive = subject_of(ancestor)
            return None if passive else subject
    return None


def subject_of(verb: Token) -> tuple[Token | None, bool]:
    """(subject token, passive?) of a verb, inherited through xcomp, conj and relcl."""
    current = verb
    for _ in range(4):
        subject = next(iter(_children(current, SUBJECTS)), None)
        if subject is not None:
            if subject.tag_ == "WDT" or subject.lower_ in {"which", "who", "that"}:
                return (_described(current.head) if current.dep_ == "relcl" else None), False
            return subject, False
        passive = next(iter(_children(current, PASSIVE_SUBJECTS)), None)
        if passive is not None:
            return passive, True
        if current.dep_ == "xcomp":
            # "urged Russia to withdraw", "called on Beijing to protect": the object acts.
            objects = _children(current.head, OBJECTS) or _prep_objects(current.head, ["on"])
            if objects and current.head.lemma_ not in {"want", "need", "seek", "try"}:
                return objects[0], False
            current = current.head
        elif current.dep_ in {"conj", "advcl"}:
            current = current.head
        elif current.dep_ == "relcl":
            return _described(current.head), False
        elif current.dep_ == "acl" and current.head.pos_ in {"NOUN", "PROPN"}:
            # "France slowly normalizing relations": the noun is the gerund's subject;
            # "the government backed by Turkey": the noun is the participle's object.
            if current.tag_ == "VBG":
                return _word_before(current) or current.head, False
            return current.head, current.tag_ == "VBN"
        else:
            return None, False
    return None, False


def _described(noun: Token) -> Token:
    """What a relative clause's noun stands for: the subject the noun is said of ("Hungary
    is the only member that has not ratified ...": Hungary), else the noun itself."""
    if noun.dep_ == "attr" and noun.head.lemma_ == "be":
        subject = next(iter(_children(noun.head, SUBJECTS)), None)
        if subject is not None:
            return subject
    return noun


def _passive_agent(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _prep_holders(verb: Token, pattern: VerbPattern) -> list[Token]:
    """Where the pattern's preposition may hang: the verb, its object, its particle."""
    holders = [verb, *_objects(verb)]
    if pattern.particle:
        holders += [c for c in verb.children if c.lower_ == pattern.particle]
    return holders


def _objects(verb: Token) -> list[Token]:
    """The verb's objects (or passive subjects), else the object it shares with the next
    coordinated verb ("imposed and later lifted sanctions on X")."""
    return _children(verb, OBJECTS | PASSIVE_SUBJECTS) or _shared_object(verb)


def _pattern_fit(verb: Token, pattern: VerbPattern) -> tuple[bool, int]:
    """(does the pattern fit this verb?, how many of its parts were matched)."""
    score = 0
    if pattern.particle:
        # spaCy parses "pull out of" with a preposition and "step down" with an adverb as
        # often as with a particle.
        if not any(
            c.dep_ in {"prt", "advmod", "prep"} and c.lower_ == pattern.particle
            for c in verb.children
        ):
            return False, 0
        score += 1
    if pattern.object_lemma:
        objects = _objects(verb)
        if not any(o.lemma_.lower() == pattern.object_lemma for o in objects):
            return False, 0
        score += 1
    if pattern.prep:
        holders = _prep_holders(verb, pattern)
        if not any(_prep_objects(h, [pattern.prep]) for h in holders):
            return (False, 0) if pattern.target == "prep" else (True, score)
        # A preposition that names no participant ("warn of consequences") does not make
        # the pattern fit better than one that reads the object ("warn Ottawa").
        score += pattern.target == "prep"
    return True, score


def _best_pattern(verb: Token, patterns: Sequence[VerbPattern]) -> tuple[VerbPattern, int] | None:
    best: tuple[VerbPattern, int] | None = None
    for pattern in patterns:
        fits, score = _pattern_fit(verb, pattern)
        if fits and (best is None or score > best[1]):
            best = (pattern, score)
    return best


def _targets_for(verb: Token, pattern: VerbPattern, passive: bool) -> list[Token]:
    if pattern.target == "dobj":
        if passive:
            return []
        direct = _children(verb, OBJECTS) or _children(verb, {"oprd"}) or _shared_object(verb)
        if direct:
            return direct
        return _prep_objects(verb, ["to", "with", "against", "into"])
    if pattern.target == "prep" and pattern.prep:
        holders = _prep_holders(verb, pattern)
        return [o for h in holders for o in _prep_objects(h, [pattern.prep])]
    if pattern.target == "none" and not passive:
        # The object is the thing acted on, kept only if it names an actor; "returned a
        # sculpture to the Algerian ambassador": whom it goes to is the target.
        return _prep_objects(verb, ["to"]) or _children(verb, OBJECTS)
    return []


def _recipients(verb: Token, index: ActorIndex) -> list[ActorSpan]:
    """ "returned an ancient sculpture to the Algerian ambassador", "handed dozens of files
    to Interpol": when the direct object is a thing (its head is no actor), the party the
    act is done to is whom the "to" phrase names, on the verb or (as the parser often
    hangs it) on the object's phrase."""
    objects = _children(verb, OBJECTS)
    if not objects or any(index.covers(o) for o in objects):
        return []
    holders = [verb, *objects, *(p for o in objects for p in _prep_objects(o, ["of"]))]
    return [a for h in holders for o in _prep_objects(h, ["to"]) for a in index.of(o)]


def _shared_object(verb: Token) -> list[Token]:
    """ "to oppose and contain Russia", "imposed and later lifted sanctions on X": the
    object of the next coordinated verb, when this one has none of its own and only "and"
    and adverbs stand between them."""
    following = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
    if not following:
        return []
    between = verb.doc[verb.i + 1 : following[0].i]
    if not between or between[0].dep_ != "cc" or any(t.pos_ != "ADV" for t in between[1:]):
        return []
    return _children(following[0], OBJECTS)


def _nearest_before(verb: Token, index: ActorIndex) -> list[ActorSpan]:
    """When the parse gives the verb no subject actor: the closest actor before it in the
    sentence, with the actor coordinated with it ("France and Russia will continue")."""
    for i in range(verb.i - 1, verb.sent.start - 1, -1):
        actor = index.by_token.get(i)
        if actor is None:
            continue
        found = [actor]
        before = actor.start - 2
        if before >= verb.sent.start and verb.doc[actor.start - 1].lower_ == "and":
            partner = index.by_token.get(before)
            if partner is not None:
                found.insert(0, partner)
        return found
    return []


def _object_owners(verb: Token, pattern: VerbPattern, index: ActorIndex) -> list[ActorSpan]:
    """ "Paris is working towards normalising Moscow's relations with the EU": when the
    pattern's own object (relations, ties) belongs to another party, the subject acts on
    that party's behalf, and that party is the target."""
    if not pattern.object_lemma:
        return []
    return [
        a
        for o in _children(verb, OBJECTS)
        if o.lemma_.lower() == pattern.object_lemma
        for c in o.children
        if c.dep_ == "poss"
        for a in index.of(c, depth=0)
    ]


AIM_PREPS = frozenset({"against", "to", "into", "toward", "towards"})
AID_PLACE_PREPS = frozenset({"to", "in", "into"})


def _purpose(verb: Token) -> bool:
    """ "gave 5 million euros to promote investment in X": an infinitive of purpose."""
    to = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    return to and verb.dep_ in {"advcl", "acl"}


def _money_pattern(verb: Token) -> VerbPattern | None:
    """ "Japan gave $2 million to Nigeria", "donated 5 million euros": a verb of giving
    (GIVING_VERBS) whose object is a sum of money (MONEY_WORDS) is economic aid (CAMEO 071)
    to whom its "to" names, else to where the money goes ("in Ethiopia")."""
    if verb.lemma_.lower() not in GIVING_VERBS:
        return None
    for obj in _children(verb, OBJECTS):
        if obj.lemma_.lower() in MONEY_WORDS or obj.ent_type_ == "MONEY":
            target = "prep" if _prep_objects(verb, ["to"]) else "none"
            prep = "to" if target == "prep" else None
            where = "knowledge/events/giving_verbs.txt"
            return VerbPattern(
                verb.lemma_.lower(), None, None, prep, "AID", "economic", "071", target, where
            )
    return None


def _aimed_at(verb: Token, index: ActorIndex, preps: frozenset[str] = AIM_PREPS) -> list[ActorSpan]:
    """Whom forces put on alert or moved are aimed at: the actors of an "against", "to" or
    "into" phrase in the verb's own clause or its infinitive of purpose ("mobilized troops
    to the border with Somalia", "for a ground assault against Lebanon")."""
    found: list[ActorSpan] = []
    for prep in verb.subtree:
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        path = list(prep.ancestors)
        between = path[: path.index(verb)] if verb in path else path
        if any(t.pos_ in {"VERB", "AUX"} and not _purpose(t) for t in between):
            continue
        for obj in _children(prep, {"pobj"}):
            found += [a for a in index.of(obj) if a.country is not None]
    return list(dict.fromkeys(found))


def _object_authors(verb: Token, index: ActorIndex, lexicon: EventLexicon) -> list[ActorSpan]:
    """ "Iceland's president refused a request from the prime minister", "rejected a plan
    put forward by Kyiv", "condemned the raid by Serbian police": a request, proposal or
    decision (PROPOSAL_NOUNS) or an act of the event lexicon the verb acts on stands for its
    author, named by "by" or "from" or as the agent of its participle."""
    found: list[ActorSpan] = []
    for obj in _children(verb, OBJECTS):
        lemma = obj.lemma_.lower()
        if lemma not in PROPOSAL_NOUNS and not lexicon.nouns_for(lemma):
            continue
        found += [a for o in _prep_objects(obj, ["by", "from"]) for a in index.of(o)]
        for child in obj.children:
            agent = _passive_agent(child) if child.dep_ == "acl" else None
            if agent is not None:
                found += index.of(agent)
    return list(dict.fromkeys(found))


# Verbs whose target is the object of their infinitive: "refused to meet the delegation",
# "threatened to strike Iran", "demanded to see the envoy", "agreed to lend $1bn to Chile".
COMPLEMENT_TARGETS = frozenset({"REJECT", "THREATEN", "REQUEST", "AGREE"})


def _complement_targets(
    verb: Token, index: ActorIndex, plover: str, sources: Sequence[ActorSpan] = ()
) -> list[ActorSpan]:
    """ "Iran refused to meet the delegation", "urged Russia to withdraw": the target of a
    verb without one of its own is the object of its infinitive complement."""
    for complement in _children(verb, {"xcomp"}):
        objects = _children(complement, OBJECTS)
        objects += _prep_objects(complement, ["with", "to", "against", "on", "from"])
        found = [a for o in objects for a in index.of(o)]
        if found:
            return found
    return _clause_targets(verb, index, sources) if plover in CLAUSE_TARGETS else []


# Verbs whose target is the subject of their "that" clause: "demanded that Minsk release
# the prisoners", "threatened that if Israel did not comply ...".
CLAUSE_TARGETS = frozenset({"REQUEST", "THREATEN"})


QUESTION_MARKS = frozenset({"whether", "if"})


def _clause_targets(
    verb: Token, index: ActorIndex, sources: Sequence[ActorSpan] = ()
) -> list[ActorSpan]:
    """ "Rome demanded that Tripoli release the crew": who is to act, the subject of the
    verb's "that" clause (or of the clause a condition in it hangs on); not the source's
    own side ("threatened that if Israel did not comply, the CIA would cut ties": Israel)."""
    for clause in _children(verb, {"ccomp"}):
        if any(c.dep_ == "mark" and c.lower_ in QUESTION_MARKS for c in clause.children):
            continue  # "asked whether the US would defend Taiwan": a question, not a demand
        clauses = [clause, *_children(clause, {"advcl"})]
        for member in clauses:
            subject, passive = subject_of(member)
            if subject is not None and not passive:
                found = [a for a in index.of(subject) if not any(_same_side(a, s) for s in sources)]
                if found:
                    return found
    return []


# Announced force or sanctions become threats: type -> (PLOVER mode, CAMEO code).
THREAT_TYPES: dict[str, tuple[str | None, str]] = {
    "ASSAULT": ("violence", "138"),
    "MOBILIZE": ("violence", "138"),
    "COERCE": (None, "130"),
    "SANCTION": ("restrict", "1312"),
}
# Cooperative acts yet to come are also intents (CAMEO 03): type -> CAMEO code.
INTENT_CODES: dict[str, str] = {
    "CONSULT": "036",
    "AID": "033",
    "COOPERATE": "030",
    "SUPPORT": "032",
    "CONCEDE": "035",
    "RETREAT": "035",
}
# Cooperative acts refused are rejections (CAMEO 12): type -> CAMEO code.
REFUSAL_CODES: dict[str, str] = {
    "AGREE": "120",
    "CONSULT": "125",
    "COOPERATE": "121",
    "AID": "121",
    "SUPPORT": "120",
    "CONCEDE": "124",
    "RETREAT": "124",
}
MEANS_PREPS = frozenset({"in", "by", "during", "from", "after", "under"})


def _means_agents(verb: Token, index: ActorIndex, lexicon: EventLexicon) -> list[ActorSpan]:
    """ "civilians were killed in air strikes carried out by Saudi Arabia", "killed in a
    Turkish drone strike": a passive act of force without an agent is done by whoever
    carried out the attack it was done in."""
    for attack in _prep_objects(verb, MEANS_PREPS):
        lemma = attack.lemma_.lower()
        physical = any(p.plover in PHYSICAL for p in lexicon.nouns_for(lemma))
        if not physical and lemma not in weapons(lexicon):
            continue
        for child in attack.children:
            if child.dep_ == "acl":
                agent = _passive_agent(child)
                if agent is not None and index.of(agent):
                    return index.of(agent)
        found = [
            a
            for c in attack.children
            if c.dep_ in {"poss", "amod", "compound", "nmod"}
            for a in index.of(c, depth=1)
        ]
        # "killed in a clash with Chinese troops", "wounded in an attack by rebels"
        found = found or [a for o in _prep_objects(attack, ["with", "by"]) for a in index.of(o)]
        if found:
            return found
    return []


def _threat_of(verb: Token, pattern: VerbPattern, lexicon: EventLexicon) -> VerbPattern:
    """ "threatened to strike Israel", "threatened to impose sanctions": a general threat
    takes the code of what it threatens (CAMEO 138 force, 1312 sanctions)."""
    if pattern.plover != "THREATEN" or pattern.object_lemma:
        return pattern
    for complement in _children(verb, {"xcomp"}):
        patterns = lexicon.verbs_for(complement.lemma_.lower())
        armed = armed_pattern(complement, lexicon)
        fitting = _best_pattern(complement, (armed,) if armed else patterns)
        if fitting is not None and fitting[0].plover in THREAT_TYPES:
            mode, cameo = THREAT_TYPES[fitting[0].plover]
            return replace(pattern, mode=mode, cameo=cameo)
    return pattern


def _threatened(verb: Token, pattern: VerbPattern, lexicon: EventLexicon) -> bool:
    """ "Iran threatened to strike Israel": the strike is what the threat is of, not an
    event of its own; the threat verb codes the event (CAMEO 13)."""
    if verb.dep_ != "xcomp" or pattern.plover not in PHYSICAL | {"SANCTION"}:
        return False
    return any(p.plover == "THREATEN" for p in lexicon.verbs_for(verb.head.lemma_.lower()))


def _reciprocal(verb: Token) -> bool:
    """Is the verb's object "each other" or "one another" (however the parser splits it)?"""
    for obj in _children(verb, OBJECTS):
        pair = [t.lower_ for t in verb.doc[obj.left_edge.i : obj.left_edge.i + 2]]
        if pair in (["each", "other"], ["one", "another"]):
            return True
    return False


def verb_findings(doc: Doc | Span, index: ActorIndex, lexicon: EventLexicon) -> list[Finding]:
    findings: list[Finding] = []
    for verb in doc:
        if verb.pos_ not in {"VERB", "AUX"} or verb.dep_ == "amod" or _moved_price(verb):
            continue
        if any(_blames(p) for _, p in _predicates(verb)):
            continue  # "called the move a threat": a judgement (characterisation_findings)
        armed = armed_pattern(verb, lexicon) or _money_pattern(verb)
        patterns = (armed,) if armed is not None else lexicon.verbs_for(verb.lemma_.lower())
        choice = _best_pattern(verb, patterns) if patterns else None
        if choice is None:
            continue
        pattern, score = choice
        if unrealised(verb) or _threatened(verb, pattern, lexicon):
            continue
        if verb.lemma_.lower() in APPROVAL_VERBS and any(
            lexicon.nouns_for(o.lemma_.lower()) for o in _children(verb, OBJECTS)
        ):
            continue  # "approved the deployment of troops": the approved act (noun_findings)
        pattern = _in_words(verb, pattern, lexicon)
        pattern = _threat_of(verb, pattern, lexicon)
        user = _instrument_user(verb)
        subject, passive = (user, False) if user is not None else subject_of(verb)
        sources = index.of(subject) if subject is not None else []
        sources = [placed(a, index, verb) for a in sources] or index.named([subject])
        fallback = not any(a.country for a in sources) and not passive
        nearest = _nearest_before(verb, index) if fallback else []
        fallback = bool(nearest) or (fallback and not sources)
        sources = nearest or sources
        targets = [a for t in _targets_for(verb, pattern, passive) for a in index.of(t)]
        if pattern.target in {"dobj", "none"} and not passive:
            targets = _recipients(verb, index) or targets
        if not targets and not passive and pattern.target == "prep":
            # "struck Iran's nuclear sites at Fordow": the place named no actor, the object does.
            targets = [a for t in _children(verb, OBJECTS) for a in index.of(t)]
        if not targets and not passive and pattern.plover in PHYSICAL:
            # "struck targets across the Gaza Strip": the place of the object, or the act's.
            held = [*_targets_for(verb, pattern, passive), verb]
            targets = next((found for t in held if (found := _located(t, index))), [])
        owners = _object_owners(verb, pattern, index)
        if (
            owners
            and not passive
            and all(o.country not in {a.country for a in sources} for o in owners)
        ):
            targets = owners
        if pattern.plover == "MOBILIZE" and not passive and all(a.country is None for a in targets):
            # "mobilized the army for an assault against Lebanon": the army is the source's own.
            targets = _aimed_at(verb, index)
        if not targets and not passive and pattern.cameo == "071" and pattern.target == "none":
            targets = _aimed_at(verb, index, AID_PLACE_PREPS)  # "gave $2 million ... in Ethiopia"
        if not targets and not passive and pattern.plover in COMPLEMENT_TARGETS:
            targets = _complement_targets(verb, index, pattern.plover, sources)
        if not targets and not passive:
            targets = _object_authors(verb, index, lexicon)
        if not targets and not passive:
            targets = index.named(_targets_for(verb, pattern, passive))
        if passive:
            agent = _passive_agent(verb)
            passive_targets = sources
            sources = (index.of(agent) or index.named([agent])) if agent is not None else []
            if not sources and pattern.plover in PHYSICAL:
                sources = _means_agents(verb, index, lexicon)
            if not sources and pattern.plover in STATE_ACTS:
                sources = _authorities_of(verb, index)
            if pattern.target in {"dobj", "subj-pair"}:
                targets = passive_targets
        if len(sources) >= 2 and _reciprocal(verb):
            targets = []  # "X and Y accused each other": each did it to the other
        findings += _pairs(
            index,
            verb,
            sources,
            targets,
            pattern.plover,
            pattern.mode,
            pattern.cameo,
            "guess" if fallback else "verb",
            score > 0,
            # "X and Y met": a symmetric verb used without an object pairs its subjects;
            # "X and Y accused each other": any verb pairs them.
            symmetric_subjects=pattern.target == "subj-pair"
            or (lexicon.symmetric(pattern.plover) and not _children(verb, OBJECTS))
            or _reciprocal(verb),
        )
    return findings + _obligations(doc, index, lexicon)


# What a speaker says another actor must (a demand, CAMEO 100) or should (an appeal, 020) do.
OBLIGATION_CODES = {"must": "100", "should": "020"}


def _obligations(doc: Doc | Span, index: ActorIndex, lexicon: EventLexicon) -> list[Finding]:
    """ "Russia says Israel must end its strikes", "Oslo said Minsk should free the
    journalists": a speaker who says what another actor must or should do requests it of
    that actor (PLOVER REQUEST), whatever the act is."""
    findings: list[Finding] = []
    for verb in doc:
        if verb.dep_ != "ccomp" or verb.head.lemma_.lower() not in SPEECH_VERBS:
            continue
        modal = next((c.lower_ for c in verb.children if c.dep_ == "aux"), None)
        if modal not in OBLIGATION_CODES:
            continue
        actor, passive = subject_of(verb)
        speaker, said_passive = subject_of(verb.head)
        if actor is None or speaker is None or passive or said_passive:
            continue
        info = lexicon.cameo_info(OBLIGATION_CODES[modal])
        sources, targets = index.of(speaker), index.of(actor)
        findings += _pairs(
            index,
            verb,
            sources,
            [t for t in targets if t not in sources],
            "REQUEST",
            info.plover_mode,
            info.code,
            "verb",
            True,
            symmetric_subjects=False,
        )
    return findings


# Acts only a state's authorities do (arrests, deportations, expulsions): done where the
# sentence places them, when it names no agent.
STATE_ACTS = frozenset({"COERCE", "SANCTION"})


def _authorities_of(verb: Token, index: ActorIndex) -> list[ActorSpan]:
    """ "the journalist was arrested in Rwanda", "two inspectors were expelled from North
    Korea": a passive arrest or expulsion without an agent is the act of the state it
    happened in (or was expelled from)."""
    place = _place_of(verb, frozenset({"in", "from"}))
    if place is None:
        return []
    return [a for a in index.of(place, depth=1) if a.kind in {"state", "place"}][:1]


# Acts done to a place: their target is where it is ("fired missiles at the air base in
# Qatar" targets Qatar).
PHYSICAL = frozenset({"ASSAULT", "COERCE", "MOBILIZE"})
LOCATION_PREPS = frozenset({"in", "near", "inside", "across", "around", "along", "off", "outside"})


def _located(token: Token, index: ActorIndex) -> list[ActorSpan]:
    """The actors of the place an "in X" phrase puts a target in."""
    place = _place_of(token, LOCATION_PREPS)
    return index.of(place) if place is not None else []


PLACE_PREPS = frozenset({"in", "near", "inside", "across", "from", "along"})


def _place_of(token: Token, preps: frozenset[str] = PLACE_PREPS) -> Token | None:
    """The place named by an "in X" phrase on this token ("forces in northeast Syria")."""
    for prep in token.children:
        if prep.dep_ == "prep" and prep.lower_ in preps:
            obj = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def placed(
    actor: ActorSpan, index: ActorIndex, trigger: Token, physical: bool = False
) -> ActorSpan:
    """A role word without a country takes the country of the place the sentence puts it
    in: its own "in X" phrase, else the event's ("protesters set fire to the embassy in
    Damascus" is Syrian protesters). Unplaced, it stays without a country."""
    if actor.country is not None or actor.sector is None:
        return actor
    head = trigger.doc[actor.end - 1]
    # A physical act on "an army post in Jordan" is on Jordan's army.
    phrase = head.head if physical and head.dep_ in _NP_LINKS else head
    # "threw stones at the embassy in Tunis": where the act's object is, the act is.
    acted_on = [*_children(trigger, OBJECTS), *_prep_objects(trigger, AIM_PREPS | {"at", "on"})]
    acted_on = [t for t in acted_on if not actor.start <= t.i < actor.end]
    for holder in (head, phrase, trigger, *acted_on):
        place = _place_of(holder)
        if place is None:
            continue
        for token in [place, *place.children]:
            state = index.by_token.get(token.i) or index.place_by_token.get(token.i)
            if state is not None and state.country is not None and state.kind in {"state", "place"}:
                return ActorSpan(
                    actor.start,
                    actor.end,
                    actor.text,
                    f"{state.country}{actor.sector or ''}",
                    state.country,
                    actor.sector,
                    actor.kind,
                    actor.entry_id,
                    "placed",
                )
    return actor


# Sectors that stand for the state itself: "France", "the French government" and "the French
# army" are one side of an event; a domestic event needs a party outside them (rebels,
# police, protesters, a court, the opposition).
STATE_SECTORS = frozenset({"GOV", "MIL", "LEG", "JUD", "COP", "SPY"})
# Branches that check the executive: a court ruling on the prime minister, a parliament
# rejecting the government's budget are domestic events (CAMEO codes ISRJUD -> ISRGOV). A
# person of those branches (a speaker of parliament abroad) still speaks for the state.
CHECKING_SECTORS = frozenset({"LEG", "JUD"})


def side(actor: ActorSpan) -> tuple[str | None, str]:
    """The side an actor takes in an event: its country and, within it, the state or the
    sector (an actor of unknown country is a side of its own)."""
    if actor.country is None or actor.kind == "group":
        # A named faction is a side of its own: the GNA (LBYGOV) and Haftar's LNA (LBYMIL)
        # are both Libyan and fight each other.
        return actor.country, actor.code
    sector = (actor.sector or "")[:3]
    if sector in CHECKING_SECTORS and actor.kind != "person":
        return actor.country, sector
    return actor.country, "state" if not sector or sector in STATE_SECTORS else sector


def _same_side(a: ActorSpan, b: ActorSpan) -> bool:
    """One actor, or one side twice ("France ... the French government"): no event between
    them. Government against rebels of the same country is a domestic event."""
    if a.code == b.code and a.country == b.country:
        return a.country is not None or a.text.lower() == b.text.lower()
    if a.country is not None and a.country == b.country and (_capital(a) or _capital(b)):
        # "the Spanish parliament met in Madrid": a capital named alone is the place or the
        # state, never the executive a court or parliament acts on.
        other = b if _capital(a) else a
        if (other.sector or "")[:3] in CHECKING_SECTORS:
            return True
    return side(a) == side(b)


def _capital(actor: ActorSpan) -> bool:
    """A capital named alone ("Madrid"), which stands for its state's government."""
    return ":capital:" in actor.entry_id and actor.method == "exact"


def _pairs(
    index: ActorIndex,
    trigger: Token,
    sources: list[ActorSpan],
    targets: list[ActorSpan],
    plover: str,
    mode: str | None,
    cameo: str,
    kind: str,
    specific: bool,
    symmetric_subjects: bool,
) -> list[Finding]:
    """Source x target findings; coordinated subjects of a symmetric event pair up."""
    out = []
    if not targets and symmetric_subjects and len(sources) >= 2:
        # "Armenia, Azerbaijan and Russia signed an agreement": every pair of them, each
        # way: a joint action is coded A->B and B->A (the CAMEO and ICEWS convention).
        for i, first in enumerate(sources):
            for other in sources[i + 1 :]:
                if not _same_side(first, other):
                    for a, b in ((first, other), (other, first)):
                        out.append(Finding(trigger, a, b, plover, mode, cameo, kind, specific))
        return out
    sources = [placed(a, index, trigger) for a in sources]
    targets = [placed(a, index, trigger, plover in PHYSICAL) for a in targets]
    source_options: list[ActorSpan | None] = list(sources) or [None]
    target_options: list[ActorSpan | None] = list(targets) or [None]
    for source in source_options:
        for target in target_options:
            if source is None and target is None:
                continue
            if source is not None and target is not None and _same_side(source, target):
                continue
            out.append(Finding(trigger, source, target, plover, mode, cameo, kind, specific))
    return out


SOURCE_PREPS = frozenset({"from", "by"})
# Acts that a "between X and Y" noun says both sides did to each other.
MUTUAL = frozenset({"ASSAULT"})
TOPIC_PRONE = frozenset({"ASSAULT", "COERCE", "THREATEN", "ACCUSE"})
_LEFT_WINDOW = 10


def _noun_patterns(token: Token, lexicon: EventLexicon) -> Sequence[NounPattern]:
    """Patterns for a noun trigger; also a gerund the tagger took for a verb ("the
    upcoming ... meeting") and a predicate adjective ("critical of")."""
    if token.pos_ == "NOUN" and token.dep_ == "attr" and token.head.lemma_ == "be":
        return ()
    if (
        token.dep_ == "compound"
        and token.head.pos_ == "NOUN"
        and lexicon.nouns_for(token.head.lemma_.lower())
    ):
        return ()  # "trade talks", "trade war", "ceasefire agreement": the head decides
    if token.pos_ == "NOUN":  # not PROPN: "Cooperation Council" is a name, not cooperation
        # The object of a full verb is what the verb does something to ("lifted sanctions",
        # "dropped charges", "condemned the invasion"): the verb, not the noun, is the event.
        # Unless the noun names its own actor ("condemned Russia's invasion of Ukraine").
        if (
            token.dep_ in OBJECTS
            and token.head.pos_ == "VERB"
            and token.head.lemma_ not in LIGHT_VERBS
            and not any(
                c.dep_ in {"poss", "amod", "compound"} and c.ent_type_ for c in token.children
            )
        ):
            return ()
        return lexicon.nouns_for(token.lemma_.lower())
    if token.pos_ == "VERB" and token.tag_ == "VBG" and not _children(token, SUBJECTS):
        return lexicon.nouns_for(token.lower_)
    if token.pos_ == "ADJ" and (
        token.dep_ in {"acomp", "attr", "oprd", "ccomp", "xcomp"} or _misjudged(token) is not None
    ):
        return lexicon.nouns_for(token.lemma_.lower())
    return ()


def _misjudged(adjective: Token) -> Token | None:
    """ "Spain finds the presence of Iranian-backed militias unacceptable": the parser often
    hangs the predicate adjective of a judgement on the last noun of the object, as its
    modifier. An adjective after the noun it modifies, inside the object of a judgement
    verb, is that predicate; the object is returned."""
    if adjective.dep_ != "amod" or adjective.i < adjective.head.i:
        return None
    for ancestor in adjective.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            return None
        if ancestor.dep_ in OBJECTS and ancestor.head.lemma_.lower() in JUDGEMENT_VERBS:
            return ancestor
    return None


def _governing_subject(token: Token, index: ActorIndex) -> list[ActorSpan]:
    """Actors of the subject of the verb a noun or adjective depends on: "X has a truce
    with Y", "X is critical of Y", "X gave support to Y"."""
    head = token.head
    light = token.dep_ in OBJECTS and head.lemma_ in LIGHT_VERBS
    predicate = token.dep_ in {"acomp", "attr", "oprd"} or (
        token.pos_ == "ADJ" and token.dep_ in {"ccomp", "xcomp"}
    )
    if not (light or predicate):
        return []
    subject, passive = subject_of(head)
    if subject is None or passive:
        return []
    return index.of(subject) or index.named([subject], depth=0)  # "Haaretz conducted an inquiry"


def _speaker_for(noun: Token, owners: list[ActorSpan], index: ActorIndex) -> list[ActorSpan]:
    """ "Erdogan reiterated Turkey's support for the GNA": who voices a state's act (the
    subject of the light verb the noun is the object of) is its source, when the subject
    is of the state that owns the act."""
    if not owners or noun.dep_ not in OBJECTS or noun.head.lemma_ not in LIGHT_VERBS:
        return []
    speakers = _governing_subject(noun, index)
    countries = {a.country for a in owners}
    same = len(countries) == 1 and None not in countries
    return speakers if same and all(a.country in countries for a in speakers) else []


def _is_instrument(noun: Token) -> bool:
    """ "retaliated with drone strikes on X", "launched an offensive against X": the noun
    is what the clause's subject did, not a topic."""
    head = noun.head
    if noun.dep_ in OBJECTS and head.pos_ == "VERB":
        return True
    return noun.dep_ == "pobj" and head.lower_ == "with" and head.head.pos_ == "VERB"


def _clause_subject(noun: Token, index: ActorIndex) -> list[ActorSpan]:
    """ "After talks with Erdogan, Pence said ...": who held the talks is the subject of
    the clause the noun's phrase belongs to."""
    for ancestor in noun.ancestors:
        if ancestor.pos_ in {"VERB", "AUX"}:
            subject, passive = subject_of(ancestor)
            return index.of(subject) if subject is not None and not passive else []
    return []


def _left_window(token: Token, index: ActorIndex) -> list[ActorSpan]:
    """Actors among the words right before a noun, inside its phrase ("the upcoming
    Franco-Russian Council meeting") when the parse attached them elsewhere."""
    found: list[ActorSpan] = []
    for i in range(max(token.sent.start, token.i - _LEFT_WINDOW), token.i):
        word = token.doc[i]
        inside_name = (
            word.pos_ == "ADP"
            and 0 < i < len(token.doc) - 1
            and token.doc[i - 1].is_title
            and token.doc[i + 1].is_title
        )
        if word.pos_ in {"VERB", "AUX", "ADP", "PUNCT"} and word.text != "-" and not inside_name:
            found = []
            continue
        actor = index.by_token.get(i)
        if actor is not None and actor not in found:
            found.append(actor)
    return found


def _between_objects(noun: Token) -> list[Token]:
    """Objects of a "between" phrase that belongs to the noun, also when the parser hung it
    on a word of the noun's own phrase ("discussions on crises between X and Y")."""
    if noun.dep_ == "nsubj" and noun.head.pos_ == "VERB":
        # "fighting broke out between X and Y"
        for prep in noun.head.children:
            if prep.dep_ == "prep" and prep.lower_ == "between":
                return [c for c in prep.children if c.dep_ == "pobj"]
    for token in noun.subtree:
        if token.dep_ == "prep" and token.lower_ == "between":
            path = [token, *token.ancestors]
            up_to_noun = path[: path.index(noun)] if noun in path else path
            if all(t.pos_ not in {"VERB", "AUX"} for t in up_to_noun):
                return [c for c in token.children if c.dep_ == "pobj"]
    return []


def _hyphenated(actors: list[ActorSpan], noun: Token) -> bool:
    doc = noun.doc
    return any(a.end < len(doc) and doc[a.end].text == "-" for a in actors[:-1])


def _in_words(trigger: Token, pattern: _P, lexicon: EventLexicon) -> _P:
    """ "a scathing attack on the government" (VERBAL_MODIFIERS), "attacked the EU's decision"
    (a PROPOSAL_NOUNS object): an attack of words is a disapproval (CAMEO 111), not force."""
    if pattern.plover != "ASSAULT":
        return pattern
    words = [trigger, *_children(trigger, OBJECTS)]  # "launched a scathing attack"
    verbal = any(
        c.dep_ == "amod" and c.lemma_.lower() in VERBAL_MODIFIERS for w in words for c in w.children
    )
    said = any(o.lemma_.lower() in PROPOSAL_NOUNS for o in _children(trigger, OBJECTS))
    if not (verbal or said):
        return pattern
    info = lexicon.cameo_info("111")
    return replace(pattern, plover="ACCUSE", mode=info.plover_mode, cameo="111")


def _demanded(noun: Token, pattern: NounPattern, lexicon: EventLexicon) -> NounPattern:
    """ "called for sanctions against Moscow", "urged an embargo on Iran": a sanction one
    asks others to impose (the object of a REQUEST verb of the lexicon) is not imposed; the
    one who asks disapproves of its target (CAMEO 111; PLV annotators code it ACCUSE)."""
    if pattern.plover != "SANCTION":
        return pattern
    head, prep = noun.head, None
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head, prep = head.head, head.lower_
    elif noun.dep_ not in OBJECTS:
        return pattern
    if head.pos_ != "VERB" or not any(
        p.plover == "REQUEST" and p.object_lemma is None and p.particle is None and p.prep == prep
        for p in lexicon.verbs_for(head.lemma_.lower())
    ):
        return pattern
    info = lexicon.cameo_info("111")
    return replace(pattern, plover="ACCUSE", mode=info.plover_mode, cameo="111")


def _realisers(noun: Token, lexicon: EventLexicon) -> list[Token]:
    """Verbs that realise the act a noun names and of which the noun is the passive subject
    or the head: "the strikes were carried out by ...", "the sanctions imposed by ...",
    "the attack, which Azerbaijan launched, ...". A realising verb is a light verb
    (LIGHT_VERBS) or one the lexicon pairs with the noun as its object ("impose +sanction")."""
    lemma = noun.lemma_.lower()

    def realises(verb: Token) -> bool:
        verb_lemma = verb.lemma_.lower()
        return verb.pos_ == "VERB" and (
            verb_lemma in LIGHT_VERBS
            or any(p.object_lemma == lemma for p in lexicon.verbs_for(verb_lemma))
        )

    verbs = [c for c in noun.children if c.dep_ in {"acl", "relcl"} and realises(c)]
    if noun.dep_ in PASSIVE_SUBJECTS and realises(noun.head):
        verbs.append(noun.head)
    return verbs


def _doers(verb: Token, index: ActorIndex) -> list[ActorSpan]:
    """Who does what a realising verb does: its "by" agent, or the subject of a relative
    clause on the noun ("which Azerbaijan launched")."""
    agent = _passive_agent(verb)
    if agent is not None:
        return index.of(agent) or index.named([agent])
    if verb.dep_ != "relcl":
        return []
    subjects = [s for s in _children(verb, SUBJECTS) if s.tag_ != "WDT" and s.lower_ != "which"]
    return [a for s in subjects for a in index.of(s)]


def noun_findings(doc: Doc | Span, index: ActorIndex, lexicon: EventLexicon) -> list[Finding]:
    index = describing_acts(doc, index, lexicon)
    findings: list[Finding] = []
    for noun in doc:
        patterns = _noun_patterns(noun, lexicon)
        if not patterns:
            continue
        pattern = _in_words(noun, patterns[0], lexicon)
        pattern = joint_pattern(noun, pattern, lexicon, pattern.plover in PHYSICAL)
        # "support from the US" names the source; "withdrawal from Kyiv" the place left.
        source_preps = SOURCE_PREPS - {"from"} if pattern.plover == "RETREAT" else SOURCE_PREPS
        preps = [p for p in pattern.preps if p not in source_preps]
        from_sources = [a for o in _prep_objects(noun, source_preps) for a in index.of(o)]
        participants = [a for o in _prep_objects(noun, preps) for a in index.of(o)]
        # "the sanctions imposed by the EU on Belarus", "the strikes were carried out by
        # Israeli jets on Syrian bases": the verb that realises the act holds its arguments.
        for verb in _realisers(noun, lexicon):
            from_sources += [a for a in _doers(verb, index) if a not in from_sources]
            # The parser often hangs the target on the agent: "by [the EU on Belarus]".
            holders = [verb, *filter(None, [_passive_agent(verb)])]
            named = [a for h in holders for o in _prep_objects(h, preps) for a in index.of(o)]
            participants += [a for a in named if a not in participants]
        # "an investigation of Selahattin Demirtas": a name the knowledge files lack.
        participants = participants or index.named(_prep_objects(noun, preps))
        between_objects = _between_objects(noun)
        between = bool(between_objects)
        if between:
            participants = [a for o in between_objects for a in index.of(o)]
        modifiers = [
            a
            for c in noun.children
            if c.dep_ in {"poss", "amod", "compound", "nmod"}
            for a in index.of(c, depth=1)
        ]
        window = _left_window(noun, index)
        if len(modifiers) == 1 and modifiers[0] in window and _hyphenated(window, noun):
            modifiers = window  # "the Iran-Iraq talks": the parser hangs Iran on Iraq
        if between and len(participants) >= 2:
            sources, targets = participants[:1], participants[1:]
        elif from_sources:
            sources = from_sources
            targets = participants or modifiers or _governing_subject(noun, index)
        else:
            sources = _speaker_for(noun, modifiers, index) or modifiers
            sources = sources or _governing_subject(noun, index)
            targets = [p for p in participants if p not in sources]
        # Coordinated subjects ("Russia and Turkey have a truce") and hyphenated compounds
        # ("Franco-Russian talks") pair up; coordinated adjectives ("the Emirati and
        # Bahraini deals") name two separate events.
        pair_up = not modifiers or sources is not modifiers or _hyphenated(modifiers, noun)
        members = [a for o in _prep_objects(noun, ["of"]) for a in index.of(o)]
        if not sources and not targets and len(members) >= 2 and lexicon.symmetric(pattern.plover):
            # "the meeting of the Chinese and Russian envoys": a joint act of those it is of.
            sources, pair_up = members, True
        if not targets and noun.pos_ == "ADJ" and noun.dep_ in {"oprd", "ccomp", "xcomp"}:
            # "France finds X unacceptable", "called the annexation illegal": the object,
            # or the subject of the small clause the parser made of it.
            held = _children(noun, SUBJECTS) or _children(noun.head, OBJECTS)
            targets = [a for o in held for a in index.of(o)]
        judged = _misjudged(noun) if noun.pos_ == "ADJ" else None
        if judged is not None:
            judge, passive = subject_of(judged.head)
            sources = index.of(judge) if judge is not None and not passive else []
            targets = [a for a in index.of(judged) if a not in sources]
        if not targets and noun.head.lemma_ in LIGHT_VERBS:
            targets = [a for o in _prep_objects(noun.head, preps) for a in index.of(o)]
        if not sources and not targets:
            sources = _left_window(noun, index)
        # Violence and blame named in passing ("fixate on the poisoning of X") are topics
        # more often than acts of the clause's subject.
        if not sources and targets and (pattern.plover not in TOPIC_PRONE or _is_instrument(noun)):
            sources = _clause_subject(noun, index)
        coded = _demanded(noun, pattern, lexicon)
        findings += _pairs(
            index,
            noun,
            sources,
            targets,
            coded.plover,
            coded.mode,
            coded.cameo,
            "noun",
            bool(participants or from_sources),
            symmetric_subjects=pair_up,
        )
        if between and len(participants) >= 2 and pattern.plover in MUTUAL:
            # "clashes between X and Y": force both ways, one event a direction.
            findings += _pairs(
                index,
                noun,
                participants[1:],
                participants[:1],
                pattern.plover,
                pattern.mode,
                pattern.cameo,
                "noun",
                True,
                symmetric_subjects=False,
            )
    return findings


def compound_findings(doc: Doc | Span, index: ActorIndex, lexicon: EventLexicon) -> list[Finding]:
    """ "Turkish-backed Government of National Accord": the modifier backs the head."""
    findings: list[Finding] = []
    for token in doc:
        if token.lemma_.lower() not in BACKING_LEMMAS or token.i < 2:
            continue
        if token.doc[token.i - 1].text != "-":
            continue
        backer = index.by_token.get(token.i - 2)
        head = token.head if token.dep_ in {"amod", "compound"} else None
        if backer is None or head is None:
            continue
        backed = index.of(head)
        if head.dep_ == "attr" and head.head.lemma_ == "be":
            # "Hezbollah is an Iran-allied group": the group is the subject.
            subject, _ = subject_of(head.head)
            backed += [
                a for a in (index.of(subject) if subject is not None else []) if a not in backed
            ]
        patterns = lexicon.verbs_for("back")
        cameo = patterns[0].cameo if patterns else "050"
        mode = patterns[0].mode if patterns else None
        for target in backed:
            if target.country != backer.country:
                findings.append(
                    Finding(token, backer, target, "SUPPORT", mode, cameo, "compound", True)
                )
    return findings


def _predicates(verb: Token) -> list[tuple[Token, Token]]:
    """(what is judged, the predicate said of it) of a judgement verb: "called the deployment
    a threat", "described the decision as a betrayal", and the parse that hangs the predicate
    on the object ("called Moscow's move an unacceptable escalation"); of "be" ("the attack
    was a violation"), its subject and attribute."""
    if verb.lemma_ == "be":
        subjects = _children(verb, SUBJECTS)
        return [(s, a) for s in subjects[:1] for a in _children(verb, {"attr", "acomp"})]
    if verb.lemma_.lower() not in JUDGEMENT_VERBS:
        return []
    judged = _children(verb, OBJECTS)
    found = [(j, p) for j in judged[:1] for p in _children(verb, {"oprd"})]
    found += [(j, p) for j in judged[:1] for p in _prep_objects(verb, ["as"])]
    found += [(j, p) for j in judged for p in _prep_objects(j, ["as"])]
    found += [(c, p) for c in _children(verb, {"ccomp"}) for p in _children(c, OBJECTS)]
    # "holds Israel responsible": the parser makes a small clause of object and predicate.
    found += [
        (j, c)
        for c in _children(verb, {"ccomp", "xcomp"})
        if c.pos_ in {"ADJ", "NOUN"}
        for j in _children(c, SUBJECTS)[:1]
    ]
    return found


def _blames(predicate: Token) -> bool:
    words = [predicate, *(c for c in predicate.children if c.dep_ == "amod")]
    return any(w.lemma_.lower() in BLAME_WORDS for w in words)


def characterisation_findings(
    doc: Doc | Span, index: ActorIndex, lexicon: EventLexicon
) -> list[Finding]:
    """ "Moscow called the NATO deployment a threat", "Qatar said the Iranian attack was a
    violation": a condemning predicate (BLAME_WORDS) said of something is a disapproval
    (CAMEO 111) by the one who says it of the party the thing belongs to."""
    info = lexicon.cameo_info("111")
    findings: list[Finding] = []
    for verb in doc:
        for judged, predicate in _predicates(verb):
            if not _blames(predicate):
                continue
            targets = index.of(judged)
            speaker = verb
            if verb.lemma_ == "be":
                # Only what someone says or judges: "Qatar said the attack was a violation".
                speaker = verb.head
                said = speaker.lemma_.lower() in SPEECH_VERBS | JUDGEMENT_VERBS
                if verb.dep_ != "ccomp" or not said:
                    continue
            subject, passive = subject_of(speaker)
            if subject is not None and subject.pos_ == "PRON" and speaker.dep_ == "ccomp":
                # "Canberra said they hold Moscow responsible": who says it of the clause.
                subject, passive = subject_of(speaker.head)
            sources = index.of(subject) if subject is not None and not passive else []
            findings += _pairs(
                index,
                predicate,
                sources,
                [t for t in targets if t not in sources],
                "ACCUSE",
                info.plover_mode,
                "111",
                "verb",
                True,
                symmetric_subjects=False,
            )
    return findings


def _general_pattern(patterns: Sequence[VerbPattern]) -> VerbPattern | None:
    """The pattern with the fewest conditions, among those without a particle: a phrasal
    verb means something else without it ("hit out at" is criticism, "hit" alone is not;
    "carry out" an attack, "carry" nothing); None when every pattern needs one."""
    plain = [p for p in patterns if not p.particle]
    return min(plain, key=lambda p: (bool(p.object_lemma), bool(p.prep))) if plain else None


def _object_event(verb: Token, lexicon: EventLexicon) -> VerbPattern | None:
    """ "began an investigation into X", "announced a suspension of aid to Y": a light verb
    (LIGHT_VERBS) whose object is an event noun of the lexicon does what the noun names."""
    if verb.lemma_.lower() not in LIGHT_VERBS:
        return None
    for obj in _children(verb, OBJECTS):
        nouns = lexicon.nouns_for(obj.lemma_.lower())
        if nouns:
            noun = nouns[0]
            return VerbPattern(
                verb.lemma_.lower(),
                None,
                obj.lemma_.lower(),
                None,
                noun.plover,
                noun.mode,
                noun.cameo,
                "none",
                noun.source,
            )
    return None


def _moved_price(verb: Token) -> bool:
    """Is the verb's subject a price, market or currency ("Japan's Nikkei declined",
    "the rupee fell")? Then nobody acted, whoever owns it."""
    return any(t.lemma_.lower() in MARKET_NOUNS for t in _children(verb, {"nsubj"}))


def positional_findings(doc: Doc | Span, index: ActorIndex, lexicon: EventLexicon) -> list[Finding]:
    """Last resort for a sentence the dependency rules found nothing in: an event verb with
    a party before it and another party after it (what the sm parser most often gets
    wrong is the attachment, not the order of who acts on whom)."""
    for verb in doc:
        if verb.pos_ != "VERB" or verb.dep_ == "amod":
            continue
        patterns = lexicon.verbs_for(verb.lemma_.lower())
        carried = _object_event(verb, lexicon)
        if not (patterns or carried) or verb.lemma_.lower() in GENERIC_VERBS or unrealised(verb):
            continue
        if _children(verb, PASSIVE_SUBJECTS | {"auxpass"}):
            continue  # "civilians were killed, according to the UN": order means nothing
        if _moved_price(verb):
            continue
        before = _nearest_before(verb, index)
        in_clause = {t.i for t in verb.subtree}
        after = next(
            (
                index.by_token[i]
                for i in range(verb.i + 1, verb.sent.end)
                if i in index.by_token and i in in_clause
            ),
            None,
        )
        if not before or after is None:
            continue
        source = before[-1]
        if _same_side(source, after):
            continue
        fitting = _best_pattern(verb, patterns)
        pattern = fitting[0] if fitting is not None else carried or _general_pattern(patterns)
        if pattern is None:
            continue
        # "criticised the elections in Belarus, Russia and Azerbaijan": every member of the
        # list the first party after the verb opens.
        listed = index.of(verb.doc[after.start], depth=0)
        targets = [after, *(a for a in listed if a is not after and a.country is not None)]
        return [
            Finding(verb, source, t, pattern.plover, pattern.mode, pattern.cameo, "guess", False)
            for t in targets
            if not _same_side(source, t)
        ]
    return []
