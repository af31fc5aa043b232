"""Grounding the subject and object of a hand-added statement.

A curator writes a CURIE (``DOID:1240``) or a label (``leukemia``). The entity is looked
up, in order, among the entities of the current build (so a hand-added statement reuses
exactly the node extraction made), then through an optional look-up (the project
lexicon). A CURIE nobody knows is still accepted when the row gives its label and its
type can be told from the CURIE prefix, an explicit type column, or the predicate's
signature; anything else is an error naming the file and line, never a guess.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from hemekg.curation.decisions import Decision, parse_predicate
from hemekg.errors import UsageError
from hemekg.model import PREDICATE_SIGNATURES, Entity, EntityType, Predicate, Statement

__all__ = ["PREFIX_TYPES", "EntityLookup", "EntityResolver", "parse_entity_type"]

#: look-up of a CURIE or a label -> the entities it names, best first (empty when unknown).
EntityLookup = Callable[[str], Sequence[Entity]]

#: CURIE prefix -> the entity type every id of that ontology has.
PREFIX_TYPES: dict[str, EntityType] = {
    "CL": EntityType.CELL_TYPE,
    "DOID": EntityType.DISEASE,
    "HP": EntityType.PHENOTYPE,
    "MONDO": EntityType.DISEASE,
    "UBERON": EntityType.ANATOMICAL_STRUCTURE,
}


def parse_entity_type(text: str) -> EntityType | None:
    """An entity type from its name, ignoring case, spaces, ``_`` and an ``hk:`` prefix."""
    key = "".join(ch for ch in text.removeprefix("hk:") if ch.isalnum()).casefold()
    for entity_type in EntityType:
        if entity_type.value.casefold() == key:
            return entity_type
    return None


def _is_curie(text: str) -> bool:
    prefix, colon, local = text.partition(":")
    return bool(colon and prefix and local and " " not in text and prefix[0].isalpha())


@dataclass
class EntityResolver:
    """Finds the :class:`Entity` a hand-added row names.

    :param known: entities of the current build, by id.
    :param lookup: an optional further look-up (the lexicon), tried after ``known``.
    """

    known: dict[str, Entity] = field(default_factory=dict)
    lookup: EntityLookup | None = None
    _by_label: dict[str, Entity] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        for entity_id in sorted(self.known):
            entity = self.known[entity_id]
            for name in (entity.label, *entity.synonyms):
                self._by_label.setdefault(name.casefold(), entity)

    @classmethod
    def from_statements(
        cls, statements: Iterable[Statement], lookup: EntityLookup | None = None
    ) -> EntityResolver:
        """A resolver knowing every subject and object of ``statements``."""
        known: dict[str, Entity] = {}
        for statement in statements:
            known.setdefault(statement.subject.id, statement.subject)
            known.setdefault(statement.object.id, statement.object)
        return cls(known, lookup)

    def resolve(self, decision: Decision, role: str) -> Entity:
        """The subject (``role='subject'``) or object (``role='object'``) of an ``add`` row.

        :raises UsageError: unknown label, or an unknown CURIE whose label or type cannot
            be told; the message names the decision file and line.
        """
        reference = getattr(decision, role)
        label = getattr(decision, f"{role}_label")
        type_text = getattr(decision, f"{role}_type")
        explicit_type = parse_entity_type(type_text) if type_text else None
        if type_text and explicit_type is None:
            allowed = ", ".join(t.value for t in EntityType)
            raise UsageError(
                f"line {decision.line}: unknown {role}_type {type_text!r} (use one of {allowed})",
                decision.file,
            )
        fits = self._fits(decision, role, explicit_type)
        entity = self._find(reference, fits) if reference else None
        if entity is None and label and not (reference and _is_curie(reference)):
            entity = self._find(label, fits)
        if entity is not None:
            return entity
        if not reference or not _is_curie(reference):
            raise UsageError(
                f"line {decision.line}: {role} {reference or label!r} is not an entity of the "
                "build or the lexicon; give its CURIE and label",
                decision.file,
            )
        if not label:
            raise UsageError(
                f"line {decision.line}: {role} {reference} is unknown; give its label in "
                f"{role}_label",
                decision.file,
            )
        entity_type = explicit_type or self._type_of(reference, decision, role)
        return Entity(id=reference, label=label, type=entity_type)

    @staticmethod
    def _fits(
        decision: Decision, role: str, explicit_type: EntityType | None
    ) -> frozenset[EntityType]:
        """Entity types acceptable for ``role``: the explicit type, else the predicate's."""
        if explicit_type is not None:
            return frozenset({explicit_type})
        predicate = parse_predicate(decision.predicate) or Predicate.SUB_CLASS_OF
        subject_types, object_types = PREDICATE_SIGNATURES[predicate]
        allowed = subject_types if role == "subject" else object_types
        return allowed if allowed is not None else frozenset(EntityType)

    def _find(self, reference: str, fits: frozenset[EntityType]) -> Entity | None:
        """The best entity ``reference`` names, preferring one whose type fits."""
        found: list[Entity] = []
        if reference in self.known:
            found.append(self.known[reference])
        elif reference.casefold() in self._by_label:
            found.append(self._by_label[reference.casefold()])
        if self.lookup is not None:
            found.extend(self.lookup(reference))
        for entity in found:
            if entity.type in fits:
                return entity
        return found[0] if found else None

    @staticmethod
    def _type_of(curie: str, decision: Decision, role: str) -> EntityType:
        prefix = curie.partition(":")[0].upper()
        if prefix in PREFIX_TYPES:
            return PREFIX_TYPES[prefix]
        allowed = EntityResolver._fits(decision, role, None)
        if len(allowed) == 1:
            return next(iter(allowed))
        raise UsageError(
            f"line {decision.line}: cannot tell the type of {role} {curie}; add a {role}_type "
            "column (Disease, Phenotype, ...)",
            decision.file,
        )
