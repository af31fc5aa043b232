"""Shared helpers of the relation cues: subject resolution and typed pairing.

A cue rule finds a cue phrase, then asks :func:`subject_for` for the subject written
before it (the first non-generic span of the right type in the clause) or, when the
clause only has a pronoun or anaphor ("It", "They", "The cancer cells"), for the topic
disease; :func:`pair` turns a subject and objects into :class:`Found` records, keeping
only pairs that satisfy the predicate's signature.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final

from hemekg.extract.context import ANAPHOR, SentenceView, Span, coordinated_after
from hemekg.extract.found import Found, RuleContext, fits
from hemekg.extract.items import coordinated_items
from hemekg.model import PREDICATE_SIGNATURES, Entity, EntityType, Predicate

__all__ = [
    "ANATOMY",
    "CAUSE",
    "CELL",
    "DISEASE",
    "IC",
    "PHENOTYPE",
    "POPULATION",
    "PROCEDURE",
    "TREATMENT",
    "Argument",
    "Rule",
    "T",
    "clause_start",
    "domain",
    "explicit_disease",
    "listed_objects",
    "objects_of",
    "pair",
    "range_of",
    "subject_for",
    "typed_pair",
]

#: a cue rule: name, prefilter (a sentence must match it), function yielding relations.
Rule = tuple[str, "re.Pattern[str]", Callable[[SentenceView, RuleContext], Iterator[Found]]]

_CLAUSE_BREAK: Final = re.compile(r"[;]|:\s")
_THE_WORD: Final = re.compile(
    r"^\s*(?:[-*\u2022]\s*|\d+[.)]\s*)?(?:the\s+)?([a-z][a-z-]+)\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Argument:
    """A resolved subject or object: the entity, its surface form and where it stands."""

    entity: Entity
    text: str
    start: int | None
    exact: bool = True
    anaphora: bool = False
    new: bool = False

    @classmethod
    def of(cls, span: Span, entity: Entity) -> Argument:
        return cls(entity, span.text, span.start, span.exact, False, span.new)


def domain(predicate: Predicate) -> frozenset[EntityType]:
    return PREDICATE_SIGNATURES[predicate][0]


def range_of(predicate: Predicate, subject_type: EntityType | None = None) -> frozenset[EntityType]:
    range_ = PREDICATE_SIGNATURES[predicate][1]
    if range_ is None:
        return frozenset(EntityType) if subject_type is None else frozenset({subject_type})
    return range_


def clause_start(view: SentenceView, position: int) -> int:
    """Start of the clause holding ``position`` (after the last ';' or ': ')."""
    start = 0
    for match in _CLAUSE_BREAK.finditer(view.text, 0, position):
        start = match.end()
    return start


def subject_for(
    view: SentenceView,
    cue: int,
    types: Collection[EntityType],
    context: RuleContext | None = None,
    *,
    anaphora: bool = True,
    require_anaphor: bool = True,
    nearest: bool = False,
) -> Argument | None:
    """The subject of a cue at ``cue``: written before it in the clause, else the topic.

    :param require_anaphor: resolve to the topic only when a pronoun or anaphor stands
        before the cue; otherwise (symptom, treatment and test cues) the topic is the
        subject of any sentence without a disease of its own.
    :param nearest: take the span nearest the cue instead of the clause's first.
    """
    start = clause_start(view, cue)
    found = [
        (span, entity)
        for span, entity in view.before(cue, types, start)
        if not span.generic() and not view.in_parentheses(span) and not _anaphoric_head(view, span)
    ]
    if found:
        span, entity = found[-1] if nearest else found[0]
        if nearest and len(found) > 1 and defining_relative(view.text, found[-2][0], span, cue):
            span, entity = found[-2]
        return Argument.of(span, entity)
    if context is not None:
        match = _THE_WORD.match(view.text[start:cue])
        if match and match.group(1).lower() in context.by_modifier:
            entity = context.by_modifier[match.group(1).lower()]
            if entity.type in types:
                return Argument(
                    entity, match.group(0).strip(), start + match.start(1), False, False, True
                )
    if not anaphora or view.topic is None or view.topic.type not in types:
        return None
    if require_anaphor and not ANAPHOR.search(view.text, start, cue):
        return None
    return Argument(view.topic, "", None, True, True)


_RELATIVE_AFTER: Final = re.compile(r"\s*,?\s*(?:that|which)\s+", re.IGNORECASE)
_COPULA_BETWEEN: Final = re.compile(
    r"\s*(?:\([^()]{0,40}\)\s*)?(?:is|are)\s+(?:a|an)\s+(?:[\w-]+\s+){0,3}$", re.IGNORECASE
)


def defining_relative(text: str, subject: Span | Argument, noun: Span | Argument, cue: int) -> bool:
    """ "X is a rare blood cancer that occurs mostly in children": the relative clause on
    the predicate noun of a definition describes X, the sentence's subject."""
    if subject.start is None or noun.start is None:
        return False
    subject_end = subject.start + len(subject.text)
    noun_end = noun.start + len(noun.text)
    relative = _RELATIVE_AFTER.match(text, noun_end)
    return (
        relative is not None
        and relative.end() <= cue
        and _COPULA_BETWEEN.fullmatch(text, subject_end, noun.start) is not None
    )


