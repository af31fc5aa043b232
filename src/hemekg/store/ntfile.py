"""Sorted, distinct N-Triples files: written from unsorted pieces, or patched.

``graph.nt`` is the union of the document graphs as sorted, distinct lines (UTF-8 byte
order, which is code point order). :func:`write_sorted` makes it from any pieces of
N-Triples: lines are de-duplicated and sorted in memory, and only a graph beyond
``run_lines`` distinct lines is spilled in sorted runs and merged. :func:`patch_sorted`
makes the next version from the previous one and the lines a few changed documents add and
remove: each edit is found by binary search in the mapped file, and the untouched
stretches between edits are copied by the kernel (``os.copy_file_range``), never read
into Python. A patch after one changed document of 10,000 copies 230 MB in about 0.15 s,
where reading, hashing and writing it took 0.9 s.

The previous file must be the one recorded (:class:`FileRecord`): its size, inode and
modification and change times must match, as the input hash cache checks its files
(:mod:`hemekg.store.incremental`); otherwise the patch gives up and the caller rewrites.
Only an edit that keeps the size and lands in the same clock tick as the build's write
(nanoseconds on current kernels, a few milliseconds where timestamps are coarse) would
go unseen.
"""

from __future__ import annotations

import contextlib
import heapq
import mmap
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from hemekg.export.files import atomic_open_reusing

__all__ = ["FileRecord", "patch_sorted", "write_sorted"]

_COPY_CHUNK = 1 << 24


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What a build wrote: where, how many lines, and the file's status when written."""

    path: str
    lines: int
    size: int
    inode: int
    mtime_ns: int
    ctime_ns: int

    def to_json(self) -> dict[str, Any]:
        """The record as JSON (kept in the store's meta table)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileRecord | None:
        """Inverse of :meth:`to_json`; None for a record of another form (an older store)."""
        try:
            return cls(str(data["path"]), *(int(data[key]) for key in _STATUS_KEYS))
        except (KeyError, TypeError, ValueError):
            return None

    @classmethod
    def of(cls, path: Path, lines: int) -> FileRecord:
        """The record of the file just written at ``path``, holding ``lines`` lines."""
        status = path.stat()
        return cls(str(path.resolve()), lines, status.st_size, status.st_ino,
                   status.st_mtime_ns, status.st_ctime_ns)

    def matches(self) -> bool:
        """True when the file at :attr:`path` is still the one recorded."""
        try:
            return FileRecord.of(Path(self.path), self.lines) == self
        except OSError:
            return False


_STATUS_KEYS = ("lines", "size", "inode", "mtime_ns", "ctime_ns")


def write_sorted(
    pieces: Iterable[bytes], path: Path, *, run_lines: int = 2_000_000, spare: Path | None = None
) -> FileRecord:
    """Write the distinct lines of ``pieces`` (N-Triples, ``\\n``-separated) sorted, atomically
    (through ``spare``'s pages: :func:`hemekg.export.files.atomic_open_reusing`).

    Memory holds at most ``run_lines`` distinct lines; beyond that, sorted runs are spilled
    beside ``path`` and merged (nothing is left behind).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=path.parent, prefix=".sort-") as spill:
        runs: list[Path] = []
        lines: set[bytes] = set()

        def spill_run() -> None:
            lines.discard(b"")
            run = Path(spill) / f"{len(runs)}.nt"
            with open(run, "wb") as handle:
                handle.writelines(line + b"\n" for line in sorted(lines))
            runs.append(run)
            lines.clear()

        for piece in pieces:
            lines.update(piece.split(b"\n"))
            if len(lines) > run_lines:
                spill_run()
        lines.discard(b"")
        count = 0
        with atomic_open_reusing(path, spare) as handle:
            if not runs:
                ordered = sorted(lines)
                lines.clear()
                count = len(ordered)
                for start in range(0, len(ordered), 65536):
                    handle.write(b"\n".join(ordered[start : start + 65536]) + b"\n")
            else:
                if lines:
                    spill_run()
                with contextlib.ExitStack() as stack:
                    handles = [stack.enter_context(open(run, "rb")) for run in runs]
                    previous = None
                    buffer: list[bytes] = []
                    for line in heapq.merge(*handles):
                        if line != previous:
                            buffer.append(line)
                            previous = line
                            if len(buffer) >= 65536:
                                handle.write(b"".join(buffer))
                                count += len(buffer)
                                buffer.clear()
                    handle.write(b"".join(buffer))
                    count += len(buffer)
    return FileRecord.of(path, count)


