"""Article-level context for actors a sentence names only by a definite noun.

In: the actors of an article's sentences, in order, and each sentence's tokens. Out: what the
article said before, for the sentences that lean on it:
- `complete` gives a definite role word without a state ("the coalition", "the ministry",
  "the police") the actor the article named with the same role word (the one it names
  most, the last of equals) ("the Saudi-led
  coalition struck ..." ... "the coalition said" -> SAUMIL), and a definite noun of
  `knowledge/actors/anaphors.tsv` ("the group", "the alliance") the last actor of its kind
  ("the country": the last state, unless the sentence names other states of its own);
- `pair_for` gives "the two presidents", "both countries" the last two parties of different
  countries that such a noun can name: leaders and governments for "presidents", "leaders",
  "ministers", "delegations"; any state, organisation or group for "countries", "sides";
- `main_country` is the state the article has named most so far.

The extractor keeps one `ArticleContext` per article: `complete` a sentence's actors with
what the sentences before it named, then `after` them for the next sentence; a lone surname
the article first gave someone unknown ("Tim Morrison ... Morrison said") stays his. A context is
immutable, so the parse (which runs later, in a batch) sees the one its sentence had.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from functools import cache
from importlib.resources import files

from spacy.tokens import Doc

from blocs.actors.gazetteer import plural
from blocs.actors.mentions import HONORIFICS, ActorSpan
from blocs.errors import KnowledgeError
from blocs.events.wordlists import word_list

_MEMORY = 60  # actors kept from earlier sentences
_WORD = re.compile(r"[^\W\d_]+")
_DEFINITE = frozenset({"the", "this", "that"})
_LOCATIVE = frozenset({"at", "outside", "inside", "near", "in", "into", "around", "behind"})
_PERSON_NOUNS = frozenset(
    {"presidents", "leaders", "ministers", "delegations", "premiers", "heads", "envoys"}
)
_RULING = frozenset({"GOV", "MIL", "LEG"})  # sectors of the people "the two leaders" are
ANAPHORS_FILE = "actors/anaphors.tsv"


@cache
def load_anaphors() -> dict[str, str]:
    """Noun (singular and plural) -> the kind of actor it names again; a noun for a state
    singular only ("the countries" are several states, no one of them)."""
    text = files("blocs.knowledge").joinpath(ANAPHORS_FILE).read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    found: dict[str, str] = {}
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != 2 or row[1] not in {"group", "igo", "state", "person"}:
            raise KnowledgeError(f"{ANAPHORS_FILE}: data row {number}: bad row {row!r}")
        found[row[0]] = row[1]
        if row[1] != "state":
            found[plural(row[0])] = row[1]
    return found


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """The actors earlier sentences of one article named, oldest first."""

    named: tuple[ActorSpan, ...] = ()
    others: frozenset[str] = frozenset()  # surnames the article gave someone unknown

    @property
    def main_country(self) -> str | None:
        """The state the article has named most so far (the first of equals)."""
        counts = Counter(
            a.country
            for a in self.named
            if a.kind in {"state", "place"} and a.country and len(a.country) == 3
        )
        return counts.most_common(1)[0][0] if counts else None

    def after(self, doc: Doc, actors: Sequence[ActorSpan]) -> ArticleContext:
        """The context for the next sentence: this one's placed actors added, and the
        surnames of people it names in full that are no known actor ("Tim Morrison": a
        later "Morrison" is he, not Australia's Scott Morrison)."""
        placed = tuple(a for a in actors if a.country is not None and a.method != "context")
        people = {i for a in actors if a.kind == "person" for i in range(a.start, a.end)}
        return ArticleContext(
            (*self.named, *placed)[-_MEMORY:], self.others | _unknown_surnames(doc, people)
        )

    def complete(self, doc: Doc, actors: Sequence[ActorSpan]) -> list[ActorSpan]:
        """The sentence's actors, with definite role words resolved to the actor named
        before with the same role word, and definite nouns of `anaphors.tsv` not covered
        by an actor added as the last actor of their kind."""
        found = [self._resolved(doc, a) for a in actors if not self._someone_else(a)]
        covered = {i for a in actors for i in range(a.start, a.end)}
        anaphors = load_anaphors()
        own_states = {a.country for a in actors if _a_state(a)}
        for token in doc[1:]:
            kind = anaphors.get(token.lower_)
            if kind is None or token.i in covered or not _refers(doc, token.i, token.i + 1):
                continue
            earlier = self._last_of_kind(kind)
            if earlier is None:
                continue
            # "Iraq's parliament asked the US troops to leave the country": a sentence that
            # names states of its own means one of them, not an earlier other state.
            if kind == "state" and own_states and earlier.country not in own_states:
                continue
            found.append(_as(earlier, doc, token.i, token.i + 1))
        return sorted(found, key=lambda a: a.start)

    def pair_in(self, doc: Doc) -> tuple[ActorSpan, ActorSpan] | None:
        """The pair "the two presidents" or "both sides" of this sentence refers back to
        (nouns of `knowledge/events/group_nouns.txt` after "two" or "both"), if any."""
        nouns = word_list("group_nouns")
        for token in doc[1:]:
            if token.lower_ in nouns and doc[token.i - 1].lower_ in {"two", "both"}:
                return self.pair_for(token.lower_)
        return None

    def pair_for(self, noun: str) -> tuple[ActorSpan, ActorSpan] | None:
        """The last two parties of different countries the plural `noun` ("presidents",
        "countries") can refer back to, oldest first: for a noun of people, two people if
        the article named them, else two government or military actors."""
        if noun.lower() not in _PERSON_NOUNS:
            return self._last_two(lambda a: a.kind != "place")
        return self._last_two(lambda a: a.kind == "person") or self._last_two(_ruler)

    def _last_two(self, test: Callable[[ActorSpan], bool]) -> tuple[ActorSpan, ActorSpan] | None:
        chosen: list[ActorSpan] = []
        for actor in reversed(self.named):
            if test(actor) and all(actor.country != seen.country for seen in chosen):
                chosen.insert(0, actor)
            if len(chosen) == 2:
                return chosen[0], chosen[1]
        return None

    def _someone_else(self, actor: ActorSpan) -> bool:
        """A known person named by a surname the article gave another person first ("Tim
        Morrison" ... "Morrison's lawyer"), unless the article names this one in full."""
        if actor.kind != "person" or _full_name(actor) or not self.others:
            return False
        if not self.others.intersection(_WORD.findall(actor.text)):
            return False
        return not any(a.entry_id == actor.entry_id and _full_name(a) for a in self.named)

    def _resolved(self, doc: Doc, actor: ActorSpan) -> ActorSpan:
        if actor.kind != "agent" or actor.country is not None:
            return actor
        if not _refers(doc, actor.start, actor.end):
            return actor
        phrase = actor.entry_id.removeprefix("agent:")
        forms = {phrase, plural(phrase)}
        earlier = self._salient(lambda a: _names_with(a, forms))
        kind = load_anaphors().get(phrase)
        if earlier is None and kind is not None:
            earlier = self._last_of_kind(kind)
        return actor if earlier is None else _as(earlier, doc, actor.start, actor.end)

    def _salient(self, test: Callable[[ActorSpan], bool]) -> ActorSpan | None:
        """Of the earlier actors that pass `test`, the one the article names most (by any
        of its names: "President Trump" then "Trump" twice outweighs one "President
        Zelensky" for "the president"), the most recent of equals."""
        mentions = Counter(a.entry_id for a in self.named)
        best: ActorSpan | None = None
        for actor in filter(test, self.named):
            if best is None or mentions[actor.entry_id] >= mentions[best.entry_id]:
                best = actor
        return best

    def _last_of_kind(self, kind: str) -> ActorSpan | None:
        """The last actor of the kind the article named; for "state", the last state
        itself, whatever role word named it ("the Vietnamese president" -> Vietnam)."""
        if kind == "state":
            state = next((a for a in reversed(self.named) if _a_state(a)), None)
            return None if state is None else replace(state, code=str(state.country), sector=None)
        return next((a for a in reversed(self.named) if a.kind == kind), None)


def _full_name(actor: ActorSpan) -> bool:
    """True for a person named in full ("Scott Morrison", "Prime Minister Scott Morrison")."""
    name = actor.entry_id.split(":")[1] if actor.entry_id.count(":") >= 2 else ""
    return " " in name and name in actor.text


def _unknown_surnames(doc: Doc, people: set[int]) -> frozenset[str]:
    """Last words of two-word capitalised names no known person covers ("Tim Morrison"),
    after a first name that is no honorific and no stop word."""
    found = set()
    for token in doc[1:]:
        first = doc[token.i - 1]
        after = doc[token.i + 1] if token.i + 1 < len(doc) else None
        if (
            token.is_title
            and token.is_alpha
            and first.is_title
            and first.is_alpha
            and not first.is_stop
            and first.lower_ not in HONORIFICS
            and not people.intersection({first.i, token.i})
            and not (after is not None and after.is_title and after.is_alpha)
        ):
            found.add(token.text)
    return frozenset(found)


def _refers(doc: Doc, start: int, end: int) -> bool:
    """True for a definite noun that names someone: "the ministry said", not "the embassy
    attack" (a noun modifying another, once parsed) nor "outside the embassy" (a place)."""
    if start == 0 or doc[start - 1].lower_ not in _DEFINITE:
        return False
    if doc[end - 1].dep_ in {"compound", "amod", "nmod"}:
        return False
    return start < 2 or doc[start - 2].lower_ not in _LOCATIVE


def _names_with(actor: ActorSpan, forms: set[str]) -> bool:
    """True for an actor whose own words hold the role word ("Saudi-led coalition")."""
    text = f" {' '.join(actor.text.lower().split())} "
    return actor.kind != "agent" and any(f" {form} " in text for form in forms)


def _ruler(actor: ActorSpan) -> bool:
    """A person, or a government or military actor ("Paris", "the Russian President")."""
    return actor.kind == "person" or (actor.sector or "")[:3] in _RULING


def _a_state(actor: ActorSpan) -> bool:
    """A state, or a role word of one ("Iraq's parliament"), not an organisation."""
    return actor.kind == "state" and actor.country is not None and len(actor.country) == 3


def _as(earlier: ActorSpan, doc: Doc, start: int, end: int) -> ActorSpan:
    return replace(earlier, start=start, end=end, text=doc[start:end].text, method="context")
