"""The extractor on sentences written for the test: who did what to whom, with modality,
speaker, date, offsets and codes, through the real spaCy pipeline and knowledge files."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from blocs.events.extractor import MAX_PARSE_TOKENS, EventExtractor
from blocs.events.rules import ActorIndex
from blocs.events.setup import load_extractor
from blocs.nlp.sentences import split_sentences
from blocs.records import Event, Sentence

PUBLISHED = date(2020, 9, 2)


def _events(extractor: EventExtractor, text: str, day: date | None = PUBLISHED) -> list[Event]:
    return extractor.extract("a1", split_sentences("a1", text), day).events


def _dyads(events: list[Event]) -> set[tuple[str | None, str | None, str]]:
    return {(e.source_country, e.target_country, e.plover) for e in events}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Turkey attacked Syria on Tuesday.", ("TUR", "SYR", "ASSAULT")),
        ("Syria was attacked by Turkey.", ("TUR", "SYR", "ASSAULT")),
        ("The European Union imposed sanctions on Russia.", ("EU", "RUS", "SANCTION")),
        ("The Kremlin accused Washington of meddling.", ("RUS", "USA", "ACCUSE")),
        (
            "The Russian foreign minister met his French counterpart in Paris.",
            ("RUS", "FRA", "CONSULT"),
        ),
        ("Macron met Putin at Fort de Brégançon.", ("FRA", "RUS", "CONSULT")),
        ("Talks between Armenia and Azerbaijan resumed in Moscow.", ("ARM", "AZE", "CONSULT")),
        (
            "Fighting raged around the Turkish-backed Government of National Accord.",
            ("TUR", "LBY", "SUPPORT"),
        ),
        ("Iran refused to meet the American delegation.", ("IRN", "USA", "REJECT")),
        # "from" names the place left, not the source, of a withdrawal.
        ("Mali demanded France's withdrawal from Mali.", ("FRA", "MLI", "RETREAT")),
    ],
)
def test_who_did_what_to_whom(
    extractor: EventExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    found = _dyads(_events(extractor, text))
    symmetric = (expected[1], expected[0], expected[2])
    assert expected in found or (expected[2] == "CONSULT" and symmetric in found), found


@pytest.mark.parametrize(
    ("text", "modality"),
    [
        ("France did not recognise the Belarusian government.", "negated"),
        ("Russia and France could establish a new security structure.", "hypothetical"),
        ("Macron will meet Putin in Moscow next week.", "future"),
        ("Officials said that Turkey sent troops to Libya.", "reported"),
        ("Turkey sent troops to Libya.", "asserted"),
    ],
)
def test_modality(extractor: EventExtractor, text: str, modality: str) -> None:
    events = [e for e in _events(extractor, text) if e.target_country is not None]
    assert events and {e.modality for e in events} == {modality}


def test_the_speaker_is_recorded(extractor: EventExtractor) -> None:
    events = _events(extractor, "According to TASS, Russia and Turkey agreed a ceasefire.")
    assert events and {(e.speaker, e.modality) for e in events} == {("TASS", "reported")}


def test_dates_resolve_against_the_publication_date(extractor: EventExtractor) -> None:
    events = _events(extractor, "Russian and French officials met in Paris yesterday.")
    assert events and {(e.date, e.date_precision) for e in events} == {("2020-09-01", "day")}


def test_a_leader_is_coded_by_the_term_in_force(extractor: EventExtractor) -> None:
    (now,) = _events(extractor, "Sarkozy met Putin in Moscow.", date(2008, 10, 1))
    (later,) = _events(extractor, "Sarkozy met Putin in Moscow.", date(2020, 10, 1))
    assert {now.source, now.target} & {"FRAGOV"} and {later.source, later.target} & {"FRAELI"}


def test_a_misspelt_leader_is_still_found(extractor: EventExtractor) -> None:
    (event,) = _events(extractor, "Marcon met the leader of the Belarusian opposition.")
    assert {event.source_country, event.target_country} == {"FRA", "BLR"}


def test_events_point_back_to_their_sentence(extractor: EventExtractor) -> None:
    text = "Tensions rose. Turkey attacked Syria on Tuesday. Nothing else happened."
    (event,) = _events(extractor, text)
    assert text[event.start : event.end] == event.sentence == "Turkey attacked Syria on Tuesday."
    assert event.cameo.startswith("19") and event.quad_class == 4 and event.goldstein < 0
    assert 0 < event.confidence <= 1 and event.extractor_version.startswith("blocs-rules/")


def test_background_sentences_yield_no_event(extractor: EventExtractor) -> None:
    text = "France and Germany are the largest economies of the European Union."
    assert _events(extractor, text) == []


def test_only_sentences_with_two_parties_and_an_event_word_are_parsed(
    extractor: EventExtractor,
) -> None:
    text = (
        "The weather was fine. Markets rose in Paris. Russia attacked Ukraine. "
        "Russia and China are large."
    )
    result = extractor.extract("a1", split_sentences("a1", text), PUBLISHED)
    assert (result.stats.sentences, result.stats.parsed) == (4, 1)


def test_a_user_dictionary_keeps_its_own_codes(tmp_path: Path) -> None:
    dictionary = tmp_path / "mine.actors.txt"
    dictionary.write_text(
        "BARNABY_QUILL [USAMILSOF]\nNORTHERN_SYRIAN_COUNCIL [SYRREBNSC]\n", encoding="utf-8"
    )
    custom = load_extractor(dictionaries=[dictionary])
    (event,) = _events(custom, "Barnaby Quill attacked the Northern Syrian Council.")
    assert (event.source, event.target) == ("USAMILSOF", "SYRREBNSC")
    assert (event.source_country, event.target_country) == ("USA", "SYR")


def test_users_add_patterns_and_actors_from_their_own_files(tmp_path: Path) -> None:
    lexicon = tmp_path / "verbs.tsv"
    lexicon.write_text(
        "pattern\tplover\tmode\tcameo\ttarget\tnote\nsnub\tREJECT\t\t120\tdobj\tdiplomatic snub\n",
        encoding="utf-8",
    )
    actors = tmp_path / "groups.tsv"
    actors.write_text(
        "code\tname\taliases\tcountry\tsector\tvalid_from\tvalid_to\n"
        "MLIREBXYZ\tNorthern Sahel Front\tNSF\tMLI\tREB\t\t\n",
        encoding="utf-8",
    )
    custom = load_extractor(lexicons=[lexicon], actor_files=[actors])
    (event,) = _events(custom, "The Northern Sahel Front snubbed France.")
    assert (event.source, event.target, event.plover) == ("MLIREBXYZ", "FRA", "REJECT")


def test_an_actor_announcing_its_own_force_also_threatens(extractor: EventExtractor) -> None:
    text = "Turkey's foreign minister said Ankara would retaliate against Washington."
    found = {
        (e.source_country, e.target_country, e.plover, e.modality) for e in _events(extractor, text)
    }
    assert ("TUR", "USA", "THREATEN", "asserted") in found


def test_later_sentences_refer_back_to_the_parties_named_before(
    extractor: EventExtractor,
) -> None:
    text = (
        "Vladimir Putin spoke with Recep Tayyip Erdogan by telephone on Monday. "
        "The two presidents agreed to meet in Moscow. "
        "He said Russia would never attack Turkey."
    )
    found = _dyads(_events(extractor, text))
    assert ("RUS", "TUR", "AGREE") in found or ("TUR", "RUS", "AGREE") in found


def test_the_two_presidents_are_the_two_last_named_not_the_last_two_states(
    extractor: EventExtractor,
) -> None:
    # States named in between (as topics) are not the people "the two presidents" names again.
    text = (
        "Emmanuel Macron hosted Vladimir Putin in Paris on Monday. "
        "They talked about the war in Yemen, refugees in Lebanon and the sanctions on Iran. "
        "The two presidents agreed to meet again in the spring."
    )
    found = _dyads(_events(extractor, text))
    assert ("FRA", "RUS", "AGREE") in found or ("RUS", "FRA", "AGREE") in found
    assert not {d for d in found if d[2] == "AGREE"} & {
        ("LBN", "IRN", "AGREE"),
        ("IRN", "LBN", "AGREE"),
        ("YEM", "IRN", "AGREE"),
        ("IRN", "YEM", "AGREE"),
    }


@pytest.mark.parametrize(
    "text",
    [
        "The border clash gave Armenia a reason to attack Azerbaijan.",
        "The new port is another chance for China to support Pakistan.",
        "Officials spoke in the hope that Egypt will mediate between Israel and Hamas.",
        "Iran's missile programme is a grave threat to Israel.",
    ],
)
def test_possibilities_hopes_and_characterisations_are_not_events(
    extractor: EventExtractor, text: str
) -> None:
    assert _events(extractor, text) == []


def test_an_instruments_infinitive_is_done_by_its_user(extractor: EventExtractor) -> None:
    text = "Beijing uses the Shanghai Cooperation Organisation as a tool to pressure India."
    sources = {(e.source_country, e.target_country) for e in _events(extractor, text)}
    assert sources and all(source == "CHN" for source, _ in sources), sources


def test_acting_on_another_partys_relations_targets_that_party(
    extractor: EventExtractor,
) -> None:
    text = "Qatar has worked for months towards normalising Iran's relations with Egypt."
    found = {(e.source_country, e.target_country) for e in _events(extractor, text)}
    assert ("QAT", "IRN") in found, found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russian missiles struck Kharkiv on Monday.", ("RUS", "UKR", "ASSAULT")),
        ("Turkish jets bombed the town of Afrin.", ("TUR", "SYR", "ASSAULT")),
        # The "at" phrase names a site, not an actor: the object's owner is the target.
        ("Israeli jets struck Iran's missile factories at Parchin.", ("ISR", "IRN", "ASSAULT")),
        # An attack on a site is an attack on the state the site is in.
        ("Syria fired rockets at an army post in Jordan.", ("SYR", "JOR", "ASSAULT")),
    ],
)
def test_a_town_as_target_stands_for_its_country(
    extractor: EventExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _dyads(_events(extractor, text))


def test_a_town_where_leaders_meet_is_not_a_party(extractor: EventExtractor) -> None:
    text = "Vladimir Putin met Recep Tayyip Erdogan in Sochi on Tuesday."
    assert {(e.source_country, e.target_country) for e in _events(extractor, text)} <= {
        ("RUS", "TUR"),
        ("TUR", "RUS"),
    }


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        # Government against rebels of its own country: a domestic event, placed by the town.
        ("Syrian government forces attacked rebels near Idlib on Monday.", "SYRMIL", "SYRREB"),
        ("Egyptian police arrested dozens of protesters in Cairo.", "EGYCOP", "EGYOPP"),
    ],
)
def test_domestic_events_between_two_sides_of_one_country(
    extractor: EventExtractor, text: str, source: str, target: str
) -> None:
    assert (source, target) in {(e.source, e.target) for e in _events(extractor, text)}


def test_one_state_named_twice_is_no_domestic_event(extractor: EventExtractor) -> None:
    text = "The French government said France would support the plan."
    assert [e for e in _events(extractor, text) if e.source_country == e.target_country] == []


def test_a_joint_action_is_coded_both_ways(extractor: EventExtractor) -> None:
    found = _dyads(_events(extractor, "Kenyan and Somali troops clashed near the border."))
    assert {("KEN", "SOM", "ASSAULT"), ("SOM", "KEN", "ASSAULT")} <= found


def test_a_threat_takes_the_target_of_its_infinitive(extractor: EventExtractor) -> None:
    found = _dyads(_events(extractor, "Russia threatened to invade Ukraine."))
    assert ("RUS", "UKR", "THREATEN") in found


def test_unknown_organisations_act_with_an_unknown_country(extractor: EventExtractor) -> None:
    text = "Russia and Belarus sued the Wall Street Journal."
    events = [e for e in _events(extractor, text) if e.plover == "ACCUSE"]
    assert events and events[0].target_country is None
    assert events[0].target is not None and events[0].target.startswith("---")


def test_two_named_factions_of_one_country_make_a_domestic_event(
    extractor: EventExtractor,
) -> None:
    found = {(e.source, e.target, e.plover) for e in _events(extractor, "The GNA accused the LNA.")}
    assert ("LBYGOV", "LBYMIL", "ACCUSE") in found


def test_a_sentence_over_the_parse_cap_is_not_parsed(extractor: EventExtractor) -> None:
    text = "Turkey attacked Syria and " * (MAX_PARSE_TOKENS // 4) + "Iran condemned Israel."
    result = extractor.extract("a1", [Sentence("a1", 0, 0, len(text), text)], PUBLISHED)
    assert result.stats.parsed == 0 and result.events == []
    short = extractor.extract("a1", split_sentences("a1", "Turkey attacked Syria."), PUBLISHED)
    assert short.stats.parsed == 1


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "X-allied Y": X backs Y, also when Y is the subject of "is".
        ("Hezbollah is an Iran-allied group.", ("IRN", "LBN", "SUPPORT")),
        (
            "Fighting continued around the Iranian-allied militia in Iraq.",
            ("IRN", "IRQ", "SUPPORT"),
        ),
        # The possessor of a passive's subject is its target.
        ("Spain's strategic interests are being challenged by Turkey.", ("TUR", "ESP", "ACCUSE")),
        ("Iran's nuclear programme was condemned by Germany.", ("DEU", "IRN", "ACCUSE")),
        # A judgement on what a proxy does targets its backer, through counts of it.
        (
            "Spain is finding the arrival of thousands of Turkish-backed fighters unacceptable.",
            ("ESP", "TUR", "ACCUSE"),
        ),
        # The parser hangs the predicate adjective on the object's last noun.
        (
            "Spain finds the presence of Iranian-backed militias unacceptable.",
            ("ESP", "IRN", "ACCUSE"),
        ),
    ],
)
def test_backing_possessors_and_judgements_name_the_parties(
    extractor: EventExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    assert expected in _dyads(_events(extractor, text))


def test_a_judgement_verb_is_not_a_hypothesis(extractor: EventExtractor) -> None:
    events = _events(extractor, "Germany considers Russia's annexation of Crimea illegal.")
    accusing = [e for e in events if (e.source_country, e.target_country) == ("DEU", "RUS")]
    assert [e.modality for e in accusing if e.plover == "ACCUSE"] == ["asserted"]


@pytest.mark.parametrize(
    "text",
    ["Russian missiles hit Ukrainian cities overnight.", "Kyiv was hit by Russian missiles."],
)
def test_a_weapon_that_acts_is_its_owners_attack(extractor: EventExtractor, text: str) -> None:
    assert ("RUS", "UKR", "ASSAULT") in _dyads(_events(extractor, text))


@pytest.mark.parametrize(
    ("text", "cameo"),
    [
        ("Canada has offered to send troops to Mali.", "033"),
        ("Norway is willing to provide aid to Sudan.", "033"),
        ("Japan pledged to hold talks with Mongolia.", "036"),
    ],
)
def test_a_committed_cooperative_act_is_also_an_intent(
    extractor: EventExtractor, text: str, cameo: str
) -> None:
    events = _events(extractor, text)
    assert cameo in {e.cameo for e in events if e.plover == "AGREE"}
    assert any(e.plover != "AGREE" for e in events)  # the act itself is kept beside it


def test_a_possible_act_is_no_intent(extractor: EventExtractor) -> None:
    assert all(
        e.plover != "AGREE" for e in _events(extractor, "Norway could provide aid to Sudan.")
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ankara refuses to lift the ban on Cypriot ships.", ("TUR", "CYP", "124")),
        ("France will not lift the ban on Britain.", ("FRA", "GBR", "124")),
        ("The CIS refused to lift sanctions on Abkhazia.", ("CIS", "GEO", "124")),
    ],
)
def test_a_refused_cooperative_act_is_a_rejection(
    extractor: EventExtractor, text: str, expected: tuple[str, str, str]
) -> None:
    events = _events(extractor, text)
    assert expected in {(e.source_country, e.target_country, e.cameo) for e in events}
    assert any(e.modality == "negated" for e in events)  # the act itself, not done


def test_an_act_not_done_is_no_rejection(extractor: EventExtractor) -> None:
    events = _events(extractor, "Saudi Arabia has not established relations with Israel.")
    assert events and all(e.plover != "REJECT" for e in events)


def test_a_request_or_plan_acted_on_stands_for_its_author(extractor: EventExtractor) -> None:
    # A second event in the sentence: the rule, not the positional last resort, pairs them.
    text = (
        "Iceland's president refused a request from the Danish prime minister"
        " and criticised Sweden."
    )
    found = _dyads(_events(extractor, text))
    assert {("ISL", "DNK", "REJECT"), ("ISL", "SWE", "ACCUSE")} <= found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ankara called the Greek naval exercise a provocation.", ("TUR", "GRC")),
        ("The Kenyan minister described Uganda's decision as a betrayal.", ("KEN", "UGA")),
        (
            "Chile said the Bolivian blockade was a flagrant violation of the treaty.",
            ("CHL", "BOL"),
        ),
    ],
)
def test_a_condemning_characterisation_is_a_disapproval(
    extractor: EventExtractor, text: str, expected: tuple[str, str]
) -> None:
    found = _dyads(_events(extractor, text))
    assert (*expected, "ACCUSE") in found
    assert (*expected, "CONSULT") not in found  # "called X a provocation" is no phone call


def test_a_characterisation_that_condemns_nothing_is_no_disapproval(
    extractor: EventExtractor,
) -> None:
    assert all(e.plover != "ACCUSE" for e in _events(extractor, "Kenya called Uganda a friend."))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Five Kenyan police officers were wounded in an attack by Somali militants.", "KEN"),
        ("Eight Ugandan soldiers were killed in a clash with Somali militants.", "UGA"),
    ],
)
def test_a_passive_act_of_force_is_done_by_the_other_side_of_its_attack(
    extractor: EventExtractor, text: str, expected: str
) -> None:
    assert ("SOM", expected, "ASSAULT") in _dyads(_events(extractor, text))


@pytest.mark.parametrize(
    "text",
    [
        "Ethiopia mobilized the army for a possible offensive against Eritrea.",
        "The Ethiopian government mobilized police and troops to the border with Eritrea.",
    ],
)
def test_forces_mobilized_are_the_sources_own_and_aimed_elsewhere(
    extractor: EventExtractor, text: str
) -> None:
    events = [e for e in _events(extractor, text) if e.plover == "MOBILIZE"]
    assert {(e.source_country, e.target_country) for e in events} == {("ETH", "ERI")}


@pytest.mark.parametrize(
    "text",
    [
        "Norway gave $3 million to Malawi.",
        "Norway donated 40 million kroner to build schools in Malawi.",
    ],
)
def test_a_sum_of_money_given_is_economic_aid(extractor: EventExtractor, text: str) -> None:
    events = _events(extractor, text)
    assert ("NOR", "MWI", "071") in {(e.source_country, e.target_country, e.cameo) for e in events}


def test_a_warning_given_is_no_aid(extractor: EventExtractor) -> None:
    assert all(e.plover != "AID" for e in _events(extractor, "Norway gave Malawi a warning."))


def test_a_date_is_no_participant(extractor: EventExtractor) -> None:
    # "on Friday" is when, not the "call on" of a request.
    found = _dyads(_events(extractor, "Nairobi called Kampala on Friday."))
    assert ("KEN", "UGA", "REQUEST") not in found and ("KEN", "UGA", "CONSULT") in found


@pytest.mark.parametrize(
    "text",
    [
        "The Ugandan president launched a scathing attack on the Kenyan government.",
        "Uganda attacked Kenya's decision on the border.",
    ],
)
def test_an_attack_of_words_is_a_disapproval(extractor: EventExtractor, text: str) -> None:
    found = _dyads(_events(extractor, text))
    assert ("UGA", "KEN", "ACCUSE") in found and ("UGA", "KEN", "ASSAULT") not in found


def test_he_is_the_unknown_person_just_named_not_a_known_one_before(
    extractor: EventExtractor,
) -> None:
    text = (
        "Emmanuel Macron spoke in Lyon on Monday. "
        "Ambassador Torvald Lindqvist said he would meet Vladimir Putin in Moscow."
    )
    met = [e for e in _events(extractor, text) if e.trigger == "meet"]
    assert met and all(e.source_country != "FRA" for e in met)
    assert {e.source_text for e in met} <= {"Torvald Lindqvist", "Ambassador Torvald Lindqvist"}


def test_the_he_of_a_closing_he_said_is_the_reported_clauses_subject(
    extractor: EventExtractor,
) -> None:
    doc = extractor.nlp("Erdogan warned that Putin would strike Kyiv, he said.")
    actors = extractor.fuzzy_finder.find(doc, PUBLISHED)
    he = next(t for t in doc if t.lower_ == "he")
    assert [a.text for a in ActorIndex(actors).of(he)] == ["Erdogan"]


def test_a_region_named_with_its_article_is_a_place_of_its_country(
    extractor: EventExtractor,
) -> None:
    found = _dyads(_events(extractor, "Israeli jets struck targets across the Gaza Strip."))
    assert ("ISR", "PSE", "ASSAULT") in found


def test_a_security_council_resolution_is_the_uns(extractor: EventExtractor) -> None:
    events = _events(extractor, "China vetoed a draft Security Council resolution on Myanmar.")
    assert ("CHN", "UNSC") in {(e.source_country, e.target) for e in events}


def test_one_known_party_beside_an_unknown_name_is_parsed(extractor: EventExtractor) -> None:
    # Kenya is known, Wanjiru Kamau is not: the NER names the other party once parsed.
    text = "Wanjiru Kamau sued Kenya over the eviction. Kenya is large."
    result = extractor.extract("a1", split_sentences("a1", text), PUBLISHED)
    assert result.stats.parsed == 1
    sued = [e for e in result.events if e.trigger == "sued"]
    assert [(e.source_text, e.target_country) for e in sued] == [("Wanjiru Kamau", "KEN")]


def test_he_after_a_sentence_opened_by_an_unknown_name_is_not_a_known_person_before(
    extractor: EventExtractor,
) -> None:
    text = (
        "Emmanuel Macron spoke in Lyon on Monday. Lindqvist testified on Tuesday. "
        "He said he would meet Vladimir Putin."
    )
    assert all(e.source_country != "FRA" for e in _events(extractor, text))
    known = "Emmanuel Macron spoke in Lyon on Monday. He said he would meet Vladimir Putin."
    assert ("FRA", "RUS", "CONSULT") in _dyads(_events(extractor, known))


def test_each_act_of_a_sentence_with_its_own_parties_is_an_event(
    extractor: EventExtractor,
) -> None:
    """Two events whose parties have no country are told apart by their words, not merged
    into one because both lack a country."""
    events = _events(
        extractor, "A Taliban attack on a government compound killed 20 police officers."
    )
    targets = {(e.source_text, e.target_text) for e in events if e.plover == "ASSAULT"}
    assert {("Taliban", "government"), ("Taliban", "police officers")} <= targets, targets
    assert len({e.event_id for e in events}) == len(events)


def test_one_verb_on_two_unknown_people_gives_two_events_with_their_own_ids(
    extractor: EventExtractor,
) -> None:
    """The store keys events by id: two targets of one code and no country must not share one."""
    events = _events(
        extractor,
        "Nigerian police invited Adebayo Okoro and Chidi Eze to appear before the Abuja command.",
    )
    targets = {e.target_text for e in events}
    assert {"Adebayo Okoro", "Chidi Eze"} <= targets, targets
    assert len({e.event_id for e in events}) == len(events)


def test_a_court_acts_on_its_own_government(extractor: EventExtractor) -> None:
    """A court (JUD) or parliament (LEG) is a side of its own against the executive."""
    text = (
        "A Tel Aviv court rejected a request by Prime Minister Benjamin Netanyahu"
        " to postpone his hearing."
    )
    found = {(e.source, e.target, e.plover) for e in _events(extractor, text)}
    assert ("ISRJUD", "ISRGOV", "REJECT") in found, found
    # A capital named alone is where the parliament sits, not the executive it acts on.
    assert _events(extractor, "The Spanish parliament met in Madrid on Monday.") == []


def test_every_listed_country_after_the_verb_is_a_target(extractor: EventExtractor) -> None:
    text = "The European Union criticised the elections in Belarus, Russia and Azerbaijan."
    found = _dyads(_events(extractor, text))
    assert {("EU", c, "ACCUSE") for c in ("BLR", "RUS", "AZE")} <= found, found


def test_an_investigation_opened_into_an_unknown_name(extractor: EventExtractor) -> None:
    """ "open" is a support verb of the event noun; the name the NER marks is its target."""
    events = _events(
        extractor, "Turkish prosecutors opened an investigation of Selahattin Demirtas."
    )
    assert any(
        e.source_country == "TUR" and e.plover == "ACCUSE" and "Demirtas" in e.target_text
        for e in events
    ), [(e.source_text, e.plover, e.target_text) for e in events]


def test_joint_exercises_are_military_cooperation_both_ways(extractor: EventExtractor) -> None:
    found = _dyads(
        _events(extractor, "Indian and French troops held joint exercises in Rajasthan.")
    )
    assert {("IND", "FRA", "COOPERATE"), ("FRA", "IND", "COOPERATE")} <= found, found
    assert not any(plover == "MOBILIZE" for *_, plover in found), found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "hold X responsible" is a judgement; "they" is who says it.
        (
            "Canada and Sweden said on Monday that they hold Iran responsible for the crash.",
            {("CAN", "IRN", "ACCUSE"), ("SWE", "IRN", "ACCUSE")},
        ),
        # The relative clause's noun stands for the subject it is said of.
        ("Turkey is the only member that has not ratified Finland's accession.", {("TUR", "FIN")}),
        # A joint statement signed by two parties: each way.
        (
            "Narendra Modi and Shinzo Abe signed a joint statement in Tokyo on Monday.",
            {("IND", "JPN", "SUPPORT"), ("JPN", "IND", "SUPPORT")},
        ),
    ],
)
def test_judgements_relatives_and_joint_signatures(
    extractor: EventExtractor, text: str, expected: set[tuple[str, ...]]
) -> None:
    found = _dyads(_events(extractor, text))
    pairs = {(s, t) for s, t, _ in found}
    assert all((e in found) if len(e) == 3 else (e in pairs) for e in expected), found


def test_an_event_named_again_targets_who_did_it(extractor: EventExtractor) -> None:
    """ "condemned the attack": the attack the sentence reported, so Iran is the target."""
    found = _dyads(
        _events(extractor, "Iran attacked Iraq on Monday, and Kuwait condemned the attack.")
    )
    assert {("IRN", "IRQ", "ASSAULT"), ("KWT", "IRN", "ACCUSE")} <= found, found


def test_what_is_returned_goes_to_the_target(extractor: EventExtractor) -> None:
    """The object of "return" is the thing; whom the "to" names is the target."""
    events = _events(
        extractor, "The United States returned dozens of Mayan artifacts to Guatemala."
    )
    assert {(e.source_country, e.target_country, e.plover) for e in events} == {
        ("USA", "GTM", "RETREAT")
    }, [(e.source_text, e.target_text) for e in events]


def test_a_word_inside_a_longer_name_is_no_event(extractor: EventExtractor) -> None:
    """'Investigating' in a probe's name is no investigation by whoever bought or sent it."""
    for named in (
        "Japan bought the new Lunar Dust Investigating Sampler Probe that NASA built.",
        "NASA sent the agency's Volcanic Ash Investigating Rover (VAIR) to Japan.",
    ):
        assert [e.trigger for e in _events(extractor, named)] == [], named
    plain = "NASA is investigating Japan over the contract."
    assert [e.trigger for e in _events(extractor, plain)] == ["investigating"]


