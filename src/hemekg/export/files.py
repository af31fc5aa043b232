"""Atomic writes: a temporary file in the target folder, then an atomic rename.

A build killed half-way (even with SIGKILL) leaves every previous output intact and
valid: readers see either the old file or the new one, never a truncated mix.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal, overload

from hemekg.errors import ExportError

__all__ = ["atomic_open", "atomic_open_reusing", "atomic_write_bytes", "atomic_write_text"]


@overload
def atomic_open(
    path: Path, mode: Literal["w"] = "w"
) -> contextlib.AbstractContextManager[IO[str]]: ...
@overload
def atomic_open(
    path: Path, mode: Literal["wb"]
) -> contextlib.AbstractContextManager[IO[bytes]]: ...


def atomic_open(
    path: Path, mode: str = "w"
) -> contextlib.AbstractContextManager[IO[str]] | contextlib.AbstractContextManager[IO[bytes]]:
    """Open ``path`` for writing through a temporary sibling renamed into place on success.

    Text mode writes UTF-8 with ``\\n`` line endings. On an exception the temporary file is
    removed and ``path`` is left untouched.

    :raises ExportError: the folder cannot be created or written.
    """
    return _atomic(Path(path), mode)


@contextlib.contextmanager
def _atomic(path: Path, mode: str) -> Iterator[IO[Any]]:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as error:
        raise ExportError(f"cannot write: {error.strerror or error}", path) from error
    tmp = Path(tmp_name)
    try:
        if "b" in mode:
            handle: IO[Any] = os.fdopen(fd, "wb")
        else:
            handle = os.fdopen(fd, "w", encoding="utf-8", newline="\n")
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` atomically and return the path."""
    with atomic_open(path, "w") as handle:
        handle.write(text)
    return path


def atomic_write_bytes(path: Path, data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically and return the path."""
    with atomic_open(path, "wb") as handle:
        handle.write(data)
    return path


@contextlib.contextmanager
def atomic_open_reusing(path: Path, spare: Path | None) -> Iterator[IO[bytes]]:
    """Like ``atomic_open(path, "wb")``, but the bytes go into ``spare``, a file the
    previous call left, whose pages the kernel already holds; on success they replace
    ``path`` and the old ``path`` becomes the spare (``spare`` None: plain
    :func:`atomic_open`).

    Why: a virtual machine that hands freed memory back to its host (free page reporting)
    faults in every page of a new file afresh. Writing a new 235 MB ``graph.nt`` took
    0.8-1.3 s of kernel time 5-20 s after the last build; overwriting a cached file of
    that size took 0.05 s. The spare's bytes are never read. It is written into only when
    nothing else names it (a hard link a user made keeps its bytes) and it is on the file
    system of ``path`` (the swap is two renames).
    """
    if spare is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            spare.parent.mkdir(parents=True, exist_ok=True)
            if os.stat(path.parent).st_dev != os.stat(spare.parent).st_dev:
                spare = None
        except OSError as error:
            raise ExportError(f"cannot write: {error.strerror or error}", path) from error
    if spare is None:
        with atomic_open(path, "wb") as handle:
            yield handle
        return
    reusable = _unshared(spare)
    try:
        if not reusable:
            spare.unlink(missing_ok=True)  # another name keeps those bytes
        handle = open(spare, "r+b" if reusable else "wb")  # noqa: SIM115 - closed below
    except OSError as error:
        raise ExportError(f"cannot write: {error.strerror or error}", spare) from error
    previous = spare.with_name(spare.name + ".previous")
    try:
        with handle:
            yield handle
            handle.truncate()
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(spare, 0o644)
        previous.unlink(missing_ok=True)
        try:
            os.link(path, previous)  # the old file stays, as the next spare
            kept = True
        except OSError:  # no old file, or no hard links here
            kept = False
        os.replace(spare, path)
        if kept:
            os.replace(previous, spare)
    except BaseException:
        spare.unlink(missing_ok=True)
        raise


def _unshared(path: Path) -> bool:
    """Whether ``path`` is a regular file that no other name links to."""
    try:
        status = os.stat(path, follow_symlinks=False)
    except OSError:
        return False
    return stat.S_ISREG(status.st_mode) and status.st_nlink == 1
