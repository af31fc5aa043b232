"""Sorted, distinct N-Triples files: written from unsorted pieces, or patched.

``graph.nt`` is the union of the document graphs as sorted, distinct lines (UTF-8 byte
order, which is code point order). :func:`write_sorted` makes it from any pieces of
N-Triples: lines are de-duplicated and sorted in memory, and only a graph beyond
``run_lines`` distinct lines is spilled in sorted runs and merged. :func:`patch_sorted`
makes the next version from the previous one and the lines a few changed documents add and
remove, in one streaming pass: the untouched stretches between edits are copied as whole
blocks. The previous file must be the one recorded (:class:`FileRecord`: size and
SHA-256, checked while streaming); otherwise the patch gives up and the caller rewrites.
"""

from __future__ import annotations

import contextlib
import hashlib
import heapq
import tempfile
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import IO, Any

from hemekg.export.files import atomic_open

__all__ = ["FileRecord", "patch_sorted", "write_sorted"]

_BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class FileRecord:
    """What a build wrote: where, how many lines, and the bytes' size and SHA-256."""

    path: str
    lines: int
    size: int
    sha256: str

    def to_json(self) -> dict[str, Any]:
        """The record as JSON (kept in the store's meta table)."""
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FileRecord:
        """Inverse of :meth:`to_json`."""
        return cls(str(data["path"]), int(data["lines"]), int(data["size"]), str(data["sha256"]))


class _Output:
    """Sizes and hashes what goes into the output file, and counts its lines (or, in a
    patch, the lines gained and lost)."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()
        self.lines = self.size = 0

    def write(self, data: bytes, lines: int) -> None:
        self.handle.write(data)
        self.digest.update(data)
        self.lines += lines
        self.size += len(data)

    def record(self, path: Path) -> FileRecord:
        return FileRecord(str(path.resolve()), self.lines, self.size, self.digest.hexdigest())


def write_sorted(
    pieces: Iterable[bytes], path: Path, *, run_lines: int = 2_000_000
) -> FileRecord:
    """Write the distinct lines of ``pieces`` (N-Triples, ``\\n``-separated) sorted, atomically.

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
        with atomic_open(path, "wb") as handle:
            out = _Output(handle)
            if not runs:
                ordered = sorted(lines)
                lines.clear()
                for start in range(0, len(ordered), 65536):
                    block = ordered[start : start + 65536]
                    out.write(b"\n".join(block) + b"\n", len(block))
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
                                out.write(b"".join(buffer), len(buffer))
                                buffer.clear()
                    out.write(b"".join(buffer), len(buffer))
    return out.record(path)


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


class _Mismatch(Exception):
    """The previous file is not the recorded one."""


def patch_sorted(
    previous: FileRecord,
    added: Iterable[bytes],
    removed: Iterable[bytes],
    path: Path,
) -> FileRecord | None:
    """Write ``path``: the previous sorted file plus ``added`` lines minus ``removed`` ones.

    A line both added and removed stays. ``removed`` lines are those no document holds any
    more (the caller asks the store). Returns None, leaving ``path`` as it was, when the
    file at ``previous.path`` is missing or is not byte for byte the recorded one (size
    and SHA-256 are checked while streaming; a file edited by hand is caught).
    """
    source = Path(previous.path)
    try:
        if source.stat().st_size != previous.size:
            return None
    except OSError:
        return None
    plus = {line.rstrip(b"\n") for line in added}
    minus = {line.rstrip(b"\n") for line in removed} - plus
    plus.discard(b"")
    edits = sorted(plus | minus)
    if not edits and source.resolve() == path.resolve():
        return previous if _digest(source) == previous.sha256 else None  # nothing to write
    try:
        with open(source, "rb") as src, atomic_open(path, "wb") as handle:
            out = _Output(handle)
            seen = hashlib.sha256()
            carry = b""
            position = 0  # edits[:position] are done
            while True:
                block = src.read(_BLOCK)
                if not block:
                    break
                seen.update(block)
                data = carry + block
                cut = data.rfind(b"\n") + 1
                carry, data = data[cut:], data[:cut]
                if not data:
                    continue
                last = data[data.rfind(b"\n", 0, len(data) - 1) + 1 : -1]
                if position == len(edits) or edits[position] > last:
                    out.write(data, 0)  # no edit falls in this stretch
                    continue
                position = _merge_block(data, edits, position, plus, minus, out)
            if carry or seen.hexdigest() != previous.sha256:
                raise _Mismatch
            out.lines += previous.lines  # writes so far counted what changed
            tail = edits[position:]
            if not plus.issuperset(tail):
                raise _Mismatch  # a line to remove beyond the end of the file
            if tail:
                out.write(b"".join(line + b"\n" for line in tail), len(tail))
    except _Mismatch:
        return None
    return out.record(path)


def _merge_block(
    data: bytes,
    edits: Sequence[bytes],
    position: int,
    plus: set[bytes],
    minus: set[bytes],
    out: _Output,
) -> int:
    """Merge the sorted lines of ``data`` with ``edits`` from ``position``; return the new
    position. Stretches between edits are written whole."""
    lines = data.split(b"\n")
    lines.pop()  # data ends with a newline
    pending: list[bytes] = []
    index = delta = 0
    while position < len(edits) and edits[position] <= lines[-1]:
        edit = edits[position]
        stop = bisect_right(lines, edit, index)  # lines[index:stop] <= edit
        if stop > index and lines[stop - 1] == edit:
            pending.extend(lines[index : stop - 1])
            if edit in minus:
                delta -= 1
            else:
                pending.append(edit)  # already there (and maybe added again): once
        else:
            pending.extend(lines[index:stop])
            if edit in plus:
                pending.append(edit)
                delta += 1
            elif edit in minus:
                raise _Mismatch  # a line to remove that the file does not hold
        index = stop
        position += 1
    pending.extend(lines[index:])
    if pending:
        out.write(b"\n".join(pending) + b"\n", delta)
    else:
        out.lines += delta
    return position
