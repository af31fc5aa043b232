"""A relation found by a cue, before negation and confidence turn it into a Statement."""

from __future__ import annotations

from dataclasses import dataclass, field

from hemekg.model import PREDICATE_SIGNATURES, Entity, Predicate

__all__ = ["Found", "RuleContext", "fits"]


def fits(subject: Entity, predicate: Predicate, obj: Entity) -> bool:
    """True when subject and object types satisfy the predicate's signature and differ."""
    if subject.id == obj.id or subject.label.casefold() == obj.label.casefold():
        return False
    domain, range_ = PREDICATE_SIGNATURES[predicate]
    if subject.type not in domain:
        return False
    return obj.type == subject.type if range_ is None else obj.type in range_


@dataclass(frozen=True, slots=True)
class Found:
    """One relation read off the text.

    :param cue_start: offset (in the evidence text) of the cue, for negation scope.
    :param end: offset just past the last argument, for negation scope.
    :param subject_start: where the subject is written, ``None`` when resolved by anaphora.
    :param negatable: False for relations that no sentence-level negation can deny
        (a subtype named by its parent's name plus a modifier; "In X, the marrow doesn't
        make Y" still says X affects Y).
    :param evidence: ``(text, start, end)`` when the evidence is not the sentence itself
        (a list item with its lead sentence).
    """

    subject: Entity
    predicate: Predicate
    object: Entity
    extractor: str
    cue_start: int
    end: int
    subject_start: int | None = None
    subject_text: str = ""
    object_text: str = ""
    exact: bool = True
    new_entity: bool = False
    anaphora: bool = False
    lifted: bool = False
    list_distance: int = 0
    negatable: bool = True
    evidence: tuple[str, int, int] | None = None


@dataclass(slots=True)
class RuleContext:
    """Per-document state the rules share: the lexicon and entities minted from the text."""

    lexicon: object | None
    #: the disease the whole document is about (its title's), if any.
    document_topic: Entity | None = None
    #: lower-case modifier word -> entity made from it ("functional" -> functional leukopenia).
    by_modifier: dict[str, Entity] = field(default_factory=dict)
    new_entities: dict[str, Entity] = field(default_factory=dict)
    #: minted entity id -> the entity it was placed under.
    parent_of: dict[str, Entity] = field(default_factory=dict)
    #: every subtype named by "<modifier> <parent>" in the text, found or minted.
    composed: dict[str, Entity] = field(default_factory=dict)
    #: (sentence index, entity id): a treatment or test named there only as the class of
    #: another ("ATRA, a type of vitamin A"), so no cue may make it a treatment or test.
    class_only: set[tuple[int, str]] = field(default_factory=set)

    def lookup(self, surface: str) -> list[Entity]:
        """Lexicon candidates for a phrase (empty without a lexicon)."""
        lookup = getattr(self.lexicon, "lookup", None)
        return list(lookup(surface)) if lookup is not None else []
