"""The Dask client an ingest runs on: a `LocalCluster` on this machine, or a scheduler's
address (a cluster started with dask-jobqueue, dask-kubernetes or `dask scheduler`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any


@contextmanager
def dask_client(where: str, workers: int = 2) -> Iterator[Any]:
    """`where` is `local` (`workers` processes of one thread each, bound to 127.0.0.1) or
    a scheduler address such as `tcp://10.0.0.5:8786`."""
    import distributed

    api: Any = distributed  # distributed's constructors are untyped
    if where != "local":
        with api.Client(where) as client:
            yield client
        return
    cluster = api.LocalCluster(
        n_workers=workers,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    with cluster, api.Client(cluster) as client:
        yield client