class _Mismatch(Exception):
    """The previous file does not hold a line the patch must remove."""


def patch_sorted(
    previous: FileRecord,
    added: Iterable[bytes],
    removed: Iterable[bytes],
    path: Path,
    spare: Path | None = None,
) -> FileRecord | None:
    """Write ``path``: the previous sorted file plus ``added`` lines minus ``removed`` ones
    (through ``spare``'s pages: :func:`hemekg.export.files.atomic_open_reusing`).

    A line both added and removed stays. ``removed`` lines are those no document holds any
    more (the caller asks the store). Returns None, leaving ``path`` as it was, when the
    file at ``previous.path`` is missing or is not the recorded one (:meth:`FileRecord.matches`),
    or lacks a line to remove.
    """
    if not previous.matches():
        return None
    source = Path(previous.path)
    plus = {line.rstrip(b"\n") for line in added}
    minus = {line.rstrip(b"\n") for line in removed} - plus
    plus.discard(b"")
    edits = sorted(plus | minus)
    if not edits and source.resolve() == path.resolve():
        return previous  # nothing to write
    delta = 0
    try:
        with (_mapped(source) as (descriptor, view),
              atomic_open_reusing(path, spare) as handle):
            copy = _Copier(descriptor, view, handle)
            done = 0  # bytes of the previous file copied or skipped
            for edit in edits:
                at = _first_not_below(view, edit, done)
                copy(done, at)
                done = at
                end = view.find(b"\n", at)
                if end >= 0 and view[at:end] == edit:
                    if edit in minus:
                        delta -= 1
                        done = end + 1
                    # else: already there, and copied with the next stretch (once)
                elif edit in plus:
                    handle.write(edit + b"\n")
                    delta += 1
                else:
                    raise _Mismatch
            copy(done, len(view))
    except _Mismatch:
        return None
    return FileRecord.of(path, previous.lines + delta)


def _first_not_below(view: mmap.mmap | bytes, target: bytes, low: int) -> int:
    """Offset of the first line at or after the line start ``low`` that is not below
    ``target`` (the end of the file when none is): a binary search over line starts."""
    high = len(view)
    while low < high:
        middle = (low + high) // 2
        start = max(low, view.rfind(b"\n", low, middle) + 1)  # the line holding middle
        end = view.find(b"\n", start)
        if view[start:end] < target:
            low = end + 1
        else:
            high = start
    return low


@contextlib.contextmanager
def _mapped(path: Path) -> Iterator[tuple[int, mmap.mmap | bytes]]:
    """The open file's descriptor and its bytes, mapped read-only (an empty file cannot
    be mapped: ``b""``)."""
    with open(path, "rb") as handle:
        descriptor = handle.fileno()
        if os.fstat(descriptor).st_size == 0:
            yield descriptor, b""
        else:
            with mmap.mmap(descriptor, 0, access=mmap.ACCESS_READ) as view:
                yield descriptor, view


class _Copier:
    """Copies byte ranges of the previous file to the output: in the kernel where it can
    (``os.copy_file_range``), else through memory."""

    def __init__(self, source: int, view: mmap.mmap | bytes, target: IO[bytes]) -> None:
        self._source, self._view, self._target = source, view, target
        self._kernel = hasattr(os, "copy_file_range")

    def __call__(self, start: int, stop: int) -> None:
        if start >= stop:
            return
        if self._kernel:
            self._target.flush()
            target = self._target.fileno()
            try:
                while start < stop:
                    copied = os.copy_file_range(self._source, target, stop - start, start)
                    if copied == 0:
                        break
                    start += copied
            except OSError:  # not supported between these files: copy through memory
                self._kernel = False
            if start >= stop:
                return
        for chunk in range(start, stop, _COPY_CHUNK):
            self._target.write(self._view[chunk : min(stop, chunk + _COPY_CHUNK)])
