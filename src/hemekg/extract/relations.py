"""Cue rules for the non-taxonomic predicates of the core vocabulary.

Each rule is ``(name, prefilter, function)``: the prefilter is one compiled regular
expression, and the function only runs on sentences it matches, so most sentences cost
one regex search per rule. Functions yield :class:`~hemekg.extract.found.Found` records;
the signature check (:func:`hemekg.extract.found.fits`) keeps only typed pairs the
predicate allows, choosing among a span's candidates ("radiation" as a Treatment after
"treated with", as a Cause after "caused by").

Rules (name: predicate, cues):

* cue.originates_in: originatesIn, "begins / starts / develops / arises in"
* cue.spreads_to: spreadsTo, "spread(s) to / into", "travel to", "invade", "penetrate"
* cue.affects: affects, "cancer of the <cells>", "increase / lack of <cells>",
  "problems with <cells>", "<cells> become malignant", "X affects / destroys <cells>"
* cue.affects_state: affects, "In X, the bone marrow makes (abnormal / too many / no) <cells>"
* cue.has_symptom: hasSymptom, "symptoms include", "Y is its main symptom",
  "the child feels tired / looks pale", "results in bruising"
* cue.diagnosed_by: diagnosedBy, "diagnosis of X is made based on", "tests for X include"
* cue.treated_with: treatedWith, "treatments may include", "X is treated with"
* cue.has_cause: hasCause, "caused by", "is the result / consequence of", "results from",
  "develops with", "causes of X include", "<cause> can cause X"
* cue.has_risk_factor: hasRiskFactor, "increases the risk of", "risk factors (for X) include",
  "is a risk factor for"
* cue.affects_population: affectsPopulation, "X can affect children and adults",
  "X in children", "children with X", "adults can get X"
* cue.produces: produces, "the bone marrow produces / makes X", "X are made in the bone marrow"
* cue.develops_into: developsInto, "stem cells develop into X", "X develop from Y",
  "Y, precursors of X", "differentiate"
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Final

from hemekg.extract.context import SentenceView, Span, coordinated_after
from hemekg.extract.cues import Argument, clause_start, pair, subject_for
from hemekg.extract.found import Found, RuleContext
from hemekg.extract.items import coordinated_items
from hemekg.model import Entity, EntityType, Predicate

__all__ = ["RELATION_RULES", "Rule"]

Rule = tuple[str, "re.Pattern[str]", Callable[[SentenceView, RuleContext], Iterator[Found]]]

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


def _objects(found: Sequence[tuple[Span, Entity]]) -> list[Argument]:
    return [Argument.of(span, entity) for span, entity in found if not span.generic()]


def _listed(
    view: SentenceView,
    position: int,
    types: frozenset[EntityType],
    context: RuleContext,
    first_within: int,
) -> list[Argument]:
    """Objects of a list cue: the tight coordination, plus the items of a noun-phrase list."""
    tight = _objects(coordinated_after(view, position, types, first_within=first_within))
    seen = {a.entity.id for a in tight}
    loose = [
        a
        for a in _objects(coordinated_items(view, position, types, context, first_within=first_within))
        if a.entity.id not in seen
    ]
    return tight + loose


def _explicit_disease(
    view: SentenceView, start: int = 0, end: int | None = None
) -> Argument | None:
    for span, entity in view.after(start, DISEASE, end):
        if not span.generic() and not view.in_parentheses(span):
            return Argument.of(span, entity)
    return None


# --------------------------------------------------------------------- originatesIn
_ORIGIN: Final = re.compile(
    r"\b(?:begins?|began|beginning|starts?|started|originates?|originated|arises?|arose|develops?|developed|"
    r"forms?|occurs?)\s+(?:mainly\s+|mostly\s+|usually\s+|first\s+|primarily\s+)?(?:in(?:side)?|from)\b",
    IC,
)


_IN_PLACE: Final = re.compile(r"\bin\s+(?:a|an|the|your)\s+", IC)


def originates_in(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "X begins in the bone marrow"; "X starts in / develops from <cells> (in the marrow)"
    gives X affects the cells, and originatesIn the place named right after them."""
    for match in _ORIGIN.finditer(view.text):
        subject = subject_for(view, match.start(), DISEASE, context)
        from_cells = match.group().lower().endswith("from")
        objects = (
            []
            if from_cells
            else _objects(coordinated_after(view, match.end(), ANATOMY, first_within=25))
        )
        if not objects and not match.group().lower().startswith("occur"):
            # "starts in white blood cells called lymphocytes, usually in a lymph node"
            cells = _objects(coordinated_after(view, match.end(), CELL, first_within=12))
            yield from pair(subject, Predicate.AFFECTS, cells[-1:], "cue.affects", match.start())
            if cells:
                last = cells[-1]
                after_cells = (last.start or match.end()) + len(last.text)
                for place in _IN_PLACE.finditer(view.text, after_cells, after_cells + 40):
                    objects = _objects(
                        coordinated_after(view, place.end(), ANATOMY, first_within=2)
                    )
                    if objects:
                        break
        yield from pair(
            subject, Predicate.ORIGINATES_IN, objects[:1], "cue.originates_in", match.start()
        )


