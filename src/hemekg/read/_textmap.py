"""Visible text of one block with a map back to source offsets.

Readers add pieces of the decoded source (verbatim spans, or replacement text such as an
HTML entity standing for a longer span); white space is folded to single spaces as the
text is built. The map is a short list of segments, not one integer per character, so a
huge paragraph costs a few machine words per source line rather than per character.
"""

from __future__ import annotations

import re
from bisect import bisect_right

__all__ = ["TextBuilder", "TextMap"]

#: a run of words separated by single plain spaces: copied as one verbatim segment.
_RUN = re.compile(r"\S+(?: \S+)*")
_CLOSING = frozenset(".,;:!?)]")


class TextMap:
    """Maps offsets of a block's clean text to offsets in the document source."""

    __slots__ = ("_clean", "_end", "_src", "_verbatim")

    def __init__(
        self, clean: list[int], src: list[int], end: list[int], verbatim: list[bool]
    ) -> None:
        self._clean = clean
        self._src = src
        self._end = end
        self._verbatim = verbatim

    def start(self, index: int) -> int:
        """Source offset of the clean character at ``index``."""
        i = bisect_right(self._clean, index) - 1
        if self._verbatim[i]:
            return self._src[i] + index - self._clean[i]
        return self._src[i]

    def end(self, index: int) -> int:
        """Source offset just past the clean character at ``index - 1``."""
        i = bisect_right(self._clean, index - 1) - 1
        if self._verbatim[i]:
            return self._src[i] + index - self._clean[i]
        return self._end[i]


class TextBuilder:
    """Accumulates the visible text of one block and its offset map.

    Besides the text it counts what boilerplate rules need to know about the block:
    links (and how much of the text they cover), bare URL references and images.
    """

    __slots__ = (
        "_after_drop",
        "_clean",
        "_end",
        "_length",
        "_parts",
        "_pending_space",
        "_src",
        "_verbatim",
        "images",
        "link_chars",
        "links",
        "url_refs",
    )

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._clean: list[int] = []
        self._src: list[int] = []
        self._end: list[int] = []
        self._verbatim: list[bool] = []
        self._length = 0
        self._pending_space = False
        self._after_drop = False
        self.links = 0
        self.link_chars = 0
        self.url_refs = 0
        self.images = 0

    def __len__(self) -> int:
        return self._length

    def _push(self, text: str, start: int, end: int, verbatim: bool) -> None:
        if self._after_drop and text[0] in _CLOSING:
            # "stem cells [<url>] ." -> "stem cells." : the space only framed the URL.
            self._pending_space = False
        self._after_drop = False
        if self._pending_space and self._length:
            self._parts.append(" ")
            self._clean.append(self._length)
            self._src.append(start)
            self._end.append(start)
            self._verbatim.append(False)
            self._length += 1
        self._pending_space = False
        self._parts.append(text)
        self._clean.append(self._length)
        self._src.append(start)
        self._end.append(end)
        self._verbatim.append(verbatim)
        self._length += len(text)

    def add(self, source: str, start: int, end: int) -> None:
        """Add ``source[start:end]`` as visible text, folding its white space."""
        if start >= end:
            return
        chunk = source[start:end]
        if not chunk[0].isspace() and not chunk[-1].isspace() and _RUN.fullmatch(chunk):
            self._push(chunk, start, end, True)
            return
        pos = 0
        for match in _RUN.finditer(chunk):
            if match.start() > pos:
                self._pending_space = True
            self._push(match.group(), start + match.start(), start + match.end(), True)
            pos = match.end()
        if pos < len(chunk):
            self._pending_space = True

    def add_replacement(self, text: str, start: int, end: int) -> None:
        """Add ``text`` standing for the whole span ``source[start:end]`` (an entity)."""
        if not text:
            return
        if text.isspace():
            self._pending_space = True
            return
        self._push(text, start, end, False)

    def dropped(self) -> None:
        """Note that markup was dropped here (a URL, an image): a following punctuation
        mark then attaches to the word before it."""
        self._pending_space = True
        self._after_drop = True

    def space(self) -> None:
        """Ask for a word break before the next text (a ``<br>``, a line join)."""
        self._pending_space = True

    def build(self) -> tuple[str, TextMap]:
        """The folded text (no leading or trailing space) and its offset map."""
        return "".join(self._parts), TextMap(self._clean, self._src, self._end, self._verbatim)
