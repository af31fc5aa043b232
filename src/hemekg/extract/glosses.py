"""Plain-language glosses in parentheses: "blood stem cells (immature cells)".

Patient pages follow a cell or test name with a lay restatement in parentheses ("an
echocardiogram (a scan of your heart)", "blood stem cells (immature cells)"). The gloss
names the same thing in looser words; when the lexicon grounds it to a different, broader
entity ("imaging tests", "blast"), every cue rule would state a second, wrong relation
with it. A gloss of a cell or test name is therefore dropped from the sentence's spans.

A parenthesis that classifies ("lymphocytes (a type of white blood cell)") or gives
examples is no gloss, nor one classified right after the parenthesis ("B cells
(lymphocytes), a type of white blood cell"): the taxonomy rules read them.
Abbreviations ("(FBC)") are kept: the abbreviation rules own them.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from hemekg.extract.context import Span
from hemekg.model import EntityType

#: Types whose parenthesised restatements are glosses (objects of affects / produces /
#: diagnosedBy); disease and symptom parentheses often name a different, real entity.
_GLOSSED_TYPES: Final = frozenset({EntityType.CELL_TYPE, EntityType.DIAGNOSTIC_PROCEDURE})

#: The opening of the parenthesis right after the glossed name.
_OPEN: Final = re.compile(r"\s*\(")

#: Parenthesis contents that classify or list rather than restate.
_NOT_GLOSS: Final = re.compile(
    r"\b(?:type|types|kind|kinds|form|forms|group|sort|part)\s+of\b|\bcalled\b|\bsuch\s+as\b"
    r"|\bincluding\b|\be\.g\.|\bor\b|\band\b|,",
    re.IGNORECASE,
)


#: "B cells (lymphocytes), a type of white blood cell": the gloss is itself classified.
_CLASSIFIED_AFTER: Final = re.compile(
    r"\)\s*,?\s*(?:(?:is|are)\s+)?(?:an?\s+|the\s+)?(?:type|kind|form)s?\s+of\b", re.IGNORECASE
)


def _types(span: Span) -> frozenset[EntityType]:
    return frozenset(candidate.type for candidate in span.candidates)


def drop_glosses(text: str, spans: Sequence[Span]) -> list[Span]:
    """``spans`` without the cell or test names that only gloss the name before them."""
    kept: list[Span] = []
    for span in spans:
        previous = kept[-1] if kept else None
        if previous is not None and _is_gloss(text, previous, span):
            continue
        kept.append(span)
    return kept


def _is_gloss(text: str, previous: Span, span: Span) -> bool:
    shared = _types(previous) & _types(span) & _GLOSSED_TYPES
    if not shared or previous.entity == span.entity or span.text.isupper():
        return False
    opening = _OPEN.match(text, previous.end)
    if opening is None or opening.end() > span.start:
        return False
    close = text.find(")", span.end)
    if close < 0 or "(" in text[opening.end() : close]:
        return False
    if _CLASSIFIED_AFTER.match(text, close):
        return False
    return _NOT_GLOSS.search(text, opening.end(), close) is None
