"""Hand-made statements covering every type and predicate (used by validate, owl, quality)."""

from __future__ import annotations

import hashlib

from rdflib import Graph

from hemekg.build.graph import build_graph
from hemekg.model import Document, Entity, EntityType, Predicate, Statement

T = EntityType
P = Predicate

LEUKEMIA = Entity(
    "DOID:1240", "leukemia", T.DISEASE, xrefs=("MONDO:0005059",), synonyms=("leukaemia",)
)
AML = Entity("DOID:9119", "acute myeloid leukemia", T.DISEASE, synonyms=("AML",))
LEUKOPENIA = Entity("DOID:615", "leukopenia", T.DISEASE)
BONE_MARROW = Entity("UBERON:0002371", "bone marrow", T.ANATOMICAL_STRUCTURE)
LYMPH_NODE = Entity("UBERON:0000029", "lymph node", T.ANATOMICAL_STRUCTURE)
WBC = Entity("CL:0000738", "white blood cell", T.CELL_TYPE, synonyms=("leukocyte",))
STEM_CELL = Entity("CL:0000034", "stem cell", T.CELL_TYPE)
FATIGUE = Entity("HP:0012378", "fatigue", T.PHENOTYPE)
ASPIRATION = Entity(
    "HEMEKG:bone_marrow_aspiration", "bone marrow aspiration", T.DIAGNOSTIC_PROCEDURE
)
CHEMO = Entity("HEMEKG:chemotherapy", "chemotherapy", T.TREATMENT)
RADIATION = Entity("HEMEKG:ionizing_radiation", "ionizing radiation", T.CAUSE)
CHILDREN = Entity("HEMEKG:children", "children", T.POPULATION)

DOCUMENT = Document(
    id="sample_leukemia.txt",
    path="sample_leukemia.txt",
    media_type="text/plain",
    source="",
    sha256=hashlib.sha256(b"sample").hexdigest(),
    sentences=(),
)


def statement(
    subject: Entity,
    predicate: Predicate,
    obj: Entity,
    sentence: str,
    start: int = 0,
    confidence: float = 0.9,
) -> Statement:
    """A positive statement of the sample document."""
    return Statement(
        subject,
        predicate,
        obj,
        DOCUMENT.id,
        sentence,
        start,
        start + len(sentence),
        f"test.{predicate}",
        confidence,
    )


def sample_statements() -> list[Statement]:
    """One statement per core predicate, all well typed."""
    return [
        statement(AML, P.SUB_CLASS_OF, LEUKEMIA, "AML is a type of leukemia.", 0),
        statement(
            LEUKEMIA, P.ORIGINATES_IN, BONE_MARROW, "Leukemia begins in the bone marrow.", 30
        ),
        statement(
            LEUKEMIA, P.SPREADS_TO, LYMPH_NODE, "Leukemia can spread to the lymph nodes.", 70
        ),
        statement(LEUKEMIA, P.AFFECTS, WBC, "Leukemia is a cancer of the white blood cells.", 110),
        statement(LEUKEMIA, P.HAS_SYMPTOM, FATIGUE, "Symptoms of leukemia include fatigue.", 160),
        statement(
            LEUKEMIA,
            P.DIAGNOSED_BY,
            ASPIRATION,
            "Leukemia is diagnosed by a bone marrow aspiration.",
            200,
        ),
        statement(LEUKEMIA, P.TREATED_WITH, CHEMO, "Leukemia is treated with chemotherapy.", 260),
        statement(LEUKOPENIA, P.HAS_CAUSE, LEUKEMIA, "Leukopenia can result from leukemia.", 300),
        statement(
            LEUKEMIA,
            P.HAS_RISK_FACTOR,
            RADIATION,
            "Ionizing radiation increases the risk of leukemia.",
            340,
        ),
        statement(LEUKEMIA, P.AFFECTS_POPULATION, CHILDREN, "Leukemia can affect children.", 400),
        statement(BONE_MARROW, P.PRODUCES, WBC, "The bone marrow produces white blood cells.", 440),
        statement(
            STEM_CELL, P.DEVELOPS_INTO, WBC, "Stem cells develop into white blood cells.", 490
        ),
    ]


def sample_kg(extra: list[Statement] | None = None) -> Graph:
    """The knowledge graph the lead's ``build_graph`` makes of the samples (plus ``extra``)."""
    return build_graph([*sample_statements(), *(extra or [])], [DOCUMENT])
