"""Running a per-document job serially, on local processes, or on a Dask cluster.

The job must be a top-level function (picklable). Results come back in input order,
so the build output does not depend on which worker finished first.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

__all__ = ["map_documents"]

T = TypeVar("T")
R = TypeVar("R")


def map_documents(
    job: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int = 1,
    scheduler: str | None = None,
) -> Iterator[R]:
    """Apply ``job`` to every item, in input order.

    :param workers: number of local processes; 1 runs in this process.
    :param scheduler: address of a running Dask distributed scheduler (``tcp://host:port``).
    """
    if scheduler is not None:
        from distributed import Client

        with Client(scheduler) as client:
            futures = client.map(job, list(items), pure=False)
            for future in futures:
                yield future.result()
        return
    if workers <= 1 or len(items) <= 1:
        for item in items:
            yield job(item)
        return
    with ProcessPoolExecutor(max_workers=workers) as pool:
        yield from pool.map(job, items, chunksize=max(1, len(items) // (workers * 8)))
