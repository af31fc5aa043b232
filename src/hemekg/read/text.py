"""Plain text: the Markdown-like exports of web pages that make up most corpora.

Plain text gets the Markdown rules (scraped pages keep ``*`` bullets, ``[text](url)``
links and ``#`` headings) plus one of its own: when no heading is marked up at all, a
short standalone line that does not end like a sentence ("What is bone marrow?",
"Leukemia in children") is a heading.
"""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from hemekg.read.markdown import MarkdownReader

__all__ = ["TextReader"]


class TextReader(MarkdownReader):
    """Plain text files (``.txt``, ``.text``) and anything not sniffed as HTML/Markdown."""

    name = "text"
    media_type = "text/plain"
    suffixes: ClassVar[tuple[str, ...]] = (".txt", ".text")
    implicit_headings = True

    @classmethod
    def can_read(cls, path: Path, head: str) -> bool:
        return True
