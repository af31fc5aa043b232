"""Cue rules for causes and risk factors: hasCause, hasRiskFactor."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Final

from hemekg.extract.context import SentenceView, coordinated_after
from hemekg.extract.cues import (
    CAUSE,
    DISEASE,
    IC,
    POPULATION,
    Argument,
    Rule,
    T,
    clause_start,
    listed_objects,
    objects_of,
    pair,
    subject_for,
)
from hemekg.extract.found import Found, RuleContext
from hemekg.model import Predicate

__all__ = ["RULES", "conditional_risk", "has_cause", "has_risk_factor", "inherited"]


_RESULT_OF: Final = re.compile(
    r"\b(?:is|are|can\s+be|may\s+be|is\s+often|are\s+often)\s+(?:[\w-]+\s+){0,3}?(?:the\s+)?(?:result|consequence|complication)s?\s+of\b"
    r"|\b(?:caused|triggered|induced|brought\s+on)\s+by\b|\bresults?\s+from\b|\b(?:develops?|occurs?|appears?|starts?)\s+(?:in\s+\w+\s+)?(?:with|after|because\s+of|following)\b"
    r"|\b(?:is|are)\s+(?:usually\s+|often\s+|mostly\s+)?due\s+to\b|\bstems?\s+from\b"
    r"|\b(?:is|are|can\s+be|may\s+be)\s+(?:also\s+|often\s+|sometimes\s+|usually\s+|mostly\s+)?linked\s+to\b"
    r"|\b(?:happens|occurs|develops|starts|begins)\s+when\b",
    IC,
)
#: "X can develop from / grow out of Y": only a disease Y is a cause ("develops from
#: stem cells" says where X starts: :mod:`.cue_location`).
_DEVELOPS_FROM: Final = re.compile(
    r"\b(?:can\s+|may\s+|might\s+|sometimes\s+|also\s+)*(?:develops?|develop(?:ed|ing)|arises?|evolves?|progress(?:es)?)\s+"
    r"(?:\w+\s+)?(?:from|out\s+of)\b",
    IC,
)
#: what a passive cause cue is said of when it is not the disease: its symptoms.
_SYMPTOMS_SUBJECT: Final = re.compile(r"\b(?:symptoms?|signs?)\b", IC)
_EXAMPLES_AFTER: Final = re.compile(r"\s*,?\s*(?:such\s+as|like|including|for\s+example)\b", IC)
_CAUSES_OF: Final = re.compile(r"\b(?:causes|cause|triggers)\s+of\s+", IC)
_CAUSES_OF_VERB: Final = re.compile(
    r"^\s*(?:(?:in|among|for)\s+(?:the\s+)?[\w -]{1,25}?\s+)?"
    r"(?:include|includes|are|is|may\s+include|can\s+include|:)\s*",
    IC,
)
_CAN_CAUSE: Final = re.compile(
    r"\b(?:can\s+|may\s+|might\s+|often\s+)?(?:cause|causes|caused|lead\s+to|leads\s+to|trigger|triggers)\b",
    IC,
)

#: only adverbs between a name and "can cause": the name is the verb's own subject, so a
#: name whose first reading is a treatment ("Some medicines can also trigger X") is meant
#: as a cause there.
_SUBJECT_OF_VERB: Final = re.compile(r"(?:\s+(?:can|may|might|could|also|sometimes|often))*\s*", IC)

_INHERITED: Final = re.compile(
    r"\b(?:is|are|can\s+be|may\s+be)\s+(?:usually\s+|often\s+|mostly\s+)?(?:passed\s+(?:on|down)|inherited)\b"
    r"(?=\s*(?:[.,;:]|$|\s+(?:from|through|in|by|as|when|if|and|or|on|down|to)\b))"
    r"|\b(?:can\s+|may\s+|sometimes\s+|often\s+|also\s+)?runs?\s+in\s+(?:the\s+|some\s+)?famil(?:y|ies)\b",
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


_GENES: Final = re.compile(r"\bgenes?\b", IC)


def _not_gene_symbols(view: SentenceView, cue_end: int, objects: list[Argument]) -> list[Argument]:
    """ "caused by changes in genes such as NF1 or KIT": after the word "genes", an
    upper-case symbol names a gene, not the disease that shares its abbreviation."""
    return [
        a
        for a in objects
        if not (
            a.entity.type is T.DISEASE
            and a.start is not None
            and a.text.isupper()
            and _GENES.search(view.text, cue_end, a.start)
        )
    ]


def has_cause(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "X is caused by / results from / happens when Y", "causes of X include Y",
    "Y can cause X", "X is inherited"."""
    yield from inherited(view, context)
    for match in _RESULT_OF.finditer(view.text):
        if _SYMPTOMS_SUBJECT.search(view.text, clause_start(view, match.start()), match.start()):
            continue  # "the symptoms of X are caused by low blood counts": no cause of X
        subject = subject_for(view, match.start(), DISEASE, context)
        objects = _not_gene_symbols(
            view, match.end(), listed_objects(view, match.end(), CAUSE, context, 40)
        )
        yield from pair(subject, Predicate.HAS_CAUSE, objects, "cue.has_cause", match.start())
    for match in _DEVELOPS_FROM.finditer(view.text):
        first = next((s for s in view.spans if s.start >= match.end()), None)
        if first is not None and first.typed((T.CELL_TYPE,)) is not None:
            continue  # "develops from B cells, ... to fight infection": a cell of origin
        subject = subject_for(view, match.start(), DISEASE, context)
        objects = [
            a
            for a in listed_objects(view, match.end(), DISEASE, context, 30)
            if (subject is None or a.entity.id != subject.entity.id)
        ]
        if (
            len(objects) > 1
            and objects[0].start is not None
            and _EXAMPLES_AFTER.match(view.text, objects[0].start + len(objects[0].text))
        ):
            objects = objects[1:]  # "other MPNs, such as X or Y": the examples are the causes
        yield from pair(subject, Predicate.HAS_CAUSE, objects, "cue.has_cause", match.start())
    for match in _CAUSES_OF.finditer(view.text):
        heads = [(s, e) for s, e in view.after(match.end(), DISEASE) if s.start - match.end() <= 12]
        if heads:
            span, entity = heads[0]
            verb = _CAUSES_OF_VERB.match(view.text[span.end :])
            if verb is not None:
                objects = listed_objects(view, span.end + verb.end(), CAUSE, context, 30)
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
            or _SUBJECT_OF_VERB.fullmatch(view.text, span.end, match.start())
        ]
        diseases = objects_of(coordinated_after(view, match.end(), DISEASE, first_within=20))
        for disease in diseases:
            yield from pair(
                disease, Predicate.HAS_CAUSE, causes[-1:], "cue.has_cause", match.start()
            )


