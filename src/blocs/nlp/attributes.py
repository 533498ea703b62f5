"""The attribute ruler, memoised per token: the same attributes at a tenth of the cost.

spaCy's attribute ruler (POS and morphology from the tagger's tag, a few lemmas, 179
patterns in the English pipeline) runs a Matcher over every token of every parsed sentence:
0.47 of 4.2 CPU seconds of the pipeline on the 572 parsed benchmark sentences. Almost all
of its patterns read one token (its text, tag, dependency label) and write that token, so
what they do to a token is a function of that token alone: `MemoisedRuler` learns it from
the ruler's own output and replays it. A sentence where a pattern of several tokens (or one
reading anything else: entity types, quantifiers) matches, or with a token not seen yet, goes
through the ruler itself, and teaches the memo its other tokens.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from thinc.types import Ints2d

FACTORY = "blocs_memoised_ruler"
RULER = "attribute_ruler"
# What a token's own patterns can read, and what it holds before the ruler runs (the key)...
_READ = [ORTH, TAG, DEP, POS, MORPH, LEMMA]
# ... and what the ruler may write (the value).
_WRITTEN = [TAG, POS, MORPH, LEMMA, DEP]
_WRITABLE = frozenset(_WRITTEN)
# Pattern keys that are a function of the key above (LOWER and IS_SPACE of ORTH).
_LOCAL_KEYS = frozenset(
    {"ORTH", "TEXT", "LOWER", "IS_SPACE", "TAG", "DEP", "POS", "MORPH", "LEMMA"}
)
MEMO_LIMIT = 100_000  # tokens remembered (about 30 MB); the memo starts again when full

Key = tuple[int, ...]


def _local(pattern: list[dict[str, Any]], index: int) -> bool:
    """A pattern that reads and writes one token, and reads only what `_READ` holds."""
    if len(pattern) != 1 or index not in (0, -1):
        return False
    keys = {key.upper() for key in pattern[0]}
    return keys <= _LOCAL_KEYS


class MemoisedRuler:
    """spaCy component: an attribute ruler's output, learnt per token and replayed.

    Created empty by the pipeline factory; `use` gives it the ruler to learn from. Its
    output is the ruler's own on every document (`tests/nlp/test_attributes.py`).
    """

    def __init__(self, nlp: Language) -> None:
        self.vocab = nlp.vocab
        self.ruler: AttributeRuler | None = None
        self.joint = Matcher(nlp.vocab)
        self.effects: dict[Key, Key] = {}

    def use(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.joint = Matcher(self.vocab)
        self.effects = {}
        for number, rule in enumerate(ruler.patterns):
            patterns = cast(list[list[dict[str, Any]]], rule["patterns"])
            others = [p for p in patterns if not _local(p, cast(int, rule["index"]))]
            if others:
                self.joint.add(f"joint-{number}", others)

    def __call__(self, doc: Doc) -> Doc:
        if self.ruler is None:
            return doc
        keys: list[Key] = [tuple(row) for row in doc.to_array(_READ).tolist()]
        joint = self.joint(doc) if len(self.joint) else []
        effects = self.effects
        if joint or not all(key in effects for key in keys):
            return self._learn(doc, keys, ((start, end) for _, start, end in joint))
        values = numpy.array([effects[key] for key in keys], dtype=numpy.uint64)
        return doc.from_array(_WRITTEN, cast(Ints2d, values.reshape(len(keys), len(_WRITTEN))))

    def _learn(self, doc: Doc, keys: list[Key], joint: Iterable[tuple[int, int]]) -> Doc:
        """Run the ruler; remember what it did to each token no joint pattern matched."""
        assert self.ruler is not None
        self.ruler(doc)
        skipped = {i for start, end in joint for i in range(start, end)}
        if len(self.effects) + len(keys) > MEMO_LIMIT:
            self.effects = {}
        for i, (key, value) in enumerate(zip(keys, doc.to_array(_WRITTEN).tolist(), strict=True)):
            if i not in skipped:
                self.effects[key] = tuple(value)
        return doc


@Language.factory(
    FACTORY,
    requires=["token.tag", "token.dep"],
    assigns=["token.pos", "token.morph", "token.lemma"],
)
def make_memoised_ruler(nlp: Language, name: str) -> MemoisedRuler:
    return MemoisedRuler(nlp)


def memoise_ruler(nlp: Language) -> bool:
    """Put a `MemoisedRuler` in the place (and under the name) of the pipeline's attribute
    ruler; False, and the pipeline unchanged, when it has none or one that writes other
    attributes than `_WRITTEN`."""
    if RULER not in nlp.component_names:
        return False
    ruler = nlp.get_pipe(RULER)
    if not isinstance(ruler, AttributeRuler):
        return False
    if any(not set(attrs) <= _WRITABLE for attrs in ruler.attrs):
        return False
    disabled = RULER in nlp.disabled
    memo = nlp.replace_pipe(RULER, FACTORY)
    assert isinstance(memo, MemoisedRuler)
    memo.use(ruler)
    if disabled:
        nlp.disable_pipe(RULER)
    return True
