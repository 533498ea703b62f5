"""Article context: definite nouns name again the actor said before; "the two presidents"."""

from __future__ import annotations

from datetime import date

import pytest
from spacy.tokens import Doc

from blocs.actors.context import ArticleContext, load_anaphors
from blocs.actors.mentions import ActorSpan
from blocs.events.extractor import EventExtractor
from blocs.events.setup import load_extractor
from blocs.nlp.pipeline import tokenizer_of


@pytest.fixture(scope="module")
def extractor() -> EventExtractor:
    return load_extractor()


def _sentence(extractor: EventExtractor, text: str) -> tuple[Doc, list[ActorSpan]]:
    doc = extractor.marker(tokenizer_of(extractor.nlp)(text))
    return doc, extractor.finder.find(doc, date(2020, 9, 1))


def _read(extractor: EventExtractor, *sentences: str) -> tuple[ArticleContext, list[ActorSpan]]:
    """The context after all sentences but the last, and the last one's completed actors."""
    context = ArticleContext()
    for text in sentences[:-1]:
        doc, actors = _sentence(extractor, text)
        context = context.after(doc, context.complete(doc, actors))
    doc, actors = _sentence(extractor, sentences[-1])
    return context, context.complete(doc, actors)


def test_the_coalition_is_the_last_one_named(extractor: EventExtractor) -> None:
    _, later = _read(
        extractor, "The Saudi-led coalition struck Hodeidah.", "The coalition denied it."
    )
    assert [(a.text, a.code, a.country) for a in later] == [("coalition", "SAUMIL", "SAU")]


def test_a_coalition_nobody_named_stays_unplaced(extractor: EventExtractor) -> None:
    _, later = _read(extractor, "The coalition denied it.")
    assert [(a.code, a.country) for a in later] == [("MIL", None)]


def test_the_ministry_is_the_last_ministry_named(extractor: EventExtractor) -> None:
    _, later = _read(
        extractor,
        "Turkey's foreign ministry summoned the Dutch ambassador.",
        "Police in Rotterdam dispersed the crowd.",
        "The ministry said the ban was unacceptable.",
    )
    assert [(a.text, a.code) for a in later] == [("ministry", "TURGOV")]


def test_a_role_word_without_the_stays_unplaced(extractor: EventExtractor) -> None:
    """ "Police in Rotterdam" earlier does not make every later "police" Dutch: only "the
    police" names them again."""
    _, later = _read(extractor, "Police in Rotterdam dispersed the crowd.", "Police elsewhere ...")
    assert [(a.text, a.country) for a in later] == [("Police", None)]


def test_the_group_is_the_last_group_named(extractor: EventExtractor) -> None:
    _, later = _read(
        extractor,
        "Hezbollah fired rockets at Israel.",
        "Israel said the group would pay a price.",
    )
    assert ("group", "LBNREBHZB") in [(a.text, a.code) for a in later]


def test_the_alliance_is_the_last_organisation_named(extractor: EventExtractor) -> None:
    _, later = _read(extractor, "NATO met in Brussels.", "Russia warned the alliance.")
    assert ("alliance", "NATO") in [(a.text, a.code) for a in later]


def test_the_country_is_the_last_state_itself(extractor: EventExtractor) -> None:
    _, later = _read(
        extractor,
        "The Peruvian foreign minister flew to Lima on Monday.",
        "Ana Ruiz, on her first visit to the country, met the mayor.",
    )
    assert ("country", "PER", None) in [(a.text, a.code, a.sector) for a in later]


def test_the_countries_are_no_one_state(extractor: EventExtractor) -> None:
    _, later = _read(
        extractor, "Chile sent envoys to Peru.", "Talks between the countries resumed."
    )
    assert "countries" not in [a.text for a in later]


def test_the_country_is_no_earlier_state_beside_states_of_its_own(
    extractor: EventExtractor,
) -> None:
    earlier = "Chile sent envoys to Peru."
    _, other = _read(extractor, earlier, "Bolivia asked the Argentine envoys to leave the country.")
    assert "country" not in [a.text for a in other]
    _, same = _read(extractor, earlier, "Peru told the Chilean envoys to leave the country.")
    assert ("country", "PER") in [(a.text, a.country) for a in same]


