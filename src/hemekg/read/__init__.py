"""The READ stage: a file in, a :class:`~hemekg.model.Document` out.

:func:`read_document` picks a reader from the :data:`READERS` table by suffix, or by the
first characters when the suffix is unknown; :func:`iter_document_paths` expands folders;
:func:`explain` tells what was dropped as boilerplate and why. Every bad input raises
:class:`~hemekg.errors.ReadError` naming the file. The rules are in ``README.md`` here.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hemekg.model import Document
from hemekg.read._document import Dropped, build_document
from hemekg.read.base import Reader
from hemekg.read.decode import DEFAULT_MAX_BYTES, DecodedText, load_text
from hemekg.read.html import HtmlReader
from hemekg.read.markdown import MarkdownReader
from hemekg.read.paths import iter_document_paths
from hemekg.read.text import TextReader

__all__ = [
    "DEFAULT_MAX_BYTES",
    "READERS",
    "Dropped",
    "ReadReport",
    "Reader",
    "explain",
    "iter_document_paths",
    "read_document",
    "reader_for",
]

#: reader name -> class; sniffing tries them in this order (text last: it takes anything).
READERS: dict[str, type[Reader]] = {
    "html": HtmlReader,
    "markdown": MarkdownReader,
    "text": TextReader,
}

_HEAD_CHARS = 4096


@dataclass(frozen=True, slots=True)
class ReadReport:
    """What :func:`explain` found: the document, its reader, decoding and drops."""

    document: Document
    reader: str
    encoding: str
    repaired_lines: int
    dropped: tuple[Dropped, ...]

    def __str__(self) -> str:
        lines = [
            f"{self.document.path}: reader={self.reader} encoding={self.encoding} "
            f"repaired_lines={self.repaired_lines} sentences={len(self.document.sentences)} "
            f"dropped={len(self.dropped)}"
        ]
        lines.extend(f"  drop {item}" for item in self.dropped)
        return "\n".join(lines)


def reader_for(path: Path, head: str) -> type[Reader]:
    """The reader for ``path``: by suffix first, else by sniffing ``head``.

    A ``.txt`` file that is really an HTML page is read as HTML.
    """
    suffix = path.suffix.lower()
    for reader in READERS.values():
        if suffix in reader.suffixes:
            if reader is TextReader and HtmlReader.can_read(Path("sniff"), head):
                return HtmlReader
            return reader
    for reader in READERS.values():
        if reader.can_read(Path("sniff"), head):
            return reader
    return TextReader


def _prepare(path: Path | str, max_bytes: int) -> tuple[Path, DecodedText, Reader]:
    path = Path(path)
    decoded = load_text(path, max_bytes)
    reader = reader_for(path, decoded.text[:_HEAD_CHARS])()
    return path, decoded, reader


def read_document(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one document.

    :param path: a text, Markdown or HTML file (other suffixes are sniffed).
    :param max_bytes: larger files are refused.
    :returns: the document with its mined sentences (boilerplate removed).
    :raises ReadError: missing, folder, unreadable, empty, binary, undecodable, too large.
    """
    path, decoded, reader = _prepare(path, max_bytes)
    return build_document(reader, path, decoded)


def explain(path: Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> ReadReport:
    """Read one document and keep the list of what was dropped and why (for debugging).

    ``print(explain(path))`` shows one line per dropped block: offsets, rule, text.
    """
    path, decoded, reader = _prepare(path, max_bytes)
    log: list[Dropped] = []
    document = build_document(reader, path, decoded, log)
    return ReadReport(
        document=document,
        reader=reader.name,
        encoding=decoded.encoding,
        repaired_lines=decoded.repaired_lines,
        dropped=tuple(log),
    )
