"""Coordinated noun-phrase lists after a cue: "caused by X treatments, exposure to Y such
as Z, certain W and V".

:func:`~hemekg.extract.context.coordinated_after` stops at the first word that is not a
coordinator, so a list whose items carry heads and modifiers ("radiation and chemotherapy
treatments", "exposure to toxic chemicals such as benzene") loses all but its first item.
Here the text after the cue is cut into items at top-level commas, "and", "or" (not
inside parentheses), and each item gives its first typed name plus the names its own
"such as" / "like" / "including" introduces. A span naming the item with a head noun the
type does not allow ("chemotherapy treatments" as a cause) falls back to its modifier
("chemotherapy"). The list ends at a clause boundary or at an item that reads as a
clause (a verb or a relative pronoun) with no name in it.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Final

from hemekg.extract.context import SentenceView, Span
from hemekg.extract.found import RuleContext
from hemekg.model import Entity, EntityType

__all__ = ["coordinated_items"]

IC = re.IGNORECASE
_END: Final = re.compile(
    r"[;.!?:]\s|[;.!?]$|\bbut\b|\bbecause\b|\bso\s+that\b|\bwhich\b|\bwho\b|\bwhen\b|\bwhile\b"
    r"|\bthough\b|\balthough\b",
    IC,
)
_SEPARATOR: Final = re.compile(r",\s*(?:and\s+|or\s+)?|\s+and/or\s+|\s+and\s+|\s+or\s+", IC)
_EXAMPLES: Final = re.compile(r"\b(?:such\s+as|like|including|especially|e\.g\.)\b", IC)
_CLAUSE: Final = re.compile(
    r"\b(?:is|are|was|were|can|could|may|might|will|would|should|has|have|had|do|does|that|it|they)\b",
    IC,
)
#: head nouns that turn a cause or treatment name into a phrase about it.
_HEAD_NOUNS: Final = re.compile(
    r"\s+(?:treatments?|therap(?:y|ies)|exposures?|use|products?|agents?)$", IC
)


def _segments(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Item boundaries between ``start`` and ``end``, ignoring separators in parentheses."""
    segments = []
    cursor = start
    for match in _SEPARATOR.finditer(text, start, end):
        head = text[: match.start()]
        if head.count("(") > head.count(")"):
            continue
        segments.append((cursor, match.start()))
        cursor = match.end()
    segments.append((cursor, end))
    return [(a, b) for a, b in segments if b > a]


def _typed(span: Span, types: Collection[EntityType], context: RuleContext | None) -> Entity | None:
    entity = span.typed(types)
    if entity is not None or context is None:
        return entity
    shorter = _HEAD_NOUNS.sub("", span.text)
    if shorter != span.text:
        for candidate in context.lookup(shorter):
            if candidate.type in types:
                return candidate
    return None


def coordinated_items(
    view: SentenceView,
    position: int,
    types: Collection[EntityType],
    context: RuleContext | None = None,
    *,
    first_within: int = 40,
) -> list[tuple[Span, Entity]]:
    """Typed names of the items of a coordinated noun-phrase list starting at ``position``.

    :param first_within: the first name must start within this many characters.
    """
    text = view.text
    stop = _END.search(text, position)
    end = stop.start() if stop else len(text)
    spans = [s for s in view.spans if s.start >= position and s.end <= end and not s.generic()]
    if not spans or spans[0].start - position > first_within:
        return []
    found: list[tuple[Span, Entity]] = []
    for seg_start, seg_end in _segments(text, position, end):
        if found and _CLAUSE.search(text, seg_start, seg_end):
            break  # ", and severe leukopenia is its main symptom": a new clause
        inside = [s for s in spans if s.start >= seg_start and s.end <= seg_end]
        typed = [(s, e) for s in inside if (e := _typed(s, types, context)) is not None]
        if not typed:
            if found and inside:
                break  # a clause, or an item of another kind: the list has ended
            continue
        first = typed[0]
        found.append(first)
        examples = _EXAMPLES.search(text, first[0].end, seg_end)
        if examples is not None:
            found.extend(item for item in typed[1:] if item[0].start >= examples.end())
    seen: set[str] = set()
    unique = []
    for span, entity in found:
        if entity.id not in seen:
            seen.add(entity.id)
            unique.append((span, entity))
    return unique