_ANAPHORIC_HEADS: Final = frozenset(
    {"cancer", "malignancy", "tumor", "tumour", "neoplasm", "leukemia", "lymphoma"}
)
_DEFINITE_BEFORE: Final = re.compile(
    r"\b(?:the|this|that|these|such|your|their|his|her)\s+$", re.IGNORECASE
)


def _anaphoric_head(view: SentenceView, span: Span) -> bool:
    """ "The cancer can spread ..." on a page about Hodgkin lymphoma, "your anaemia" on a
    page about B12 deficiency anaemia: a definite general noun (or the topic's own head
    word) refers back to the topic, it is not a new subject."""
    if view.topic is None or span.entity.id == view.topic.id:
        return False
    text = span.text.lower()
    head = view.topic.label.lower().rsplit(" ", 1)[-1]
    return (text in _ANAPHORIC_HEADS or _same_head(text, head)) and bool(
        _DEFINITE_BEFORE.search(view.text, 0, span.start)
    )


def _same_head(word: str, head: str) -> bool:
    """ "anaemia" and "anemia", "lymphomas" and "lymphoma": one noun."""
    word, head = word.rstrip("s"), head.rstrip("s")
    return word == head or (len(word) > 4 and word.replace("ae", "e") == head.replace("ae", "e"))


def typed_pair(
    subject_span: Span, object_span: Span, predicate: Predicate
) -> tuple[Entity, Entity] | None:
    """The best candidates of two spans that satisfy ``predicate`` (subject's first)."""
    for subject in subject_span.candidates:
        for obj in object_span.candidates:
            if fits(subject, predicate, obj):
                return subject, obj
    return None


def pair(
    subject: Argument | None,
    predicate: Predicate,
    objects: Iterable[Argument],
    extractor: str,
    cue: int,
    **extra: object,
) -> Iterator[Found]:
    """``Found`` records for a subject and its objects, signature-checked."""
    if subject is None:
        return
    for obj in objects:
        if not fits(subject.entity, predicate, obj.entity):
            continue
        end = (obj.start or 0) + len(obj.text)
        yield Found(
            subject.entity,
            predicate,
            obj.entity,
            extractor,
            cue_start=cue,
            end=max(end, cue),
            subject_start=subject.start,
            subject_text=subject.text,
            object_text=obj.text,
            exact=subject.exact and obj.exact,
            new_entity=subject.new or obj.new,
            anaphora=subject.anaphora,
            **extra,  # type: ignore[arg-type]
        )


#: entity type sets of the predicate signatures, by role.
T = EntityType
DISEASE: Final = frozenset({T.DISEASE})
ANATOMY: Final = frozenset({T.ANATOMICAL_STRUCTURE})
CELL: Final = frozenset({T.CELL_TYPE})
PHENOTYPE: Final = frozenset({T.PHENOTYPE})
PROCEDURE: Final = frozenset({T.DIAGNOSTIC_PROCEDURE})
TREATMENT: Final = frozenset({T.TREATMENT})
CAUSE: Final = frozenset({T.CAUSE, T.DISEASE})
POPULATION: Final = frozenset({T.POPULATION})
IC = re.IGNORECASE


def objects_of(found: Sequence[tuple[Span, Entity]]) -> list[Argument]:
    """The non-generic typed spans as arguments."""
    return [Argument.of(span, entity) for span, entity in found if not span.generic()]


def listed_objects(
    view: SentenceView,
    position: int,
    types: frozenset[EntityType],
    context: RuleContext,
    first_within: int,
) -> list[Argument]:
    """Objects of a list cue: the tight coordination, plus the items of a noun-phrase list."""
    tight = objects_of(coordinated_after(view, position, types, first_within=first_within))
    seen = {a.entity.id for a in tight}
    loose = [
        a
        for a in objects_of(
            coordinated_items(view, position, types, context, first_within=first_within)
        )
        if a.entity.id not in seen
    ]
    return tight + loose


def explicit_disease(view: SentenceView, start: int = 0, end: int | None = None) -> Argument | None:
    """The first disease named (not in parentheses) between ``start`` and ``end``."""
    for span, entity in view.after(start, DISEASE, end):
        if not span.generic() and not view.in_parentheses(span) and not _anaphoric_head(view, span):
            return Argument.of(span, entity)
    return None


_APPOSED: Final = re.compile(r"[\w)]\s*(?:,|\()\s*(?:a|an)\s+$", re.IGNORECASE)


def apposed_class(text: str, others: Sequence[Argument], argument: Argument) -> bool:
    """ "eltrombopag, a medicine that ...", "hydroxycarbamide, a chemotherapy tablet":
    a class said of the name just before it, not a treatment or test of its own."""
    if argument.start is None:
        return False
    match = _APPOSED.search(text, 0, argument.start)
    # the name must end right at the comma: "If steroids fail, a splenectomy ..." is no
    # apposition of "steroids"
    return match is not None and any(
        o.start is not None
        and o.start < argument.start
        and o.start + len(o.text) == match.start() + 1
        for o in others
    )
