"""Find and resolve actor mentions in a tokenized (or parsed) sentence.

The `blocs_actors` spaCy component marks known forms (like an entity ruler, ahead of the
statistical NER); `find_actor_spans` turns the marks into actors for a given day:
- a name resolves through the gazetteer (a capital or metonym carries its sector);
- a state modifier plus a role word is composed: "the Russian foreign minister" -> RUSGOV,
  "Belarusian opposition" -> BLROPP, "Russia's defence ministry" -> RUSGOV; when a person's
  name follows ("French President Emmanuel Macron") the person wins and the span grows;
- compounds of combining forms name both states: "Franco-Russian" -> FRA, RUS;
- a capitalised word that is no English word and is one edit (Damerau-Levenshtein) away
  from exactly one known single-word name is that name ("Marcon" -> Macron).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache, cached_property
from importlib.resources import files

from rapidfuzz.distance import DamerauLevenshtein, Levenshtein
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from blocs.actors.entries import ActorEntry
from blocs.actors.gazetteer import ADJECTIVE, AGENT, NAME, Gazetteer, straight
from blocs.errors import KnowledgeError

COMPONENT = "blocs_actors"
AGENT_SPANS = "blocs_agents"
_NAME_LABEL = "ACTOR"
_ADJECTIVE_LABEL = "ACTOR_ADJ"
_MODIFIER_GAP = 3  # words allowed between a state modifier and its role word
_FUZZY_MIN_LENGTH = 5
_FUZZY_MEMORY = 100_000  # words whose fuzzy match is kept


@dataclass(frozen=True, slots=True)
class ActorSpan:
    """An actor in a sentence, by token offsets (end exclusive)."""

    start: int
    end: int
    text: str
    code: str
    country: str | None
    sector: str | None
    kind: str
    entry_id: str
    method: str


class ActorMarker:
    """spaCy component: marks names and adjectives as entities and role words as spans.

    Created empty by the pipeline factory; `use` gives it the gazetteer to match.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.exact: PhraseMatcher | None = None
        self.lower: PhraseMatcher | None = None
        self.name_id = nlp.vocab.strings.add(NAME)

    def use(self, gazetteer: Gazetteer) -> None:
        self.exact, self.lower = gazetteer.matchers(self.nlp)

    def __call__(self, doc: Doc) -> Doc:
        if self.exact is None or self.lower is None:
            return doc
        spans = []
        for match_id, start, end in self.exact(doc):
            label = _NAME_LABEL if match_id == self.name_id else _ADJECTIVE_LABEL
            spans.append(Span(doc, start, end, label=label))
        chosen = _longest_first(spans)
        agents = _longest_first([Span(doc, s, e, label=AGENT) for _, s, e in self.lower(doc)])
        marked = {i for a in [*agents, *chosen] for i in range(a.start, a.end)}
        chosen = [c for c in chosen if not _opens_a_name(doc, c, marked)]
        covered = _covered(doc, chosen)
        existing = [e for e in doc.ents if not any(covered[e.start : e.end])]
        doc.ents = sorted([*existing, *chosen], key=lambda s: s.start)
        doc.spans[AGENT_SPANS] = agents
        return doc


@Language.factory(COMPONENT)
def make_actor_marker(nlp: Language, name: str) -> ActorMarker:
    return ActorMarker(nlp)


def _covered(doc: Doc, spans: list[Span]) -> bytearray:
    """One byte per token of `doc`, 1 where one of `spans` covers it."""
    table = bytearray(len(doc))
    for span in spans:
        table[span.start : span.end] = b"\x01" * (span.end - span.start)
    return table


def _longest_first(spans: list[Span]) -> list[Span]:
    """The longest spans that do not overlap, leftmost first among equals, in text order.
    A token table marks what is taken, so the cost is the sort plus the spans' lengths
    (n log n), not a comparison of every span with every chosen one."""
    if not spans:
        return []
    taken = bytearray(len(spans[0].doc))
    chosen: list[Span] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if not any(taken[span.start : span.end]):
            taken[span.start : span.end] = b"\x01" * (span.end - span.start)
            chosen.append(span)
    return sorted(chosen, key=lambda s: s.start)


