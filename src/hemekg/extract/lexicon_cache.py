"""The packaged lexicon's index, kept between processes.

Building the index from ``lexicon.tsv`` takes about 0.3 s, in every process that extracts:
each worker of a build, and every incremental re-build (a tenth of its time at 10,000
documents). The built :class:`~hemekg.extract.lexicon.Lexicon` is pickled into the user's
cache folder (``$XDG_CACHE_HOME/hemekg``, else ``~/.cache/hemekg``; ``HEMEKG_CACHE_DIR``
overrides it) and loaded from there in about 0.1 s.

The file name holds a SHA-256 over the lexicon's bytes, the code that builds and defines
the index (``hemekg/extract/``, ``hemekg/model.py``:
:func:`hemekg.resources.package_digest`) and the Python version, so an upgrade or a
rebuilt lexicon never meets a stale index (and replaces the old file). Only files this
code wrote are read (the cache folder is the user's own); a file that does not load is
ignored and written again, and a folder that cannot be written only costs the speed-up.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from hemekg.resources import package_digest

__all__ = ["cache_dir", "cached_index", "collector_paused"]

T = TypeVar("T")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while an index is built or loaded.

    The lexicon index is about a million small acyclic containers; every collection pass
    while they are created walks all of them again (loading took 40% longer, unpickling
    four times as long).
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def cache_dir() -> Path:
    """Where hemekg keeps caches that any build may rebuild."""
    override = os.environ.get("HEMEKG_CACHE_DIR")
    if override:
        return Path(override)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "hemekg"


def _key(source: Path) -> str:
    digest = hashlib.sha256(sys.version.encode())
    digest.update(package_digest("extract", "model.py").encode())
    digest.update(source.read_bytes())
    return digest.hexdigest()[:32]


def cached_index(source: Path, build: Callable[[], T], expected: type[T]) -> T:
    """The object ``build()`` makes from ``source``, from the cache when it holds the one
    made from these bytes by this code, else built and stored there."""
    target = cache_dir() / f"{source.stem}-{_key(source)}.pickle"
    try:
        with open(target, "rb") as handle, collector_paused():
            found = pickle.load(handle)
        if isinstance(found, expected):
            return found
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError,
            IndexError, TypeError, ValueError):
        pass
    built = build()
    _store(target, built)
    return built


def _store(target: Path, value: object) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
        try:
            with os.fdopen(handle, "wb") as out:
                pickle.dump(value, out, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(name, target)
        except BaseException:
            Path(name).unlink(missing_ok=True)
            raise
        for stale in target.parent.glob(f"{target.name.rsplit('-', 1)[0]}-*.pickle"):
            if stale != target:  # made by an earlier version or from an earlier lexicon
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only or full cache folder: the next process builds the index again
