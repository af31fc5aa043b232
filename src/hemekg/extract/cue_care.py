"""Cue rules for tests and treatments: diagnosedBy, treatedWith (with elliptic names,
"blood and bone marrow tests", and section cues, "How is X diagnosed?")."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from hemekg.extract.context import SentenceView, Span
from hemekg.extract.cues import (
    DISEASE,
    IC,
    PROCEDURE,
    TREATMENT,
    Argument,
    Rule,
    apposed_class,
    explicit_disease,
    objects_of,
    pair,
    subject_for,
)
from hemekg.extract.found import Found, RuleContext
from hemekg.model import EntityType, Predicate

__all__ = ["RULES", "diagnosed_by", "examination", "section_cue", "treated_with"]


_ELLIPSIS: Final = re.compile(r"\b([A-Za-z][\w-]*)\s*\**\s+(?:and|or)\s+(?:the\s+)?$", IC)


def _elliptic(
    view: SentenceView, objects: list[Argument], types: frozenset[EntityType], context: RuleContext
) -> list[Argument]:
    """ "blood and bone marrow tests": the first conjunct borrows the second's head noun."""
    extra = []
    for obj in objects:
        words = obj.text.split()
        if obj.start is None or len(words) < 2:
            continue
        match = _ELLIPSIS.search(view.text, 0, obj.start)
        if match is None:
            continue
        # "stem cell or bone marrow transplant": try the two words before "or", then one
        before = view.text[max(0, match.start(1) - 30) : match.start(1)].split()
        firsts = [f"{before[-1]} {match.group(1)}"] if before else []
        for first in [*firsts, match.group(1)]:
            hit = next(
                (
                    c
                    for c in context.lookup(f"{first} {words[-1]}")
                    if c.type in types and c.id != obj.entity.id
                ),
                None,
            )
            if hit is not None:
                extra.append(Argument(hit, f"{first} {words[-1]}", match.start(1), False))
                break
    for obj in objects:
        inner = _INNER_ELLIPSIS.match(obj.text)
        if inner is not None and obj.start is not None:
            for candidate in context.lookup(f"{inner.group(1)} {inner.group(2)}"):
                if candidate.type in types and candidate.id != obj.entity.id:
                    extra.append(Argument(candidate, obj.text, obj.start, False))
                    break
        words = obj.text.split()
        if obj.start is None or len(words) < 2:
            continue
        match = _FORWARD_ELLIPSIS.match(view.text, obj.start + len(obj.text))
        if match is None:
            continue
        shared = " ".join(words[:-1])
        for candidate in context.lookup(f"{shared} {match.group(1)}"):
            if candidate.type in types and candidate.id != obj.entity.id:
                extra.append(Argument(candidate, match.group(1), match.start(1), False))
                break
    return objects + extra


_INNER_ELLIPSIS: Final = re.compile(r"^(.+?)\s+\S+\s+(?:and|or)\s+(\S+)$", IC)
_FORWARD_ELLIPSIS: Final = re.compile(r"\s+(?:and|or)\s+([a-z][\w-]*)\b", IC)


_DIAGNOSIS: Final = re.compile(
    r"\b(?:diagnos\w*|tests?|testing|detect\w*|examin\w*|evaluat\w*|analy[sz]\w*|confirm\w*|screen\w*|"
    r"determine[sd]?|identif\w*|check\w*|measur\w*|biops\w*|shows?|reveals?|found\s+(?:by|with|on|through)|finds?)\b",
    IC,
)


_DIAGNOSIS_HEADING: Final = re.compile(r"\b(?:diagnos\w*|tests?|testing)\b", IC)
_TREATMENT_HEADING: Final = re.compile(r"\b(?:treat\w*|therap\w*|management|managed)\b", IC)


def section_cue(view: SentenceView, pattern: re.Pattern[str]) -> bool:
    """The section the sentence stands in is about the relation: its heading, or the
    question just before it ("How is AML diagnosed?"), names it."""
    previous = view.previous.rstrip()
    return bool(
        pattern.search(view.sentence.section)
        or (previous.endswith("?") and pattern.search(previous))
    )


#: the doctor examining the patient, said with a verb: a physical examination.
_EXAMINES: Final = re.compile(
    r"\b(?:will|may|might|can|should|usually|also|then|to)\b[^.;:]{0,40}?\bexamine\s+(?:you|your\s+(?:child|baby|body))\b"
    r"|\bfeel\s+(?:your|the)\s+(?:tummy|abdomen|belly|neck|lymph\s+nodes)\b"
    # "Doctors will ask about family history and do an exam"
    r"|\b(?:do|does|doing|did|carry\s+out|perform)\s+(?:an?\s+|a\s+physical\s+)?exam(?:ination)?\b",
    IC,
)


