"""The pipeline blocs loads: its models multiply matrices with numpy, on one BLAS thread."""

from __future__ import annotations

from thinc.api import Model, NumpyOps
from threadpoolctl import threadpool_info  # type: ignore[import-untyped]

from blocs.nlp.pipeline import load_pipeline


def test_every_layer_multiplies_with_numpy_on_one_blas_thread() -> None:
    nlp = load_pipeline()
    layers = [
        layer
        for _, component in nlp.components
        if isinstance(getattr(component, "model", None), Model)
        for layer in component.model.walk()
    ]
    assert layers
    assert all(isinstance(layer.ops, NumpyOps) and not layer.ops.use_blis for layer in layers)
    assert all(pool["num_threads"] == 1 for pool in threadpool_info() if pool["user_api"] == "blas")
