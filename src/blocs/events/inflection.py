"""Surface forms of the lexicon's lemmas, to spot event words before any tagging."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.language import Language

from blocs.events.lexicon import EventLexicon

_VOWELS = set("aeiou")


def _regular_forms(lemma: str) -> Iterator[str]:
    yield lemma
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        yield lemma + "es"
    elif lemma.endswith("y") and lemma[-2:-1] not in _VOWELS:
        yield lemma[:-1] + "ies"
        yield lemma[:-1] + "ied"
    else:
        yield lemma + "s"
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    yield stem + "ed"
    if lemma.endswith(("ee", "oe", "ye")):
        yield lemma + "ing"  # agreeing, freeing, canoeing
    elif lemma.endswith("ie"):
        yield lemma[:-2] + "ying"  # tying
    else:
        yield stem + "ing"
    if (
        len(lemma) >= 3
        and lemma[-1] not in _VOWELS | {"w", "x", "y"}
        and lemma[-2] in _VOWELS
        and lemma[-3] not in _VOWELS
    ):
        yield lemma + lemma[-1] + "ed"
        yield lemma + lemma[-1] + "ing"


def _irregular_forms(nlp: Language) -> dict[str, set[str]]:
    """lemma -> inflected forms, from the lemmatizer's exception table."""
    forms: dict[str, set[str]] = {}
    if "lemmatizer" not in nlp.pipe_names:
        return forms
    lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
    if lookups is None or not lookups.has_table("lemma_exc"):
        return forms
    exceptions = lookups.get_table("lemma_exc")
    for pos in ("verb", "noun"):
        table = exceptions.get(pos, {}) if hasattr(exceptions, "get") else {}
        for form, lemmas in table.items():
            for lemma in lemmas:
                forms.setdefault(str(lemma), set()).add(str(form))
    return forms


def surface_forms(lexicon: EventLexicon, nlp: Language) -> set[str]:
    """Lower-case words that may be an inflection of a lexicon verb or noun."""
    irregular = _irregular_forms(nlp)
    lemmas = {p.verb for p in lexicon.verbs} | {p.noun for p in lexicon.nouns}
    words: set[str] = set()
    for lemma in lemmas:
        words.update(_regular_forms(lemma))
        words.update(irregular.get(lemma, ()))
    return words
