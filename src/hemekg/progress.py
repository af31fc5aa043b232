"""A progress bar for long builds: documents done, documents/s, time left.

:func:`build_progress` is a context manager giving the ``on_result`` callback that
:func:`hemekg.pipeline.build` calls once per document. The bar is drawn by rich on
stderr, and only when stderr is a terminal and the user did not ask for ``--quiet``:
logs, pipes and CI output stay clean.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import IO, Any

from hemekg.pipeline import DocumentResult

__all__ = ["ProgressCallback", "build_progress", "count_documents", "should_show"]

ProgressCallback = Callable[[DocumentResult], None]


def should_show(*, quiet: bool, stream: IO[str] | None = None) -> bool:
    """Draw a bar only for a person watching: not quiet, and the stream is a terminal."""
    stream = stream if stream is not None else sys.stderr
    return not quiet and bool(getattr(stream, "isatty", lambda: False)())


def count_documents(paths: Sequence[Path]) -> int | None:
    """How many files the build will read (the bar's total); None when it cannot tell."""
    try:
        from hemekg.read import iter_document_paths
    except ImportError:
        return None
    return sum(1 for item in iter_document_paths(paths) if isinstance(item, Path))


def _noop(result: DocumentResult) -> None:
    return None


@contextlib.contextmanager
def build_progress(
    total: int | None,
    *,
    quiet: bool = False,
    stream: IO[str] | None = None,
    force: bool = False,
    description: str = "extracting",
) -> Iterator[ProgressCallback]:
    """Show a bar while the block runs; yield the per-document callback.

    :param total: number of documents expected (None: an open-ended counter).
    :param quiet: the user asked for quiet output: no bar at all.
    :param stream: where to draw (default stderr).
    :param force: draw even when ``stream`` is not a terminal (tests, notebooks).
    :returns: a callback counting each finished document (and its failures).
    """
    stream = stream if stream is not None else sys.stderr
    if quiet or not (force or should_show(quiet=quiet, stream=stream)):
        yield _noop
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TaskProgressColumn,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    console = Console(file=stream, force_terminal=force or None)
    columns: list[Any] = [
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TextColumn("{task.fields[rate]} docs/s"),
        TextColumn("{task.fields[failed]} failed"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ]
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task(description, total=total, rate="-", failed=0)
        failed = 0

        def on_result(result: DocumentResult) -> None:
            nonlocal failed
            failed += result.error is not None
            progress.advance(task)
            speed = progress.tasks[task].speed
            progress.update(task, rate=f"{speed:.1f}" if speed else "-", failed=failed)

        yield on_result