def add_actor_marker(nlp: Language, gazetteer: Gazetteer) -> ActorMarker:
    """Put the marker into the pipeline before the NER (or last if there is none)."""
    if COMPONENT in nlp.pipe_names:
        nlp.remove_pipe(COMPONENT)
    where = {"before": "ner"} if "ner" in nlp.pipe_names else {"last": True}
    marker = nlp.add_pipe(COMPONENT, **where)
    assert isinstance(marker, ActorMarker)
    marker.use(gazetteer)
    return marker


class FuzzyNames:
    """Single-word person and state names, for one-edit misspellings."""

    def __init__(self, gazetteer: Gazetteer, english_words: frozenset[str]) -> None:
        self.gazetteer = gazetteer
        self.english_words = english_words
        self._matches: dict[str, str | None] = {}

    @cached_property
    def forms(self) -> dict[str, list[str]]:
        """Single-word names of states and of heads of state or government, by first
        letter: the names writers misspell. Another official's surname one edit away is
        most often someone else's name ("Headley" is not Hadley, "Hazari" not Hagari)."""
        index: dict[str, list[str]] = {}
        for form, entries in self.gazetteer.names.items():
            if (
                " " not in form
                and len(form) >= _FUZZY_MIN_LENGTH
                and any(_misspelt_often(e) for e in entries)
            ):
                index.setdefault(form[0], []).append(form)
        return index

    def match(self, word: str) -> str | None:
        """The one known form `word` is a misspelling of, or None. Answers are kept by
        word (up to `_FUZZY_MEMORY` of them): the candidate test asks about every
        capitalised word of every sentence, and news repeats its names."""
        if len(word) < _FUZZY_MIN_LENGTH or not word[0].isupper() or not word.isalpha():
            return None
        if word in self._matches:
            return self._matches[word]
        if len(self._matches) >= _FUZZY_MEMORY:
            self._matches.clear()
        found = self._matches[word] = self._closest(word)
        return found

    def _closest(self, word: str) -> str | None:
        lower = word.lower()
        if word in self.gazetteer.names or lower in self.english_words:
            return None
        if lower.endswith("s") and lower[:-1] in self.english_words:
            return None  # a plural the lemma table lacks ("Nazis")
        close = [
            form
            for form in self.forms.get(word[0], ())
            if abs(len(form) - len(word)) <= 1
            and DamerauLevenshtein.distance(form, word, score_cutoff=1) <= 1
        ]
        return close[0] if len(close) == 1 else None


def _misspelt_often(entry: ActorEntry) -> bool:
    return entry.kind == "state" or _head(entry)


def _head(entry: ActorEntry) -> bool:
    """A head of state or government, acting or not ("head of government (President)")."""
    role = (entry.role or "").split(" (")[0].removeprefix("acting ")
    return entry.kind == "person" and role in _KNOWN_BY_SURNAME


def english_vocabulary(nlp: Language) -> frozenset[str]:
    """Lemmas the pipeline's lemmatizer knows: a fuzzy match must not eat English words."""
    if "lemmatizer" not in nlp.pipe_names:
        return frozenset()
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_index"):
        return frozenset()
    index = lookups.get_table("lemma_index")
    words: set[str] = set()
    for key in index:
        words.update(str(w).lower() for w in index[key])
    return frozenset(words)


def _span(
    start: int,
    end: int,
    doc: Doc,
    entry: ActorEntry,
    method: str,
    sector: str | None = None,
    code: str | None = None,
) -> ActorSpan:
    sector = sector if sector is not None else entry.sector
    if code is None:
        code = entry.code if sector == entry.sector else f"{entry.country or entry.code}{sector}"
    return ActorSpan(
        start,
        end,
        doc[start:end].text,
        code,
        entry.country,
        sector,
        entry.kind,
        entry.entry_id,
        method,
    )


_GAP_WORDS = frozenset(
    """'s ’s - led deputy acting former top senior chief new state military foreign defence
    defense interim outgoing incoming caretaker special first vice ground naval armed elite
    security border riot paramilitary government opposition federal national local provincial
    regional municipal public central""".split()
)


