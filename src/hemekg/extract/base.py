"""The extractor plug-in interface.

An extractor turns one read :class:`~hemekg.model.Document` into statements. Extractors
are registered by name in :data:`hemekg.extract.EXTRACTORS`, so the build can run a
different or an additional one without code changes elsewhere.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from typing import ClassVar

from hemekg.model import Document, Statement

__all__ = ["Extractor"]


class Extractor(ABC):
    """Turns a document into statements.

    :cvar name: registry name (``hemekg extract --extractor NAME``).
    :cvar version: bumped whenever output for the same input can change, so caches and
        incremental builds know when to re-extract.
    """

    name: ClassVar[str]
    version: ClassVar[str]

    @abstractmethod
    def extract(self, doc: Document) -> Iterator[Statement]:
        """Yield the statements found in ``doc`` (positive and negated ones)."""
