"""Regenerate ``src/hemekg/data/example.ttl``, the tiny knowledge graph of the API doctests.

The graph is built by the real builder (:func:`hemekg.build.graph.build_graph`) from a
handful of hand-written statements, so it has exactly the shape of ``build/hemekg.ttl``
(docs/ARCHITECTURE.md). The texts are invented for the example, not taken from the corpus.

Run: ``python scripts/make_example_graph.py``
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from hemekg.build.graph import build_graph
from hemekg.export.rdf import write_graph
from hemekg.model import Document, Entity, EntityType, Predicate, Sentence, Statement

T = EntityType
P = Predicate

LEUKEMIA = Entity("DOID:1240", "leukemia", T.DISEASE, ("MONDO:0005059",), ("leukaemia",))
ACUTE = Entity("DOID:12603", "acute leukemia", T.DISEASE)
ALL = Entity("DOID:9952", "acute lymphoblastic leukemia", T.DISEASE, ("MONDO:0004967",),
             ("ALL", "acute lymphocytic leukemia"))
AML = Entity("DOID:9119", "acute myeloid leukemia", T.DISEASE, ("MONDO:0018874",), ("AML",))
CLL = Entity("DOID:1040", "chronic lymphocytic leukemia", T.DISEASE, ("MONDO:0004948",), ("CLL",))
ANEMIA = Entity("DOID:2355", "anemia", T.DISEASE, ("MONDO:0002280",), ("anaemia",))
BONE_MARROW = Entity("UBERON:0002371", "bone marrow", T.ANATOMICAL_STRUCTURE)
BLOOD = Entity("UBERON:0000178", "blood", T.ANATOMICAL_STRUCTURE)
LYMPH_NODE = Entity("UBERON:0000029", "lymph node", T.ANATOMICAL_STRUCTURE, (), ("lymph nodes",))
WBC = Entity("CL:0000738", "leukocyte", T.CELL_TYPE, (), ("white blood cell",))
RBC = Entity("CL:0000232", "erythrocyte", T.CELL_TYPE, (), ("red blood cell",))
STEM = Entity("CL:0000037", "hematopoietic stem cell", T.CELL_TYPE, (), ("blood stem cell",))
FATIGUE = Entity("HP:0012378", "fatigue", T.PHENOTYPE, (), ("tiredness",))
PALLOR = Entity("HP:0000980", "pallor", T.PHENOTYPE, (), ("pale skin",))
FEVER = Entity("HP:0001945", "fever", T.PHENOTYPE)
CBC = Entity("HEMEKG:complete_blood_count", "complete blood count", T.DIAGNOSTIC_PROCEDURE,
             (), ("CBC",))
ASPIRATION = Entity("HEMEKG:bone_marrow_aspiration", "bone marrow aspiration",
                    T.DIAGNOSTIC_PROCEDURE)
CHEMO = Entity("HEMEKG:chemotherapy", "chemotherapy", T.TREATMENT, ("NCIT:C15632",))
TRANSPLANT = Entity("HEMEKG:stem_cell_transplant", "stem cell transplant", T.TREATMENT)
RADIATION = Entity("HEMEKG:ionizing_radiation", "ionizing radiation", T.CAUSE)
CHILDREN = Entity("HEMEKG:children", "children", T.POPULATION)

DOC_A = "leukemia_leaflet.txt"
DOC_B = "anemia_leaflet.md"

TEXT_A = (
    "Leukemia is a cancer of the white blood cells. It begins in the bone marrow. "
    "Acute leukemia is a type of leukemia. The main types are acute lymphoblastic leukemia "
    "(ALL), acute myeloid leukemia (AML) and chronic lymphocytic leukemia (CLL). "
    "Leukemia cells can spread to the lymph nodes. "
    "Symptoms include fatigue, fever and pale skin. "
    "Tests include a complete blood count and a bone marrow aspiration. "
    "Treatment may include chemotherapy or a stem cell transplant. "
    "ALL is the most common cancer in children. "
    "Exposure to ionizing radiation increases the risk of leukemia."
)
TEXT_B = (
    "Anemia means too few red blood cells. The bone marrow produces red blood cells. "
    "Blood stem cells develop into red blood cells. "
    "Signs of anemia are fatigue and pallor. A complete blood count shows anemia. "
    "Leukemia can cause anemia."
)


def _sentence_of(text: str, fragment: str) -> tuple[str, int, int]:
    start = text.index(fragment)
    end = text.index(".", start + len(fragment) - 1) + 1
    while start > 0 and text[start - 2:start] != ". ":
        start -= 1
    return text[start:end], start, end


def _statement(subject: Entity, predicate: Predicate, obj: Entity, doc: str, fragment: str,
               extractor: str, confidence: float) -> Statement:
    text = TEXT_A if doc == DOC_A else TEXT_B
    sentence, start, end = _sentence_of(text, fragment)
    return Statement(subject, predicate, obj, doc, sentence, start, end, extractor, confidence)


STATEMENTS = [
    _statement(LEUKEMIA, P.AFFECTS, WBC, DOC_A, "cancer of the white", "cue.affects", 0.8),
    _statement(LEUKEMIA, P.ORIGINATES_IN, BONE_MARROW, DOC_A, "begins in", "cue.originates_in",
               0.9),
    _statement(ACUTE, P.SUB_CLASS_OF, LEUKEMIA, DOC_A, "is a type of", "hearst.type_of", 0.95),
    _statement(ALL, P.SUB_CLASS_OF, ACUTE, DOC_A, "main types", "hearst.types_are", 0.85),
    _statement(AML, P.SUB_CLASS_OF, ACUTE, DOC_A, "main types", "hearst.types_are", 0.85),
    _statement(CLL, P.SUB_CLASS_OF, LEUKEMIA, DOC_A, "main types", "hearst.types_are", 0.85),
    _statement(LEUKEMIA, P.SPREADS_TO, LYMPH_NODE, DOC_A, "can spread to", "cue.spreads_to", 0.8),
    _statement(LEUKEMIA, P.HAS_SYMPTOM, FATIGUE, DOC_A, "Symptoms include", "cue.symptoms", 0.85),
    _statement(LEUKEMIA, P.HAS_SYMPTOM, FEVER, DOC_A, "Symptoms include", "cue.symptoms", 0.85),
    _statement(LEUKEMIA, P.HAS_SYMPTOM, PALLOR, DOC_A, "Symptoms include", "cue.symptoms", 0.7),
    _statement(LEUKEMIA, P.DIAGNOSED_BY, CBC, DOC_A, "Tests include", "cue.tests", 0.8),
    _statement(LEUKEMIA, P.DIAGNOSED_BY, ASPIRATION, DOC_A, "Tests include", "cue.tests", 0.8),
    _statement(LEUKEMIA, P.TREATED_WITH, CHEMO, DOC_A, "may include chemo", "cue.treatment", 0.85),
    _statement(LEUKEMIA, P.TREATED_WITH, TRANSPLANT, DOC_A, "may include chemo", "cue.treatment",
               0.85),
    _statement(ALL, P.AFFECTS_POPULATION, CHILDREN, DOC_A, "in children", "cue.population", 0.75),
    _statement(LEUKEMIA, P.HAS_RISK_FACTOR, RADIATION, DOC_A, "increases the risk",
               "cue.risk_factor", 0.8),
    _statement(BONE_MARROW, P.PRODUCES, RBC, DOC_B, "marrow produces", "cue.produces", 0.9),
    _statement(STEM, P.DEVELOPS_INTO, RBC, DOC_B, "develop into", "cue.develops_into", 0.9),
    _statement(ANEMIA, P.HAS_SYMPTOM, FATIGUE, DOC_B, "Signs of anemia", "cue.symptoms", 0.85),
    _statement(ANEMIA, P.HAS_SYMPTOM, PALLOR, DOC_B, "Signs of anemia", "cue.symptoms", 0.85),
    _statement(ANEMIA, P.DIAGNOSED_BY, CBC, DOC_B, "shows anemia", "cue.tests", 0.6),
    _statement(ANEMIA, P.HAS_CAUSE, LEUKEMIA, DOC_B, "can cause anemia", "cue.cause", 0.8),
]


def _document(doc_id: str, text: str, media_type: str) -> Document:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    sentence = Sentence(text, 0, len(text))
    return Document(doc_id, doc_id, media_type, text, digest, (sentence,))


DOCUMENTS = [_document(DOC_A, TEXT_A, "text/plain"), _document(DOC_B, TEXT_B, "text/markdown")]


def main() -> None:
    target = Path(__file__).resolve().parents[1] / "src" / "hemekg" / "data" / "example.ttl"
    graph = build_graph(STATEMENTS, DOCUMENTS)
    write_graph(graph, target)
    print(f"{target.name}: {len(graph)} triples")


if __name__ == "__main__":
    main()