def test_the_two_presidents_are_the_leaders_not_the_countries_discussed(
    extractor: EventExtractor,
) -> None:
    context, _ = _read(
        extractor,
        "French President Emmanuel Macron received Russian President Vladimir Putin.",
        "The two leaders discussed the war in Ukraine, Syria and the nuclear deal with Iran.",
        "The two presidents agreed.",
    )
    pair = context.pair_for("presidents")
    assert pair is not None
    assert [a.code for a in pair] == ["FRAGOV", "RUSGOV"]
    countries = context.pair_for("countries")
    assert countries is not None
    assert {a.country for a in countries} == {"SYR", "IRN"}


def test_no_pair_before_two_parties(extractor: EventExtractor) -> None:
    context, _ = _read(extractor, "Macron spoke.", "The two presidents agreed.")
    assert context.pair_for("presidents") is None


def test_the_main_country_is_the_state_named_most(extractor: EventExtractor) -> None:
    context, _ = _read(extractor, "Syria and Turkey traded fire; Syria blamed Ankara.", "Later.")
    assert context.main_country == "SYR"


def test_anaphors_have_singular_and_plural_forms() -> None:
    anaphors = load_anaphors()
    assert anaphors["group"] == anaphors["groups"] == "group"
    assert anaphors["alliance"] == "igo"


def test_the_sentence_says_which_pair_it_needs(extractor: EventExtractor) -> None:
    context, _ = _read(
        extractor,
        "Chinese President Xi Jinping hosted Russian President Vladimir Putin in Beijing.",
        "They discussed Ukraine and Taiwan.",
        "Later.",
    )
    doc, _ = _sentence(extractor, "Both leaders signed a statement.")
    pair = context.pair_in(doc)
    assert pair is not None and [a.country for a in pair] == ["CHN", "RUS"]
    doc, _ = _sentence(extractor, "Both countries claim the island.")
    pair = context.pair_in(doc)
    assert pair is not None and [a.country for a in pair] == ["UKR", "TWN"]
    doc, _ = _sentence(extractor, "The leaders signed a statement.")
    assert context.pair_in(doc) is None


def test_a_definite_noun_that_names_a_place_or_modifies_refers_to_nobody(
    extractor: EventExtractor,
) -> None:
    context = ArticleContext()
    doc, actors = _sentence(extractor, "Protesters stormed the Saudi embassy in Tehran.")
    context = context.after(doc, actors)
    for text in ("Police gathered outside the embassy.", "The embassy attack drew anger."):
        doc = extractor.nlp(text)
        actors = extractor.fuzzy_finder.find(doc, date(2020, 9, 1))
        assert all(a.method != "context" for a in context.complete(doc, actors)), text
    doc = extractor.nlp("The embassy said it would close.")
    actors = extractor.fuzzy_finder.find(doc, date(2020, 9, 1))
    completed = context.complete(doc, actors)
    assert [(a.text, a.code) for a in completed] == [("embassy", "SAUGOV")]


def test_the_president_is_the_one_the_article_names_most(extractor: EventExtractor) -> None:
    _, later = _read(
        extractor,
        "President Donald Trump spoke to Ukrainian President Volodymyr Zelensky.",
        "Trump asked for a favour.",
        "Democrats said Trump abused his office.",
        "The president denied it.",
    )
    assert [(a.text, a.code) for a in later] == [("president", "USAGOV")]


def test_a_surname_the_article_gave_someone_else_stays_his(extractor: EventExtractor) -> None:
    _, later = _read(
        extractor,
        "Tim Morrison, a former White House official, testified on Tuesday.",
        "Morrison's lawyer spoke first.",
        "Morrison said he had raised concerns.",
    )
    assert [a for a in later if a.kind == "person"] == []
    _, later = _read(
        extractor,
        "Australian Prime Minister Scott Morrison met Tim Morrison.",
        "Morrison said he had raised concerns.",
    )
    assert [(a.text, a.code) for a in later if a.kind == "person"] == [("Morrison", "AUSGOV")]