def examination(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "Your doctor will examine you", "the doctor may feel your tummy", in a diagnosis
    section or next to a test: a physical examination, though no test is named."""
    match = _EXAMINES.search(view.text)
    if match is None or not (
        section_cue(view, _DIAGNOSIS_HEADING) or _DIAGNOSIS_HEADING.search(view.text)
    ):
        return
    exam = next((e for e in context.lookup("physical examination") if e.type in PROCEDURE), None)
    if exam is None:
        return
    subject = explicit_disease(view) or subject_for(
        view, len(view.text), DISEASE, context, require_anaphor=False
    )
    objects = [Argument(exam, match.group(), match.start(), False)]
    yield from pair(subject, Predicate.DIAGNOSED_BY, objects, "cue.diagnosed_by", match.start())


def diagnosed_by(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """Tests named with a diagnosis cue, or in a diagnosis section ("How is X diagnosed?")."""
    cue = _DIAGNOSIS.search(view.text)
    if cue is None:
        if not section_cue(view, _DIAGNOSIS_HEADING):
            return
        cue = re.search(r"\S", view.text)
        if cue is None:
            return
    objects = _elliptic(view, objects_of(view.after(0, PROCEDURE)), PROCEDURE, context)
    if not objects:
        return
    subject = explicit_disease(view) or subject_for(
        view, len(view.text), DISEASE, context, require_anaphor=False
    )
    yield from pair(subject, Predicate.DIAGNOSED_BY, objects, "cue.diagnosed_by", cue.start())


_TREATMENT: Final = re.compile(
    r"\b(?:treat\w*|therap\w*|cured?|cures|involves?|includes?|including|used|receive\w*|undergo\w*|given|options?|"
    r"manag\w*|respond\w*|offered|recommended|needs?|have|has|get|gets)\b",
    IC,
)
_ANY_BEFORE: Final = re.compile(r"\bany\s+(?:other\s+|new\s+)?$", IC)
_COORDINATED_GAP: Final = re.compile(r"^\s*(?:,|\bor\b|\band\b|\s)*$", IC)
_TREATMENT_BEFORE: Final = re.compile(r"\b(?:treat\w*|therap\w*|cured?)\b", IC)
_AFTER_NOT_TREATMENT: Final = re.compile(
    r"\b(?:after|following|side\s+effects?\s+of|complications?\s+of|consequence\s+of|caused\s+by|impact\s+of|"
    r"treatment\s+with|treated\s+with\s+(?=\w+\s+(?:or|and)\s+\w+\s+(?:in\s+the\s+past|before))|exposure\s+to|history\s+of|"
    r"prior|previous|past|earlier)\s+(?:the\s+)?(?:a\s+)?$",
    IC,
)


#: "people (who were) treated with certain X, such as Y": said of a risk, it is an exposure.
_PEOPLE_TREATED: Final = re.compile(
    r"\b(?:people|patients|persons|those|anyone|someone|children|adults)\s+"
    r"(?:who\s+(?:were|was|have\s+been|had\s+been|are)\s+)?(?:previously\s+)?treated\s+with\s+"
    r"(?:[\w-]+\s+){0,4}?(?:[\w-]+,?\s+(?:such\s+as|like|including)\s+)?$",
    IC,
)


def _free_cue(view: SentenceView, pattern: re.Pattern[str]) -> bool:
    """The cue word stands outside the names ("therapy" in "radiation therapy" is no cue)."""
    return any(
        not any(s.start <= m.start() < s.end for s in view.spans)
        for m in pattern.finditer(view.text)
    )


_CLASS_WITH_EXAMPLES: Final = re.compile(
    r"\s*,?\s*(?:(?:that|which)\b[^.;]*\bsuch\s+as\b|called\b|known\s+as\b|such\s+as\b"
    # "Medicines used to treat X include:": the class heads a list of its own
    r"|(?:that\s+are\s+|which\s+are\s+)?used\s+(?:to\s+treat|for|in)\b)",
    IC,
)


_GENERIC_HEADS: Final = frozenset(
    {"medicine", "medicines", "medication", "medications", "drug", "drugs"}
)
_WORD_BEFORE: Final = re.compile(r"([A-Za-z][\w-]*)\s+$")
_NOT_MODIFIERS: Final = frozenset(
    {
        "and",
        "or",
        "the",
        "a",
        "an",
        "some",
        "certain",
        "other",
        "with",
        "include",
        "includes",
        "including",
        "of",
        "take",
        "taking",
        "may",
        "can",
        "these",
        "such",
        "as",
        "your",
        "their",
        "involve",
        "involves",
        "involving",
        "use",
        "uses",
        "using",
        "need",
        "needs",
        "receive",
        "receives",
        "get",
        "gets",
        "given",
        "prescribe",
        "prescribed",
        "are",
        "is",
        "be",
        "by",
        "through",
        "from",
        "on",
        "to",
        "for",
        "in",
        "also",
        "often",
        "usually",
        "might",
        "will",
    }
)


def _unknown_compound(view: SentenceView, span: Span) -> bool:
    """ "pain medicines", "targeted medicine": a generic head whose modifier the lexicon
    does not know names something narrower; the bare head would be wrong."""
    if span.text.lower() not in _GENERIC_HEADS:
        return False
    before = _WORD_BEFORE.search(view.text, 0, span.start)
    return before is not None and before.group(1).lower() not in _NOT_MODIFIERS


def treated_with(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """Treatments named with a treatment cue (not a past exposure, not a therapy's own
    name as the only cue), or in a treatment section."""
    cue = _TREATMENT.search(view.text)
    if cue is None and section_cue(view, _TREATMENT_HEADING):
        cue = re.search(r"\S", view.text)  # "Younger patients may go on to a transplant."
    if cue is None or not (
        _free_cue(view, _TREATMENT_BEFORE)
        or _TREATMENT_BEFORE.search(view.previous)
        or section_cue(view, _TREATMENT_HEADING)
    ):
        return
    objects = []
    excluded_until = -1
    for span, entity in view.after(0, TREATMENT):
        if (
            span.generic()
            or (
                span.text.lower() in _GENERIC_HEADS
                and _CLASS_WITH_EXAMPLES.match(view.text, span.end)
            )
            or _unknown_compound(view, span)
        ):
            continue  # "medicines that lower the count, such as X": the examples are named
        if "risk" in view.lower and _PEOPLE_TREATED.search(view.text, 0, span.start):
            continue  # "people treated with X have a higher risk": a past exposure
        if _ANY_BEFORE.search(view.text, 0, span.start):
            continue  # "do not take any medicine without ...": no treatment in particular
        if _AFTER_NOT_TREATMENT.search(view.text, 0, span.start) or (
            excluded_until >= 0 and _COORDINATED_GAP.match(view.text[excluded_until : span.start])
        ):
            excluded_until = (
                span.end
            )  # a past exposure ("treatment with X or Y"), not a therapy of X
            continue
        objects.append(Argument.of(span, entity))
    objects = _elliptic(view, objects, TREATMENT, context)
    objects = [o for o in objects if not apposed_class(view.text, objects, o)]
    if not objects:
        return
    subject = explicit_disease(view) or subject_for(
        view, len(view.text), DISEASE, context, require_anaphor=False
    )
    subject = _treated_consequence(view, subject, context)
    yield from pair(subject, Predicate.TREATED_WITH, objects, "cue.treated_with", cue.start())


#: consequences of a blood disease that its treatment section names as what a therapy is
#: for ("blood transfusions for anaemia", "antibiotics to treat infections").
_CONSEQUENCES: Final = frozenset(
    {
        "anemia",
        "infectious disease",
        "thrombocytopenia",
        "neutropenia",
        "leukopenia",
        "pancytopenia",
        "cytopenia",
    }
)


def _treated_consequence(
    view: SentenceView, subject: Argument | None, context: RuleContext
) -> Argument | None:
    """In the treatment section of a page about another disease, "severe anaemia may need a
    transfusion" or "antibiotics to treat infections" tell how the page's disease is
    treated: the consequence is what the therapy eases, the page's disease is treated."""
    topic = context.document_topic or view.topic
    if (
        subject is None
        or topic is None
        or subject.entity.id == topic.id
        or subject.entity.label.lower() not in _CONSEQUENCES
        or topic.label.lower() in _CONSEQUENCES
        or not section_cue(view, _TREATMENT_HEADING)
    ):
        return subject
    return Argument(topic, "", None, True, True)


RULES: Final[tuple[Rule, ...]] = (
    ("cue.diagnosed_by", re.compile(r"\w"), diagnosed_by),
    ("cue.examination", re.compile(r"\b(?:examine|feel|exam|examination)\b", IC), examination),
    ("cue.treated_with", re.compile(r"\w"), treated_with),
)
