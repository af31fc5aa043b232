"""Expanding the paths a user gives into the documents to read.

Folders are walked recursively in sorted order; hidden files and folders (name starting
with ``.``) are skipped; symbolic links are followed, but a link back to a folder being
walked (a loop) is reported, not followed. Problems (missing path, broken link, loop,
unreadable folder or file, pipe) come back as :class:`ReadError` items, so a build can
go on with the other documents and list what it skipped.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from hemekg.errors import ReadError

__all__ = ["IGNORED_SUFFIXES", "iter_document_paths"]

#: web-page assets saved next to documents: never documents, skipped silently in folders.
IGNORED_SUFFIXES = frozenset(
    {
        ".css",
        ".js",
        ".mjs",
        ".map",
        ".png",
        ".jpg",
        ".jpeg",
        ".gif",
        ".svg",
        ".ico",
        ".webp",
        ".bmp",
        ".woff",
        ".woff2",
        ".ttf",
        ".otf",
        ".eot",
        ".pyc",
    }
)


def _check_file(path: Path, info: os.stat_result) -> ReadError | None:
    if not stat.S_ISREG(info.st_mode):
        return ReadError("not a regular file (device, pipe or socket)", path)
    if not os.access(path, os.R_OK):
        return ReadError("permission denied", path)
    return None


def _walk(folder: Path, ancestors: frozenset[tuple[int, int]]) -> Iterator[Path | ReadError]:
    try:
        with os.scandir(folder) as entries:
            names = sorted(entry.name for entry in entries)
    except PermissionError:
        yield ReadError("permission denied (folder)", folder)
        return
    except OSError as error:
        yield ReadError(f"cannot list folder: {error.strerror or error}", folder)
        return
    for name in names:
        if name.startswith("."):
            continue
        path = folder / name
        try:
            info = path.stat()
        except FileNotFoundError:
            yield ReadError("broken symbolic link", path)
            continue
        except OSError as error:
            if error.errno == 40:  # ELOOP: a link that points at itself
                yield ReadError("symbolic link loop", path)
            else:
                yield ReadError(f"cannot access: {error.strerror or error}", path)
            continue
        if stat.S_ISDIR(info.st_mode):
            key = (info.st_dev, info.st_ino)
            if key in ancestors:
                yield ReadError("symbolic link loop (points back to an enclosing folder)", path)
                continue
            yield from _walk(path, ancestors | {key})
            continue
        if path.suffix.lower() in IGNORED_SUFFIXES:
            continue
        problem = _check_file(path, info)
        yield path if problem is None else problem


def iter_document_paths(paths: Iterable[Path]) -> Iterator[Path | ReadError]:
    """Files to read under ``paths``, in order; problems as :class:`ReadError` items.

    A file named explicitly is always yielded (even hidden or with an asset suffix);
    :func:`hemekg.read.read_document` then decides whether it is a document.

    >>> list(iter_document_paths([Path("no/such/file.txt")]))[0].message
    'no such file or folder'
    """
    for given in paths:
        path = Path(given)
        try:
            info = path.stat()
        except FileNotFoundError:
            message = "broken symbolic link" if path.is_symlink() else "no such file or folder"
            yield ReadError(message, path)
            continue
        except OSError as error:
            if error.errno == 40:
                yield ReadError("symbolic link loop", path)
            else:
                yield ReadError(f"cannot access: {error.strerror or error}", path)
            continue
        if stat.S_ISDIR(info.st_mode):
            yield from _walk(path, frozenset({(info.st_dev, info.st_ino)}))
            continue
        problem = _check_file(path, info)
        yield path if problem is None else problem