_ARTICLES = frozenset({"the", "a", "an"})
HONORIFICS = frozenset(
    """mr mrs ms miss dr sir dame lady lord sheikh shaikh king queen prince princess emir
    sultan ayatollah imam pope gen general col colonel maj major lt capt captain adm admiral
    marshal field sen senator rep representative gov governor judge justice president premier
    chancellor minister secretary ambassador envoy comrade mullah rabbi bishop cardinal
    father brother sister""".split()
)
_KNOWN_BY_SURNAME = frozenset({"head of state", "head of government"})
_DASHES = frozenset({"-", "--", "—", "–"})
_MONTHS = frozenset(
    """january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)
_ORIGIN = frozenset({"based", "born", "headquartered", "registered", "listed", "made"})
# "185 miles northwest of Beijing", "the outskirts of Kabul": the capital is where.
_BEARINGS = frozenset(
    """north south east west northeast northwest southeast southwest northern southern
    eastern western miles kilometres kilometers km outskirts suburbs suburb""".split()
)
_NEAR = frozenset({"outside", "near"})
SETTINGS_FILE = "actors/settings.txt"


@cache
def load_settings() -> frozenset[str]:
    """Nouns of `knowledge/actors/settings.txt`: after a state adjective they make the state
    the setting of an event ("the Syrian war"), not its party."""
    text = files("blocs.knowledge").joinpath(SETTINGS_FILE).read_text(encoding="utf-8")
    words = set()
    for number, line in enumerate(text.splitlines(), start=1):
        word = line.strip()
        if not word or word.startswith("#"):
            continue
        if len(word.split()) != 1 or word != word.lower():
            raise KnowledgeError(f"{SETTINGS_FILE}:{number}: {word!r} is not one lower-case word")
        words.add(word)
    return frozenset(words)


def _a_setting(doc: Doc, span: Span) -> bool:
    """True for a state adjective or possessive that names where or in what something
    happens: "the Syrian war", "Syria's civil war", "the former British colony" (a noun of
    `settings.txt`, at most one lower-case word between)."""
    i = span.end
    if span.label_ != _ADJECTIVE_LABEL:
        if i >= len(doc) or doc[i].text not in {"'s", "’s"}:
            return False
        i += 1
    settings = load_settings()
    for j in range(i, min(i + 2, len(doc))):
        word = doc[j]
        if word.lower_ in settings:
            return True
        if not (word.is_alpha and word.is_lower):
            return False
    return False


def _where_not_who(doc: Doc, span: Span) -> bool:
    """True for a name after "outside", "near", or a bearing and "of" ("northwest of
    Beijing", "the outskirts of Kabul"): a place, whatever the name could stand for."""
    if span.start == 0:
        return False
    before = doc[span.start - 1].lower_
    if before in _NEAR:
        return True
    return before == "of" and span.start >= 2 and doc[span.start - 2].lower_ in _BEARINGS


def _a_name_not_a_title(doc: Doc, agent: Span) -> bool:
    """True for a capitalised title that is part of someone's name: "King and Weeks were
    abducted" (no article before it, no name after it), "Mayor Dayton King" (the NER's
    person, or a capitalised name word before it)."""
    if agent.end - agent.start != 1:
        return False
    word = doc[agent.start]
    if not word.is_title or word.lower_ not in HONORIFICS or _title_case(doc):
        return False
    before = doc[word.i - 1] if word.i > 0 else None
    if before is not None and (before.lower_ in _ARTICLES or before.lower_ in {"his", "her"}):
        return False  # "the King", "her Majesty": a title
    if any(e.label_ == "PERSON" and e.start <= word.i < e.end for e in doc.ents):
        return True
    after = doc[word.i + 1] if word.i + 1 < len(doc) else None
    if after is not None and (after.is_title or after.lower_ in {"of", "-", "'s", "’s"}):
        return False  # a title before a name, or "President of France"
    return before is None or (before.is_title and before.is_alpha and not before.is_stop)


def _opens_a_name(doc: Doc, span: Span, marked: set[int]) -> bool:
    """True for a state adjective that opens a longer proper name rather than modifying
    a role word: "the American Farm Bureau Federation", "the American Music Awards" are
    not the United States (left unmarked, the NER may see the organisation). The run of
    capitalised words after it holds no role word and no known name (`marked`: their
    tokens); a compound ("Franco-Russian Council") and a headline in title case keep the
    adjective."""
    if span.label_ != _ADJECTIVE_LABEL or (span.start > 0 and doc[span.start - 1].text == "-"):
        return False
    end = span.end
    while end < len(doc) and doc[end].is_title and doc[end].is_alpha:
        end += 1
    if end == span.end or _title_case(doc):
        return False
    return not marked.intersection(range(span.end, end))


def _title_case(doc: Doc) -> bool:
    """A headline: every word of four letters or more is capitalised."""
    return all(t.is_title or t.is_upper for t in doc if t.is_alpha and len(t) >= 4)


def _bare_former_name(span: Span, entry: ActorEntry, day: date | None) -> bool:
    """A lone surname (or other one-word alias) of a former minister, general or other
    official with no term in force on the day: in a sports report or as a village's name it
    is most often someone else, so it needs the full name or a title ("former Defence
    Secretary Mattis", composed with its role word). Former heads of state and government
    stay known by their surname alone ("Obama declined to ...")."""
    return (
        entry.kind == "person"
        and not entry.valid_on(day)
        and not _head(entry)
        and span.end - span.start == 1
        and span.text != entry.name
    )


def _another_persons_name(doc: Doc, span: Span, entry: ActorEntry, agents: set[int]) -> bool:
    """True for a known person's surname after a first name that is not theirs: "Tim
    Morrison" is not Scott Morrison, "Michelle Obama" not Barack Obama, "Jonathan P. Blair"
    not Tony Blair. The word before (or before a middle initial) is
    capitalised, no honorific, title or role word, and no stop word opening the sentence
    ("Then Morrison said") nor a spelling of their own first name; once tagged, a proper
    noun."""
    if entry.kind != "person" or span.start == 0 or span.end - span.start != 1:
        return False
    before = doc[span.start - 1]
    if _an_initial(before) and span.start >= 2:
        before = doc[span.start - 2]  # "Jonathan P. Blair": the first name is before the initial
    if not (before.is_title and before.is_alpha) or before.i in agents or before.is_stop:
        return False
    if before.lower_ in HONORIFICS or (before.pos_ and before.pos_ != "PROPN"):
        return False
    own = entry.name.split()
    if any(_spelt_alike(before.text, word) for word in own):
        return False  # the person's own first name, transliterated ("Svetlana", "Sviatlana")
    return not _title_case(doc)


def _an_initial(token: Token) -> bool:
    """A middle initial: one capital letter and a full stop ("P.")."""
    return len(token.text) == 2 and token.text[0].isupper() and token.text[1] == "."


def _spelt_alike(one: str, other: str) -> bool:
    return one[:1] == other[:1] and Levenshtein.normalized_similarity(one, other) >= 0.6


def _spaced_dash(gap: Span) -> bool:
    """A dash between spaces ("IRNA - Secretary-General") parts a dateline from its
    story: only a dateline's city opening the sentence names the role word after it."""
    return any(t.text in _DASHES and t.i > 0 and t.doc[t.i - 1].whitespace_ for t in gap)


def _modifier_gap_word(token: Token) -> bool:
    """Words allowed between a state and its role word: titles ("Russian Deputy Foreign
    Minister") and a few lower-case modifiers, never a verb or a determiner."""
    return token.lower_ in _GAP_WORDS or (
        token.is_title and token.is_alpha and token.i > 0 and token.lower_ not in _ARTICLES
    )


class ActorFinder:
    """Resolve the marks of one sentence to actors valid on a day."""

    def __init__(
        self,
        gazetteer: Gazetteer,
        fuzzy: FuzzyNames | None = None,
        english_words: frozenset[str] = frozenset(),
    ) -> None:
        self.gazetteer = gazetteer
        self.fuzzy = fuzzy
        self.english_words = english_words

    def find(self, doc: Doc, day: date | None) -> list[ActorSpan]:
        names = [
            e
            for e in doc.ents
            if e.label_ in (_NAME_LABEL, _ADJECTIVE_LABEL)
            and not self._stance(doc, e, day)
            and not _a_setting(doc, e)
            and not self._ends_a_name(doc, e, day)
        ]
        # A dateline's city may still tell whose a role word right after it is ("BOGOTA -
        # Police ..."), but is no actor of its own.
        places = {e.start for e in names if self._only_a_place(doc, e, day)}
        near = self._near(names, day)
        in_names = {i for e in names if e.label_ == _NAME_LABEL for i in range(e.start, e.end)}
        # A role word inside a known name is part of that name ("Government of National
        # Accord", "Federation Council"), not an agent of its own.
        agents = [
            a
            for a in doc.spans.get(AGENT_SPANS, [])
            if not in_names.intersection(range(a.start, a.end))
        ]
        agent_tokens = {i for a in agents for i in range(a.start, a.end)}
        used: set[int] = set()
        found: list[ActorSpan] = []
        for agent in agents:
            composed = self._compose(doc, agent, names, day, near)
            if composed is not None:
                found.append(composed)
                used.update(range(composed.start, composed.end))
                for partner in self._coordinated_partners(doc, agent, composed, names, day):
                    found.append(partner)
                    used.update(range(partner.start, partner.end))
        for span in names:
            if span.start in places or used.intersection(range(span.start, span.end)):
                continue
            family = NAME if span.label_ == _NAME_LABEL else ADJECTIVE
            entry = self.gazetteer.resolve(family, span.text, day, near)
            if (
                entry is not None
                and not _bare_former_name(span, entry, day)
                and not _another_persons_name(doc, span, entry, agent_tokens)
            ):
                found.append(
                    self._out_of_office(
                        _span(span.start, span.end, doc, entry, "exact"), entry, day
                    )
                )
        found += self._compounds(doc, used, day)
        found += self._bare_agents(doc, agents, found)
        if self.fuzzy is not None:
            found += self._fuzzy(doc, found, day)
        return sorted(found, key=lambda a: a.start)

    def _stance(self, doc: Doc, span: Span, day: date | None) -> bool:
        """True for a name that says whose side a group is on rather than who it is:
        "pro-Russian separatists" are not Russia's (they are the separatists of the country
        they fight in), "anti-Assad rebels" not Assad's. A government named after "pro-" by
        its leader, capital or a metonym ("pro-Assad forces", "pro-Kremlin media") does say
        whose side: that name stays, to compose with the role word."""
        if span.start < 2 or doc[span.start - 1].text != "-":
            return False
        stance = doc[span.start - 2].lower_
        if stance == "anti":
            return True
        if stance != "pro":
            return False
        family = NAME if span.label_ == _NAME_LABEL else ADJECTIVE
        entry = self.gazetteer.resolve(family, span.text, day)
        return entry is None or (entry.kind == "state" and entry.sector is None)

    def _ends_a_name(self, doc: Doc, span: Span, day: date | None) -> bool:
        """True for a state's name that ends a company's or a group's own name: "Lexus
        Philippines", "Vodafone Egypt" (a local branch, not the state). The word before it
        is capitalised, no English word (`english_words`, stop words) and no mark of the
        knowledge files; a headline in title case keeps the state."""
        if span.label_ != _NAME_LABEL or span.start == 0 or not self.english_words:
            return False
        before = doc[span.start - 1]
        if not (before.is_title and before.is_alpha and len(before) > 1):
            return False
        if before.is_stop or before.lower_ in self.english_words:
            return False
        if before.ent_type_ in (_NAME_LABEL, _ADJECTIVE_LABEL):
            return False
        if before.lower_ in HONORIFICS or _title_case(doc):
            return False
        entry = self.gazetteer.resolve(NAME, span.text, day)
        return entry is not None and entry.kind == "state" and entry.sector is None

    def _only_a_place(self, doc: Doc, span: Span, day: date | None) -> bool:
        """True for a capital that says where, not who: a dateline opening the sentence
        ("HANOI, Vietnam (AP) —", "BOGOTA - Police ...", "Washington - US President ...",
        "Tehran, March 15, IRNA -": the city in capitals then a comma, a dash or a bracket;
        written as a name, then a dash, or a comma and a month), a place of origin ("a
        London-based think tank") or a capital placed by a bearing ("185 miles northwest of
        Beijing", "outside Kabul")."""
        after = doc[span.end].text if span.end < len(doc) else ""
        then = doc[span.end + 1] if span.end + 1 < len(doc) else None
        if then is not None and after == "-" and then.lower_ in _ORIGIN:
            return True
        if span.label_ == _NAME_LABEL and _where_not_who(doc, span):
            entry = self.gazetteer.resolve(NAME, span.text, day)
            return entry is not None and ":capital:" in entry.entry_id
        if span.start != 0:
            return False
        dated = after == "," and then is not None and then.lower_ in _MONTHS
        dateline = after in _DASHES or dated or (span.text.isupper() and after in {",", "("})
        if not dateline:
            return False
        entry = self.gazetteer.resolve(NAME, span.text, day)
        return entry is not None and ":capital:" in entry.entry_id

    def _near(self, names: list[Span], day: date | None) -> frozenset[str]:
        """Countries the sentence's unambiguous names give, to choose between the readings
        of an ambiguous one."""
        countries: set[str] = set()
        for span in names:
            family = NAME if span.label_ == _NAME_LABEL else ADJECTIVE
            if self.gazetteer.ambiguous(family, span.text, day):
                continue
            entry = self.gazetteer.resolve(family, span.text, day)
            if entry is not None and entry.country is not None:
                countries.add(entry.country)
        return frozenset(countries)

    def _bare_agents(self, doc: Doc, agents: list[Span], found: list[ActorSpan]) -> list[ActorSpan]:
        """Role words no state claims ("protesters", "Kurdish-led forces"): actors without
        a country, which the event rules may place by where the sentence puts them. A
        capitalised title that is part of a name ("Mayor Dayton King") is none."""
        taken = {i for a in found for i in range(a.start, a.end)}
        bare = []
        for agent in agents:
            if taken.intersection(range(agent.start, agent.end)) or _a_name_not_a_title(doc, agent):
                continue
            word = self.gazetteer.agents.get(straight(agent.text.lower()))
            if word is not None:
                bare.append(
                    ActorSpan(
                        agent.start,
                        agent.end,
                        agent.text,
                        word.sector,
                        None,
                        word.sector,
                        "agent",
                        f"agent:{word.phrase}",
                        "agent",
                    )
                )
        return bare

    @staticmethod
    def _out_of_office(span: ActorSpan, entry: ActorEntry, day: date | None) -> ActorSpan:
        if entry.kind != "person" or entry.valid_on(day):
            return span
        code = f"{entry.country}ELI" if entry.country and len(entry.country) == 3 else span.code
        return ActorSpan(
            span.start,
            span.end,
            span.text,
            code,
            span.country,
            "ELI",
            span.kind,
            span.entry_id,
            span.method,
        )

    def _compose(
        self,
        doc: Doc,
        agent: Span,
        names: list[Span],
        day: date | None,
        near: frozenset[str] = frozenset(),
    ) -> ActorSpan | None:
        """A state modifier before a role word, and a person's name after it if any. A
        leader's name is a modifier too: "the Assad regime" and "Putin's forces" are their
        state's government and military."""
        word = self.gazetteer.agents.get(straight(agent.text.lower()))
        if word is None:
            return None
        modifier = next(
            (
                n
                for n in reversed(names)
                if n.end <= agent.start
                and agent.start - n.end <= _MODIFIER_GAP
                and all(_modifier_gap_word(t) for t in doc[n.end : agent.start])
                and (n.start == 0 or not _spaced_dash(doc[n.end : agent.start]))
            ),
            None,
        )
        person = next((n for n in names if n.start == agent.end and n.label_ == _NAME_LABEL), None)
        start = modifier.start if modifier is not None else agent.start
        if person is not None:
            entry = self.gazetteer.resolve(NAME, person.text, day)
            if entry is not None and entry.kind == "person":
                return self._out_of_office(
                    _span(start, person.end, doc, entry, "composed"), entry, day
                )
        end = agent.end
        if modifier is None:
            # "protesters in Tehran", "officials from Ankara": the place says whose.
            place = self._place_after(doc, agent, names)
            if place is None:
                return None
            modifier, end = place, place.end
        family = NAME if modifier.label_ == _NAME_LABEL else ADJECTIVE
        entry = self.gazetteer.resolve(family, modifier.text, day, near)
        if entry is None or entry.kind not in {"state", "group", "igo", "person"}:
            return None
        if entry.country is None or (entry.kind == "person" and len(entry.country) != 3):
            return None
        code = f"{word.sector}{entry.country}" if word.prefix else None
        if entry.kind in {"group", "igo"}:
            code = entry.code  # "Hezbollah fighters" are Hezbollah, "UN peacekeepers" the UN
        return _span(start, end, doc, entry, "composed", sector=word.sector, code=code)

    def _coordinated_partners(
        self, doc: Doc, agent: Span, composed: ActorSpan, names: list[Span], day: date | None
    ) -> list[ActorSpan]:
        """ "Russian and Ukrainian negotiators": each state before the shared role word is
        an actor of its own, with the same sector; so is each state coordinated after the
        place that says whose the role word is ("envoys from Egypt, Jordan and Turkey")."""
        partners: list[ActorSpan] = []
        edge = composed.start
        while edge >= 2 and doc[edge - 1].lower_ in {"and", ","}:
            before = next((n for n in names if n.end == edge - 1), None)
            if before is None:
                break
            entry = self._coordinated_state(before, day)
            if entry is None:
                break
            partners.append(
                _span(before.start, before.end, doc, entry, "composed", sector=composed.sector)
            )
            edge = before.start
        if not (agent.start == composed.start and agent.end < composed.end):
            return partners
        edge = composed.end
        while edge < len(doc) and doc[edge].lower_ in {"and", ","}:
            first = edge + 1 + (edge + 1 < len(doc) and doc[edge + 1].lower_ in {"and", "the"})
            after = next((n for n in names if n.start == first), None)
            entry = self._coordinated_state(after, day) if after is not None else None
            if after is None or entry is None:
                break
            partners.append(
                _span(after.start, after.end, doc, entry, "composed", sector=composed.sector)
            )
            edge = after.end
        return partners

    def _coordinated_state(self, name: Span, day: date | None) -> ActorEntry | None:
        """The state a name coordinated with a composed actor stands for, if it is one."""
        family = NAME if name.label_ == _NAME_LABEL else ADJECTIVE
        entry = self.gazetteer.resolve(family, name.text, day)
        if entry is None or entry.kind != "state" or entry.country is None:
            return None
        return entry

    @staticmethod
    def _place_after(doc: Doc, agent: Span, names: list[Span]) -> Span | None:
        if agent.end + 1 >= len(doc) or doc[agent.end].lower_ not in {"in", "from"}:
            return None
        first = agent.end + 1 + (doc[agent.end + 1].lower_ == "the")
        return next((n for n in names if n.start == first and n.label_ == _NAME_LABEL), None)

    def _compounds(self, doc: Doc, used: set[int], day: date | None) -> list[ActorSpan]:
        """ "Franco-Russian": a combining form, a hyphen, and a state adjective."""
        found: list[ActorSpan] = []
        if "-" not in doc.text:
            return found
        texts = [t.text for t in doc]
        for i in range(len(texts) - 2):
            if texts[i + 1] != "-" or i in used:
                continue
            entries = self.gazetteer.combining.get(texts[i])
            if entries:
                entry = min(entries, key=lambda e: not e.valid_on(day))
                found.append(_span(i, i + 1, doc, entry, "compound"))
        return found

    def _fuzzy(self, doc: Doc, found: list[ActorSpan], day: date | None) -> list[ActorSpan]:
        assert self.fuzzy is not None
        taken = {i for a in found for i in range(a.start, a.end)}
        taken.update(
            i
            for e in doc.ents
            if e.label_ in (_NAME_LABEL, _ADJECTIVE_LABEL)
            for i in range(e.start, e.end)
        )
        spans = []
        for token in doc:
            if token.i in taken or (token.pos_ and token.pos_ != "PROPN") or _in_name(token):
                continue
            form = self.fuzzy.match(token.text)
            entry = self.gazetteer.resolve(NAME, form, day) if form else None
            if entry is not None and (entry.kind == "state" or entry.valid_on(day)):
                spans.append(
                    self._out_of_office(
                        _span(token.i, token.i + 1, doc, entry, "fuzzy"), entry, day
                    )
                )
        return spans


def _in_name(token: Token) -> bool:
    """A word beside another capitalised word is part of a longer name ("Deval Patrick"
    is not a misspelt Doval)."""
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].is_title and doc[token.i - 1].is_alpha
    after = token.i + 1 < len(doc) and doc[token.i + 1].is_title and doc[token.i + 1].is_alpha
    return (before and token.i > 1) or after
