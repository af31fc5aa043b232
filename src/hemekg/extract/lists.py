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
from typing import Final

from hemekg.extract.context import SentenceView, coordinated_after
from hemekg.extract.cues import Argument, apposed_class, subject_for
from hemekg.extract.found import Found, RuleContext, fits
from hemekg.extract.new_entities import compose
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


def _item_objects(
    item: SentenceView, predicate: Predicate, subject: Argument, context: RuleContext
) -> list[Argument]:
    head = _ITEM_HEAD.match(item.text)
    start = head.end() if head else 0
    types = _range(predicate, subject.entity.type)
    if predicate is Predicate.HAS_SYMPTOM:
        found = [Argument.of(s, e) for s, e in item.after(0, types) if not s.generic()]
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
    if predicate in (Predicate.TREATED_WITH, Predicate.DIAGNOSED_BY):
        found = [a for a in found if not apposed_class(item.text, found, a)]
    if not found and predicate in _MINTABLE:
        named = _named_item(item.text[start:])
        if named:
            entity = Entity(project_id(named), named.lower(), _MINTABLE[predicate])
            entity = context.new_entities.setdefault(entity.id, entity)
            found = [Argument(entity, named, start, False, False, True)]
    if predicate is Predicate.SUB_CLASS_OF:
        found = [a for a in found if a.entity.id != subject.entity.id]
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


def list_relations(views: Sequence[SentenceView], context: RuleContext) -> Iterator[Found]:
    """Found records for every (lead sentence, list) pair of a document."""
    for lead, items, before in _blocks(views):
        for name, pattern, predicate in LEAD_CUES:  # noqa: B007 (the match is used below)
            if pattern.search(lead.text):
                break
        else:
            inherited = (
                next(
                    (cue for view in before if (cue := _relation_cue(view.text)) is not None), None
                )
                if _BARE_LEAD.match(lead.text)
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