def test_a_price_or_market_that_moves_is_no_act_of_its_owner(extractor: EventExtractor) -> None:
    """'declined' and 'rose' said of an index or a currency report a price, not a refusal."""
    market = (
        "Japan's Nikkei declined 1.2 percent as South Korea's Kospi rose, after the"
        " United States said talks with China had stalled."
    )
    assert [(e.source_country, e.plover) for e in _events(extractor, market)] == []
    refusal = "Japan declined South Korea's request for talks."
    assert ("JPN", "KOR", "REJECT") in _dyads(_events(extractor, refusal))


def test_each_state_coordinated_in_an_actors_phrase_is_a_party(
    extractor: EventExtractor,
) -> None:
    text = "Diplomats from Norway, Sweden and Finland condemned Russia on Friday."
    assert {("NOR", "RUS"), ("SWE", "RUS"), ("FIN", "RUS")} <= {
        (e.source_country, e.target_country) for e in _events(extractor, text)
    }


def test_two_unknown_names_across_an_event_word_are_parsed(extractor: EventExtractor) -> None:
    # Neither company is in the knowledge files: only the NER, after the parse, finds them.
    text = (
        "Last spring Zorvath sued Kelmarin over the merger. "
        "Zorvath, a trader, was seen near Kelmarin on Monday."
    )
    result = extractor.extract("a1", split_sentences("a1", text), PUBLISHED)
    assert (result.stats.sentences, result.stats.parsed) == (2, 1)


def test_two_actors_close_around_an_event_word_are_parsed(extractor: EventExtractor) -> None:
    # Neither "the mayor" nor "the government" adds a side before the parse (role words of
    # no named state), but both stand right beside "demanded".
    near = "The mayor demanded help from the government."
    result = extractor.extract("a1", split_sentences("a1", near), PUBLISHED)
    assert [(e.source_text, e.target_text, e.plover) for e in result.events] == [
        ("mayor", "government", "REQUEST")
    ]
    later = "The mayor demanded urgent and generous financial help from the government."
    assert extractor.extract("a1", split_sentences("a1", later), PUBLISHED).stats.parsed == 1
    far = (
        "The mayor, after months of silence and many letters, finally demanded help from "
        "the government."
    )
    assert extractor.extract("a1", split_sentences("a1", far), PUBLISHED).stats.parsed == 0


def test_unnamed_people_acted_on_are_civilians(extractor: EventExtractor) -> None:
    events = _events(extractor, "Turkish police arrested a man who had insulted the Greek consul.")
    assert ("TUR", None, "COERCE") in _dyads(events)
    assert any(e.target == "CVL" and e.target_text == "man" for e in events)
