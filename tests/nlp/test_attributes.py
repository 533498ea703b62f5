"""The memoised attribute ruler gives the ruler's own attributes, learning and replaying."""

from __future__ import annotations

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from blocs.nlp import attributes
from blocs.nlp.attributes import MemoisedRuler, memoise_ruler
from blocs.nlp.pipeline import DEFAULT_MODEL, load_pipeline

SENTENCES = [
    "The minister said on Tuesday that talks with the rebels would resume.",
    "There is no deal yet, and there were protests outside the embassy.",  # expl + is: joint
    "Let's see whether they're gonna sign it; I ain't sure.",  # joint patterns
    "Police arrested 12 protesters   in the capital.",  # a space token
    "Talks resumed.",
]


@pytest.fixture(scope="module")
def stock() -> Language:
    return spacy.load(DEFAULT_MODEL)


@pytest.fixture(scope="module")
def blocs_nlp() -> Language:
    return load_pipeline()


def _annotations(doc: Doc) -> list[tuple[str, ...]]:
    return [
        (t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, str(t.head.i), t.ent_type_)
        for t in doc
    ]


def test_the_pipeline_attribute_ruler_is_memoised_under_its_name(blocs_nlp: Language) -> None:
    assert isinstance(blocs_nlp.get_pipe("attribute_ruler"), MemoisedRuler)
    assert blocs_nlp.pipe_names == spacy.load(DEFAULT_MODEL).pipe_names


def test_learning_and_replaying_give_the_stock_pipeline_annotations(
    stock: Language, blocs_nlp: Language
) -> None:
    expected = [_annotations(d) for d in stock.pipe(SENTENCES)]
    first = [_annotations(d) for d in blocs_nlp.pipe(SENTENCES)]
    second = [_annotations(d) for d in blocs_nlp.pipe(SENTENCES)]
    assert first == expected
    assert second == expected


class _Counting:
    """Stands for the ruler: counts the documents it is asked to annotate."""

    def __init__(self, ruler: object) -> None:
        self.ruler = ruler
        self.calls = 0

    def __call__(self, doc: Doc) -> Doc:
        self.calls += 1
        assert callable(self.ruler)
        result = self.ruler(doc)
        assert isinstance(result, Doc)
        return result


def _before_the_ruler(nlp: Language, text: str) -> Doc:
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer", "ner"]):
        return nlp(text)


def test_a_known_sentence_is_replayed_and_a_joint_pattern_goes_to_the_ruler(
    stock: Language, blocs_nlp: Language
) -> None:
    memo = blocs_nlp.get_pipe("attribute_ruler")
    assert isinstance(memo, MemoisedRuler) and memo.ruler is not None
    plain, joint = "The deal is ready.", "There is a deal."
    list(blocs_nlp.pipe([plain, "There seems to be a deal."]))
    doc = _before_the_ruler(blocs_nlp, joint)
    keys = [tuple(row) for row in doc.to_array(attributes._READ).tolist()]
    assert all(key in memo.effects for key in keys)  # every token known from the others
    counting = _Counting(memo.ruler)
    memo.ruler = counting  # type: ignore[assignment]
    try:
        replayed = memo(_before_the_ruler(blocs_nlp, plain))
        assert counting.calls == 0
        ruled = memo(doc)  # "There is" matches a pattern of two tokens
        assert counting.calls == 1
    finally:
        memo.ruler = counting.ruler  # type: ignore[assignment]
    expected_plain, expected_joint = stock(plain), stock(joint)
    assert [(t.pos_, str(t.morph)) for t in replayed] == [
        (t.pos_, str(t.morph)) for t in expected_plain
    ]
    assert [(t.pos_, str(t.morph)) for t in ruled] == [
        (t.pos_, str(t.morph)) for t in expected_joint
    ]
    assert ruled[1].pos_ == "VERB"  # the joint pattern's own attribute


def test_a_full_memo_starts_again(
    stock: Language, blocs_nlp: Language, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(attributes, "MEMO_LIMIT", 20)
    memo = blocs_nlp.get_pipe("attribute_ruler")
    assert isinstance(memo, MemoisedRuler)
    memo.effects = {}
    docs = list(blocs_nlp.pipe(SENTENCES))
    assert 0 < len(memo.effects) <= 20
    assert [_annotations(d) for d in docs] == [_annotations(d) for d in stock.pipe(SENTENCES)]


def test_a_pipeline_without_an_attribute_ruler_is_left_as_it_is() -> None:
    nlp = spacy.blank("en")
    assert not memoise_ruler(nlp)
    assert nlp.pipe_names == []


def test_a_ruler_writing_other_attributes_is_not_memoised() -> None:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "gonna"}]], {"NORM": "going to"})
    assert not memoise_ruler(nlp)
    assert nlp.get_pipe("attribute_ruler") is ruler
