"""subClassOf cues: Hearst patterns, copula definitions, typed adjectives, name composition.

Patterns (X = subtype, Y = parent; both of the same entity type):

* ``hearst.type_of``       "X is a type / kind / form of Y", "X (a kind of Y", "X, a type of Y"
* ``hearst.copula``        "X is a (rare) Y" with a disease noun; "X is a disease of the Z"
                           -> the lexicon's "Z disease"
* ``hearst.apposition``    "X, a Y," and "X (a Y)"
* ``hearst.types_include`` "types of Y include X and Z",
                           "There are two types of Y, acute and chronic"
* ``hearst.such_as``       "Y such as X" (not "other Y such as X")
* ``hearst.divided_into``  "Y are divided into / classified as (either) X or Z"
* ``hearst.n_types``       "It can be of two types: functional and organic" (adjectives compose
                           with Y: "functional leukopenia")
* ``taxonomy.modifier``    "organic leukopenia" -> under leukopenia (new entity when unknown)
* ``taxonomy.name_composition`` a subtype whose name is its parent's name plus modifiers, when
                           both are named in the document (guidelines, "Relations")
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from itertools import pairwise
from typing import Final

from hemekg.extract.context import SentenceView, Span, coordinated_after, is_generic
from hemekg.extract.cues import Argument, clause_start, subject_for
from hemekg.extract.found import Found, RuleContext, fits
from hemekg.extract.new_entities import compose, defined_name, is_modifier, mint, modifier_before
from hemekg.extract.normalize import normalize
from hemekg.model import Entity, EntityType, Predicate

__all__ = ["TAXONOMY_RULES", "adjective_items", "modifier_spans", "name_composition"]

SUB = Predicate.SUB_CLASS_OF
ALL_TYPES: Final = frozenset(EntityType)
TAXONOMIC_TYPES: Final = frozenset({EntityType.DISEASE, EntityType.CELL_TYPE, EntityType.PHENOTYPE})
#: an appositive "X, a type of Y" also classifies treatments and tests.
_APPOSITIVE_TYPES: Final = TAXONOMIC_TYPES | {EntityType.TREATMENT, EntityType.DIAGNOSTIC_PROCEDURE}

_TYPE_OF: Final = re.compile(
    r"(?:\b(?:is|are|was|were|belongs?\s+to)\s+(?:also\s+|actually\s+|considered\s+|now\s+|thus\s+)?(?:a|an|the|one\s+of\s+(?:the|a))?\s*"
    r"(?:(?:only|main|common|rare|specific|particular|certain|special|distinct|separate|serious|aggressive"
    # "a fast-growing (high-grade) type of", "a slow-growing type of"
    r"|[a-z]+-[a-z]+)\s+(?:\([a-z -]{1,20}\)\s+)?){0,2}"
    r"|\(\s*(?:a|an)\s+|,\s*(?:a|an)\s+)"
    r"(?:type|kind|form|subtype|sort|variety|variant|class|category|group|family)s?\s+of\s+"
    # "one of a group of conditions called Y": the class is the name after "called"
    r"(?:(?:rare\s+|related\s+|blood\s+)?(?:conditions|diseases|disorders|cancers)\s+(?:called|known\s+as|named)\s+)?",
    re.IGNORECASE,
)
_COPULA: Final = re.compile(
    r"^\s*(?:\([^()]{0,40}\)\s*)?(?:is|are)\s+(?:a\s+|an\s+|one\s+of\s+(?:the\s+)?)?"
    r"((?:(?:very|rare|common|uncommon|serious|rare,|slow-growing|fast-growing|life-threatening|"
    r"acquired|inherited|hereditary|congenital|familial|"
    r"[a-z]+ive|[a-z]+al|[a-z]+ic|[a-z]+ous|[a-z]+ing),?\s+){0,3})",
    re.IGNORECASE,
)
_DISEASE_OF: Final = re.compile(
    r"^\s*(?:disease|diseases|disorder|disorders|cancer|cancers|condition|neoplasm|malignancy)\s+of\s+(?:the\s+)?"
    r"((?:[a-z-]+\s+){0,2}[a-z-]+)",
    re.IGNORECASE,
)
_APPOSITION: Final = re.compile(r"^\s*(?:,|\()\s*(?:a|an)\s+((?:[a-z-]+\s+){0,2}?)", re.IGNORECASE)
_TYPES_OF: Final = re.compile(
    r"\b(?:types|kinds|forms|subtypes|categories|classes|variants|varieties)\s+of\s+", re.IGNORECASE
)
_LIST_VERB: Final = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?(?:,\s*)?(?:include|includes|including|are|is|comprise|comprises|consist\s+of|:)\s*:?\s*",
    re.IGNORECASE,
)
_LIST_COMMA: Final = re.compile(r"^\s*(?:\([^()]*\)\s*)?[,:]\s*", re.IGNORECASE)
_SUCH_AS: Final = re.compile(r",?\s+such\s+as\s+", re.IGNORECASE)
_DIVIDED: Final = re.compile(
    r"\b(?:divided|classified|categori[sz]ed|grouped|split|separated|subdivided|sorted)\s+(?:as|into|in)\s+"
    r"(?:either\s+)?(?:(?:\w+\s+){0,2}(?:types|groups|categories|kinds|forms|classes)\s*(?:[:,]\s*)?)?",
    re.IGNORECASE,
)
_N_TYPES: Final = re.compile(
    r"\b(?:there\s+are|has|have|can\s+be\s+of|is\s+of|are\s+of|comes?\s+in|exists?\s+in)\s+"
    r"(?:\w+\s+)?(?:main\s+|major\s+|different\s+|distinct\s+|several\s+|many\s+|basic\s+)?"
    r"(?:types|kinds|forms|categories|groups|subtypes)\b(?:\s+of\s+)?",
    re.IGNORECASE,
)
_ITEM_SPLIT: Final = re.compile(r"\s*(?:,|;|\band\b|\bor\b|\beither\b)\s*", re.IGNORECASE)
_PARENS: Final = re.compile(r"\([^()]*\)")
_POPULATION_PREFIX: Final = re.compile(
    r"^(childhood|pediatric|paediatric|adult|infant|infantile|juvenile)\s+", re.I
)


def _same_type_objects(
    view: SentenceView, position: int, subject_types: frozenset[EntityType], first_within: int = 40
) -> list[tuple[Span, Entity]]:
    return [
        (span, entity)
        for span, entity in coordinated_after(
            view, position, subject_types, first_within=first_within
        )
        if not span.generic()
    ]


def _broader(child: Entity, parent: Entity) -> bool:
    """The child's name is the parent's head ("lymphoma" under "non-Hodgkin lymphoma"):
    a broader class, never a subclass."""
    return parent.label.lower().endswith(" " + child.label.lower())


def _found(
    child: Argument, parent: Argument, extractor: str, cue: int, end: int, **extra: object
) -> Iterator[Found]:
    if fits(child.entity, SUB, parent.entity) and not _broader(child.entity, parent.entity):
        yield Found(
            child.entity,
            SUB,
            parent.entity,
            extractor,
            cue_start=cue,
            end=end,
            subject_start=child.start,
            subject_text=child.text,
            object_text=parent.text,
            exact=child.exact and parent.exact,
            new_entity=child.new or parent.new,
            anaphora=child.anaphora or parent.anaphora,
            **extra,  # type: ignore[arg-type]
        )


def _pick_pair(
    child: Span, parent: Span, types: frozenset[EntityType] = TAXONOMIC_TYPES
) -> tuple[Entity, Entity] | None:
    for c in child.candidates:
        if c.type not in types:
            continue
        for p in parent.candidates:
            if fits(c, SUB, p):
                return c, p
    return None


def _child_argument(
    view: SentenceView, span: Span, parent: Entity, context: RuleContext
) -> tuple[Argument, Entity] | None:
    """The subtype a span names; "myeloblastic leukemia" when only "leukemia" was grounded."""
    entity = span.typed((parent.type,))
    if entity is None:
        return None
    if entity.id == parent.id or span.generic():
        modifier = modifier_before(view.text, span, strict=False)
        if modifier is None:
            return None
        word, start = modifier
        new, minted = compose(context, word, parent)
        surface = view.text[start : span.end]
        return Argument(new, surface, start, False, False, minted), parent
    return Argument.of(span, entity), parent


def adjective_items(text: str, strict: bool = True) -> list[str]:
    """Bare modifiers of an enumeration: "functional and organic." -> ["functional", "organic"].

    With ``strict=False`` any short item of one or two words is returned ("Hodgkin and
    non-Hodgkin"), for the caller to keep only those the lexicon knows.
    """
    cleaned = _PARENS.sub(" ", text).strip().rstrip(".;:")
    items = [item.strip(" .:;\u2022*-") for item in _ITEM_SPLIT.split(cleaned)]
    items = [item for item in items if item]
    if not items:
        return []
    if strict and any(
        len(item.split()) > 1 or not is_modifier(item, strict=False) for item in items
    ):
        return []
    if not strict and any(
        len(item.split()) > 2 or not re.fullmatch(r"[A-Za-z][\w-]*(?:\s+[\w-]+)?", item)
        for item in items
    ):
        return []
    return [item.lower() for item in items]


def _adjective_children(
    view: SentenceView,
    text: str,
    offset: int,
    parent: Argument,
    context: RuleContext,
    extractor: str,
) -> Iterator[Found]:
    strict = adjective_items(text)
    words = strict or adjective_items(text, strict=False)
    for word in words:
        if not strict:
            known = [
                c
                for c in context.lookup(f"{word} {parent.entity.label}")
                if c.type == parent.entity.type
            ]
            if not known:
                continue
        child, minted = compose(context, word, parent.entity)
        position = view.lower.find(word, offset)
        yield from _found(
            Argument(child, word, position if position >= 0 else offset, not minted, False, minted),
            parent,
            extractor,
            offset,
            len(view.text),
        )


#: "X, Y and Z are (all) types of W": every listed name is a subtype.
_PLURAL_COPULA: Final = re.compile(r"(?:are|were)\b", re.I)
_LIST_GAP: Final = re.compile(r"\s*,?\s*(?:(?:and|or)\s+)?(?:the\s+)?", re.I)


def type_of(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    for match in _TYPE_OF.finditer(view.text):
        appositive = match.group().lstrip()[:1] in "(,"
        types = _APPOSITIVE_TYPES if appositive else TAXONOMIC_TYPES
        parents = _same_type_objects(view, match.end(), types, first_within=25)
        if not parents:
            continue
        parent_span, _ = parents[0]
        children = [
            (span, entity)
            for span, entity in view.before(
                match.start() + 1, types, clause_start(view, match.start())
            )
            if not span.generic()
        ]
        if children and not appositive and _PLURAL_COPULA.match(match.group()):
            # "Granulocytes, monocytes and lymphocytes are types of white blood cells"
            for (before, _), (span, _) in pairwise(children):
                if not _LIST_GAP.fullmatch(view.text, before.end, span.start):
                    break
                typed = _pick_pair(span, parent_span, types)
                if typed:
                    yield from _found(
                        Argument.of(span, typed[0]),
                        Argument.of(parent_span, typed[1]),
                        "hearst.type_of",
                        match.start(),
                        parent_span.end,
                    )
        if children:
            child_span = children[-1][0] if appositive else children[0][0]
            typed = _pick_pair(child_span, parent_span, types)
            if typed and appositive and typed[1].type in _CARE_TYPES:
                # "a drug called ATRA, a type of vitamin A": vitamin A classifies the drug,
                # it is not a treatment of its own
                context.class_only.add((view.index, typed[1].id))
            if typed:
                yield from _found(
                    Argument.of(child_span, typed[0]),
                    Argument.of(parent_span, typed[1]),
                    "hearst.type_of",
                    match.start(),
                    parent_span.end,
                )
            continue
        subject = subject_for(view, match.start(), TAXONOMIC_TYPES, context)
        if subject is not None:
            parent = parent_span.typed((subject.entity.type,))
            if parent is not None:
                yield from _found(
                    subject,
                    Argument.of(parent_span, parent),
                    "hearst.type_of",
                    match.start(),
                    parent_span.end,
                )


def _disease_of(
    view: SentenceView, position: int, context: RuleContext
) -> tuple[Entity, str, int] | None:
    """ "disease of the hematopoietic system" -> the lexicon's "hematopoietic system disease"."""
    match = _DISEASE_OF.match(view.text[position:])
    if match is None:
        return None
    noun = match.group(0).split()[0].lower().rstrip("s")
    words = match.group(1).split()
    if any(
        span.typed((EntityType.CELL_TYPE,)) and span.start >= position + match.start(1)
        for span in view.spans
        if span.start < position + match.end()
    ):
        return None
    for size in range(len(words), 0, -1):
        for candidate in context.lookup(" ".join((*words[:size], noun))):
            if candidate.type is EntityType.DISEASE:
                return candidate, view.text[position : position + match.end()], position
    return None


_ALIAS_ASIDE: Final = re.compile(
    r",\s*(?:also\s+|sometimes\s+|often\s+)?(?:called|known\s+as|named|referred\s+to\s+as|or)\s+[^,;.]{1,60},",
    re.I,
)


def copula(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "X is a (rare) Y", X at the start of the sentence, Y a disease."""
    subject_at = view.subject_position()
    first = next((s for s in view.spans if s.start >= subject_at), None)
    child: Argument | None = None
    after = 0
    if first is not None and first.start - subject_at <= 2:
        entity = first.typed((EntityType.DISEASE,))
        if entity is not None and not first.generic():
            child, after = Argument.of(first, entity), first.end
            aside = _ALIAS_ASIDE.match(view.text, after)
            if aside is not None:
                after = aside.end()  # "X, also called Y, is a Z": Y is a synonym, not a relation
    match = _COPULA.match(view.text[after:]) if child is not None else None
    if child is None or match is None:
        defined = defined_name(view.text)
        if defined is None or (first is not None and first.start < defined[2]):
            return
        name, start, end = defined
        match = _COPULA.match(view.text[end:])
        if match is None:
            return
        after = end
        child = Argument(Entity("", name, EntityType.DISEASE), name, start, False, False, True)
    position = after + match.end()
    parent: tuple[Entity, str, int] | None = None
    head = next(
        (s for s in view.spans if s.start == position or s.start == after + match.start(1)), None
    )
    if head is not None:
        entity = head.typed((EntityType.DISEASE,))
        tail = view.text[head.end : head.end + 40]
        if entity is not None and not head.generic():
            if re.match(r"\s+of\s+(?:the\s+)?", tail) and any(
                s.typed((EntityType.CELL_TYPE,))
                for s in view.spans
                if head.end < s.start <= head.end + 30
            ):
                return
            parent = entity, head.text, head.start
    if parent is None:
        parent = _disease_of(view, position, context)
    if parent is None:
        return
    if not child.entity.id:
        new = mint(child.text, parent[0], child.text)
        new = context.new_entities.setdefault(new.id, new)
        context.parent_of.setdefault(new.id, parent[0])
        child = Argument(new, child.text, child.start, False, False, True)
    yield from _found(
        child,
        Argument(parent[0], parent[1], parent[2]),
        "hearst.copula",
        after,
        parent[2] + len(parent[1]),
    )


def apposition(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "X, a Y," / "X (a Y)"."""
    spans = view.spans
    for index, span in enumerate(spans):
        entity = span.typed((EntityType.DISEASE,))
        if entity is None or span.generic():
            continue
        match = _APPOSITION.match(view.text[span.end :])
        if match is None:
            continue
        position = span.end + match.end()
        head = next((s for s in spans[index + 1 :] if s.start == position), None)
        parent: tuple[Entity, str, int] | None = None
        if head is not None:
            candidate = head.typed((EntityType.DISEASE,))
            if candidate is not None and not head.generic():
                parent = candidate, head.text, head.start
        if parent is None:
            parent = _disease_of(view, position, context)
        if parent is not None:
            yield from _found(
                Argument.of(span, entity),
                Argument(*parent),
                "hearst.apposition",
                span.end,
                parent[2] + len(parent[1]),
            )


_CARE_TYPES: Final = (EntityType.TREATMENT, EntityType.DIAGNOSTIC_PROCEDURE)
#: last words of a class of treatments or tests ("a hypomethylating agent", "a blood test").
_CLASS_NOUNS: Final = frozenset(
    [
        "agent",
        "agents",
        "drug",
        "drugs",
        "medicine",
        "medicines",
        "medication",
        "medications",
        "therapy",
        "therapies",
        "treatment",
        "treatments",
        "inhibitor",
        "inhibitors",
        "antibody",
        "antibodies",
        "hormone",
        "hormones",
        "steroid",
        "steroids",
        "chemotherapy",
        "immunotherapy",
        "test",
        "tests",
        "procedure",
        "procedures",
        "tablet",
        "tablets",
        "injection",
        "injections",
    ]
)
#: the apposition ends there: a parenthesis closes, the sentence ends or its verb follows.
_CLOSED_AFTER: Final = re.compile(
    r"\s*(?:\)|[.;:]|$|(?:that|which|who|given|used|taken)\s|,\s*(?!and\b|or\b|an?\b|the\b|\w+\s*(?:,|and\b|or\b))[a-z])",
    re.IGNORECASE,
)
_APPOSITION_LIST_GAP: Final = re.compile(r"\s*(?:,|\band\b|\bor\b)\s*", re.IGNORECASE)
_CARE_APPOSITION: Final = re.compile(r"\s*(?:,|\()\s*(?:a|an)\s+", re.IGNORECASE)


def care_apposition(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "azacitidine, a hypomethylating agent", "a full blood count (a blood test)": a
    treatment or test followed at once by a class of its own type."""
    for index, span in enumerate(view.spans[:-1]):
        if span.generic():
            continue
        match = _CARE_APPOSITION.match(view.text, span.end)
        head = view.spans[index + 1]
        if (
            match is None
            or head.start != match.end()
            or head.generic()
            or head.text.lower().rsplit(" ", 1)[-1] not in _CLASS_NOUNS
            or any(c.label in _PLAIN_DRUG for c in head.candidates[:1])
            or _CLOSED_AFTER.match(view.text, head.end) is None
            or (
                index
                and _APPOSITION_LIST_GAP.fullmatch(
                    view.text, view.spans[index - 1].end, span.start
                )
            )
        ):
            continue  # "a blood test, a bone marrow biopsy and a scan": a list, not a class
        yield from _care_pair(span, head)


def _care_pair(span: Span, head: Span) -> Iterator[Found]:
    for kind in _CARE_TYPES:
        child, parent = span.typed((kind,)), head.typed((kind,))
        if child is not None and parent is not None:
            yield from _found(
                Argument.of(span, child),
                Argument.of(head, parent),
                "hearst.apposition",
                span.end,
                head.end,
            )
            return


def types_include(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    for match in _TYPES_OF.finditer(view.text):
        heads = [
            (s, e)
            for s, e in view.after(match.end(), TAXONOMIC_TYPES)
            if s.start - match.end() <= 12
        ]
        if not heads:
            continue
        head_span, parent_entity = heads[0]
        parent = Argument.of(head_span, parent_entity)
        tail = view.text[head_span.end :]
        verb = _LIST_VERB.match(tail)
        if verb is not None:
            start = head_span.end + verb.end()
            for span, _ in coordinated_after(view, start, {parent_entity.type}, first_within=30):
                resolved = _child_argument(view, span, parent_entity, context)
                if resolved:
                    yield from _found(
                        resolved[0], parent, "hearst.types_include", match.start(), span.end
                    )
        comma = _LIST_COMMA.match(tail)
        if comma is not None:
            yield from _adjective_children(
                view,
                tail[comma.end() :],
                head_span.end + comma.end(),
                parent,
                context,
                "hearst.types_include",
            )


#: "targeted therapy such as ibrutinib": treatments have subclasses too.
_SUCH_AS_TYPES: Final = TAXONOMIC_TYPES | {EntityType.TREATMENT}


def such_as(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    for match in _SUCH_AS.finditer(view.text):
        heads = [
            (s, e)
            for s, e in view.before(match.start() + 1, _SUCH_AS_TYPES)
            if match.start() - s.end <= 2
        ]
        if not heads:
            continue
        head_span, parent_entity = heads[-1]
        if head_span.generic():
            continue
        parent = Argument.of(head_span, parent_entity)
        children = coordinated_after(view, match.end(), {parent_entity.type}, first_within=10)
        if parent_entity.type is EntityType.TREATMENT:
            children = _plain_items(view.text, children)
        for span, _ in children:
            resolved = _child_argument(view, span, parent_entity, context)
            if resolved:
                yield from _found(resolved[0], parent, "hearst.such_as", match.start(), span.end)


_PLAIN_GAP: Final = re.compile(r"\s*,?\s*(?:(and|or)\s+)?", re.IGNORECASE)
_COMPLEMENT_AFTER: Final = re.compile(r"\s+(?:with|to|for|of|in|that|which|when)\b", re.IGNORECASE)


def _plain_items(text: str, children: list[tuple[Span, Entity]]) -> list[tuple[Span, Entity]]:
    """Treatments named after "such as", up to the first that carries a complement of its
    own: in "therapy such as X, immunotherapy with Y, or Z" only X is an example (the
    rest are new items of the sentence's list), in "drugs such as X, Y or Z" all three; a
    comma after "X and Y" returns to the outer list ("such as X and Y, Z, and W")."""
    kept = children[:1]
    conjunctions: set[str] = set()
    for span, entity in children[1:]:
        gap = _PLAIN_GAP.fullmatch(text, kept[-1][0].end, span.start)
        if gap is None or _COMPLEMENT_AFTER.match(text, span.end):
            break  # "such as X, a transplant, ...": an article starts a new item
        if gap.group(1):
            conjunctions.add(gap.group(1).lower())
            if len(conjunctions) > 1:
                break  # "such as X or Y and Z therapy": the "and" joins the outer list
        elif conjunctions:
            break  # "agents such as X and Y, Z, and W": the examples closed with "and Y"
        kept.append((span, entity))
    return kept


_AND_OTHER: Final = re.compile(r",?\s+(?:and|or)\s+other\s+", re.IGNORECASE)
_ONE_WORD: Final = re.compile(r"(?:[a-z]+\s+)?", re.IGNORECASE)
_ITEM_GAP: Final = re.compile(r"\s*,\s*")


def and_other(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "leukemia and other cancers of the bone marrow", "X, Y or other Z": Hearst's
    "NP and other NP" makes each named item a subclass of the class after "other"."""
    spans = view.spans
    for match in _AND_OTHER.finditer(view.text):
        parent_index = next((i for i, s in enumerate(spans) if s.start >= match.end()), None)
        if parent_index is None or parent_index == 0:
            continue
        head = spans[parent_index]
        if head.generic() or not _ONE_WORD.fullmatch(view.text, match.end(), head.start):
            continue
        children: list[Span] = []
        index = parent_index - 1
        limit = match.start()
        while index >= 0 and (
            spans[index].end == limit
            or (children and _ITEM_GAP.fullmatch(view.text, spans[index].end, limit))
        ):
            children.append(spans[index])
            limit = spans[index].start
            index -= 1
        for child in children:
            typed = _pick_pair(child, head, _APPOSITIVE_TYPES)
            if typed is not None and not child.generic():
                yield from _found(
                    Argument.of(child, typed[0]),
                    Argument.of(head, typed[1]),
                    "hearst.and_other",
                    match.start(),
                    head.end,
                )


_INCLUDING: Final = re.compile(r",\s*(?:including|especially|particularly)\s+", re.IGNORECASE)


def including(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "certain cancers, including AML and bone cancer", "blood tests, including a full
    blood count": the named items are subclasses of the class before the comma."""
    for match in _INCLUDING.finditer(view.text):
        heads = [
            (s, e)
            for s, e in view.before(match.start() + 1, _APPOSITIVE_TYPES)
            if s.end == match.start()
        ]
        if not heads or heads[-1][0].generic():
            continue
        head_span, parent_entity = heads[-1]
        parent = Argument.of(head_span, parent_entity)
        for span, entity in coordinated_after(
            view, match.end(), {parent_entity.type}, first_within=8
        ):
            if not span.generic():
                yield from _found(
                    Argument.of(span, entity), parent, "hearst.including", match.start(), span.end
                )


def divided_into(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    for match in _DIVIDED.finditer(view.text):
        parent = subject_for(view, match.start(), TAXONOMIC_TYPES, context)
        if parent is None:
            continue
        rest = view.text[match.end() :]
        found = False
        for span, _ in coordinated_after(view, match.end(), {parent.entity.type}, first_within=30):
            resolved = _child_argument(view, span, parent.entity, context)
            if resolved:
                found = True
                yield from _found(
                    resolved[0], parent, "hearst.divided_into", match.start(), span.end
                )
        if not found:
            yield from _adjective_children(
                view, rest, match.end(), parent, context, "hearst.divided_into"
            )


_ARE_N_TYPES: Final = re.compile(
    r"\b(?:is|are)\s+(?:the\s+|an?\s+)?(?:two|three|four|five|some|several|the\s+most|among\s+the\s+most)?\s*"
    r"(?:(?:common|main|major|frequent|usual|rare)\s+)?(?:(?P<mod>[a-z][\w-]*)\s+)?"
    r"(?:types?|kinds?|forms?|subtypes?)\b"
    r"(?=\s*(?:[.!]|$|,|\bin\s+which\b|\bthat\b|\bwhere\b|\bwhich\b))",
    re.IGNORECASE,
)


def are_n_types(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "Diffuse large B-cell lymphoma and follicular lymphoma are two common types.":
    the types of what the text is about (the topic); "X and Y are inherited forms",
    "Z is an acquired form": of the subtype that modifier named earlier ("two types of
    hemolytic anemia: inherited and acquired")."""
    match = _ARE_N_TYPES.search(view.text)
    topic = context.document_topic or view.topic
    if match is None or topic is None:
        return
    modifier = (match.group("mod") or "").lower()
    named = context.by_modifier.get(modifier) if modifier else None
    if modifier and named is None and is_modifier(modifier):
        return  # "an acquired form" of something the text never split: unknown parent
    parent_entity = named or topic
    parent = Argument(parent_entity, "", None, True, True)
    for span, _ in coordinated_after(
        view, 0, {parent_entity.type}, first_within=3, stop=match.start()
    ):
        resolved = _child_argument(view, span, parent_entity, context)
        if resolved:
            yield from _found(resolved[0], parent, "hearst.n_types", match.start(), span.end)


_SOME_FORMS_ARE: Final = re.compile(
    r"\b(?:some|other|certain|rare|a\s+few)\s+(?:forms?|types?|kinds?|cases)\s+"
    r"(?:of\s+[\w -]+?\s+)?(?:are|is)\s+(?:\w+\s+)?(?P<mod>[a-z][\w-]*),?\s+"
    r"(?:such\s+as|like|including|e\.g\.)\s+",
    re.IGNORECASE,
)


def some_forms_are(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "Some forms are inherited, such as Fanconi anemia": the examples are types of
    the topic."""
    match = _SOME_FORMS_ARE.search(view.text)
    topic = view.topic or context.document_topic
    if match is None or topic is None:
        return
    parent = Argument(topic, "", None, True, True)
    for span, _ in coordinated_after(view, match.end(), {topic.type}, first_within=5):
        resolved = _child_argument(view, span, topic, context)
        if resolved:
            yield from _found(resolved[0], parent, "hearst.n_types", match.start(), span.end)


def n_types(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    yield from are_n_types(view, context)
    yield from some_forms_are(view, context)
    for match in _N_TYPES.finditer(view.text):
        if match.group().rstrip().lower().endswith("of"):
            continue  # "There are two types of Y ..." is types_include's
        parent = subject_for(view, match.start(), TAXONOMIC_TYPES, context)
        if parent is None:
            continue
        comma = _LIST_COMMA.match(view.text[match.end() :])
        if comma is None:
            continue
        start = match.end() + comma.end()
        children = coordinated_after(view, start, {parent.entity.type}, first_within=10)
        for span, _ in children:
            resolved = _child_argument(view, span, parent.entity, context)
            if resolved:
                yield from _found(resolved[0], parent, "hearst.n_types", match.start(), span.end)
        if not children:
            yield from _adjective_children(
                view, view.text[start:], start, parent, context, "hearst.n_types"
            )


_CAN_BE: Final = re.compile(
    r"^\s*(?:\([^()]{0,40}\)\s*)?(?:can|may|might)\s+be\s+(?:either\s+)?", re.I
)
#: the plain word for a drug: "a medicine called X" names X, it does not classify it.
_PLAIN_DRUG: Final = frozenset({"medicine"})
_CALLED: Final = re.compile(r"^\s*\(?\s*(?:called|known\s+as|named)\s+(?:an?\s+)?", re.I)
_CERTAIN_BEFORE: Final = re.compile(r"\b(?:certain|some|specific|special|particular)\s+$", re.I)


def can_be(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "Neutropenia can be congenital or acquired": the modifiers name subtypes."""
    subject_at = view.subject_position()
    first = next((s for s in view.spans if s.start >= subject_at), None)
    if first is None or first.start - subject_at > 2:
        return
    entity = first.typed(TAXONOMIC_TYPES)
    match = _CAN_BE.match(view.text[first.end :])
    if entity is None or match is None or first.generic():
        return
    start = first.end + match.end()
    yield from _adjective_children(
        view, view.text[start:], start, Argument.of(first, entity), context, "hearst.n_types"
    )


def called(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "certain white blood cells (called lymphocytes)", "a targeted drug called
    imatinib": a named subtype, treatment or test."""
    for index, span in enumerate(view.spans[:-1]):
        match = _CALLED.match(view.text[span.end :])
        if match is None:
            continue
        child = view.spans[index + 1]
        if child.start != span.end + match.end():
            continue
        typed = _pick_pair(child, span, _APPOSITIVE_TYPES)
        if typed and typed[1].label in _PLAIN_DRUG and index > 0:
            before = view.spans[index - 1]
            if not view.text[before.end : span.start].strip():
                # "targeted therapy drugs called X": the class is the name before "drugs"
                span = before
                typed = _pick_pair(child, span, _APPOSITIVE_TYPES)
        if span.generic() or (typed and typed[1].label in _PLAIN_DRUG):
            continue  # "a rare disease called X", "a medicine called Y": no class stated
        if typed:
            yield from _found(
                Argument.of(child, typed[0]),
                Argument.of(span, typed[1]),
                "hearst.apposition",
                span.end,
                child.end,
            )


#: modifiers that describe how a disease arises rather than name a subtype, when they
#: qualify the class a definition puts its subject in.
_DESCRIPTIVE: Final = frozenset({"acquired", "inherited", "hereditary", "congenital", "familial"})
_PREDICATE_BEFORE: Final = re.compile(
    r"\b(?:is|are)\s+(?:(?:a|an|one\s+of(?:\s+the)?|the)\s+)?(?:(?:rare|common|serious|very|uncommon)[\s,]+)*$",
    re.IGNORECASE,
)


def _describes(text: str, word: str, start: int, head: Entity, context: RuleContext) -> bool:
    """ "X is a rare, acquired disease of the blood", "X is one of the inherited bone marrow
    failure syndromes": the adjective says how X arises; the class the text gives X is the
    head, and no new "acquired ..." class is made (one the lexicon knows is kept)."""
    if word.lower() not in _DESCRIPTIVE or _PREDICATE_BEFORE.search(text, 0, start) is None:
        return False
    return not any(c.type is EntityType.DISEASE for c in context.lookup(f"{word} {head.label}"))


def modifier_spans(view: SentenceView, context: RuleContext) -> tuple[list[Span], list[Found]]:
    """Widen "organic leukopenia" to one span of the subtype, minted when the lexicon lacks it.

    Runs before the cue rules, so every later cue sees the subtype; each widened span
    also gives a ``taxonomy.modifier`` statement "subtype subClassOf head".
    """
    spans: list[Span] = []
    found: list[Found] = []
    previous_end = 0
    for span in view.spans:
        head = span.typed((EntityType.DISEASE,))
        modifier = (
            modifier_before(view.text, span)
            if head is not None and span.entity.type is EntityType.DISEASE
            else None
        )
        if head is None or modifier is None or modifier[1] < previous_end or span.generic():
            spans.append(span)
            previous_end = span.end
            continue
        word, start = modifier
        if _describes(view.text, word, start, head, context):
            spans.append(span)
            previous_end = span.end
            continue
        population = _POPULATION_PREFIX.match(head.label)
        base = None
        if population is not None:
            base = next(
                (
                    c
                    for c in context.lookup(head.label[population.end() :])
                    if c.type is EntityType.DISEASE
                ),
                None,
            )
        entity, minted = compose(context, word, base or head)
        surface = view.text[start : span.end]
        widened = Span(surface, start, span.end, (entity,), exact=not minted, new=minted)
        spans.append(widened)
        previous_end = span.end
        if base is not None and population is not None:
            group = next(
                (c for c in context.lookup(population.group(1)) if c.type is EntityType.POPULATION),
                None,
            )
            if group is not None:
                found.append(
                    Found(
                        entity,
                        Predicate.AFFECTS_POPULATION,
                        group,
                        "cue.affects_population",
                        cue_start=start,
                        end=span.end,
                        subject_start=start,
                        subject_text=surface,
                        object_text=population.group(1),
                        exact=not minted,
                        new_entity=minted,
                    )
                )
            continue
        if fits(entity, SUB, head):
            found.append(
                Found(
                    entity,
                    SUB,
                    head,
                    "taxonomy.modifier",
                    cue_start=start,
                    end=span.end,
                    subject_start=start,
                    subject_text=surface,
                    object_text=span.text,
                    exact=span.exact,
                    new_entity=minted,
                    negatable=False,
                )
            )
    return spans, found


def name_composition(
    views: Sequence[SentenceView],
    context: RuleContext | None = None,
    skip: frozenset[int] = frozenset(),
    symptom_forms: frozenset[str] = frozenset(),
) -> list[tuple[int, Found]]:
    """Guideline rule: "acute myeloid leukemia" subClassOf "acute leukemia" when both are named.

    The parent's words must all occur, in order, in the child's name, with the same
    head (last) word; only names written in the document count (surface forms and the
    labels of entities minted from it), so a label the text never uses adds nothing.
    A name the text uses only as a symptom (``symptom_forms``, normalised: "people get
    infections") does not name the disease class, so it is no parent.
    """
    names: dict[str, tuple[Entity, set[tuple[str, ...]], tuple[int, str, int]]] = {}
    for view in views:
        if view.index in skip:
            continue
        for span in view.spans:
            entity = span.entity
            if entity.type not in (EntityType.DISEASE, EntityType.CELL_TYPE) or span.generic():
                continue
            forms = {_name_words(span.text)}
            if span.new or entity.id.startswith("HEMEKG:"):
                forms.add(tuple(normalize(entity.label).split()))
            slot = names.setdefault(entity.id, (entity, set(), (view.index, span.text, span.start)))
            slot[1].update(f for f in forms if f)
    parents = {
        key: (entity, {f for f in forms if " ".join(f) not in symptom_forms}, where)
        for key, (entity, forms, where) in names.items()
    }
    for entity in context.composed.values() if context is not None else ():
        if entity.id not in parents and entity.type in (EntityType.DISEASE, EntityType.CELL_TYPE):
            parents[entity.id] = (entity, {tuple(normalize(entity.label).split())}, (0, "", 0))
    found: list[tuple[int, Found]] = []
    items = sorted(names.values(), key=lambda item: item[0].id)
    candidates = sorted(parents.values(), key=lambda item: item[0].id)
    for child, child_forms, (index, surface, start) in items:
        for parent, parent_forms, _ in candidates:
            if parent is child or parent.type != child.type or is_generic(parent):
                continue
            contiguous = child.type is EntityType.CELL_TYPE
            if any(_composes(c, p, contiguous) for c in child_forms for p in parent_forms):
                found.append(
                    (
                        index,
                        Found(
                            child,
                            SUB,
                            parent,
                            "taxonomy.name_composition",
                            cue_start=start,
                            end=start + len(surface),
                            subject_start=start,
                            subject_text=surface,
                            object_text=parent.label,
                            negatable=False,
                        ),
                    )
                )
    return found


#: qualifiers written after the head that name a subtype ("beta thalassaemia major").
_TRAILING_QUALIFIERS: Final = frozenset({"major", "minor", "intermedia"})


def _name_words(surface: str) -> tuple[str, ...]:
    """Normalised words of a name, a hyphenated word kept whole: "blood-forming cells" is
    no "blood cell" plus a modifier."""
    if "-" not in surface:
        return tuple(normalize(surface).split())
    words: list[str] = []
    for word in re.findall(r"[\w-]+", surface.lower()):
        words.extend([word] if "-" in word.strip("-") else normalize(word).split())
    return tuple(words)


def _composes(child: tuple[str, ...], parent: tuple[str, ...], contiguous: bool = False) -> bool:
    """Whether ``child`` is ``parent`` plus modifiers. Cell names compose only by
    modifiers before the whole parent ("red blood cell" under "blood cell"): a word
    inside ("blood stem cell") makes a compound head of its own ("stem cell")."""
    if contiguous:
        return len(child) > len(parent) > 0 and child[-len(parent) :] == parent
    if (
        parent
        and len(child) == len(parent) + 1
        and child[:-1] == parent
        and child[-1] in _TRAILING_QUALIFIERS
    ):
        return True
    if len(child) <= len(parent) or not parent or child[-1] != parent[-1]:
        return False
    position = 0
    for word in parent:
        try:
            position = child.index(word, position) + 1
        except ValueError:
            return False
    return True


TAXONOMY_RULES: Final = (
    (
        "hearst.type_of",
        re.compile(
            r"\b(?:type|kind|form|subtype|sort|variety|variant|class|category|group|family)s?\s+of\b",
            re.I,
        ),
        type_of,
    ),
    (
        "hearst.copula",
        re.compile(
            r"\b(?:is|are)\s+(?:a|an|one\s+of)\b|\b(?:is|are)\s+(?:\w+\s+)?(?:disease|disorder|cancer)",
            re.I,
        ),
        copula,
    ),
    ("hearst.apposition", re.compile(r"[,(]\s*(?:a|an)\s", re.I), apposition),
    ("hearst.types_include", _TYPES_OF, types_include),
    ("hearst.such_as", re.compile(r"\bsuch\s+as\b", re.I), such_as),
    ("hearst.including", _INCLUDING, including),
    ("hearst.and_other", re.compile(r"\b(?:and|or)\s+other\b", re.I), and_other),
    ("hearst.care_apposition", re.compile(r"[,(]\s*an?\s", re.I), care_apposition),
    (
        "hearst.divided_into",
        re.compile(
            r"\b(?:divided|classified|categori[sz]ed|grouped|split|separated|subdivided|sorted)\b",
            re.I,
        ),
        divided_into,
    ),
    (
        "hearst.n_types",
        re.compile(r"\b(?:types?|kinds?|forms?|categories|groups|subtypes?)\b", re.I),
        n_types,
    ),
    ("hearst.can_be", re.compile(r"\b(?:can|may|might)\s+be\b", re.I), can_be),
    ("hearst.called", re.compile(r"\b(?:called|known\s+as|named)\b", re.I), called),
)
