"""The gazetteer: every surface form the actor knowledge knows, and how to match it.

Forms come in three families, matched on tokens with spaCy's PhraseMatcher:
- names: states, capitals and metonyms, organisations, groups, people (case-sensitive,
  plus an upper-case variant of names for headlines);
- adjectives: demonyms that modify another word ("French", "Turkish-backed");
- agents: role words ("foreign minister", "rebels"), matched on lower case, singular and
  plural.
Combining forms ("Franco-", "Russo-") are looked up by the compound rule in `mentions.py`.

Tokenizing the 13,500 forms for the matchers costs each process about 0.8 s, so their token
sequences (the hashes the matchers compare) are kept in a cache file in the town table's
folder (`blocs.disk_cache`), named by a hash of what they come from: the forms, this
module's code, spaCy's version and the pipeline's name and version (its tokenizer). A cache
that cannot be read or written is skipped, not an error.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, cast

from spacy.about import __version__ as spacy_version
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher

from blocs.actors.entries import ActorEntry, AgentWord
from blocs.disk_cache import cache_folder, read_pickle, write_pickle
from blocs.nlp.pipeline import tokenizer_of

NAME, ADJECTIVE, AGENT = "name", "adj", "agent"
# When one form names several things valid on the same day, the more specific kind wins;
# entries from a user's dictionary win over the packaged ones.
_KIND_PRIORITY = {"person": 0, "group": 1, "igo": 2, "state": 3, "agent": 4}
_MATCHED_ON = {NAME: ORTH, ADJECTIVE: ORTH, AGENT: LOWER}  # the token attribute each compares
KEPT_CACHES = 8  # matcher caches kept (one per set of knowledge files); the oldest go
Sequences = dict[str, list[tuple[int, ...]]]


_CURLY = "\u2019"  # the typographic apostrophe most news sites print


def _with_curly(forms: Iterable[str]) -> list[str]:
    """The forms, and each form with an apostrophe also spelt with the typographic one
    ("People's Liberation Army", "People’s Liberation Army")."""
    listed = list(forms)
    return listed + [f.replace("'", _CURLY) for f in listed if "'" in f]


def straight(text: str) -> str:
    """The text with typographic apostrophes made straight, as the knowledge files write them."""
    return text.replace(_CURLY, "'")


def _title_acronym(form: str) -> bool:
    """An acronym of four letters or more as British style writes it ("Nato", "Farc"),
    for the all-capitals form the knowledge lists."""
    return len(form) >= 4 and form.isalpha() and form.istitle()


def plural(phrase: str) -> str:
    """English plural of the last word of a phrase (good enough for role words)."""
    head, _, last = phrase.rpartition(" ")
    if last.endswith(("s", "x", "ch", "sh")):
        last = last + "es"
    elif last.endswith("y") and last[-2:-1] not in set("aeiou"):
        last = last[:-1] + "ies"
    elif last.endswith("man"):
        last = last[:-3] + "men"
    else:
        last = last + "s"
    return f"{head} {last}" if head else last


@dataclass
class Gazetteer:
    """Surface form -> candidate entries, for names, adjectives, combining forms and agents."""

    names: dict[str, list[ActorEntry]] = field(default_factory=lambda: defaultdict(list))
    adjectives: dict[str, list[ActorEntry]] = field(default_factory=lambda: defaultdict(list))
    combining: dict[str, list[ActorEntry]] = field(default_factory=lambda: defaultdict(list))
    agents: dict[str, AgentWord] = field(default_factory=dict)
    user_entry_ids: set[str] = field(default_factory=set)

    @classmethod
    def build(
        cls,
        entries: Iterable[ActorEntry],
        agents: Iterable[AgentWord],
        user_entries: Iterable[ActorEntry] = (),
        user_agents: Iterable[AgentWord] = (),
    ) -> Gazetteer:
        gazetteer = cls()
        for entry in entries:
            gazetteer.add(entry)
        for entry in user_entries:
            gazetteer.add(entry)
            gazetteer.user_entry_ids.add(entry.entry_id)
        for word in [*agents, *user_agents]:
            gazetteer.add_agent(word)
        return gazetteer

    def add(self, entry: ActorEntry) -> None:
        for form in entry.patterns:
            if form.strip():
                self.names[form.strip()].append(entry)
        for form in entry.adjectives:
            if form.strip():
                self.adjectives[form.strip()].append(entry)
        for form in entry.combining:
            if form.strip():
                self.combining[form.strip().rstrip("-")].append(entry)

    def add_agent(self, word: AgentWord) -> None:
        phrase = word.phrase.strip().lower()
        if phrase:
            self.agents[phrase] = word
            self.agents.setdefault(plural(phrase), word)

    def candidates(self, family: str, form: str) -> list[ActorEntry]:
        table = self.names if family == NAME else self.adjectives
        found = table.get(form)
        if found is None and _CURLY in form:
            found = table.get(straight(form))  # "People’s Liberation Army"
        if found is None and form.isupper() and len(form) > 4:
            found = table.get(form.title())
        if found is None and _title_acronym(form):
            found = table.get(form.upper())
        return found or []

    def resolve(
        self, family: str, form: str, day: date | None, near: frozenset[str] = frozenset()
    ) -> ActorEntry | None:
        """The entry a form names on `day`: valid entries first, user dictionaries first,
        then one of a country in `near` (the countries the rest of the sentence names: "SDF"
        beside "Japan" is Japan's Self-Defense Forces, not the Syrian Democratic Forces),
        then the most specific kind; for a person out of office, their nearest term."""
        found = self.candidates(family, form)
        if not found:
            return None
        valid = [e for e in found if e.valid_on(day)]
        pool = valid or found
        return min(pool, key=lambda e: self._rank(e, day, near))

    def ambiguous(self, family: str, form: str, day: date | None) -> bool:
        """True when the form names entries of several countries on `day`."""
        found = self.candidates(family, form)
        valid = [e for e in found if e.valid_on(day)] or found
        return len({e.country for e in valid}) > 1

    def _rank(
        self, entry: ActorEntry, day: date | None, near: frozenset[str]
    ) -> tuple[int, int, int, int]:
        user = 0 if entry.entry_id in self.user_entry_ids else 1
        distance = 0
        if day is not None and not entry.valid_on(day):
            edge = entry.valid_to if entry.valid_to and day > entry.valid_to else entry.valid_from
            distance = abs((day - edge).days) if edge else 10**6
        context = 0 if entry.country in near else 1
        return user, context, _KIND_PRIORITY.get(entry.kind, 9), distance

    def matchers(self, nlp: Language) -> tuple[PhraseMatcher, PhraseMatcher]:
        """(case-sensitive matcher for names and adjectives, lower-case one for agents),
        with patterns tokenized by the pipeline's own tokenizer (or read from the cache of
        what it gave, see the module's docstring)."""
        forms = {
            NAME: _with_curly(self._name_forms()),
            ADJECTIVE: _with_curly(self.adjectives),
            AGENT: _with_curly(self.agents),
        }
        path = cache_folder() / f"matchers-{_forms_hash(nlp, forms)}.pickle"
        sequences = _read_sequences(path, forms)
        if sequences is None:
            sequences = token_sequences(nlp, forms)
            write_pickle(path, sequences, "matchers", KEPT_CACHES)
        # The PhraseMatcher takes a pattern as the hashes it compares as well as a Doc (its
        # own unpickling does so), typed as Docs only.
        patterns = cast(dict[str, Any], sequences)
        exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        exact.add(NAME, patterns[NAME])
        exact.add(ADJECTIVE, patterns[ADJECTIVE])
        lower.add(AGENT, patterns[AGENT])
        return exact, lower

    def _name_forms(self) -> list[str]:
        forms = list(self.names)
        forms += [f.upper() for f in self.names if len(f) > 4 and not f.isupper()]
        forms += [f.title() for f in self.names if _title_acronym(f.title())]
        return forms


def token_sequences(nlp: Language, forms: dict[str, list[str]]) -> Sequences:
    """Each family's forms as the token hashes its matcher compares (`_MATCHED_ON`), as
    the PhraseMatcher itself reads them from the tokenized forms."""
    tokenizer = tokenizer_of(nlp)
    return {
        family: [tuple(doc.to_array(_MATCHED_ON[family]).tolist()) for doc in docs]
        for family, docs in ((f, tokenizer.pipe(listed)) for f, listed in forms.items())
    }


def _forms_hash(nlp: Language, forms: dict[str, list[str]]) -> str:
    """A hash of everything the token sequences come from."""
    digest = hashlib.sha256(Path(__file__).read_bytes())
    meta = nlp.meta
    digest.update(f"{spacy_version} {meta.get('lang')} {meta.get('name')}".encode())
    digest.update(f" {meta.get('version')}".encode())
    for family, listed in forms.items():
        digest.update(f"\x00{family}\x00".encode())
        digest.update("\x01".join(listed).encode())
    return digest.hexdigest()[:16]


def _read_sequences(path: Path, forms: dict[str, list[str]]) -> Sequences | None:
    sequences = read_pickle(path)
    if not isinstance(sequences, dict) or any(
        len(sequences.get(family, ())) != len(listed) for family, listed in forms.items()
    ):
        return None
    return cast(Sequences, sequences)
