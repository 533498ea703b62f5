"""Event extraction for one article: sentences -> mentions and events.

Every sentence is tokenized and its actors marked (cheap); only a sentence that can hold
an event — two actors, or an actor and an event word of the lexicon — pays for the tagger,
parser and NER. That is the main speed lever: the full pipeline costs ten times the
tokenizer.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc, Token

from blocs import __version__
from blocs.actors.context import ArticleContext
from blocs.actors.entities import entity_actors
from blocs.actors.gazetteer import Gazetteer
from blocs.actors.mentions import (
    COMPONENT,
    ActorFinder,
    ActorSpan,
    FuzzyNames,
    add_actor_marker,
    english_vocabulary,
)
from blocs.actors.persons import person_actors
from blocs.actors.petrarch import code_country
from blocs.actors.places import load_places, place_spans
from blocs.actors.unnamed import named_bodies, titled_names
from blocs.events.anaphora import referred_events
from blocs.events.context import dateline_end, is_play, sports_context
from blocs.events.dates import OTHER_CLAUSE, event_date
from blocs.events.inflection import surface_forms
from blocs.events.lexicon import EventLexicon
from blocs.events.modality import event_modality, expressed_intent, refusal
from blocs.events.rules import (
    BLAME_WORDS,
    GROUP_NOUNS,
    INTENT_CODES,
    REFUSAL_CODES,
    THREAT_TYPES,
    ActorIndex,
    Finding,
    characterisation_findings,
    compound_findings,
    noun_findings,
    positional_findings,
    side,
    verb_findings,
)
from blocs.nlp.pipeline import tokenizer_of
from blocs.records import Event, Mention, Sentence

EXTRACTOR = f"blocs-rules/{__version__}"
_WORD = re.compile(r"\w+")
_RESTATEMENT = 0.5  # share of words two sentences must have in common to state one event
# A "sentence" longer than this is a run-on scrape (a table, a list of links, text without
# stops): parsing costs grow with the square of its length and its parse is noise.
MAX_PARSE_TOKENS = 300
_NAME_WINDOW = 3  # tokens between an event word and an unknown name that may be its party
_NAME_SPAN = 3  # tokens from one unknown name to another across an event word
_BESIDE_BEFORE = 5  # tokens from an actor's end to the event word after it (`_parties_beside`)
_BESIDE_AFTER = 8  # tokens from an event word to the start of the actor after it
_PRONOUNS = frozenset({"he", "she"})
_ISSUE_PREPS = frozenset(
    {"in", "over", "on", "about", "regarding", "concerning", "into", "across", "around"}
)


@dataclass(frozen=True, slots=True)
class Discourse:
    """What earlier sentences of the article named: the last person, for "he" and "she",
    and the last two parties of different countries, for "the two leaders"."""

    person: ActorSpan | None = None
    pair: tuple[ActorSpan, ActorSpan] | None = None

    def after(self, actors: Sequence[ActorSpan], stranger: bool = False) -> Discourse:
        """The discourse once a sentence is read; `stranger`: it opens with a name the
        knowledge files do not know ("Volker testified"), whom a later "he" may mean, so
        that no known person named before stays the one "he" refers back to."""
        earlier = None if stranger else self.person
        person = next((a for a in reversed(actors) if a.kind == "person"), earlier)
        recent = [*(self.pair or ()), *(a for a in actors if a.country is not None)]
        last_two: list[ActorSpan] = []
        for actor in reversed(recent):
            if all(actor.country != seen.country for seen in last_two):
                last_two.insert(0, actor)
            if len(last_two) == 2:
                break
        pair = (last_two[0], last_two[1]) if len(last_two) == 2 else self.pair
        return Discourse(person, pair)

    def referred_in(self, words: Sequence[str]) -> list[ActorSpan]:
        """The earlier parties a sentence (its lower-case `words`) refers back to by
        pronoun or "the two ..."."""
        found: list[ActorSpan] = []
        if self.person is not None and not _PRONOUNS.isdisjoint(words):
            found.append(self.person)
        if self.pair is not None and any(
            w in GROUP_NOUNS and words[max(0, i - 1)] in {"two", "both"}
            for i, w in enumerate(words)
        ):
            found.extend(self.pair)
        return found


@dataclass
class ExtractionStats:
    sentences: int = 0
    parsed: int = 0
    mentions: int = 0
    events: int = 0

    def add(self, other: ExtractionStats) -> None:
        self.sentences += other.sentences
        self.parsed += other.parsed
        self.mentions += other.mentions
        self.events += other.events


@dataclass
class ArticleExtraction:
    mentions: list[Mention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    stats: ExtractionStats = field(default_factory=ExtractionStats)


ArticleInput = tuple[str, Sequence[Sentence], date | None]
"""An article for `extract_many`: its id, its sentences and its publication date."""


@dataclass(frozen=True, slots=True)
class _Candidate:
    """A sentence that may hold an event, with what the article said before it."""

    sentence: Sentence
    doc: Doc
    context: Discourse
    article: ArticleContext
    sport: bool


@dataclass
class _Pending:
    """An article whose sentences are marked, its candidates waiting for the parser."""

    article_id: str
    published: date | None
    result: ArticleExtraction = field(default_factory=ArticleExtraction)
    candidates: list[_Candidate] = field(default_factory=list)


class EventExtractor:
    """Holds the pipeline, the gazetteer and the lexicon; one per process."""

    def __init__(self, nlp: Language, gazetteer: Gazetteer, lexicon: EventLexicon) -> None:
        self.nlp = nlp
        self.lexicon = lexicon
        self.marker = add_actor_marker(nlp, gazetteer)
        vocabulary = english_vocabulary(nlp)
        self.vocabulary = vocabulary
        self.finder = ActorFinder(gazetteer, english_words=vocabulary)
        self.fuzzy = FuzzyNames(gazetteer, vocabulary)
        self.fuzzy_finder = ActorFinder(gazetteer, self.fuzzy, vocabulary)
        self.cues = frozenset(surface_forms(lexicon, nlp)) | BLAME_WORDS
        self.places = load_places().without(vocabulary)

    def _is_candidate(self, doc: Doc, actors: Sequence[ActorSpan], context: Discourse) -> bool:
        """Can this sentence hold an event? A word of the event lexicon and two sides: two
        actors of different countries, or of one country on different sides (government
        and rebels, police and protesters), or a role word no state claims yet. A misspelt
        name counts (it is only resolved after tagging); so do the person a "he" or "she"
        refers back to, the pair "the two leaders" refers back to, and a town of another
        country, and an unknown name next to an event word with another party across it
        (`_names_near_cue`), and two actors close on either side of an event word, role
        words of no country included (`_parties_beside`). A sentence over
        `MAX_PARSE_TOKENS` tokens is never one.

        Every sentence of every article passes here, so the words are read once and the
        costlier checks come last."""
        if len(doc) > MAX_PARSE_TOKENS:
            return False
        texts = [t.text for t in doc]
        lowers = [w.lower() for w in texts]
        cues = [i for i, w in enumerate(lowers) if w in self.cues]
        if not cues:
            return False
        # A role word of the state itself ("officials", "the ministry") adds no side before
        # the parse: it most often belongs to the state the sentence names.
        sides = {side(a) for a in actors if a.country is not None or not _state_role(a)}
        sides.update(side(a) for a in context.referred_in(lowers))
        if len(sides) >= 2:
            return True
        unnamed = [*named_bodies(texts, actors), *titled_names(texts, actors, self.vocabulary)]
        if _sides_with_unnamed(actors, sides, unnamed) >= 2:
            return True
        covered = {i for a in actors for i in range(a.start, a.end)}
        countries = {a.country for a in actors if a.country is not None}
        if len(countries) == 1:
            words = [t.text_with_ws if t.i not in covered else "\n" for t in doc]
            if self.places.countries_named(words) - countries:
                return True
        if _parties_beside(cues, actors):
            return True
        wanted = 2 - len(sides)  # misspelt names that make the second side
        for i, text in enumerate(texts):
            if i not in covered and self.fuzzy.match(text):
                wanted -= 1
                if wanted == 0:
                    return True
        parties = [start for start, _ in unnamed]
        covered.update(i for start, end in unnamed for i in range(start, end))
        return self._names_near_cue(doc, texts, cues, covered, actors, parties)

    def _opens_with_name(self, doc: Doc, actors: Sequence[ActorSpan]) -> bool:
        """The sentence's first word past its dateline is a capitalised name no actor
        covers and English does not hold."""
        first = dateline_end(doc)
        if first >= len(doc) or any(a.start <= first < a.end for a in actors):
            return False
        return self._unknown_name(doc[first].text)

    def _unknown_name(self, text: str) -> bool:
        """A capitalised word English does not hold ("Volker", "Monsanto")."""
        return (
            len(text) > 1
            and text[0].isupper()
            and text.isalpha()
            and text.lower() not in self.vocabulary
        )

    def _names_near_cue(
        self,
        doc: Doc,
        texts: Sequence[str],
        cues: Sequence[int],
        covered: set[int],
        actors: Sequence[ActorSpan],
        parties: Sequence[int] = (),
    ) -> bool:
        """A capitalised word no actor covers and English does not hold, past the first
        word and the dateline, at most `_NAME_WINDOW` tokens from an event word (at
        `cues`) that stands between it and another party: a known actor ("Volker met
        Putin", "Russia sued Gazprom") or another such name ("Ford pardoned Nixon"). The
        NER may supply the unknown parties once the sentence is parsed. Only the words
        near an event word are looked at."""
        reach = max(_NAME_WINDOW, _NAME_SPAN)
        near_cues = sorted(
            {i for c in cues for i in range(max(1, c - reach), min(len(texts), c + reach + 1))}
        )
        names = [i for i in near_cues if i not in covered and self._unknown_name(texts[i])]
        if not names:
            return False
        first = dateline_end(doc)
        names = [n for n in names if n >= first]
        states = [*(a.start for a in actors if a.country is not None), *parties]
        for c in cues:
            before = [n for n in names if c - _NAME_SPAN < n < c]
            after = [n for n in names if c < n < c + _NAME_SPAN]
            if before and after and after[0] - before[-1] <= _NAME_SPAN:
                return True
            near = [n for n in names if abs(n - c) <= _NAME_WINDOW]
            if any(min(n, p) < c < max(n, p) for n in near for p in states):
                return True
        return False

    def extract(
        self, article_id: str, sentences: Sequence[Sentence], published: date | None
    ) -> ArticleExtraction:
        """Mentions and events of one article's sentences; only candidates are parsed, in
        one batch."""
        return self.extract_many([(article_id, sentences, published)])[0]

    def extract_many(self, articles: Sequence[ArticleInput]) -> list[ArticleExtraction]:
        """`extract` of each article (its id, sentences and publication date), with the
        candidates of all of them parsed in one batch: the parser's cost per call is paid
        once, and each article gets what `extract` gives it."""
        pending = [self._select(*article) for article in articles]
        parsed = self.nlp.pipe((c.doc for p in pending for c in p.candidates), disable=[COMPONENT])
        return [self._finish(p, islice(parsed, len(p.candidates))) for p in pending]

    def _select(
        self, article_id: str, sentences: Sequence[Sentence], published: date | None
    ) -> _Pending:
        """Tokenize and mark the sentences; keep the mentions of those that hold no event
        and the candidates that wait for the parser."""
        pending = _Pending(article_id, published)
        result = pending.result
        docs = [self.marker(d) for d in tokenizer_of(self.nlp).pipe(s.text for s in sentences)]
        context = Discourse()  # who "he", "she" and "the two leaders" refer back to
        article = ArticleContext()  # what "the coalition", "the group" name again
        sporting = sports_context([s.text for s in sentences])
        for sentence, doc, sport in zip(sentences, docs, sporting, strict=True):
            result.stats.sentences += 1
            actors = article.complete(doc, self.finder.find(doc, published))
            context = replace(context, pair=article.pair_in(doc) or context.pair)
            if self._is_candidate(doc, actors, context):
                pending.candidates.append(_Candidate(sentence, doc, context, article, sport))
            else:
                result.mentions += [self._mention(article_id, sentence, doc, a) for a in actors]
            context = context.after(actors, self._opens_with_name(doc, actors))
            article = article.after(doc, actors)
        return pending

    def _finish(self, pending: _Pending, parsed: Iterable[Doc]) -> ArticleExtraction:
        """The article's result once its candidates are parsed (`parsed`, in order)."""
        result, article_id, published = pending.result, pending.article_id, pending.published
        for candidate, doc in zip(pending.candidates, parsed, strict=True):
            result.stats.parsed += 1
            actors = candidate.article.complete(doc, self.fuzzy_finder.find(doc, published))
            sentence = candidate.sentence
            result.mentions += [self._mention(article_id, sentence, doc, a) for a in actors]
            result.events += self._events(
                article_id, sentence, doc, actors, published, candidate.context, candidate.sport
            )
        result.events = _one_per_report(result.events)
        result.mentions.sort(key=lambda m: (m.sentence_index, m.start))
        result.stats.mentions = len(result.mentions)
        result.stats.events = len(result.events)
        return result

    @staticmethod
    def _mention(article_id: str, sentence: Sentence, doc: Doc, actor: ActorSpan) -> Mention:
        start = sentence.start + doc[actor.start].idx
        end = sentence.start + doc[actor.end - 1].idx + len(doc[actor.end - 1])
        return Mention(
            article_id,
            sentence.index,
            start,
            end,
            actor.text,
            actor.code,
            actor.country,
            actor.sector,
            actor.kind,
            actor.entry_id,
            actor.method,
        )

    def _events(
        self,
        article_id: str,
        sentence: Sentence,
        doc: Doc,
        actors: Sequence[ActorSpan],
        published: date | None,
        context: Discourse | None = None,
        sport: bool = False,
    ) -> list[Event]:
        """Events of one parsed sentence; in a sports context (`context.py`) none that a
        word of play triggers."""
        context = context or Discourse()
        places = place_spans(doc, actors, self.places)
        unknown = entity_actors(doc, [*actors, *places], self.finder.gazetteer.agents)
        unknown += person_actors(doc, [*actors, *places, *unknown], self.cues)
        body = dateline_end(doc)  # "KABUL (Reuters) -": no party to the events
        index = ActorIndex(
            [a for a in [*actors, *unknown] if a.end > body],
            context.person,
            context.pair,
            [p for p in places if p.end > body],
        )
        findings = [
            *verb_findings(doc, index, self.lexicon),
            *noun_findings(doc, index, self.lexicon),
            *compound_findings(doc, index, self.lexicon),
            *characterisation_findings(doc, index, self.lexicon),
        ]
        findings = referred_events(findings, self.lexicon)
        own = [*actors, *unknown, *places]  # of this sentence, not ones referred back to
        if not any(f.source is not None and f.target is not None for f in findings):
            findings = positional_findings(doc, index, self.lexicon)
        events: dict[tuple[str, str, str], Event] = {}
        findings = [
            p
            for f in findings
            for m in _members(f)
            for p in _with_partners(m, doc, own)
            if not (sport and is_play(f.trigger)) and not _in_a_name(f.trigger)
        ]
        for finding in findings:
            if finding.source is None or finding.target is None:
                continue
            event = self._event(article_id, sentence, doc, finding, actors, published)
            intent = self._intent_reading(event) if expressed_intent(finding.trigger) else None
            refused = self._refusal_reading(event) if refusal(finding.trigger) else None
            for reading in (event, self._threat_reading(event), intent, refused):
                if reading is None:
                    continue
                key = (_party(reading, "source"), _party(reading, "target"), reading.plover)
                if key not in events or events[key].confidence < reading.confidence:
                    events[key] = reading
        return list(events.values())

    def _threat_reading(self, event: Event) -> Event | None:
        """ "Ankara would retaliate against any sanctions, the minister said": an actor
        announcing its own force or sanctions also makes a threat (CAMEO 13), coded beside
        the announced act itself."""
        if event.plover not in THREAT_TYPES or event.modality != "hypothetical":
            return None
        if event.speaker_country is None or event.speaker_country != event.source_country:
            return None
        mode, cameo = THREAT_TYPES[event.plover]
        info = self.lexicon.cameo_info(cameo)
        return replace(
            event,
            event_id=hashlib.sha256(f"{event.event_id}|THREATEN".encode()).hexdigest()[:20],
            plover="THREATEN",
            plover_mode=mode,
            cameo=cameo,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            modality="asserted",
        )

    def _intent_reading(self, event: Event) -> Event | None:
        """ "Obama will hold talks with Kenyatta", "Australia offered to send troops": an
        actor's own cooperative act yet to come (`expressed_intent`) is also an intent (CAMEO
        03, PLOVER AGREE), coded beside the act itself."""
        if event.plover not in INTENT_CODES or event.modality in {"negated", "hypothetical"}:
            return None
        return self._reading(event, "AGREE", INTENT_CODES[event.plover])

    def _refusal_reading(self, event: Event) -> Event | None:
        """ "Ankara refuses to lift the ban on Cypriot ships", "Lebanon will not accept more
        refugees": a cooperative act the actor refuses (`refusal`) is also a rejection
        (CAMEO 12, PLOVER REJECT), coded beside the negated act."""
        if event.plover not in REFUSAL_CODES or event.modality != "negated":
            return None
        return self._reading(event, "REJECT", REFUSAL_CODES[event.plover])

    def _reading(self, event: Event, plover: str, cameo: str) -> Event:
        """Another reading of an event: a type and CAMEO code of its own, asserted."""
        info = self.lexicon.cameo_info(cameo)
        return replace(
            event,
            event_id=hashlib.sha256(f"{event.event_id}|{plover}".encode()).hexdigest()[:20],
            plover=plover,
            plover_mode=info.plover_mode,
            cameo=cameo,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            modality="asserted",
        )

    def _event(
        self,
        article_id: str,
        sentence: Sentence,
        doc: Doc,
        finding: Finding,
        actors: Sequence[ActorSpan],
        published: date | None,
    ) -> Event:
        modality = event_modality(finding.trigger)
        when = event_date(
            sentence.text,
            finding.trigger.idx,
            published,
            future=modality.value == "future",
            closeness=lambda r: _tree_distance(doc, finding.trigger, r.start),
        )
        info = self.lexicon.cameo_info(finding.cameo)
        source, target = finding.source, finding.target
        assert source is not None and target is not None
        speaker_country = None
        if modality.speaker is not None:
            speaking = [
                a for a in actors if modality.speaker.start <= a.start < modality.speaker.end
            ]
            speaker_country = speaking[0].country if speaking else None
        plover, mode, cameo, modality_value = (
            finding.plover,
            finding.mode,
            finding.cameo,
            modality.value,
        )
        key = (
            f"{article_id}|{sentence.index}|{finding.trigger.i}"
            f"|{_identity(source)}|{_identity(target)}"
        )
        return Event(
            event_id=hashlib.sha256(f"{key}|{plover}".encode()).hexdigest()[:20],
            article_id=article_id,
            sentence_index=sentence.index,
            sentence=sentence.text,
            start=sentence.start,
            end=sentence.end,
            trigger=finding.trigger.text,
            source=source.code,
            source_country=source.country,
            source_text=source.text,
            target=target.code,
            target_country=target.country,
            target_text=target.text,
            plover=plover,
            plover_mode=mode,
            cameo=cameo,
            quad_class=info.quad_class,
            goldstein=info.goldstein,
            modality=modality_value,
            speaker=modality.speaker.text if modality.speaker is not None else None,
            speaker_country=speaker_country,
            date=when.value,
            date_precision=when.precision,
            issue=_issue(doc, actors, source, target),
            confidence=_confidence(finding, source, target, len(doc)),
            extractor_version=EXTRACTOR,
        )


def _sides_with_unnamed(
    actors: Sequence[ActorSpan],
    sides: set[tuple[str | None, str]],
    unnamed: Sequence[tuple[int, int]],
) -> int:
    """How many sides the sentence has once the `unnamed` names (of bodies and titled
    people the knowledge files do not know, `unnamed.py`) count as one each: a role word
    inside such a name ("the Munich Regional Court") is that name's side, not one more."""
    if not unnamed:
        return len(sides)
    inside = {i for start, end in unnamed for i in range(start, end)}
    outside = {
        side(a)
        for a in actors
        if a.start not in inside and (a.country is not None or not _state_role(a))
    }
    named = {side(a) for a in actors if a.start in inside}
    return len((sides - named) | outside) + len(unnamed)


def _parties_beside(cues: Sequence[int], actors: Sequence[ActorSpan]) -> bool:
    """Two actors of other words that flank an event word (at `cues`) closely, the first
    ending at most `_BESIDE_BEFORE` tokens before it, the second starting at most
    `_BESIDE_AFTER` after it: "the Taliban demanded the withdrawal of foreign forces",
    "the mayor had demanded support from the government". A role word of the state counts
    here though it adds no side of its own: so close to the event word it is most often
    its other party, of a country the parse or the article may give."""
    for c in cues:
        before = {a.text.lower() for a in actors if a.end <= c and c - a.end < _BESIDE_BEFORE}
        if before and any(
            0 < a.start - c <= _BESIDE_AFTER and a.text.lower() not in before for a in actors
        ):
            return True
    return False


def _party(event: Event, role: str) -> str:
    """Who a party of an event is, for telling events of one sentence apart: its country,
    or its own words when it has none ("a Taliban attack on a government compound killed
    police officers" attacks two parties, neither of known country)."""
    country = event.source_country if role == "source" else event.target_country
    text = event.source_text if role == "source" else event.target_text
    return country or f"text:{(text or '').lower()}"


NAME_TYPES = frozenset({"ORG", "PRODUCT", "WORK_OF_ART", "LAW", "EVENT", "FAC"})


def _in_a_name(trigger: Token) -> bool:
    """A capitalised word inside a longer name ("the Volatiles Investigating Polar
    Exploration Rover", "the Strategic Arms Reduction Treaty") names a thing; it reports
    no act."""
    if trigger.ent_type_ not in NAME_TYPES or not trigger.text[:1].isupper():
        return False
    if trigger.i == trigger.sent.start:
        return False
    following = trigger.doc[trigger.i + 1] if trigger.i + 1 < len(trigger.doc) else None
    return trigger.ent_iob_ == "I" or (following is not None and following.ent_iob_ == "I")


def _identity(actor: ActorSpan) -> str:
    """An actor's part of an event id: its code, and its words too when it has no country,
    since events of one sentence are then told apart by them (see `_party`)."""
    return actor.code if actor.country else f"{actor.code}:{actor.text.lower()}"


def _state_role(actor: ActorSpan) -> bool:
    """Government and armed-forces words ("officials", "the ministry", "troops")."""
    return (actor.sector or "")[:3] in {"GOV", "MIL"}


def _one_actor(actor: ActorSpan | None) -> list[ActorSpan | None]:
    """A dictionary actor coded `USAMIL/GBRMIL` is several actors: one per code."""
    if actor is None or "/" not in actor.code:
        return [actor]
    return [
        replace(actor, code=code, country=code_country(code), sector=None)
        for code in actor.code.split("/")
    ]


def _members(finding: Finding) -> list[Finding]:
    """The finding once per pair of single actors its source and target stand for."""
    return [
        replace(finding, source=source, target=target)
        for source in _one_actor(finding.source)
        for target in _one_actor(finding.target)
    ]


def _partners(doc: Doc, actor: ActorSpan, actors: Sequence[ActorSpan]) -> list[ActorSpan]:
    """The states coordinated inside an actor's phrase that share its role word ("envoys
    from Egypt, Jordan and Turkey": Jordan's and Turkey's envoys too): the parse makes them
    conjuncts of a word inside the phrase other than its head, which the rules never see.
    An actor of an earlier sentence (`actors` are this sentence's) has none."""
    if actor not in actors:
        return []
    head = doc[actor.start : actor.end].root.i
    found = []
    for other in actors:
        if other.start < actor.end or other.sector != actor.sector or other.method != "composed":
            continue
        token = doc[other.start : other.end].root
        while token.dep_ == "conj" and token.head.i != token.i:
            token = token.head
        if actor.start <= token.i < actor.end and token.i != head:
            found.append(other)
    return found


def _with_partners(finding: Finding, doc: Doc, actors: Sequence[ActorSpan]) -> list[Finding]:
    """The finding, and once more for each partner (`_partners`) of its source or target
    that is on another side than the other party."""
    sources = [finding.source]
    targets = [finding.target]
    if finding.source is not None:
        sources += _partners(doc, finding.source, actors)
    if finding.target is not None:
        targets += _partners(doc, finding.target, actors)
    return [finding] + [
        replace(finding, source=source, target=target)
        for source in sources
        for target in targets
        if (source, target) != (finding.source, finding.target)
        and (source is None or target is None or side(source) != side(target))
    ]


def _words(text: str) -> set[str]:
    return {w.lower() for w in _WORD.findall(text)}


def _one_per_report(events: list[Event]) -> list[Event]:
    """An article that restates an event (a summary line, then the body) reports it once:
    of two events with the same dyad, type, modality and date whose sentences share most of
    their words, keep the surer one, or the first."""
    kept: list[Event] = []
    for event in events:
        key = _report_key(event)
        words = _words(event.sentence)
        twin = next(
            (
                k
                for k in kept
                if _report_key(k) == key
                and len(words & _words(k.sentence)) / max(1, len(words | _words(k.sentence)))
                >= _RESTATEMENT
            ),
            None,
        )
        if twin is None:
            kept.append(event)
        elif event.confidence > twin.confidence:
            kept[kept.index(twin)] = event
    return kept


def _report_key(event: Event) -> tuple[str, str, str, str, str | None]:
    return (
        _party(event, "source"),
        _party(event, "target"),
        event.plover,
        event.modality,
        event.date,
    )


def _tree_distance(doc: Doc, trigger: Token, char: int) -> int:
    """Edges between the trigger and the token at `char` in the parse tree; OTHER_CLAUSE
    when the date hangs from a verb of its own (it dates another event)."""
    token = next((t for t in doc if t.idx <= char < t.idx + len(t) + 1), None)
    if token is None:
        return OTHER_CLAUSE
    up = {t.i: n for n, t in enumerate([trigger, *trigger.ancestors])}
    path = [token, *token.ancestors]
    for n, t in enumerate(path):
        if t.i in up:
            # A verb between the date and the shared ancestor heads a clause of its own.
            if any(b.pos_ == "VERB" for b in path[1:n]):
                return OTHER_CLAUSE
            return n + up[t.i]
    return OTHER_CLAUSE


def _issue(
    doc: Doc, actors: Sequence[ActorSpan], source: ActorSpan, target: ActorSpan
) -> str | None:
    """A place the sentence puts the event in or about ("in Libya", "over Nagorno-Karabakh")
    that is neither of the two actors."""
    for actor in actors:
        if actor in (source, target) or actor.kind != "state" or actor.method != "exact":
            continue
        head = doc[actor.end - 1]
        if head.dep_ == "pobj" and head.head.lower_ in _ISSUE_PREPS:
            return actor.text
    for ent in doc.ents:
        if (
            ent.label_ in {"GPE", "LOC"}
            and ent.root.dep_ == "pobj"
            and ent.root.head.lower_ in _ISSUE_PREPS
            and not any(a.start <= ent.start < a.end for a in (source, target))
        ):
            return ent.text
    return None


def _confidence(finding: Finding, source: ActorSpan, target: ActorSpan, length: int) -> float:
    score = {"verb": 0.7, "compound": 0.7, "noun": 0.55, "guess": 0.4}[finding.kind]
    if finding.specific:
        score += 0.1
    if "fuzzy" in (source.method, target.method):
        score -= 0.15
    if source.country is None or target.country is None:
        score -= 0.2
    if length > 40:
        score -= 0.1
    return round(max(0.05, min(0.95, score)), 2)