# --------------------------------------------------------------------- spreadsTo
_SPREAD: Final = re.compile(
    r"\b(?:spread|spreads|spreading|travel|travels|move|moves|invade|invades|invading|penetrate|penetrates|"
    r"metastasi[sz]es?|infiltrates?|reach|reaches|go\s+into|goes\s+into|enter|enters|move\s+into)\b"
    r"(?:\s+(?:also\s+)?(?:to|into|throughout|through))?",
    IC,
)


def spreads_to(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    for match in _SPREAD.finditer(view.text):
        subject = subject_for(view, match.start(), DISEASE, context, nearest=True)
        objects = _objects(coordinated_after(view, match.end(), ANATOMY, first_within=40))
        yield from pair(subject, Predicate.SPREADS_TO, objects, "cue.spreads_to", match.start())


# --------------------------------------------------------------------- affects
_CANCER_OF: Final = re.compile(
    r"\b(?:cancer|cancers|malignancy|malignancies|disease|disorder|neoplasm)\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?",
    IC,
)
_QUANTITY: Final = re.compile(
    r"\b(?:increase|increases|increased|decrease|decreases|decreased|drop|drops|reduction|reducing|reduced|"
    r"rise|lack|shortage|deficiency|low|lower|high|excess|overproduction|destruction|loss)\b"
    r"(?:\s+[\w-]+){0,3}?\s+(?:of|in)\s+(?:the\s+)?(?:number\s+of\s+|count\s+of\s+|level\s+of\s+|levels\s+of\s+)?"
    r"(?:(?:healthy|normal|mature|functioning)\s+)?"
    r"|\btoo\s+(?:many|few)\s+(?:healthy\s+|normal\s+|mature\s+)?"
    r"|\b(?:makes?|produces?)\s+(?:far\s+)?(?:fewer|less|more|not\s+enough)\s+(?:healthy\s+|normal\s+)?"
    r"|\b(?:abnormal|cancerous|malignant)\s+"
    r"|\bproblems?\s+with\s+(?:the\s+)?",
    IC,
)
#: a quantity cue that governs a whole list ("low numbers of red blood cells, platelets and ...").
_LOW_NUMBERS: Final = re.compile(r"\b(?:numbers?|counts?|levels?)\s+of\b|\btoo\s+(?:many|few)\b", IC)
_LEADING_ANAPHOR: Final = re.compile(r"^\s*(?:it|this\s+(?:disease|condition|disorder))\b", IC)
_NUMBER_CHANGES: Final = re.compile(r"\bnumber\s+of\s+", IC)
_CHANGE_AFTER: Final = re.compile(
    r"^\s+(?:decreases|drops|falls|increases|rises|goes\s+down|goes\s+up)\b", IC
)
_MALIGNANT: Final = re.compile(
    r"\b(?:become|becomes|turn|turns|are|grow|grows)\s+(?:malignant|cancerous|leuk[a]?emic|abnormal)\b|\bdegenerate\b",
    IC,
)
_STATE: Final = re.compile(
    r"^\s*(?:[-*\u2022]\s*)?(?:in|with)\s+(?:the\s+case\s+of\s+|people\s+with\s+|patients\s+with\s+)?",
    IC,
)
_MAKES: Final = re.compile(
    r"\b(?:makes?|produces?|made|produced|creates?|forms?|does\s*n[o']?t\s+make|does\s*n[o']?t\s+produce|"
    r"stops?\s+making|stops?\s+producing|can\s*n[o']?t\s+make|cannot\s+make|fails?\s+to\s+(?:make|produce)|"
    r"destroys?|attacks?)\b",
    IC,
)


_AFFECTS_VERB: Final = re.compile(
    r"\b(?:affects?|affecting|damages?|attacks?|destroys?|targets?|involves?)\s+(?:the\s+|your\s+)?",
    IC,
)


def affects(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    for match in _AFFECTS_VERB.finditer(view.text):
        cells = _objects(coordinated_after(view, match.end(), CELL, first_within=12))
        if cells:
            subject = subject_for(view, match.start(), DISEASE, context)
            yield from pair(subject, Predicate.AFFECTS, cells, "cue.affects", match.start())
    for match in _CANCER_OF.finditer(view.text):
        cells = _objects(coordinated_after(view, match.end(), CELL, first_within=12))
        subject = subject_for(view, match.start(), DISEASE, context)
        yield from pair(subject, Predicate.AFFECTS, cells, "cue.affects", match.start())
    disease = _explicit_disease(view)
    if disease is None and view.topic is not None and _LEADING_ANAPHOR.match(view.text):
        disease = Argument(view.topic, "", None, True, True)
    if disease is not None:
        for match in _QUANTITY.finditer(view.text):
            cells = _objects(coordinated_after(view, match.end(), CELL, first_within=6))
            if not _LOW_NUMBERS.search(match.group()):
                cells = cells[:1]  # "abnormal X and Y": only the first is qualified
            yield from pair(disease, Predicate.AFFECTS, cells, "cue.affects", match.start())
        for match in _NUMBER_CHANGES.finditer(view.text):
            cells = _objects(coordinated_after(view, match.end(), CELL, first_within=6))
            if (
                cells
                and cells[0].start is not None
                and _CHANGE_AFTER.match(view.text[cells[0].start + len(cells[0].text) :])
            ):
                yield from pair(disease, Predicate.AFFECTS, cells[:1], "cue.affects", match.start())
    for match in _MALIGNANT.finditer(view.text):
        cells = [
            Argument.of(span, entity)
            for span, entity in view.before(match.start(), CELL, clause_start(view, match.start()))
            if not span.generic()
        ]
        subject = _explicit_disease(view) or subject_for(
            view, match.start(), DISEASE, context, require_anaphor=False
        )
        yield from pair(subject, Predicate.AFFECTS, cells[:1], "cue.affects", match.start())


_GROW_ABNORMALLY: Final = re.compile(
    r"\s*\)?\s*(?:\([^()]{0,30}\)\s*)?(?:start\s+to\s+|begin\s+to\s+|can\s+|may\s+)?"
    r"(?:multiply|grow|divide|build\s+up|become\s+(?:abnormal|cancerous|malignant))\b",
    IC,
)
_CALLED_BETWEEN: Final = re.compile(r"\b(?:called|known\s+as|named)\b", IC)


def affects_state(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "In X, the bone marrow makes abnormal white blood cells": X affects those cells.

    A description of the disease state, so a negation inside it ("doesn't make red blood
    cells") does not deny the relation between the disease and the cells.
    """
    lead = _STATE.match(view.text)
    if lead is None:
        return
    spans = [s for s in view.spans if s.start >= lead.end()]
    if not spans:
        return
    disease = spans[0].typed(DISEASE)
    if disease is None or spans[0].start - lead.end() > 2 or spans[0].generic():
        return
    subject = Argument.of(spans[0], disease)
    cells = coordinated_after(view, spans[0].end, CELL, first_within=30)
    if cells:
        grows = _GROW_ABNORMALLY.match(view.text, cells[-1][0].end)
        if grows is not None:
            # "In X, white blood cells called lymphocytes multiply in an abnormal way"
            called = _CALLED_BETWEEN.search(view.text, cells[0][0].end, cells[-1][0].start + 1)
            named = _objects(
                [c for c in cells if c[0].start >= called.end()][:1] if called else cells
            )
            yield from pair(subject, Predicate.AFFECTS, named, "cue.affects_state", grows.start())
    for match in _MAKES.finditer(view.text, spans[0].end):
        cells = _objects(coordinated_after(view, match.end(), CELL, first_within=40))
        yield from pair(
            subject, Predicate.AFFECTS, cells, "cue.affects_state", match.start(), negatable=False
        )


# --------------------------------------------------------------------- hasSymptom
_SYMPTOMS_INCLUDE: Final = re.compile(
    r"\b(?:symptoms?|signs?|complaints?|manifestations?|consequences?)\b(?:\s+[\w-]+){0,6}?\s*"
    r"(?:include|includes|including|are|is|may\s+be|can\s+be|such\s+as|:)",
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


def _phenotypes(view: SentenceView, start: int, end: int | None = None) -> list[Argument]:
    return [
        Argument.of(span, entity)
        for span, entity in view.after(start, PHENOTYPE, end)
        if not span.generic() and span.entity.type is T.PHENOTYPE
    ]


_RELATIVE_SUBJECT: Final = re.compile(r"\b(?:which|that)\b", IC)
_PATIENT_VERB_BEFORE: Final = re.compile(
    r"\b(?:get|gets|getting|have|has|having|develop|develops|experience|experiences|suffer\s+from|suffers\s+from)\s+"
    r"(?:(?:many|frequent|more|repeated|recurrent|often|also|a|an)\s+)*$",
    IC,
)


_ANAPHOR_CAUSES_BEFORE: Final = re.compile(
    r"^\s*(?:this|it|that)\s+(?:(?:can|may|often|also|usually)\s+)*(?:causes?|leads?\s+to|results?\s+in)\s+$",
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
            _explicit_disease(view, match.end())
            if match.group().rstrip().lower().endswith("of")
            else None
        )
        subject = (
            subject
            or _explicit_disease(view, 0, before[-1].start)
            or (Argument(view.topic, "", None, True, True) if view.topic else None)
        )
        yield from pair(
            subject, Predicate.HAS_SYMPTOM, before[-1:], "cue.has_symptom", match.start()
        )
    cue = _SYMPTOMS_INCLUDE.search(view.text)
    if cue is not None:
        objects = _phenotypes(view, cue.start())
    else:
        objects = []
        for state in _PATIENT_STATE.finditer(view.text):
            if _RELATIVE_SUBJECT.search(
                view.text, max(0, view.text.rfind(",", 0, state.start())), state.start()
            ):
                continue  # "blood clots, which can cause a stroke": a complication's effect
            cue = cue or state
            objects += [
                Argument.of(span, entity)
                for span, entity in coordinated_after(
                    view, state.start(), PHENOTYPE, first_within=len(state.group()) + 25
                )
                if not span.generic() and _symptom_like(view, span)
            ]
    if cue is None or not objects:
        return
    subject = _explicit_disease(view, 0, objects[0].start) or subject_for(
        view, cue.start(), DISEASE, context, require_anaphor=False
    )
    yield from pair(subject, Predicate.HAS_SYMPTOM, objects, "cue.has_symptom", cue.start())


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
        for candidate in context.lookup(f"{match.group(1)} {words[-1]}"):
            if candidate.type in types and candidate.id != obj.entity.id:
                extra.append(
                    Argument(candidate, f"{match.group(1)} {words[-1]}", match.start(1), False)
                )
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


# --------------------------------------------------------------------- diagnosedBy
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


def diagnosed_by(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    cue = _DIAGNOSIS.search(view.text)
    if cue is None:
        if not section_cue(view, _DIAGNOSIS_HEADING):
            return
        cue = re.search(r"\S", view.text)
        if cue is None:
            return
    objects = _elliptic(view, _objects(view.after(0, PROCEDURE)), PROCEDURE, context)
    if not objects:
        return
    subject = _explicit_disease(view) or subject_for(
        view, len(view.text), DISEASE, context, require_anaphor=False
    )
    yield from pair(subject, Predicate.DIAGNOSED_BY, objects, "cue.diagnosed_by", cue.start())


# --------------------------------------------------------------------- treatedWith
_TREATMENT: Final = re.compile(
    r"\b(?:treat\w*|therap\w*|cured?|cures|involves?|includes?|including|used|receive\w*|undergo\w*|given|options?|"
    r"manag\w*|respond\w*|offered|recommended|needs?|have|has|get|gets)\b",
    IC,
)
_COORDINATED_GAP: Final = re.compile(r"^\s*(?:,|\bor\b|\band\b|\s)*$", IC)
_TREATMENT_BEFORE: Final = re.compile(r"\b(?:treat\w*|therap\w*|cured?)\b", IC)
_AFTER_NOT_TREATMENT: Final = re.compile(
    r"\b(?:after|following|side\s+effects?\s+of|complications?\s+of|consequence\s+of|caused\s+by|impact\s+of|"
    r"treatment\s+with|treated\s+with\s+(?=\w+\s+(?:or|and)\s+\w+\s+(?:in\s+the\s+past|before))|exposure\s+to|history\s+of|"
    r"prior|previous|past|earlier)\s+(?:the\s+)?(?:a\s+)?$",
    IC,
)


def _free_cue(view: SentenceView, pattern: re.Pattern[str]) -> bool:
    """The cue word stands outside the names ("therapy" in "radiation therapy" is no cue)."""
    return any(
        not any(s.start <= m.start() < s.end for s in view.spans) for m in pattern.finditer(view.text)
    )


_CLASS_WITH_EXAMPLES: Final = re.compile(
    r"\s*,?\s*(?:(?:that|which)\b[^.;]*\bsuch\s+as\b|called\b|known\s+as\b|such\s+as\b)", IC
)


def treated_with(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    cue = _TREATMENT.search(view.text)
    if cue is None or not (
        _free_cue(view, _TREATMENT_BEFORE)
        or _TREATMENT_BEFORE.search(view.previous)
        or section_cue(view, _TREATMENT_HEADING)
    ):
        return
    objects = []
    excluded_until = -1
    for span, entity in view.after(0, TREATMENT):
        if span.generic() or _CLASS_WITH_EXAMPLES.match(view.text, span.end):
            continue  # "medicines that lower the count, such as X": the examples are named
        if _AFTER_NOT_TREATMENT.search(view.text, 0, span.start) or (
            excluded_until >= 0 and _COORDINATED_GAP.match(view.text[excluded_until : span.start])
        ):
            excluded_until = (
                span.end
            )  # a past exposure ("treatment with X or Y"), not a therapy of X
            continue
        objects.append(Argument.of(span, entity))
    objects = _elliptic(view, objects, TREATMENT, context)
    if not objects:
        return
    subject = _explicit_disease(view) or subject_for(
        view, len(view.text), DISEASE, context, require_anaphor=False
    )
    yield from pair(subject, Predicate.TREATED_WITH, objects, "cue.treated_with", cue.start())


# --------------------------------------------------------------------- hasCause
_RESULT_OF: Final = re.compile(
    r"\b(?:is|are|can\s+be|may\s+be|is\s+often|are\s+often)\s+(?:[\w-]+\s+){0,3}?(?:the\s+)?(?:result|consequence|complication)s?\s+of\b"
    r"|\b(?:caused|triggered|induced|brought\s+on)\s+by\b|\bresults?\s+from\b|\b(?:develops?|occurs?|appears?|starts?)\s+(?:in\s+\w+\s+)?(?:with|after|because\s+of|following)\b"
    r"|\b(?:is|are)\s+(?:usually\s+|often\s+|mostly\s+)?due\s+to\b|\bstems?\s+from\b|\bis\s+linked\s+to\b"
    r"|\b(?:happens|occurs|develops|starts|begins)\s+when\b",
    IC,
)
_CAUSES_OF: Final = re.compile(r"\b(?:causes|cause|triggers)\s+of\s+", IC)
_CAUSES_OF_VERB: Final = re.compile(
    r"^\s*(?:include|includes|are|is|may\s+include|can\s+include|:)\s*", IC
)
_CAN_CAUSE: Final = re.compile(
    r"\b(?:can\s+|may\s+|might\s+|often\s+)?(?:cause|causes|caused|lead\s+to|leads\s+to|trigger|triggers)\b",
    IC,
)


_INHERITED: Final = re.compile(
    r"\b(?:is|are|can\s+be|may\s+be)\s+(?:usually\s+|often\s+|mostly\s+)?(?:passed\s+(?:on|down)|inherited)\b",
    IC,
)


def inherited(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "X is passed on from parents to children (through genes)", "X is inherited":
    genetics causes X."""
    for match in _INHERITED.finditer(view.text):
        subject = subject_for(view, match.start(), DISEASE, context)
        genetics = [e for e in context.lookup("genetics") if e.type is T.CAUSE][:1]
        objects = [Argument(e, match.group(), match.start(), False) for e in genetics]
        yield from pair(subject, Predicate.HAS_CAUSE, objects, "cue.has_cause", match.start())


def has_cause(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    yield from inherited(view, context)
    for match in _RESULT_OF.finditer(view.text):
        subject = subject_for(view, match.start(), DISEASE, context)
        objects = _listed(view, match.end(), CAUSE, context, 40)
        yield from pair(subject, Predicate.HAS_CAUSE, objects, "cue.has_cause", match.start())
    for match in _CAUSES_OF.finditer(view.text):
        heads = [(s, e) for s, e in view.after(match.end(), DISEASE) if s.start - match.end() <= 12]
        if heads:
            span, entity = heads[0]
            verb = _CAUSES_OF_VERB.match(view.text[span.end :])
            if verb is not None:
                objects = _listed(view, span.end + verb.end(), CAUSE, context, 30)
                yield from pair(
                    Argument.of(span, entity),
                    Predicate.HAS_CAUSE,
                    objects,
                    "cue.has_cause",
                    match.start(),
                )
    for match in _CAN_CAUSE.finditer(view.text):
        if match.group().lower().startswith("caused"):
            continue
        causes = [
            Argument.of(span, entity)
            for span, entity in view.before(
                match.start(), {T.CAUSE}, clause_start(view, match.start())
            )
            if span.entity.type is T.CAUSE
        ]
        diseases = _objects(coordinated_after(view, match.end(), DISEASE, first_within=20))
        for disease in diseases:
            yield from pair(
                disease, Predicate.HAS_CAUSE, causes[-1:], "cue.has_cause", match.start()
            )


# --------------------------------------------------------------------- hasRiskFactor
_INCREASES_RISK: Final = re.compile(
    r"\b(?:increases?|raises?|increased|raise|doubles?|higher)\s+(?:the\s+|your\s+|a\s+person's\s+|one's\s+)?(?:[\w-]+\s+)?risk\s+(?:of|for)\b"
    r"|\b(?:is|are)\s+(?:also\s+)?(?:a\s+)?(?:known\s+|major\s+|main\s+|strong\s+)?risk\s+factors?(?:\s+(?:for|of)\b)?",
    IC,
)
_RISK_FACTORS: Final = re.compile(r"\brisk\s+factors?\b", IC)
_RISK_VERB: Final = re.compile(
    r"\s*(?:include|includes|are|is|may\s+include|can\s+include|such\s+as|:)\s*", IC
)


_WITH_HIGHER_RISK: Final = re.compile(
    r"\b(?:people|patients|persons|those|children|adults|anyone|someone|men|women)\s+"
    r"(?:who\s+have(?:\s+had)?|with|who\s+had)\s+(?P<factors>.{1,120}?)\s+(?:also\s+|may\s+|can\s+)?"
    r"(?:have|has|are\s+at|face|carry)\s+(?:a\s+|an\s+)?(?:much\s+|slightly\s+)?"
    r"(?:higher|increased|greater|raised|elevated)\s+risk\b",
    IC,
)
_RISK_HIGHER_IF: Final = re.compile(
    r"\brisk\b(?:\s+of\s+[\w -]{1,40}?)?\s+(?:is|are|may\s+be|might\s+be|gets?|goes\s+up)\s+"
    r"(?:\w+\s+)?(?:higher|increased|greater|raised)?\s*(?:if|when|for\s+people\s+who|in\s+people\s+who)\b",
    IC,
)
_OLDER_THAN: Final = re.compile(
    r"\b(?:over(?:\s+the\s+age\s+of)?|older\s+than|aged?\s+\d+\s+(?:or|and)\s+(?:over|older))\s+\d+", IC
)
RISK_OR_POPULATION: Final = CAUSE | POPULATION


def _topic_argument(view: SentenceView, context: RuleContext) -> Argument | None:
    topic = view.topic or context.document_topic
    return Argument(topic, "", None, True, True) if topic is not None else None


def _risk_or_population(
    subject: Argument | None, factors: Sequence[Argument], cue: int
) -> Iterator[Found]:
    """A population among risk factors ("if you are a man") says who the disease
    affects; the others are risk factors."""
    causes = [f for f in factors if f.entity.type is not T.POPULATION]
    people = [f for f in factors if f.entity.type is T.POPULATION]
    yield from pair(subject, Predicate.HAS_RISK_FACTOR, causes, "cue.has_risk_factor", cue)
    yield from pair(subject, Predicate.AFFECTS_POPULATION, people, "cue.affects_population", cue)


_CONDITION_SPLIT: Final = re.compile(r",|;|\bor\b|\band\b|\bif\b", IC)
_EXAMPLE_START: Final = re.compile(
    r"^\s*(?:for\s+example|for\s+instance|e\.g\.|such\s+as|because\s+of|due\s+to|like)\b", IC
)


def _conditions(view: SentenceView, start: int) -> list[Argument]:
    """The first name of each condition after "risk is higher if": "you are over 60, are a
    man, or have a family history". An example or a reason given for a condition ("for
    example because of HIV or medicines taken after ...") is skipped until the next "if"."""
    found: list[Argument] = []
    cursor, skipping = start, False
    bounds = [m for m in _CONDITION_SPLIT.finditer(view.text, start)]
    edges = [(cursor, None)] + [(m.end(), m.group().lower()) for m in bounds]
    for index, (seg_start, separator) in enumerate(edges):
        seg_end = bounds[index].start() if index < len(bounds) else len(view.text)
        segment = view.text[seg_start:seg_end]
        if separator == "if":
            skipping = False
        if _EXAMPLE_START.match(segment):
            skipping = True
        if skipping:
            continue
        names = _objects(view.after(seg_start, RISK_OR_POPULATION, seg_end))
        found.extend(names[:1])
    return found


def conditional_risk(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "People with X have a higher risk (of Y)"; "Your risk is higher if you are over
    60, are a man, or have a family history": the topic (or Y) and its risk factors."""
    for match in _WITH_HIGHER_RISK.finditer(view.text):
        factors = _objects(view.after(match.start("factors"), CAUSE, match.end("factors")))
        diseases = [
            a
            for a in _objects(view.after(match.end(), DISEASE))
            if a.start is not None and a.start - match.end() <= 12
        ]
        subject = diseases[0] if diseases else _topic_argument(view, context)
        yield from _risk_or_population(subject, factors, match.start())
    for match in _RISK_HIGHER_IF.finditer(view.text):
        diseases = _objects(view.after(match.start(), DISEASE, match.end()))  # "risk of X is"
        subject = diseases[0] if diseases else _topic_argument(view, context)
        factors = _conditions(view, match.end())
        older = _OLDER_THAN.search(view.text, match.end())
        if older is not None:
            for entity in context.lookup("older adults"):
                if entity.type is T.POPULATION:
                    factors.append(Argument(entity, older.group(), older.start(), False))
                    break
        yield from _risk_or_population(subject, factors, match.start())


def has_risk_factor(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    yield from conditional_risk(view, context)
    for match in _INCREASES_RISK.finditer(view.text):
        factors = [
            Argument.of(span, entity)
            for span, entity in view.before(match.start(), CAUSE, clause_start(view, match.start()))
            if not span.generic()
        ]
        diseases = _objects(coordinated_after(view, match.end(), DISEASE, first_within=40))
        if (
            not diseases
            and view.topic is not None
            and match.group().lower().rstrip().endswith(("factor", "factors"))
        ):
            diseases = [Argument(view.topic, "", None, True, True)]
        for disease in diseases[:1]:
            yield from pair(
                disease,
                Predicate.HAS_RISK_FACTOR,
                factors[:1],
                "cue.has_risk_factor",
                match.start(),
            )
    for match in _RISK_FACTORS.finditer(view.text):
        rest = view.text[match.end() :]
        heads = [(s, e) for s, e in view.after(match.end(), DISEASE) if s.start - match.end() <= 12]
        verb_from = heads[0][0].end if heads else match.end()
        verb = _RISK_VERB.match(view.text[verb_from:])
        if verb is None and not rest.strip().startswith(("for", "of")):
            continue
        if verb is None:
            continue
        subject = (
            Argument.of(*heads[0])
            if heads
            else subject_for(view, match.start(), DISEASE, context, require_anaphor=False)
        )
        objects = _listed(view, verb_from + verb.end(), CAUSE, context, 30)
        yield from pair(
            subject, Predicate.HAS_RISK_FACTOR, objects, "cue.has_risk_factor", match.start()
        )


# --------------------------------------------------------------------- affectsPopulation
_AFFECT_POP: Final = re.compile(
    r"\b(?:can\s+|may\s+|mostly\s+|mainly\s+|usually\s+|often\s+)?(?:affects?|affecting|strikes?|develops?\s+in|"
    r"occurs?\s+(?:mostly\s+|mainly\s+|most\s+often\s+|more\s+often\s+)?in|is\s+(?:more\s+|most\s+)?common\s+in|"
    r"are\s+(?:more\s+|most\s+)?common\s+in|seen\s+in|diagnosed\s+in|found\s+in)\b",
    IC,
)
_IN_BEFORE: Final = re.compile(r"\b(?:in|among|of)\s+(?:[a-z-]+\s+)?$", IC)
_POP_GETS: Final = re.compile(
    r"^\s+(?:[a-z]+\s+){0,2}?(?:with|who\s+have|who\s+get|can\s+get|get|develop|develops|can\s+develop|"
    r"have|has|are\s+diagnosed\s+with)\s+",
    IC,
)
_HAVE_A_TYPE: Final = re.compile(
    r"^\s+(?:\w+\s+){0,3}?(?:have|get|develop)\s+(?:an?\s+|the\s+)?([a-z]+)\s+(?:type|form|kind|variety)\b",
    IC,
)
_EITHER_TYPE: Final = re.compile(
    r"^(?:either|both|any|this|the)\s+(?:type|types|form|forms|kind|disease|condition)\b", IC
)


_MOST_ARE: Final = re.compile(
    r"\b(?:most|many)\s+(?:patients|people|cases|sufferers)\b(?:\s+[\w-]+){0,4}?\s+(?:are|were)\s+",
    IC,
)


def affects_population(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    populations = view.after(0, POPULATION)
    if not populations:
        return
    for match in _MOST_ARE.finditer(view.text):
        # "most patients are middle-aged or older adults"
        subject = _explicit_disease(view, 0, match.start()) or subject_for(
            view, match.start(), DISEASE, context, require_anaphor=False
        )
        objects = _objects(coordinated_after(view, match.end(), POPULATION, first_within=25))
        yield from pair(
            subject, Predicate.AFFECTS_POPULATION, objects, "cue.affects_population", match.start()
        )
    for match in _AFFECT_POP.finditer(view.text):
        subject = subject_for(view, match.start(), DISEASE, context, nearest=True)
        objects = _objects(coordinated_after(view, match.end(), POPULATION, first_within=25))
        yield from pair(
            subject, Predicate.AFFECTS_POPULATION, objects, "cue.affects_population", match.start()
        )
    for span, entity in populations:
        population = Argument.of(span, entity)
        if _IN_BEFORE.search(view.text, 0, span.start):
            diseases = [
                Argument.of(s, e)
                for s, e in view.before(span.start, DISEASE)
                if not s.generic() and not view.in_parentheses(s)
            ]
            if diseases:
                yield from pair(
                    diseases[-1],
                    Predicate.AFFECTS_POPULATION,
                    [population],
                    "cue.affects_population",
                    span.start,
                )
        gets = _POP_GETS.match(view.text[span.end :])
        if gets is not None:
            position = span.end + gets.end()
            diseases = [
                Argument.of(s, e)
                for s, e in view.after(position, DISEASE)
                if s.start - position <= 25 and not s.generic()
            ]
            if not diseases and _EITHER_TYPE.match(view.text[position:]):
                # "either type" / "both types": the types of what the page is about
                topic = context.document_topic or view.topic
                diseases = [Argument(topic, "", None, True, True)] if topic is not None else []
                if topic is not None:
                    suffix = " " + topic.label.lower()
                    diseases += [
                        Argument(sub, "", None, True, True)
                        for _, sub in sorted(context.composed.items())
                        if sub.label.lower().endswith(suffix) and sub.type is T.DISEASE
                    ]
                for disease in diseases[1:]:
                    yield from pair(
                        disease,
                        Predicate.AFFECTS_POPULATION,
                        [population],
                        "cue.affects_population",
                        span.end,
                    )
            if diseases:
                kind = (
                    _HAVE_A_TYPE.match(view.text[diseases[0].start + len(diseases[0].text) :])
                    if diseases[0].start is not None
                    else None
                )
                if kind is not None:
                    subtype = next(
                        (
                            c
                            for c in context.lookup(f"{kind.group(1)} {diseases[0].entity.label}")
                            if c.type is T.DISEASE
                        ),
                        None,
                    )
                    if subtype is not None:
                        yield from pair(
                            Argument(subtype, kind.group(0).strip(), diseases[0].start, False),
                            Predicate.AFFECTS_POPULATION,
                            [population],
                            "cue.affects_population",
                            span.end,
                        )
            yield from pair(
                diseases[0] if diseases else None,
                Predicate.AFFECTS_POPULATION,
                [population],
                "cue.affects_population",
                span.end,
            )
        following = next((s for s in view.spans if s.start > span.start), None)
        if following is not None and following.start - span.end <= 1:
            named = following.typed(DISEASE)
            if named is not None and not following.generic():
                yield from pair(
                    Argument.of(following, named),
                    Predicate.AFFECTS_POPULATION,
                    [population],
                    "cue.affects_population",
                    span.start,
                )


# --------------------------------------------------------------------- produces
_PRODUCE: Final = re.compile(
    r"\b(?:produces?|produced|producing|production|makes?|made|making|forms?|formed|generates?|generated|"
    r"manufactures?|creates?|created)\b",
    IC,
)
_CELL_PRONOUN: Final = re.compile(r"^\s*(?:they|these(?:\s+cells)?|those(?:\s+cells)?)\b", IC)
_PASSIVE: Final = re.compile(r"^(?:produced|made|formed|generated|created|form)$", IC)
_IN_AFTER: Final = re.compile(r"^\s+in\s+(?:the\s+|your\s+|our\s+)?", IC)
_STATE_WORDS: Final = re.compile(
    r"\b(?:abnormal|immature|too\s+many|too\s+few|cancer|cancerous|malignant|leuk[a]?emic|not\s+enough)\b",
    IC,
)


def produces(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    if any(s.entity.type is T.DISEASE and not s.generic() for s in view.spans):
        return  # a disease state, not normal production (see cue.affects_state)
    for match in _PRODUCE.finditer(view.text):
        anatomy: Argument | None = None
        cells: list[Argument] = []
        inside = _IN_AFTER.match(view.text[match.end() :])
        if inside is not None:
            after = [
                (s, e)
                for s, e in view.after(match.end(), ANATOMY)
                if s.start == match.end() + inside.end()
            ]
            if after:
                anatomy = Argument.of(*after[0])
                cells = [
                    Argument.of(s, e)
                    for s, e in view.before(match.start(), CELL, clause_start(view, match.start()))
                    if not s.generic()
                ][-1:]
                if not cells and view.previous_cell is not None and _CELL_PRONOUN.match(view.text):
                    cells = [Argument(view.previous_cell, "", None, True, True)]
        if anatomy is None:
            before = [(s, e) for s, e in view.before(match.start(), ANATOMY) if not s.generic()]
            if not before:
                continue
            anatomy = Argument.of(*before[0])
            if _PASSIVE.match(match.group()):
                cells = [
                    Argument.of(s, e)
                    for s, e in view.before(match.start(), CELL, (anatomy.start or 0))
                    if not s.generic()
                ][-1:]
            else:
                found = coordinated_after(view, match.end(), CELL, first_within=30)
                cells = [
                    Argument.of(s, e)
                    for s, e in found
                    if not s.generic() and not _STATE_WORDS.search(view.text, match.end(), s.start)
                ]
        yield from pair(anatomy, Predicate.PRODUCES, cells, "cue.produces", match.start())


# --------------------------------------------------------------------- developsInto
_DEVELOP_INTO: Final = re.compile(
    r"\b(?:develops?|developed|developing|matures?|matured|maturing|differentiates?|differentiated|grows?|turns?|"
    r"becomes?|gives?\s+rise)\s+(?:in)?to\b|\bgive\s+rise\s+to\b|\bprecursors?\s+(?:of|to)\b",
    IC,
)
_DEVELOP_FROM: Final = re.compile(
    r"\b(?:develops?|developed|arises?|arise|derived|derive|comes?|originates?|originate)\s+from\b",
    IC,
)
_DIFFERENTIATE: Final = re.compile(r"\bdifferentiat\w*|\bseparated\b", IC)


def develops_into(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    for match in _DEVELOP_INTO.finditer(view.text):
        sources = [
            Argument.of(s, e)
            for s, e in view.before(match.start(), CELL, clause_start(view, match.start()))
            if not s.generic()
        ]
        targets = _objects(coordinated_after(view, match.end(), CELL, first_within=30))
        nearest = match.group().lower().startswith("precursor")
        yield from pair(
            (sources[-1] if nearest else sources[0]) if sources else None,
            Predicate.DEVELOPS_INTO,
            targets,
            "cue.develops_into",
            match.start(),
        )
    for match in _DEVELOP_FROM.finditer(view.text):
        products = [
            Argument.of(s, e)
            for s, e in view.before(match.start(), CELL, clause_start(view, match.start()))
            if not s.generic()
        ]
        sources = _objects(coordinated_after(view, match.end(), CELL, first_within=30))
        for source in sources:
            yield from pair(
                source, Predicate.DEVELOPS_INTO, products[:1], "cue.develops_into", match.start()
            )
    differentiates = _DIFFERENTIATE.search(view.text)
    if differentiates is not None:
        match = differentiates
        sources = [
            Argument.of(s, e) for s, e in view.before(match.start(), CELL) if not s.generic()
        ]
        targets = [Argument.of(s, e) for s, e in view.after(match.end(), CELL) if not s.generic()]
        yield from pair(
            sources[-1] if sources else None,
            Predicate.DEVELOPS_INTO,
            targets,
            "cue.develops_into",
            match.start(),
        )


RELATION_RULES: Final[tuple[Rule, ...]] = (
    ("cue.originates_in", _ORIGIN, originates_in),
    ("cue.spreads_to", _SPREAD, spreads_to),
    (
        "cue.affects",
        re.compile(
            r"\b(?:of|too|with|become|becomes|turns?|are|grow|degenerate|number|affects?|affecting|damages?|attacks?|destroys?|targets?|involves?)\b",
            IC,
        ),
        affects,
    ),
    ("cue.affects_state", _STATE, affects_state),
    (
        "cue.has_symptom",
        re.compile(
            _SYMPTOMS_INCLUDE.pattern + "|" + _ITS_SYMPTOM.pattern + "|" + _PATIENT_STATE.pattern,
            IC,
        ),
        has_symptom,
    ),
    ("cue.diagnosed_by", re.compile(r"\w"), diagnosed_by),
    ("cue.treated_with", re.compile(r"\w"), treated_with),
    (
        "cue.has_cause",
        re.compile(
            r"\b(?:caus\w*|result\w*|consequence\w*|complication\w*|triggered|induced|develops?|due|stems?|linked|leads?|lead|brought|"
            r"happens|occurs|starts|begins|passed|inherited)\b",
            IC,
        ),
        has_cause,
    ),
    ("cue.has_risk_factor", re.compile(r"\brisk\b", IC), has_risk_factor),
    ("cue.affects_population", re.compile(r"\w"), affects_population),
    ("cue.produces", _PRODUCE, produces),
    (
        "cue.develops_into",
        re.compile(
            _DEVELOP_INTO.pattern + "|" + _DEVELOP_FROM.pattern + "|" + _DIFFERENTIATE.pattern, IC
        ),
        develops_into,
    ),
)
