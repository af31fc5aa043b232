"""Cue rules for symptoms and signs: hasSymptom."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from hemekg.extract.context import SentenceView, Span, coordinated_after
from hemekg.extract.cue_care import section_cue
from hemekg.extract.cues import (
    DISEASE,
    IC,
    PHENOTYPE,
    Argument,
    Rule,
    T,
    clause_start,
    explicit_disease,
    pair,
    subject_for,
)
from hemekg.extract.found import Found, RuleContext
from hemekg.model import Predicate, SentenceKind

__all__ = ["RULES", "has_symptom"]


_SYMPTOMS_INCLUDE: Final = re.compile(
    r"\b(?:symptoms?|signs?|complaints?|manifestations?|consequences?)\b(?:\s+[\w-]+){0,6}?\s*"
    r"(?:include|includes|including|are|is|may\s+be|can\s+be|such\s+as|:)"
    r"|\bcomplications\s+(?:such\s+as|like|including|include)\b",
    IC,
)
_ITS_SYMPTOM: Final = re.compile(
    r"\b(?:is|are)\s+(?:its|their|a|an|the)\s+(?:[\w-]+\s+){0,2}?(?:symptom|symptoms|sign|signs|feature|manifestation)\b(?:\s+of\b)?",
    IC,
)
_PATIENT_STATE: Final = re.compile(
    r"\b(?:feels?|feeling|looks?|looking|becomes?|appears?|experiences?|suffers?\s+from|complains?\s+of|have|has|"
    r"having|develops?|notice|results?\s+in|leads?\s+to|tends?\s+to\s+result\s+in|may\s+cause|can\s+cause|"
    r"causes?|get|gets|bruise|bleed)\b",
    IC,
)


_SYMPTOMS_HEADING: Final = re.compile(r"\b(?:symptoms?|signs?)\b", IC)
_FIRST_WORD: Final = re.compile(r"\w")


def _phenotypes(view: SentenceView, start: int, end: int | None = None) -> list[Argument]:
    return [
        Argument.of(span, entity)
        for span, entity in view.after(start, PHENOTYPE, end)
        if not span.generic() and span.entity.type is T.PHENOTYPE
    ]


_WHO_BEFORE: Final = re.compile(r"\bwho\s+(?:\w+\s+)?$", IC)
_RELATIVE_SUBJECT: Final = re.compile(r"\b(?:which|that)\b", IC)
_PATIENT_VERB_BEFORE: Final = re.compile(
    r"\b(?:get|gets|getting|have|has|having|develop|develops|experience|experiences|suffer\s+from|suffers\s+from)\s+"
    r"(?:(?:many|frequent|more|repeated|recurrent|often|also|a|an)\s+)*$",
    IC,
)


_ANAPHOR_CAUSES_BEFORE: Final = re.compile(
    r"^\s*(?:this|it|that|the)(?:\s+(?:disease|condition|disorder|illness|cancer))?\s+"
    r"(?:(?:can|may|often|also|usually)\s+)*(?:causes?|leads?\s+to|results?\s+in)\s+$",
    IC,
)


def _symptom_like(view: SentenceView, span: Span) -> bool:
    """A phenotype reading of the span is plausible: it is not the disease the sentence is
    about ("people with leukemia" names the disease even though HPO has a Leukemia term),
    and a disease name only counts right after a patient verb ("get infections")."""
    if span.entity.type is T.PHENOTYPE:
        return True
    if _ANAPHOR_CAUSES_BEFORE.search(view.text, 0, span.start):
        return True  # "This causes anaemia": a consequence of the disease the text is about
    if not _PATIENT_VERB_BEFORE.search(view.text, 0, span.start):
        return False
    return not re.search(
        r"\b(?:with|have|has|of|from|called)\s+(?:a\s+|an\s+)?$", view.text[: span.start], IC
    ) and (view.topic is None or all(c.id != view.topic.id for c in span.candidates))


def has_symptom(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "Symptoms (of X) include", "Y is its main symptom", "the patient feels tired",
    "X can cause / lead to Y", "complications such as Y"; under a symptoms heading, the
    symptoms a sentence names."""
    if _ANY_CUE.search(view.text) is None and not (
        view.sentence.kind is SentenceKind.TEXT and section_cue(view, _SYMPTOMS_HEADING)
    ):
        return
    for match in _ITS_SYMPTOM.finditer(view.text):
        before = [
            Argument.of(span, entity)
            for span, entity in view.before(
                match.start(), PHENOTYPE, clause_start(view, match.start())
            )
            if not span.generic()
        ]
        if not before:
            continue
        subject = (
            explicit_disease(view, match.end())
            if match.group().rstrip().lower().endswith("of")
            else None
        )
        subject = (
            subject
            or explicit_disease(view, 0, before[-1].start)
            or (Argument(view.topic, "", None, True, True) if view.topic else None)
        )
        yield from pair(
            subject, Predicate.HAS_SYMPTOM, before[-1:], "cue.has_symptom", match.start()
        )
    cue = _SYMPTOMS_INCLUDE.search(view.text)
    noun_cue = cue is not None
    if cue is not None:
        objects = _phenotypes(view, cue.start())
    else:
        objects = []
        for state in _PATIENT_STATE.finditer(view.text):
            if _RELATIVE_SUBJECT.search(
                view.text, max(0, view.text.rfind(",", 0, state.start())), state.start()
            ):
                continue  # "blood clots, which can cause a stroke": a complication's effect
            if _WHO_BEFORE.search(view.text, 0, state.start()):
                continue  # "common in women who have heavy periods": describes the people
            cue = cue or state
            objects += [
                Argument.of(span, entity)
                for span, entity in coordinated_after(
                    view, state.start(), PHENOTYPE, first_within=len(state.group()) + 25
                )
                if not span.generic() and _symptom_like(view, span)
            ]
    if (
        not objects
        and view.sentence.kind is SentenceKind.TEXT
        and section_cue(view, _SYMPTOMS_HEADING)
    ):
        # "Signs & Symptoms" / "Some abnormalities may be present at birth, such as short
        # stature, ...": under a symptoms heading the section itself is the cue
        objects = _phenotypes(view, 0)
        cue = _FIRST_WORD.search(view.text)
        noun_cue = True  # the subject, if named, stands before the first symptom
    if cue is None or not objects:
        return
    # a symptom noun cue ("symptoms of X include Y") names X before the objects; a verb cue
    # ("This condition can lead to infections") has its subject before the verb
    limit = objects[0].start if noun_cue else cue.start()
    subject = explicit_disease(view, 0, limit)
    if subject is None and view.sentence.kind is SentenceKind.LIST_ITEM:
        return  # "- feeling very tired": the list's lead says whose symptom it is
    subject = subject or subject_for(view, cue.start(), DISEASE, context, require_anaphor=False)
    yield from pair(subject, Predicate.HAS_SYMPTOM, objects, "cue.has_symptom", cue.start())


#: any symptom cue written in the sentence (one search before the rule looks closer).
_ANY_CUE: Final = re.compile(
    _SYMPTOMS_INCLUDE.pattern + "|" + _ITS_SYMPTOM.pattern + "|" + _PATIENT_STATE.pattern, IC
)

RULES: Final[tuple[Rule, ...]] = (
    # the prefilter passes every sentence: a symptoms heading is a cue the text lacks
    ("cue.has_symptom", re.compile(r"\w"), has_symptom),
)
