"""Running a per-document job serially, on local processes, or on a Dask cluster.

The job must be a top-level function (picklable). Results come back in input order,
whatever worker finished first, so a build's output does not depend on the scheduler.
Items are sent in chunks: one task per document would cost Dask about a millisecond of
scheduling each, more than extracting a short document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from hemekg.errors import UsageError

__all__ = ["chunked", "map_documents", "run_chunk"]

T = TypeVar("T")
R = TypeVar("R")

_CHUNKS_PER_WORKER = 8
_MAX_CHUNK = 256
_CONNECT_TIMEOUT_S = 30


def chunked(items: Sequence[T], size: int) -> list[list[T]]:
    """``items`` cut into consecutive lists of at most ``size`` (order kept)."""
    size = max(1, size)
    return [list(items[i : i + size]) for i in range(0, len(items), size)]


def run_chunk(job: Callable[[T], R], chunk: Sequence[T]) -> list[R]:
    """Apply ``job`` to each item of one chunk (top-level so workers can unpickle it)."""
    return [job(item) for item in chunk]


def _chunk_size(count: int, workers: int) -> int:
    return max(1, min(_MAX_CHUNK, count // (max(1, workers) * _CHUNKS_PER_WORKER)))


def _map_dask(job: Callable[[T], R], items: Sequence[T], scheduler: str) -> Iterator[R]:
    try:
        from distributed import Client
    except ImportError as error:  # pragma: no cover - dask is a core dependency
        raise UsageError(
            "--scheduler needs dask[distributed]: pip install 'dask[distributed]'"
        ) from error
    try:
        client = Client(scheduler, timeout=_CONNECT_TIMEOUT_S)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as error:
        raise UsageError(f"cannot reach the Dask scheduler at {scheduler}: {error}") from error
    with client:
        workers = max(1, sum(client.nthreads().values()))  # type: ignore[no-untyped-call]
        chunks = chunked(items, _chunk_size(len(items), workers))
        futures = client.map(run_chunk, [job] * len(chunks), chunks, pure=False)
        try:
            for future in futures:
                yield from future.result()
        finally:
            client.cancel(futures)  # type: ignore[no-untyped-call]


def map_documents(
    job: Callable[[T], R],
    items: Sequence[T],
    *,
    workers: int = 1,
    scheduler: str | None = None,
) -> Iterator[R]:
    """Apply ``job`` to every item, yielding results in input order.

    :param workers: number of local processes; 1 runs in this process.
    :param scheduler: address of a running Dask distributed scheduler (``tcp://host:port``);
        overrides ``workers``.
    :raises UsageError: the scheduler cannot be reached.
    """
    items = list(items)
    if scheduler is not None:
        yield from _map_dask(job, items, scheduler)
        return
    if workers <= 1 or len(items) <= 1:
        for item in items:
            yield job(item)
        return
    with ProcessPoolExecutor(max_workers=min(workers, len(items))) as pool:
        yield from pool.map(job, items, chunksize=_chunk_size(len(items), workers))
