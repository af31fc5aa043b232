"""Relations stated by a lead sentence and the list below it.

"Symptoms can include:", "Treatments may include:", "The bone marrow produces:",
"The main types of leukemia are:", "The functional develops with:" each give their
predicate and subject; every list item gives objects. A list with no lead sentence
(a link list under a heading such as "Related Health Topics") states nothing.

If the lead has no cue but names a disease and ends with ':', items that open with
another disease ("In aplastic anemia, ...") are read as its subtypes (weak cue
``hearst.list_lead``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import Final

from hemekg.extract.context import SentenceView, coordinated_after
from hemekg.extract.cues import Argument, apposed_class, subject_for
from hemekg.extract.found import Found, RuleContext, fits
from hemekg.extract.new_entities import compose, mint
from hemekg.extract.taxonomy import TAXONOMIC_TYPES, adjective_items
from hemekg.iris import project_id
from hemekg.model import Entity, EntityType, Predicate, SentenceKind

__all__ = ["LEAD_CUES", "list_relations", "orphan_items"]

T = EntityType
IC = re.IGNORECASE

#: lead cue -> predicate, in priority order (the first that matches the lead wins).
LEAD_CUES: Final[tuple[tuple[str, re.Pattern[str], Predicate], ...]] = (
    (
        "list.symptoms",
        re.compile(
            r"\b(?:symptoms?|signs?|complaints|manifestations?|may\s+notice|feel|(?:may|can|might|often|usually)\s+(?:have|experience|notice|get|develop))\b"
            r"|\b(?:cause|causes|lead\s+to|leads\s+to|result\s+in)\s+(?:a\s+|many\s+|several\s+)?(?:wide\s+|serious\s+)?"
            r"(?:range\s+of\s+|number\s+of\s+|variety\s+of\s+)?(?:other\s+|health\s+)?(?:problems|complications|effects|issues)\b"
            # "anemia, which can cause:": what the disease causes, not its causes
            r"|\b(?:can|may|might|will|often|usually)\s+(?:cause|lead\s+to|result\s+in)\s*:\s*$",
            IC,
        ),
        Predicate.HAS_SYMPTOM,
    ),
    ("list.risk_factors", re.compile(r"\brisk\b", IC), Predicate.HAS_RISK_FACTOR),
    (
        "list.causes",
        re.compile(
            r"\b(?:causes?|caused\s+by|result\s+of|develops?\s+with|due\s+to|triggers?)\b", IC
        ),
        Predicate.HAS_CAUSE,
    ),
    (
        "list.treatments",
        re.compile(r"\b(?:treat\w*|therap\w*|options)\b", IC),
        Predicate.TREATED_WITH,
    ),
    (
        "list.tests",
        re.compile(r"\b(?:diagnos\w*|tests?|exams?|examinations?)\b", IC),
        Predicate.DIAGNOSED_BY,
    ),
    ("list.produces", re.compile(r"\b(?:produc\w*|makes?|made|forms?)\b", IC), Predicate.PRODUCES),
    (
        "list.develops_into",
        re.compile(r"\b(?:develop\w*\s+into|becomes?|matures?\s+into)\b", IC),
        Predicate.DEVELOPS_INTO,
    ),
    (
        "list.spreads_to",
        re.compile(r"\b(?:spread\w*|invade\w*|travels?)\b", IC),
        Predicate.SPREADS_TO,
    ),
    (
        "hearst.list",
        re.compile(
            r"\b(?:types?|kinds?|forms?|subtypes?|categories|classes|groups?|divided|classified|such\s+as)\b",
            IC,
        ),
        Predicate.SUB_CLASS_OF,
    ),
)
_LEAD_END: Final = re.compile(
    r"(?::|\binclud(?:e|es|ing)|\bsuch\s+as|\bare|\bis|\bwith|\bproduces?)\s*$", IC
)
_TYPES_OF: Final = re.compile(r"\b(?:types|kinds|forms|subtypes|categories)\s+of\s+", IC)
_ITEM_HEAD: Final = re.compile(
    r"^\s*(?:[-*\u2022]\s*|\d+[.)]\s*)?(?:in\s+|with\s+)?(?:the\s+|a\s+|an\s+)?", IC
)


#: predicates whose list items may name an entity the lexicon lacks, and its type.
_MINTABLE: Final = {
    Predicate.HAS_CAUSE: T.CAUSE,
    Predicate.HAS_RISK_FACTOR: T.CAUSE,
    Predicate.HAS_SYMPTOM: T.PHENOTYPE,
    Predicate.TREATED_WITH: T.TREATMENT,
    Predicate.DIAGNOSED_BY: T.DIAGNOSTIC_PROCEDURE,
}
_NAME_IN_PARENTHESES: Final = re.compile(r"\(\s*[A-Za-z][\w -]*\)\s*[.;,]?\s*$")
_NAME: Final = re.compile(r"^[A-Za-z][A-Za-z'-]*(?:\s+[A-Za-z][A-Za-z'-]*){0,3}$")
_NOT_NAME: Final = re.compile(
    r"\b(?:is|are|was|were|be|can|may|will|you|your|it|they|this|that|which|who|of|to|for|from|with|by)\b",
    IC,
)


def _named_item(text: str) -> str | None:
    """A list item that is just a short name ("typhoid fever;", "viral diseases")."""
    name = re.sub(r"\([^()]*\)", " ", text).strip().rstrip(".;,:").strip()
    if not _NAME.match(name) or _NOT_NAME.search(name):
        return None
    return name


def _is_heading(view: SentenceView) -> bool:
    """A heading, or a question standing as one ("What are the symptoms?")."""
    return view.sentence.kind is SentenceKind.HEADING or view.text.rstrip().endswith("?")


#: the nouns by which a heading or an earlier sentence names what a list gives.
_TOPIC_CUES: Final[tuple[tuple[str, re.Pattern[str], Predicate], ...]] = (
    ("list.symptoms", re.compile(r"\b(?:symptoms?|signs?)\b", IC), Predicate.HAS_SYMPTOM),
    ("list.risk_factors", re.compile(r"\brisk\s+factors?\b", IC), Predicate.HAS_RISK_FACTOR),
    ("list.causes", re.compile(r"\b(?:causes?|caused)\b", IC), Predicate.HAS_CAUSE),
    (
        "list.treatments",
        re.compile(r"\b(?:treatments?|treated|therap(?:y|ies))\b", IC),
        Predicate.TREATED_WITH,
    ),
    (
        "list.tests",
        re.compile(r"\b(?:diagnos\w*|tests?)\b", IC),
        Predicate.DIAGNOSED_BY,
    ),
)
#: a lead that says nothing of its own ("They can include:", "These are:").
_BARE_LEAD: Final = re.compile(
    r"^\s*(?:they|these|those|it|this|examples?|some|common\s+ones|the\s+most\s+common)\s+"
    r"(?:[a-z]+\s+){0,2}?(?:include|includes|are|is|can\s+be|may\s+be)\s*:?\s*$",
    IC,
)


#: a lead that only points at the list ("Check with your doctor if you have any of the
#: following:"): what the list gives is named in the sentences before it.
_FOLLOWING: Final = re.compile(r"\b(?:any|some|one|all|each)\s+of\s+the\s+following\s*:?\s*$", IC)


def _relation_cue(text: str) -> tuple[str, Predicate] | None:
    """The relation a heading or an earlier sentence names for the list below it."""
    for name, pattern, predicate in _TOPIC_CUES:
        if pattern.search(text):
            return name, predicate
    return None


def _blocks(
    views: Sequence[SentenceView],
) -> Iterator[tuple[SentenceView, list[SentenceView], list[SentenceView]]]:
    """(lead, items, context) per list: the lead is the sentence right before the list (a
    text ending like a lead, or a heading naming a relation); the context is what comes
    before the lead up to its section heading, whose cue a cue-less lead ("They can
    include:") takes over."""
    index = 0
    while index < len(views):
        view = views[index]
        if view.sentence.kind is not SentenceKind.LIST_ITEM or index == 0:
            index += 1
            continue
        items = [view]
        while index + len(items) < len(views):
            following = views[index + len(items)]
            if (
                following.sentence.kind is not SentenceKind.LIST_ITEM
                or following.sentence.block != view.sentence.block
            ):
                break
            items.append(following)
        lead = views[index - 1]
        context: list[SentenceView] = []
        back = index - 2
        while back >= 0 and len(context) < 3 and not (context and _is_heading(context[-1])):
            if views[back].sentence.kind is SentenceKind.LIST_ITEM:
                break
            context.append(views[back])
            back -= 1
        if lead.sentence.kind is SentenceKind.TEXT and _LEAD_END.search(lead.text):
            yield lead, items, context
        elif lead.sentence.kind is SentenceKind.HEADING and _relation_cue(lead.text):
            yield lead, items, []
        index += len(items)


def orphan_items(views: Sequence[SentenceView]) -> frozenset[int]:
    """Indices of list items with no lead sentence (link lists under a heading): their
    names are navigation, not statements, so no rule reads them."""
    orphans: set[int] = set()
    for index, view in enumerate(views):
        if view.sentence.kind is not SentenceKind.LIST_ITEM:
            continue
        first = index
        while (
            first > 0
            and views[first - 1].sentence.kind is SentenceKind.LIST_ITEM
            and views[first - 1].sentence.block == view.sentence.block
        ):
            first -= 1
        if first == 0 or (
            views[first - 1].sentence.kind is SentenceKind.HEADING
            and _relation_cue(views[first - 1].text) is None
        ):
            orphans.add(index)
    return frozenset(orphans)


def _subject(lead: SentenceView, predicate: Predicate, context: RuleContext) -> Argument | None:
    if predicate is Predicate.SUB_CLASS_OF:
        match = _TYPES_OF.search(lead.text)
        if match:
            heads = [
                (s, e)
                for s, e in lead.after(match.end(), TAXONOMIC_TYPES)
                if s.start - match.end() <= 12
            ]
            if heads:
                return Argument.of(*heads[0])
        return subject_for(lead, len(lead.text), TAXONOMIC_TYPES, context)
    domain = (
        {T.ANATOMICAL_STRUCTURE}
        if predicate is Predicate.PRODUCES
        else ({T.CELL_TYPE} if predicate is Predicate.DEVELOPS_INTO else {T.DISEASE})
    )
    return subject_for(
        lead, len(lead.text), domain, context, require_anaphor=predicate in (Predicate.SPREADS_TO,)
    )


def _range(predicate: Predicate, subject_type: EntityType) -> frozenset[EntityType]:
    from hemekg.extract.cues import range_of

    return range_of(predicate, subject_type)


_EXAMPLES_AFTER: Final = re.compile(r"\s*,?\s*(?:such\s+as|like|including|e\.g\.,?)\s+", IC)
#: "Bleeding from the gums or nose", "Pain in the bones or stomach": the second noun
#: shares the words before the first ("bleeding from the nose").
_ELIDED: Final = re.compile(
    r"(?P<head>[A-Za-z][\w'-]*(?:\s+[\w'-]+){0,2}?\s+(?:in|from|of|on|around|under)\s+"
    r"(?:the\s+|your\s+)?)[\w-]+\s*,?\s+(?:or|and)\s+(?:the\s+|your\s+)?(?P<second>[\w-]+)"
    r"\s*[.;]?\s*$",
    IC,
)


def _elided_symptom(
    text: str, start: int, types: frozenset[EntityType], found: list[Argument], context: RuleContext
) -> list[Argument]:
    """The symptom named by the second, elided noun of "<head> <prep> the A or B"."""
    match = _ELIDED.fullmatch(text, start)
    if match is None:
        return []
    name = f"{match.group('head')}{match.group('second')}"
    known = {a.entity.id for a in found}
    return [
        Argument(entity, match.group("second"), match.start("second"), False)
        for entity in context.lookup(name)[:1]
        if entity.type in types and entity.id not in known
    ]


_ITEM_VERB: Final = re.compile(
    r"\s*(?:\([^()]*\)\s*)?(?:is|are|was|were|occurs?|develops?|affects?|has|have|can|may|"
    r"causes?|starts?|happens?|tends?)\b",
    IC,
)
#: "MDS with ring sideroblasts", "AML with an NPM1 mutation": the parent's name and a
#: short "with / without" qualifier name a subtype (the WHO's way of naming them).
_WITH_QUALIFIER: Final = re.compile(
    r"\s+(?:with|without)\s+(?P<rest>[\w()'+-]+(?:\s+[\w()'+-]+){0,4})\s*[.;]?\s*$", IC
)


def _qualified_subtype(
    item: SentenceView, start: int, subject: Argument, context: RuleContext
) -> Argument | None:
    """The subtype an item names as "<parent> with <qualifier>" (minted when the
    lexicon lacks it)."""
    head = next(
        (
            span
            for span, entity in item.after(start, (subject.entity.type,))
            if entity.id == subject.entity.id and span.start - start <= 2
        ),
        None,
    )
    if head is None:
        return None
    match = _WITH_QUALIFIER.fullmatch(item.text, head.end)
    if match is None or _NOT_NAME.search(match.group("rest")):
        return None
    name = item.text[head.start : match.start("rest") + len(match.group("rest"))]
    known = [e for e in context.lookup(name) if e.type is subject.entity.type]
    if known:
        return Argument(known[0], name, head.start, True)
    entity = context.new_entities.get(project_id(name.lower()))
    if entity is None:
        entity = mint(name, subject.entity)
        context.new_entities[entity.id] = entity
        context.parent_of[entity.id] = subject.entity
    return Argument(entity, name, head.start, False, False, True)


def _item_objects(
    item: SentenceView, predicate: Predicate, subject: Argument, context: RuleContext
) -> list[Argument]:
    head = _ITEM_HEAD.match(item.text)
    start = head.end() if head else 0
    types = _range(predicate, subject.entity.type)
    if predicate is Predicate.HAS_SYMPTOM:
        found = [Argument.of(s, e) for s, e in item.after(0, types) if not s.generic()]
        found += _elided_symptom(item.text.rstrip(), start, types, found, context)
        named = _NAME_IN_PARENTHESES.search(item.text)
        if named is not None:
            # "Burning pain in the hands and feet (erythromelalgia)": the name of the item
            inside = [a for a in found if (a.start or 0) >= named.start()]
            return inside or found
        return found
    found = [
        Argument.of(s, e)
        for s, e in coordinated_after(item, start, types, first_within=45)
        if not s.generic()
    ]
    if found and found[-1].start is not None and predicate is not Predicate.SUB_CLASS_OF:
        examples = _EXAMPLES_AFTER.match(item.text, found[-1].start + len(found[-1].text))
        if examples is not None:
            # "Exposure to certain chemicals, like benzene": the examples are items too
            found += [
                Argument.of(s, e)
                for s, e in coordinated_after(item, examples.end(), types, first_within=5)
                if not s.generic()
            ]
    if predicate in (Predicate.TREATED_WITH, Predicate.DIAGNOSED_BY):
        found = [a for a in found if not apposed_class(item.text, found, a)]
    if not found and predicate in _MINTABLE:
        item_name = _named_item(item.text[start:])
        if item_name:
            entity = Entity(project_id(item_name), item_name.lower(), _MINTABLE[predicate])
            entity = context.new_entities.setdefault(entity.id, entity)
            found = [Argument(entity, item_name, start, False, False, True)]
    if predicate is Predicate.SUB_CLASS_OF:
        qualified = _qualified_subtype(item, start, subject, context)
        if qualified is not None:
            return [qualified]
        found = [a for a in found if a.entity.id != subject.entity.id]
        if found and found[0].start is not None:
            first_end = found[0].start + len(found[0].text)
            if _ITEM_VERB.match(item.text, first_end):
                # "Endemic X is the most common type in Africa and is linked to EBV": a
                # sentence about the item's name, whose other names are no subtypes
                found = found[:1] if found[0].start - start <= 12 else []
        if not found:
            words = adjective_items(item.text[start:].split("(")[0])
            if len(words) == 1:
                entity, minted = compose(context, words[0], subject.entity)
                found = [
                    Argument(
                        entity,
                        item.text[start:].split("(")[0].strip(),
                        start,
                        not minted,
                        False,
                        minted,
                    )
                ]
    return found


#: "... that could mean X has turned into Y include:": the list is about Y.
_BECOMES: Final = re.compile(
    r"\b(?:has\s+|have\s+|had\s+)?(?:develop(?:ed|s)?|progress(?:ed|es)?|turn(?:ed|s)?|"
    r"transform(?:ed|s)?|chang(?:ed|es))\s+(?:in)?to\s+(?:an?\s+|the\s+)?$",
    IC,
)
#: what may stand between two coordinated subjects ("MGUS and smouldering myeloma").
_SUBJECT_AND: Final = re.compile(r"^\s*(?:,\s*)?(?:and|or|,)\s*(?:the\s+)?$", IC)


def _lead_subjects(lead: SentenceView, first: Argument) -> list[Argument]:
    """The diseases a lead speaks of: the one found, or the disease it is said to turn
    into, plus any disease coordinated right after it ("Tests for X and Y include:")."""
    if first.start is None or first.entity.type is not T.DISEASE:
        return [first]
    subject = first
    later = [
        (span, entity)
        for span, entity in lead.after(first.start + len(first.text), {T.DISEASE})
        if not span.generic()
    ]
    for span, entity in later:
        if _BECOMES.search(lead.text, first.start + len(first.text), span.start):
            subject = Argument.of(span, entity)
            break
    subjects = [subject]
    cursor = (subject.start or 0) + len(subject.text)
    for span, entity in later:
        if span.start < cursor:
            continue
        if not _SUBJECT_AND.match(lead.text[cursor : span.start]):
            break
        subjects.append(Argument.of(span, entity))
        cursor = span.end
    return subjects


#: "... drugs called tyrosine kinase inhibitors (TKIs). These include imatinib and X.":
#: the class the sentence before ends with has the names after "These include".
_THESE_INCLUDE: Final = re.compile(r"^\s*(?:these|they)\s+include\s*:?\s*", IC)
_CLASS_AT_END: Final = re.compile(r"\s*(?:\([^()]*\))?\s*[.:]?\s*$")
#: only classes of drugs and tests: "... a higher risk of JMML. These include NF1 ..." names
#: the genetic conditions, not types of the disease named last.
_CLASS_TYPES: Final = frozenset({T.TREATMENT, T.DIAGNOSTIC_PROCEDURE})


def these_include(views: Sequence[SentenceView]) -> Iterator[Found]:
    """Subclasses named by "These include X, Y and Z" after a sentence ending with their
    class (not in a list: the names are in running text)."""
    for before, view in pairwise(views):
        match = _THESE_INCLUDE.match(view.text)
        if match is None or view.sentence.kind is not SentenceKind.TEXT:
            continue
        last = next(
            (
                span
                for span in reversed(before.spans)
                if not before.in_parentheses(span) and span.typed(_CLASS_TYPES) is not None
            ),
            None,
        )
        if last is None or last.generic() or not _CLASS_AT_END.fullmatch(before.text, last.end):
            continue
        parent = last.typed(_CLASS_TYPES)
        assert parent is not None
        evidence = (f"{before.text} {view.text}", before.sentence.start, view.sentence.end)
        offset = len(before.text) + 1
        for span, entity in coordinated_after(view, match.end(), {parent.type}, first_within=3):
            if span.generic() or entity.id == parent.id:
                continue
            yield Found(
                entity,
                Predicate.SUB_CLASS_OF,
                parent,
                "hearst.these_include",
                cue_start=offset,
                end=offset + span.end,
                subject_text=span.text,
                object_text=last.text,
                exact=span.exact and last.exact,
                new_entity=span.new or last.new,
                evidence=evidence,
            )


def list_relations(views: Sequence[SentenceView], context: RuleContext) -> Iterator[Found]:
    """Found records for every (lead sentence, list) pair of a document, and the classes
    of "These include ..." after a sentence naming the class."""
    yield from these_include(views)
    for lead, items, before in _blocks(views):
        for name, pattern, predicate in LEAD_CUES:  # noqa: B007 (the match is used below)
            if pattern.search(lead.text):
                break
        else:
            inherited = (
                next(
                    (cue for view in before if (cue := _relation_cue(view.text)) is not None), None
                )
                if _BARE_LEAD.match(lead.text) or _FOLLOWING.search(lead.text)
                else None
            ) or _relation_cue(lead.sentence.section)
            if inherited is not None:
                name, predicate = inherited
            else:
                name, predicate = "hearst.list_lead", Predicate.SUB_CLASS_OF
                if not lead.text.rstrip().endswith(":"):
                    continue
        first = _subject(lead, predicate, context)
        if first is None:
            continue
        for subject in _lead_subjects(lead, first):
            yield from _list_found(name, predicate, lead, items, subject, context)


def _list_found(
    name: str,
    predicate: Predicate,
    lead: SentenceView,
    items: Sequence[SentenceView],
    subject: Argument,
    context: RuleContext,
) -> Iterator[Found]:
    """The relations between one subject of a lead and the items of its list."""
    for distance, item in enumerate(items):
        if item.continues:
            continue  # a sentence inside an item, read by the sentence rules
        objects = _item_objects(item, predicate, subject, context)
        if name == "hearst.list_lead":
            objects = [
                o for o in objects[:1] if (o.start or 0) <= 12 and o.entity.type is T.DISEASE
            ]
        evidence = (f"{lead.text} {item.text}", lead.sentence.start, item.sentence.end)
        offset = len(lead.text) + 1
        for obj in objects:
            child, parent = (
                (obj, subject) if predicate is Predicate.SUB_CLASS_OF else (subject, obj)
            )
            if not fits(child.entity, predicate, parent.entity):
                continue
            yield Found(
                child.entity,
                predicate,
                parent.entity,
                name,
                cue_start=len(lead.text) - 1,
                end=offset + (obj.start or 0) + len(obj.text),
                subject_start=None,
                subject_text=child.text,
                object_text=parent.text,
                exact=child.exact and parent.exact,
                new_entity=child.new or parent.new,
                anaphora=subject.anaphora,
                list_distance=distance,
                evidence=evidence,
            )
