"""Sending the chunks of a sweep to a ``dask.distributed`` cluster.

:func:`dask_mapper` gives the ``mapper`` that :func:`~triangle.analysis.uncertainty.monte_carlo`
and :func:`~triangle.analysis.uncertainty.grid_sweep` accept: it submits the chunks to
an existing scheduler (``scheduler="tcp://host:port"``) or to a local cluster of
``workers`` processes it starts, keeps a bounded number in flight (memory stays
bounded on the client), and yields the results in chunk order, so that the result is
the same, byte for byte, as in process. Dask is imported only here, and only when
called: it is the optional extra ``triangle[dask]``. The workers need the same
version of ``triangle`` (and numpy) installed as the client; the scenario travels
with each chunk, so they need no files.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections.abc import Callable, Iterable, Iterator

from triangle.analysis.uncertainty import in_order
from triangle.errors import TriangleInputError

__all__ = ["dask_mapper"]


def _distributed():
    try:
        import dask.distributed as distributed
    except ImportError:
        raise TriangleInputError(
            '--workers and --scheduler need dask.distributed: pip install "triangle[dask]"'
        ) from None
    return distributed


@contextlib.contextmanager
def dask_mapper(scheduler: str | None = None, workers: int | None = None):
    """A context giving ``mapper(function, chunks)`` on a Dask cluster.

    Parameters
    ----------
    scheduler : str, optional
        Address of a running scheduler, e.g. ``"tcp://10.0.0.5:8786"``.
    workers : int, optional
        Without ``scheduler``: start a local cluster of this many single-threaded
        worker processes (closed on exit).
    """
    distributed = _distributed()
    cluster = None
    try:
        if scheduler:
            client = distributed.Client(scheduler, timeout="30s")
        else:
            cluster = distributed.LocalCluster(
                n_workers=int(workers or 1),
                threads_per_worker=1,
                processes=True,
                dashboard_address=None,
            )
            client = distributed.Client(cluster)
    except OSError as err:
        if cluster is not None:
            cluster.close()
        raise TriangleInputError(f"cannot reach the Dask scheduler {scheduler}: {err}") from None
    try:
        slots = max(2, 2 * len(client.scheduler_info().get("workers", {})))

        shared: dict = {}

        def submit(function: Callable, chunk):
            # the scenario and the sampling plan go to every worker once, not with
            # every chunk
            key = (id(chunk.scenario), id(chunk.plan))
            if key not in shared:
                shared[key] = client.scatter([chunk.scenario, chunk.plan], broadcast=True)
            scenario, plan = shared[key]
            light = dataclasses.replace(chunk, scenario=None, plan=None)
            return client.submit(_rejoin, function, light, scenario, plan, pure=False)

        def mapper(function: Callable, chunks: Iterable) -> Iterator:
            return in_order(lambda chunk: submit(function, chunk), chunks, slots)

        yield mapper
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _rejoin(function: Callable, chunk, scenario, plan):
    """Run ``function`` on a chunk whose scenario and plan were sent separately."""
    return function(dataclasses.replace(chunk, scenario=scenario, plan=plan))
