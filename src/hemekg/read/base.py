"""The reader interface and the block record every reader produces.

A reader turns decoded source text into a stream of :class:`Block` (a heading, a
paragraph, a list item or a metadata line) carrying the block's clean visible text and a
map back to source offsets. Everything after that (boilerplate rules, sentence
splitting, block numbering) is shared: see :mod:`hemekg.read._document`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import ClassVar

from hemekg.model import Document
from hemekg.read._textmap import TextBuilder, TextMap
from hemekg.read.decode import DEFAULT_MAX_BYTES, DecodedText, load_text

__all__ = ["Block", "BlockKind", "Reader", "make_block"]


class BlockKind(StrEnum):
    """Layout role of a block."""

    HEADING = "heading"
    PARAGRAPH = "paragraph"
    ITEM = "item"
    META = "meta"


@dataclass(slots=True)
class Block:
    """One layout block of a document.

    :param kind: heading, paragraph, list item or ``Key: value`` metadata line.
    :param start: source offset where the block's markup starts (for debugging output).
    :param end: source offset where it ends.
    :param text: clean visible text, white space folded.
    :param tmap: clean-text offset -> source offset.
    :param level: heading level (1-6).
    :param list_id: items of one list share it; -1 outside lists.
    :param key: lower-cased key of a metadata line (``description``, ``keywords``).
    :param links: number of hyperlinks in the block.
    :param link_chars: visible characters inside hyperlinks.
    :param url_refs: bare URL references (``[<https://...>]``) that were dropped.
    :param images: images dropped from the block.
    :param lines: source lines the block spans (a one-line paragraph may be a heading).
    """

    kind: BlockKind
    start: int
    end: int
    text: str
    tmap: TextMap
    level: int = 0
    list_id: int = -1
    key: str = ""
    links: int = 0
    link_chars: int = 0
    url_refs: int = 0
    images: int = 0
    lines: int = 1


def make_block(
    kind: BlockKind,
    start: int,
    end: int,
    builder: TextBuilder,
    *,
    level: int = 0,
    list_id: int = -1,
    key: str = "",
    lines: int = 1,
) -> Block:
    """A block from a finished :class:`TextBuilder`."""
    text, tmap = builder.build()
    return Block(
        kind=kind,
        start=start,
        end=end,
        text=text,
        tmap=tmap,
        level=level,
        list_id=list_id,
        key=key,
        links=builder.links,
        link_chars=builder.link_chars,
        url_refs=builder.url_refs,
        images=builder.images,
        lines=lines,
    )


class Reader(ABC):
    """Reads one document format.

    Subclasses set :attr:`name`, :attr:`media_type` and :attr:`suffixes` and implement
    :meth:`iter_blocks`; :meth:`can_read` sniffs a file of unknown suffix from its head.
    """

    name: ClassVar[str]
    media_type: ClassVar[str]
    suffixes: ClassVar[tuple[str, ...]]

    @classmethod
    def can_read(cls, path: Path, head: str) -> bool:
        """True when ``head`` (the first decoded characters) looks like this format."""
        return path.suffix.lower() in cls.suffixes

    @abstractmethod
    def iter_blocks(self, source: str) -> Iterator[Block]:
        """The layout blocks of ``source`` in document order."""

    def title_hint(self) -> str:
        """A title found outside the blocks (HTML ``<title>``), after :meth:`iter_blocks`."""
        return ""

    def read(
        self,
        path: Path,
        *,
        max_bytes: int = DEFAULT_MAX_BYTES,
        decoded: DecodedText | None = None,
    ) -> Document:
        """Read ``path`` into a :class:`Document`.

        :raises ReadError: when the file is not a readable text document.
        """
        from hemekg.read._document import build_document

        if decoded is None:
            decoded = load_text(path, max_bytes)
        return build_document(self, path, decoded)
