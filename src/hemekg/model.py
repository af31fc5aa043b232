"""Frozen records that cross pipeline stages: read -> extract -> build -> export.

Stages exchange only these records, so each stage can be tested on hand-made inputs
and replaced without touching the others. Everything is immutable and hashable, which
keeps deduplication and deterministic ordering trivial.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

__all__ = [
    "PREDICATE_SIGNATURES",
    "Document",
    "Entity",
    "EntityType",
    "Mention",
    "Predicate",
    "Sentence",
    "SentenceKind",
    "Statement",
]


class EntityType(StrEnum):
    """The entity types of the annotation guidelines (docs/GUIDELINES.md)."""

    DISEASE = "Disease"
    PHENOTYPE = "Phenotype"
    DIAGNOSTIC_PROCEDURE = "DiagnosticProcedure"
    TREATMENT = "Treatment"
    ANATOMICAL_STRUCTURE = "AnatomicalStructure"
    CELL_TYPE = "CellType"
    CAUSE = "Cause"
    POPULATION = "Population"


class Predicate(StrEnum):
    """The core relation vocabulary; values are the local names used in every output."""

    SUB_CLASS_OF = "subClassOf"
    ORIGINATES_IN = "originatesIn"
    SPREADS_TO = "spreadsTo"
    AFFECTS = "affects"
    HAS_SYMPTOM = "hasSymptom"
    DIAGNOSED_BY = "diagnosedBy"
    TREATED_WITH = "treatedWith"
    HAS_CAUSE = "hasCause"
    HAS_RISK_FACTOR = "hasRiskFactor"
    AFFECTS_POPULATION = "affectsPopulation"
    PRODUCES = "produces"
    DEVELOPS_INTO = "developsInto"


_D = EntityType
#: predicate -> (allowed subject types, allowed object types); ``None`` = same type as subject.
PREDICATE_SIGNATURES: dict[
    Predicate, tuple[frozenset[EntityType], frozenset[EntityType] | None]
] = {
    Predicate.SUB_CLASS_OF: (frozenset(EntityType), None),
    Predicate.ORIGINATES_IN: (frozenset({_D.DISEASE}), frozenset({_D.ANATOMICAL_STRUCTURE})),
    Predicate.SPREADS_TO: (frozenset({_D.DISEASE}), frozenset({_D.ANATOMICAL_STRUCTURE})),
    Predicate.AFFECTS: (frozenset({_D.DISEASE}), frozenset({_D.CELL_TYPE})),
    Predicate.HAS_SYMPTOM: (frozenset({_D.DISEASE}), frozenset({_D.PHENOTYPE})),
    Predicate.DIAGNOSED_BY: (frozenset({_D.DISEASE}), frozenset({_D.DIAGNOSTIC_PROCEDURE})),
    Predicate.TREATED_WITH: (frozenset({_D.DISEASE}), frozenset({_D.TREATMENT})),
    Predicate.HAS_CAUSE: (frozenset({_D.DISEASE}), frozenset({_D.CAUSE, _D.DISEASE})),
    Predicate.HAS_RISK_FACTOR: (frozenset({_D.DISEASE}), frozenset({_D.CAUSE, _D.DISEASE})),
    Predicate.AFFECTS_POPULATION: (frozenset({_D.DISEASE}), frozenset({_D.POPULATION})),
    Predicate.PRODUCES: (frozenset({_D.ANATOMICAL_STRUCTURE}), frozenset({_D.CELL_TYPE})),
    Predicate.DEVELOPS_INTO: (frozenset({_D.CELL_TYPE}), frozenset({_D.CELL_TYPE})),
}


class SentenceKind(StrEnum):
    """Where a sentence stands in the document's layout; relation cues depend on it."""

    HEADING = "heading"
    TEXT = "text"
    LIST_ITEM = "list_item"


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or list item, or heading) of a document's mined content.

    :param text: the visible text, markup removed and white space folded to single spaces.
    :param start: offset of its first character in :attr:`Document.source`.
    :param end: offset just past its last character in :attr:`Document.source`.
    :param kind: heading, running text, or list item.
    :param section: the text of the nearest heading above it ('' before the first one).
    :param block: index of the paragraph / list the sentence belongs to; consecutive list
        items of one list share it, and a sentence ending in ':' right before a list has
        ``block`` one less than the list's.
    """

    text: str
    start: int
    end: int
    kind: SentenceKind = SentenceKind.TEXT
    section: str = ""
    block: int = 0


@dataclass(frozen=True, slots=True)
class Document:
    """A read document: its decoded source and the sentences worth mining.

    :param id: stable identifier (the file name without its folder).
    :param path: the path as given by the user, for messages.
    :param media_type: ``text/plain``, ``text/markdown`` or ``text/html``.
    :param source: the decoded original text; sentence offsets point into it.
    :param sha256: hash of the raw bytes, for incremental builds and provenance.
    :param sentences: mined sentences in document order (boilerplate already removed).
    :param title: the document's title if one was found.
    """

    id: str
    path: str
    media_type: str
    source: str
    sha256: str
    sentences: tuple[Sentence, ...]
    title: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """A grounded concept.

    :param id: its primary CURIE (``DOID:1240``, ``HP:0001945``, ``CL:0000738``, ``UBERON:0002371``)
        or a project CURIE ``HEMEKG:<slug>`` when no standard id exists.
    :param label: the preferred name.
    :param type: one of :class:`EntityType`.
    :param xrefs: other CURIEs for the same concept (MONDO, UMLS, NCIT, ...), sorted.
    :param synonyms: other names, sorted; surface forms seen in a document belong here too.
    :param parent: for a project entity, the CURIE of the class it was placed under.
    """

    id: str
    label: str
    type: EntityType
    xrefs: tuple[str, ...] = ()
    synonyms: tuple[str, ...] = ()
    parent: str | None = None

    def to_json(self, surface: tuple[str, ...] = ()) -> dict[str, Any]:
        """The entity as the ``subject``/``object`` object of ``hemekg extract --format jsonl``.

        ``labels`` lists the preferred label, then the surface forms the text used, then the
        synonyms, each once; ``xrefs`` starts with the primary id.
        """
        labels = list(dict.fromkeys((self.label, *surface, *self.synonyms)))
        xrefs = list(dict.fromkeys((self.id, *self.xrefs)))
        return {
            "id": self.id,
            "label": self.label,
            "labels": labels,
            "type": str(self.type),
            "xrefs": xrefs,
        }

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> tuple[Entity, str]:
        """Inverse of :meth:`to_json`: the entity and the surface form the record names.

        Every label but the preferred one is kept as a synonym (sorted), so a record
        read back and written again gives the same JSON.
        """
        label = str(record["label"])
        labels = [str(name) for name in record.get("labels", [])]
        entity = cls(
            id=str(record["id"]),
            label=label,
            type=EntityType(record["type"]),
            xrefs=tuple(sorted(str(x) for x in record.get("xrefs", []) if x != record["id"])),
            synonyms=tuple(sorted({name for name in labels if name != label})),
        )
        return entity, labels[1] if len(labels) > 1 else ""


@dataclass(frozen=True, slots=True)
class Mention:
    """An entity found in a sentence.

    :param entity: what the span was grounded to.
    :param text: the surface form as written.
    :param start: offset in :attr:`Sentence.text`.
    :param end: offset just past the span in :attr:`Sentence.text`.
    :param exact: True when the surface form equals a label or exact synonym after
        normalisation; False for looser groundings (related synonym, abbreviation, new entity).
    """

    entity: Entity
    text: str
    start: int
    end: int
    exact: bool = True


@dataclass(frozen=True, slots=True)
class Statement:
    """One extracted relation with its provenance.

    :param subject: the subject entity.
    :param predicate: a core-vocabulary predicate.
    :param object: the object entity.
    :param document: :attr:`Document.id` of the source.
    :param sentence: the evidence sentence text.
    :param start: offset of the evidence in :attr:`Document.source`.
    :param end: end offset of the evidence in :attr:`Document.source`.
    :param extractor: name of the rule or extractor that produced it (e.g. ``hearst.types_of``).
    :param confidence: 0..1, from cue strength and grounding exactness.
    :param negated: the text denies or only hypothesises it: kept for review, never asserted.
    :param subject_text: the subject's surface form in the sentence.
    :param object_text: the object's surface form in the sentence.
    """

    subject: Entity
    predicate: Predicate
    object: Entity
    document: str
    sentence: str
    start: int
    end: int
    extractor: str
    confidence: float
    negated: bool = False
    subject_text: str = ""
    object_text: str = ""

    @property
    def id(self) -> str:
        """Stable statement id: unchanged while subject, predicate, object, document and
        evidence sentence are unchanged (curation decisions are keyed on it)."""
        key = "\x1f".join(
            (self.subject.id, str(self.predicate), self.object.id, self.document, self.sentence)
        )
        return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]

    @classmethod
    def from_json(cls, record: dict[str, Any]) -> Statement:
        """Inverse of :meth:`to_json` (``statements.jsonl`` read back).

        :raises KeyError, ValueError, TypeError: a missing or malformed field.
        """
        subject, subject_text = Entity.from_json(record["subject"])
        obj, object_text = Entity.from_json(record["object"])
        return cls(
            subject=subject,
            predicate=Predicate(record["predicate"]),
            object=obj,
            document=str(record["document"]),
            sentence=str(record["sentence"]),
            start=int(record["start"]),
            end=int(record["end"]),
            extractor=str(record["extractor"]),
            confidence=float(record["confidence"]),
            negated=bool(record.get("negated", False)),
            subject_text=subject_text,
            object_text=object_text,
        )

    def to_json(self) -> dict[str, Any]:
        """The record printed by ``hemekg extract --format jsonl`` (documented in the README)."""
        return {
            "id": self.id,
            "subject": self.subject.to_json((self.subject_text,) if self.subject_text else ()),
            "predicate": str(self.predicate),
            "object": self.object.to_json((self.object_text,) if self.object_text else ()),
            "document": self.document,
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "extractor": self.extractor,
            "confidence": round(self.confidence, 3),
            "negated": self.negated,
        }
