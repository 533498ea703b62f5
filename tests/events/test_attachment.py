"""Argument attachment and the type of the act on sentences written for the test: what
a light verb does when its object is an event noun."""

from __future__ import annotations

from datetime import date

import pytest

from blocs.events.extractor import EventExtractor
from blocs.nlp.sentences import split_sentences

PUBLISHED = date(2021, 3, 1)


def _codes(extractor: EventExtractor, text: str) -> set[tuple[str | None, str | None, str]]:
    events = extractor.extract("a1", split_sentences("a1", text), PUBLISHED).events
    return {(e.source_country, e.target_country, e.plover) for e in events}


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        ("Sweden began an investigation into whether Norway had spied on its diplomats.", "ACCUSE"),
        ("Canada started a probe on Monday into reports that China had hacked it.", "ACCUSE"),
        ("The Kenyan government announced a suspension of aid last week to Uganda.", "SANCTION"),
    ],
)
def test_a_light_verb_does_what_its_event_noun_names(
    extractor: EventExtractor, text: str, plover: str
) -> None:
    codes = _codes(extractor, text)
    assert codes and {p for _, _, p in codes} == {plover}, codes


def test_an_act_the_verb_judges_stands_for_its_author(extractor: EventExtractor) -> None:
    # The raid's "by" names whom Turkey condemns; the village is only where it happened.
    codes = _codes(
        extractor, "Turkey on Monday condemned a raid on a Bosnian village by Serbian police."
    )
    assert codes == {("TUR", "SRB", "ACCUSE")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Welcoming what an actor decided is praise; welcoming the actor is hosting.
        (
            "Japan welcomed the decision of South Korea to reopen its embassy.",
            ("JPN", "KOR", "SUPPORT"),
        ),
        (
            "Ghana gave a two-week deadline to Togo to withdraw its troops.",
            ("GHA", "TGO", "THREATEN"),
        ),
        ("Peru issued an arrest warrant for a Chilean general.", ("PER", "CHL", "COERCE")),
        ("Chad opened its borders to Sudanese refugees.", ("TCD", "SDN", "AID")),
        # Easing tariffs and boycotts is a retreat, not a cut of relations or an attack.
        ("The United States cut tariffs on Mexican steel last year.", ("USA", "MEX", "RETREAT")),
        ("Washington rolled back tariffs on Chinese goods.", ("USA", "CHN", "RETREAT")),
        ("Jordan lifted its boycott of Israeli goods.", ("JOR", "ISR", "RETREAT")),
        ("Nepal accepted the demands by Indian traders.", ("NPL", "IND", "CONCEDE")),
    ],
)
def test_acts_named_by_a_verb_and_its_object(
    extractor: EventExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _codes(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia says Israel must end its strikes on Syria.", ("RUS", "ISR", "100")),
        ("Norway said Belarus should free the jailed journalists.", ("NOR", "BLR", "020")),
    ],
)
def test_what_a_speaker_says_another_must_do_is_a_request(
    extractor: EventExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    events = extractor.extract("a1", split_sentences("a1", text), PUBLISHED).events
    requests = {
        (e.source_country, e.target_country, e.cameo) for e in events if e.plover == "REQUEST"
    }
    assert requests == {expected}


def test_a_demand_targets_the_subject_of_its_that_clause(extractor: EventExtractor) -> None:
    codes = _codes(extractor, "Italy, backed by France, demanded that Libya free the crew.")
    assert ("ITA", "LBY", "REQUEST") in codes
    assert not any(p == "REQUEST" and t != "LBY" for _, t, p in codes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Serbian troops encircled Bosnian positions near the town.", ("SRB", "BIH", "COERCE")),
        ("Uganda evicted Kenyan traders from the market.", ("UGA", "KEN", "COERCE")),
    ],
)
def test_verbs_of_coercion(
    extractor: EventExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _codes(extractor, text)


def test_an_agreement_to_act_targets_whom_the_act_is_for(extractor: EventExtractor) -> None:
    codes = _codes(extractor, "Norway agreed to lend 500 million dollars to Iceland.")
    assert {("NOR", "ISL", "AGREE"), ("NOR", "ISL", "AID")} <= codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A Swedish journalist was arrested in Rwanda for spying.", ("RWA", "SWE", "COERCE")),
        ("Two American inspectors were expelled from North Korea.", ("PRK", "USA", "SANCTION")),
    ],
)
def test_an_arrest_without_agent_is_the_act_of_the_state_it_happens_in(
    extractor: EventExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _codes(extractor, text)


def test_a_role_word_a_state_owns_is_that_states(extractor: EventExtractor) -> None:
    # "Morocco's oldest newspaper" is Moroccan media, a side of its own against the
    # government, not Morocco itself (which the government already stands for).
    events = extractor.extract(
        "a1",
        split_sentences("a1", "The Moroccan government banned Morocco's oldest newspaper."),
        PUBLISHED,
    ).events
    assert {(e.source, e.target) for e in events} == {("MARGOV", "MARMED")}


def test_a_thing_given_back_goes_to_whom_the_to_phrase_names(extractor: EventExtractor) -> None:
    # The manuscripts are Malian, but what France did was done to Senegal.
    text = "France returned a collection of Malian manuscripts to the Senegalese government."
    codes = _codes(extractor, text)
    assert codes == {("FRA", "SEN", "RETREAT")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The participle and the passive light verb hold the act's agent and target.
        ("The sanctions imposed by Canada on Venezuela took effect.", ("CAN", "VEN", "SANCTION")),
        (
            "The strikes were carried out by Israeli jets on Syrian air bases.",
            ("ISR", "SYR", "ASSAULT"),
        ),
        # Two coordinated verbs share the object of the second.
        ("Washington imposed and then lifted sanctions on Caracas.", ("USA", "VEN", "SANCTION")),
    ],
)
def test_the_verb_that_realises_an_act_holds_its_arguments(
    extractor: EventExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _codes(extractor, text)


def test_a_joint_act_of_coordinated_parties_is_coded_both_ways(extractor: EventExtractor) -> None:
    codes = _codes(
        extractor, "The meeting of Chinese and Russian diplomats ended without agreement."
    )
    assert codes == {("CHN", "RUS", "CONSULT"), ("RUS", "CHN", "CONSULT")}


def test_who_voices_a_states_act_is_its_source(extractor: EventExtractor) -> None:
    text = "Merkel voiced Germany's solidarity with the Ukrainian government."
    events = extractor.extract("a1", split_sentences("a1", text), PUBLISHED).events
    assert {(e.source_text, e.target_country, e.plover) for e in events} == {
        ("Merkel", "UKR", "SUPPORT")
    }
    # A speaker of another state voices nothing for Germany: Germany stays the source.
    codes = _codes(extractor, "Macron praised Germany's support for the Ukrainian government.")
    assert ("DEU", "UKR", "SUPPORT") in codes


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Obama had lunch with the French president in Paris.", ("USA", "FRA", "CONSULT")),
        ("Putin and Erdogan held a joint news conference.", ("TUR", "RUS", "CONSULT")),
        (
            "Macron spoke in a telephone call with the Egyptian president.",
            ("FRA", "EGY", "CONSULT"),
        ),
    ],
)
def test_meetings_named_by_nouns(
    extractor: EventExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _codes(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "complete" and "grant" are light verbs: their object noun is the act.
        ("Britain had completed its evacuation from Kabul.", ("GBR", "AFG", "RETREAT")),
        ("Chile granted a pardon to two Peruvian fishermen.", ("CHL", "PER", "CONCEDE")),
    ],
)
def test_light_verbs_of_completion_and_granting(
    extractor: EventExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _codes(extractor, text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Sudan and South Sudan accused each other of backing rebels.",
            {("SDN", "SSD", "ACCUSE"), ("SSD", "SDN", "ACCUSE")},
        ),
        (
            "Pakistani and Afghan forces traded fire at the border.",
            {("PAK", "AFG", "ASSAULT"), ("AFG", "PAK", "ASSAULT")},
        ),
    ],
)
def test_reciprocal_acts_are_coded_both_ways(
    extractor: EventExtractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _codes(extractor, text) == expected


def test_protesters_are_of_the_place_their_act_is_aimed_at(extractor: EventExtractor) -> None:
    # "in Tunis" hangs on the embassy; the protest, and so the protesters, are there.
    text = "Protesters threw stones at the French embassy in Tunis."
    events = extractor.extract("a1", split_sentences("a1", text), PUBLISHED).events
    assert {(e.source, e.target_country, e.plover) for e in events} == {
        ("TUNOPP", "FRA", "PROTEST")
    }


@pytest.mark.parametrize(
    ("text", "plover"),
    [
        # Asking for sanctions disapproves of their target; imposing them is the sanction.
        ("Lithuania has called for sanctions against Belarus over the crackdown.", "ACCUSE"),
        ("Lithuania imposed sanctions on Belarus over the crackdown.", "SANCTION"),
    ],
)
def test_a_sanction_asked_for_is_a_disapproval(
    extractor: EventExtractor, text: str, plover: str
) -> None:
    assert _codes(extractor, text) == {("LTU", "BLR", plover)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Approving an act is the act, by the approver; approving a plan is backing it.
        ("The Danish parliament approved a loan to Kenya.", {("DNK", "KEN", "AID")}),
        ("The Danish parliament approved new sanctions on Belarus.", {("DNK", "BLR", "SANCTION")}),
        ("The Danish parliament approved the plan of Norway.", {("DNK", "NOR", "SUPPORT")}),
    ],
)
def test_an_approved_act_is_the_event(
    extractor: EventExtractor, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert _codes(extractor, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Japan will continue its military aid to Vietnam.", ("JPN", "VNM", "AID")),
        ("Chile and Peru held joint military exercises in May.", ("CHL", "PER", "COOPERATE")),
        ("The Chilean navy began military exercises with Peru.", ("CHL", "PER", "COOPERATE")),
    ],
)
def test_a_role_adjective_of_an_act_names_no_party(
    extractor: EventExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    # "military" says what kind of aid or exercise it is; the parties are the states.
    codes = _codes(extractor, text)
    assert expected in codes
    assert all(source and target for source, target, _ in codes), codes


def test_a_role_word_that_names_a_place_of_the_act_is_still_its_party(
    extractor: EventExtractor,
) -> None:
    codes = _codes(extractor, "Rebels attacked a military base in Chad.")
    assert ("TCD", "TCD", "ASSAULT") in codes


def test_a_name_the_knowledge_files_lack_does_the_act_its_light_verb_carries(
    extractor: EventExtractor,
) -> None:
    events = extractor.extract(
        "a1",
        split_sentences(
            "a1", "Last year Bellingcat conducted an investigation into the Russian military."
        ),
        PUBLISHED,
    ).events
    assert [(e.source_text, e.target_country, e.plover) for e in events] == [
        ("Bellingcat", "RUS", "ACCUSE")
    ]


def test_a_threat_that_if_the_other_side_does_not_comply_targets_that_side(
    extractor: EventExtractor,
) -> None:
    # The clause's own subject (Kenya) is the threatener's side; the condition names whom.
    text = (
        "After talks with Tanzania, the Kenyan minister threatened that if Uganda did not "
        "pay, Kenya would close the border."
    )
    assert ("KEN", "UGA", "THREATEN") in _codes(extractor, text)


def test_asking_whether_an_actor_would_act_is_no_request_of_it(extractor: EventExtractor) -> None:
    codes = _codes(extractor, "The minister asked whether Norway would defend Iceland.")
    assert all(plover != "REQUEST" for _, _, plover in codes), codes
