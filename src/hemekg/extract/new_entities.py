"""Entities the lexicon lacks but the text clearly introduces.

Three ways a text names a class the lexicon does not know, each placed under the parent
the text gives it (``Entity.parent``) with a project id (:func:`hemekg.iris.project_id`):

* a **classifying modifier** before a known disease: "organic leukopenia",
  "physiological (acquired or congenital) leukopenia", "myeloblastic leukemia";
* a **typed item**: "functional" in "It can be of two types: functional and organic"
  means "functional leukopenia";
* a **defined name**: "Xyz syndrome is a rare disease of the bone marrow".
"""

from __future__ import annotations

import re
from typing import Final

from hemekg.extract.context import Span
from hemekg.extract.found import RuleContext
from hemekg.iris import project_id
from hemekg.model import Entity, EntityType

__all__ = [
    "CLASSIFIER_MODIFIERS",
    "compose",
    "defined_name",
    "mint",
    "modifier_before",
]

#: adjectives that name a subtype (not a grade: "severe", "mild" are left alone).
CLASSIFIER_MODIFIERS: Final[frozenset[str]] = frozenset(
    {
        "acute",
        "chronic",
        "functional",
        "organic",
        "physiological",
        "physiologic",
        "primary",
        "secondary",
        "congenital",
        "acquired",
        "hereditary",
        "inherited",
        "idiopathic",
        "juvenile",
        "familial",
        "sporadic",
        "endemic",
        "autoimmune",
        "immune",
        "lymphoblastic",
        "lymphocytic",
        "lymphoid",
        "myeloid",
        "myelogenous",
        "myelocytic",
        "myeloblastic",
        "monocytic",
        "myelomonocytic",
        "megakaryoblastic",
        "promyelocytic",
        "erythroid",
        "hemolytic",
        "haemolytic",
        "megaloblastic",
        "pernicious",
        "aplastic",
        "transient",
        "cyclic",
        "benign",
        "malignant",
        "smoldering",
        "smouldering",
        "indolent",
        "high-grade",
        "low-grade",
        "aggressive",
        "essential",
        "reactive",
        "drug-induced",
        "therapy-related",
        "absolute",
        "relative",
        "central",
        "peripheral",
    }
)
#: "immunodeficiency-associated", "therapy-related": a hyphenated cause names a subtype.
_ASSOCIATED: Final = re.compile(r"^[a-z][a-z0-9]+-(?:associated|related|induced)$")
_ADJECTIVE_SHAPE: Final = re.compile(r"^[a-z][a-z-]*(?:ic|al|ous|ive|oid|ary|ar|ed)$")
_NOT_MODIFIERS: Final = frozenset(
    {
        "typical",
        "normal",
        "several",
        "special",
        "general",
        "usual",
        "real",
        "total",
        "medical",
        "clinical",
        "physical",
        "potential",
        "critical",
        "different",
        "various",
        "serious",
        "dangerous",
        "numerous",
        "previous",
        "other",
        "called",
        "named",
        "related",
        "affected",
        "advanced",
        "relapsed",
        "refractory",
        "untreated",
        "treated",
        "diagnosed",
        "suspected",
        "existing",
        "required",
        "experienced",
        "based",
        "informed",
        "confirmed",
        "developed",
        "the",
        "and",
        "or",
    }
)
_WORD_BEFORE: Final = re.compile(r"\b([A-Za-z][A-Za-z-]*)\s+(?:\([^()]{0,60}\)\s+)?$")
_DEFINED: Final = re.compile(
    r"^\s*((?:[A-Z][\w'-]*)(?:\s+[\w'-]+){0,4}?)\s+(?:\([^()]{0,30}\)\s+)?(?:is|are)\s+(?:a|an)\s+",
    re.UNICODE,
)
_PRONOUNS: Final = frozenset(
    {
        "it",
        "this",
        "that",
        "these",
        "those",
        "they",
        "he",
        "she",
        "there",
        "the",
        "a",
        "an",
        "what",
        "which",
        "who",
        "here",
        "one",
        "each",
        "your",
        "our",
        "its",
        "their",
    }
)


def mint(label: str, parent: Entity, surface: str = "") -> Entity:
    """A project entity named ``label``, of the parent's type, placed under ``parent``."""
    label = " ".join(label.lower().split())
    synonyms = (
        tuple(sorted({surface} - {label, ""})) if surface and surface.lower() != label else ()
    )
    return Entity(project_id(label), label, parent.type, (), synonyms, parent.id)


def is_modifier(word: str, strict: bool = True) -> bool:
    """True for a word that can name a subtype before a disease name."""
    lowered = word.lower()
    if lowered in CLASSIFIER_MODIFIERS or _ASSOCIATED.match(lowered):
        return True
    return not strict and lowered not in _NOT_MODIFIERS and bool(_ADJECTIVE_SHAPE.match(lowered))


def compose(
    context: RuleContext, modifier: str, head: Entity, head_surface: str = ""
) -> tuple[Entity, bool]:
    """The subtype "<modifier> <head>": the lexicon's entity if it has one, else a new one.

    :returns: the entity and whether it was minted.
    """
    modifier = modifier.lower()
    names = [f"{modifier} {head.label}"]
    if head_surface and head_surface.lower() != head.label.lower():
        names.append(f"{modifier} {head_surface}")
    for name in names:
        for candidate in context.lookup(name):
            if candidate.type == head.type and candidate.id != head.id:
                context.by_modifier.setdefault(modifier, candidate)
                context.composed[candidate.id] = candidate
                return candidate, False
    entity = context.new_entities.get(project_id(names[0]))
    if entity is None:
        entity = mint(names[0], head)
        context.new_entities[entity.id] = entity
        context.parent_of[entity.id] = head
    context.by_modifier.setdefault(modifier, entity)
    context.composed[entity.id] = entity
    return entity, True


def modifier_before(text: str, span: Span, strict: bool = True) -> tuple[str, int] | None:
    """The classifying word written right before ``span`` (a parenthesis may sit between)."""
    match = _WORD_BEFORE.search(text, 0, span.start)
    if match is None or not is_modifier(match.group(1), strict):
        return None
    return match.group(1), match.start(1)


def defined_name(
    text: str, disease_types: tuple[EntityType, ...] = (EntityType.DISEASE,)
) -> tuple[str, int, int] | None:
    """The name a definition sentence introduces ("Xyz is a rare disease ..."): text, start, end."""
    match = _DEFINED.match(text)
    if match is None:
        return None
    name = match.group(1)
    if name.split()[0].lower() in _PRONOUNS:
        return None
    return name, match.start(1), match.end(1)
