"""Shared fixtures: small hand-made entities and statements in the project's record types."""

from __future__ import annotations

import pytest

from hemekg.model import Entity, EntityType, Predicate, Statement

LEUKEMIA = Entity("DOID:1240", "leukemia", EntityType.DISEASE, ("MONDO:0005059",), ("leukaemia",))
BONE_MARROW = Entity("UBERON:0002371", "bone marrow", EntityType.ANATOMICAL_STRUCTURE)
CHEMOTHERAPY = Entity("HEMEKG:chemotherapy", "chemotherapy", EntityType.TREATMENT)
BLOOD_CANCER = Entity("DOID:2531", "hematologic cancer", EntityType.DISEASE, (), ("blood cancer",))


def make_statement(
    subject: Entity = LEUKEMIA,
    predicate: Predicate = Predicate.ORIGINATES_IN,
    obj: Entity = BONE_MARROW,
    *,
    document: str = "doc.txt",
    sentence: str = "Leukemia begins in the bone marrow.",
    start: int = 0,
    confidence: float = 0.9,
    negated: bool = False,
) -> Statement:
    """A statement with sensible defaults; override what a test is about."""
    return Statement(
        subject=subject,
        predicate=predicate,
        object=obj,
        document=document,
        sentence=sentence,
        start=start,
        end=start + len(sentence),
        extractor="test",
        confidence=confidence,
        negated=negated,
        subject_text=subject.label,
        object_text=obj.label,
    )


@pytest.fixture
def statements() -> list[Statement]:
    """Three statements over two documents, one of them negated."""
    return [
        make_statement(),
        make_statement(LEUKEMIA, Predicate.SUB_CLASS_OF, BLOOD_CANCER,
                       sentence="Leukemia is a type of blood cancer.", start=40),
        make_statement(LEUKEMIA, Predicate.TREATED_WITH, CHEMOTHERAPY, document="other.txt",
                       sentence="Leukemia is not treated with chemotherapy.", negated=True),
    ]
