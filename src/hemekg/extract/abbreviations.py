"""Abbreviations a document defines, so they resolve in the rest of it.

Two patterns are recognised, following Schwartz & Hearst, "A simple algorithm for
identifying abbreviation definitions in biomedical text" (PSB 2003):

* ``long form (ABBR)``: "acute myeloid leukemia (AML)", "white blood cells (WBCs)";
* ``ABBR (long form)``: "AML (acute myeloid leukemia)".

The long form is the shortest run of words before the parenthesis in which the
characters of the abbreviation occur in order, right to left, with its first character
starting a word (the Schwartz-Hearst rule). The long form is then grounded with the
lexicon; a definition whose long form names no known entity is ignored.

>>> from hemekg.extract.lexicon import default_lexicon
>>> found = find_abbreviations(["Acute myelogenous leukemia (AML) is common."], default_lexicon())
>>> found["AML"].id
'DOID:9119'
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Final

from hemekg.extract.lexicon import Lexicon
from hemekg.model import Entity

__all__ = [
    "find_abbreviations",
    "find_definitions",
    "long_form_for",
]

_PAREN: Final = re.compile(r"\(\s*([^()]{1,80}?)\s*\)")
_WORD: Final = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
_SHORT_FORM: Final = re.compile(r"^[A-Za-z0-9][\w\-/+]{0,9}$")


def _is_short_form(candidate: str) -> bool:
    """2-10 characters, one word, at least one capital and one letter (Schwartz-Hearst)."""
    return (
        2 <= len(candidate) <= 10
        and bool(_SHORT_FORM.match(candidate))
        and any(c.isupper() for c in candidate)
    )


def long_form_for(short: str, words: list[str]) -> int | None:
    """Index of the first word of the shortest long form of ``short`` ending ``words``.

    Characters of ``short`` (a plural "s" ignored) are matched right to left in the
    words; its first character must start a word.

    >>> long_form_for("WBCs", "high counts of white blood cells".split())
    3
    """
    letters = [c.lower() for c in (short[:-1] if short.endswith("s") else short) if c.isalnum()]
    if not letters:
        return None
    text = " ".join(words).lower()
    s_index = len(letters) - 1
    l_index = len(text) - 1
    while s_index >= 0:
        char = letters[s_index]
        while l_index >= 0 and (
            text[l_index] != char or (s_index == 0 and l_index > 0 and text[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start_char = l_index + 1
    # the word that contains start_char
    position = 0
    for index, word in enumerate(words):
        if position <= start_char < position + len(word) + 1:
            return index
        position += len(word) + 1
    return None


def find_definitions(text: str) -> list[tuple[str, str]]:
    """``(short form, long form)`` pairs defined in ``text``, in order."""
    found: list[tuple[str, str]] = []
    for match in _PAREN.finditer(text):
        inside = match.group(1).strip()
        before = text[max(0, match.start() - 300) : match.start()]  # a long form is short
        # the clause before the parenthesis: stop at sentence or clause punctuation
        clause = re.split(r"[.;:!?()\[\]]\s", before)[-1]
        words = _WORD.findall(clause)
        if _is_short_form(inside) and words:
            limit = min(len(inside) + 5, len(inside) * 2)
            window = words[-limit:]
            start = long_form_for(inside, window)
            if start is not None:
                long_form = " ".join(window[start:])
                if len(long_form) > len(inside):
                    found.append((inside, long_form))
            continue
        # "ABBR (long form)"
        if words and _is_short_form(words[-1]) and words[-1].upper() == words[-1]:
            inner_words = _WORD.findall(inside)
            if inner_words and long_form_for(words[-1], inner_words) == 0:
                found.append((words[-1], " ".join(inner_words)))
    return found


def _ground(long_form: str, lexicon: Lexicon) -> Entity | None:
    """The entity a long form names: a whole look-up, else its last mention (e.g. the
    long form "diagnosed with acute myeloid leukemia" ends in the disease's name)."""
    from hemekg.extract.entities import find_mentions

    hits = lexicon.lookup(long_form)
    if hits:
        return hits[0]
    mentions = find_mentions(long_form, lexicon)
    # accept a mention that covers the long form's last words and most of its characters
    if (
        mentions
        and mentions[-1].end == len(long_form)
        and (mentions[-1].end - mentions[-1].start) * 2 >= len(long_form)
    ):
        return mentions[-1].entity
    return None


def find_abbreviations(texts: Iterable[str], lexicon: Lexicon) -> dict[str, Entity]:
    """Abbreviations defined in ``texts`` (a document's sentences), as written -> entity.

    The first definition of an abbreviation wins. A plural form ("WBCs") is also
    entered under its singular ("WBC").

    :param texts: the texts to scan, in document order.
    :param lexicon: grounds the long forms.
    """
    defined: dict[str, Entity] = {}
    for text in texts:
        if "(" not in text:
            continue
        for short, long_form in find_definitions(text):
            if short in defined:
                continue
            entity = _ground(long_form, lexicon)
            if entity is None:
                continue
            defined[short] = entity
            if short.endswith("s") and short[:-1].isupper():
                defined.setdefault(short[:-1], entity)
    return defined
