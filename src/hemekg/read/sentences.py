"""Sentence splitting with character offsets into a block's clean text.

A boundary is ``.``, ``!`` or ``?`` (with any closing quotes or brackets) followed by white
space and a capital letter, digit or opening quote/bracket. It is not a boundary after a
known abbreviation (``e.g.``, ``Dr.``), after dotted initials (``U.S.``, ``A.D.A.M.``), after
a single capital initial (``J. Smith``), or inside parentheses (``(see Fig. 2. Left)``).
Decimals (``2.5``) never match because no space follows the point. ``etc.`` ends a
sentence only when a capitalised word follows, which is the usual reading.
"""

# ruff: noqa: RUF001  (typographic quotes, dashes and arrows are matched on purpose)

from __future__ import annotations

import re

__all__ = ["ABBREVIATIONS", "split_sentences"]

#: lower-cased abbreviations (without their final point) after which no sentence ends.
ABBREVIATIONS = frozenset(
    {
        "e.g",
        "i.e",
        "cf",
        "vs",
        "viz",
        "approx",
        "ca",
        "al",
        "fig",
        "figs",
        "vol",
        "p",
        "pp",
        "ed",
        "eds",
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "jr",
        "sr",
        "inc",
        "ltd",
        "co",
        "corp",
        "dept",
        "univ",
        "mt",
        "ft",
        "sq",
        "resp",
        "incl",
        "esp",
        "sec",
        "ch",
        "chap",
        "op",
        "cit",
        "ibid",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "ph.d",
        "m.d",
        "b.sc",
        "m.sc",
        "a.m",
        "p.m",
        "u.s",
        "u.k",
        "u.s.a",
        "e.u",
    }
)

_CANDIDATE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9À-ÖØ-Þ])")
_WORD_BEFORE = re.compile(r"(\S+)$")
_DOTTED = re.compile(r"(?:[A-Za-z]\.){2,}[A-Za-z]?")


def _is_abbreviation(text: str, stop: int) -> bool:
    """True when the point at ``stop`` closes an abbreviation, not a sentence."""
    if text[stop] != ".":
        return False
    match = _WORD_BEFORE.search(text, max(0, stop - 24), stop)
    if match is None:
        return False
    word = match.group(1).lstrip("([\"'“‘")
    if not word:
        return False
    lowered = word.lower()
    if lowered in ABBREVIATIONS:
        return True
    if len(word) == 1 and word.isupper():  # an initial: "J. Smith"
        return True
    return _DOTTED.fullmatch(word + ".") is not None


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Spans ``(start, end)`` of the sentences of ``text`` (stripped of outer space).

    >>> text = "Leukemia (ALL) is common, e.g. in children. It starts in the marrow."
    >>> [text[a:b] for a, b in split_sentences(text)]
    ['Leukemia (ALL) is common, e.g. in children.', 'It starts in the marrow.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    size = len(text)
    while start < size and text[start].isspace():
        start += 1
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        if end <= start:
            continue
        if _is_abbreviation(text, match.start()):
            continue
        # Inside parentheses opened in this sentence (and closed within reach): no break.
        if text.count("(", start, end) > text.count(")", start, end):
            close = text.find(")", end, end + 300)
            if close >= 0:
                continue
        spans.append((start, end))
        start = end
        while start < size and text[start].isspace():
            start += 1
    stop = size
    while stop > start and text[stop - 1].isspace():
        stop -= 1
    if stop > start:
        spans.append((start, stop))
    return spans