_INCREASES_RISK: Final = re.compile(
    r"\b(?:increases?|raises?|increased|raise|doubles?|higher)\s+(?:the\s+|your\s+|a\s+person's\s+|one's\s+)?(?:[\w-]+\s+)?risk\s+(?:of|for)\b"
    r"|\b(?:increases?|raises?|increase|raise)\s+(?:the|your|a\s+person's)\s+risk\s*(?=[.;]|$)"
    r"|\b(?:is|are)\s+(?:also\s+)?(?:a\s+)?(?:known\s+|major\s+|main\s+|strong\s+)?risk\s+factors?(?:\s+(?:for|of)\b)?",
    IC,
)
_EXAMPLES_BETWEEN: Final = re.compile(r"\b(?:such\s+as|like|including|e\.g\.)\b", IC)
_RISK_FACTORS: Final = re.compile(r"\brisk\s+factors?\b", IC)
_RISK_VERB: Final = re.compile(
    r"\s*(?:include|includes|are|is|may\s+include|can\s+include|such\s+as|:)\s*", IC
)


_WITH_HIGHER_RISK: Final = re.compile(
    r"\b(?:people|patients|persons|those|children|adults|anyone|someone|men|women)\s+"
    r"(?:who\s+have(?:\s+had)?|with|who\s+had)\s+(?P<factors>.{1,120}?)\s+(?:also\s+|may\s+|can\s+)?"
    r"(?:(?:have|has|are\s+at|face|carry)\s+(?:a\s+|an\s+)?(?:much\s+|slightly\s+)?"
    r"(?:higher|increased|greater|raised|elevated)\s+risk\b"
    # "People who have X are more likely to develop Y"
    r"|(?:are|is)\s+(?:much\s+|also\s+)?more\s+likely\s+to\s+(?:develop|get|have)\b)",
    IC,
)
_RISK_HIGHER_IF: Final = re.compile(
    r"\brisk\b(?:\s+of\s+[\w -]{1,40}?)?\s+(?:is|are|may\s+be|might\s+be|gets?|goes\s+up)\s+"
    r"(?:\w+\s+)?(?:higher|increased|greater|raised)?\s*(?:if|when|for\s+people\s+who|in\s+people\s+who)\b",
    IC,
)
_OLDER_THAN: Final = re.compile(
    r"\b(?:over(?:\s+the\s+age\s+of)?|older\s+than|aged?\s+\d+\s+(?:or|and)\s+(?:over|older))\s+\d+",
    IC,
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
        names = objects_of(view.after(seg_start, RISK_OR_POPULATION, seg_end))
        found.extend(names[:1])
    return found


def conditional_risk(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "People with X have a higher risk (of Y)"; "Your risk is higher if you are over
    60, are a man, or have a family history": the topic (or Y) and its risk factors."""
    for match in _WITH_HIGHER_RISK.finditer(view.text):
        factors = objects_of(view.after(match.start("factors"), CAUSE, match.end("factors")))
        diseases = [
            a
            for a in objects_of(view.after(match.end(), DISEASE))
            if a.start is not None and a.start - match.end() <= 12
        ]
        subject = diseases[0] if diseases else _topic_argument(view, context)
        yield from _risk_or_population(subject, factors, match.start())
    for match in _RISK_HIGHER_IF.finditer(view.text):
        diseases = objects_of(view.after(match.start(), DISEASE, match.end()))  # "risk of X is"
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
    """ "Y increases the risk of X", "Y is a risk factor", "risk factors (for X) include
    Y", and the conditional forms of :func:`conditional_risk`."""
    yield from conditional_risk(view, context)
    for match in _INCREASES_RISK.finditer(view.text):
        factors = [
            Argument.of(span, entity)
            for span, entity in view.before(match.start(), CAUSE, clause_start(view, match.start()))
            if not span.generic()
        ]
        diseases = objects_of(coordinated_after(view, match.end(), DISEASE, first_within=40))
        if (
            not diseases
            and view.topic is not None
            and match.group().lower().rstrip().endswith(("factor", "factors", "risk"))
        ):
            diseases = [Argument(view.topic, "", None, True, True)]
        chosen = factors[:1] + [
            f
            for f in factors[1:]
            if f.start is not None
            and factors[0].start is not None
            and _EXAMPLES_BETWEEN.search(view.text, factors[0].start, f.start)
        ]
        for disease in diseases[:1]:
            yield from pair(
                disease,
                Predicate.HAS_RISK_FACTOR,
                chosen,  # "exposure to certain chemicals, such as Agent Orange, may increase"
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
        objects = listed_objects(view, verb_from + verb.end(), CAUSE, context, 30)
        yield from pair(
            subject, Predicate.HAS_RISK_FACTOR, objects, "cue.has_risk_factor", match.start()
        )


RULES: Final[tuple[Rule, ...]] = (
    (
        "cue.has_cause",
        re.compile(
            r"\b(?:caus\w*|result\w*|consequence\w*|complication\w*|trigger\w*|induced|develops?|due|stems?|linked|leads?|lead|brought|"
            r"happens|occurs|starts|begins|passed|inherited|runs?|arises?|evolves?|progress\w*)\b",
            IC,
        ),
        has_cause,
    ),
    ("cue.has_risk_factor", re.compile(r"\b(?:risk|likely)\b", IC), has_risk_factor),
)
