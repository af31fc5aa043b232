"""Each kind of error in a knowledge graph gives its own, specific SHACL violation."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

from hemekg.model import Predicate, Statement
from hemekg.namespaces import HK, HKD, HKE, OBOINOWL
from hemekg.validate import ValidationReport, Violation, validate_graph
from tests.validate.samples import (
    AML,
    ASPIRATION,
    BONE_MARROW,
    CHILDREN,
    DOCUMENT,
    FATIGUE,
    LEUKEMIA,
    sample_kg,
    statement,
)

P = Predicate
LEUKEMIA_IRI = HKE.DOID_1240


def _axiom_of(graph: Graph, predicate: URIRef) -> URIRef:
    node = next(graph.subjects(OWL.annotatedProperty, predicate))
    assert isinstance(node, URIRef)
    return node


def _find(report: ValidationReport, shape: str, focus: str, path: str) -> Violation:
    matches = [
        v for v in report.violations if (v.shape, v.focus_node, v.path) == (shape, focus, path)
    ]
    assert matches, f"no {shape} violation on {focus} {path}:\n{report.to_text()}"
    return matches[0]


def test_sample_graph_conforms(kg: Graph) -> None:
    report = validate_graph(kg)
    assert report.conforms, report.to_text()
    assert report.violations == []


def test_validation_leaves_the_graph_untouched(kg: Graph) -> None:
    before = set(kg)
    validate_graph(kg)
    assert set(kg) == before


def _drop_label(g: Graph) -> None:
    g.remove((LEUKEMIA_IRI, RDFS.label, None))


def _second_english_label(g: Graph) -> None:
    g.add((LEUKEMIA_IRI, RDFS.label, Literal("leukaemia", lang="en")))


def _untagged_label(g: Graph) -> None:
    g.set((LEUKEMIA_IRI, RDFS.label, Literal("leukemia")))


def _bad_confidence(g: Graph) -> None:
    g.set((_axiom_of(g, HK.treatedWith), HK.confidence, Literal("1.5", datatype=XSD.decimal)))


def _start_after_end(g: Graph) -> None:
    g.set((_axiom_of(g, HK.treatedWith), HK.startOffset, Literal(9999, datatype=XSD.integer)))


def _no_evidence(g: Graph) -> None:
    g.remove((_axiom_of(g, HK.treatedWith), HK.evidenceText, None))


def _no_document(g: Graph) -> None:
    g.remove((_axiom_of(g, HK.treatedWith), PROV.wasDerivedFrom, None))


def _no_provenance(g: Graph) -> None:
    axiom = _axiom_of(g, HK.affectsPopulation)
    g.remove((axiom, None, None))


def _bad_doid(g: Graph) -> None:
    g.add((LEUKEMIA_IRI, OBOINOWL.hasDbXref, Literal("DOID:12a")))


def _short_hp(g: Graph) -> None:
    g.add((HKE.HP_0012378, OBOINOWL.hasDbXref, Literal("HP:12378")))


def _bad_mondo_iri(g: Graph) -> None:
    g.add((LEUKEMIA_IRI, SKOS.exactMatch, URIRef("http://purl.obolibrary.org/obo/MONDO_5059")))


def _bad_hash(g: Graph) -> None:
    g.set((HKD.sample_leukemia_txt, HK.contentHash, Literal("not-a-hash")))


def _unasserted_axiom(g: Graph) -> None:
    g.remove((LEUKEMIA_IRI, HK.treatedWith, None))


ERRORS: list[tuple[str, Callable[[Graph], None], str, str, str, str]] = [
    # (id, mutation, shape, focus, path, message fragment)
    ("no label", _drop_label, "hksh:EntityLabelShape", "hke:DOID_1240", "rdfs:label", "rdfs:label"),
    (
        "two en labels",
        _second_english_label,
        "hksh:EntityLabelShape",
        "hke:DOID_1240",
        "rdfs:label",
        "one language-tagged",
    ),
    (
        "untagged label",
        _untagged_label,
        "hksh:EntityLabelShape",
        "hke:DOID_1240",
        "rdfs:label",
        "language-tagged",
    ),
    (
        "confidence > 1",
        _bad_confidence,
        "hksh:AxiomShape / hk:confidence",
        "",
        "hk:confidence",
        "[0, 1]",
    ),
    (
        "start >= end",
        _start_after_end,
        "hksh:AxiomShape / hk:startOffset",
        "",
        "hk:startOffset",
        "less than hk:endOffset",
    ),
    (
        "no evidence",
        _no_evidence,
        "hksh:AxiomShape / hk:evidenceText",
        "",
        "hk:evidenceText",
        "hk:evidenceText",
    ),
    (
        "no document",
        _no_document,
        "hksh:AxiomShape / prov:wasDerivedFrom",
        "",
        "prov:wasDerivedFrom",
        "source document",
    ),
    (
        "no provenance",
        _no_provenance,
        "hksh:StatementProvenanceShape",
        "hke:DOID_1240",
        "hk:affectsPopulation",
        "no owl:Axiom provenance",
    ),
    (
        "bad DOID",
        _bad_doid,
        "hksh:ExternalIdShape",
        "hke:DOID_1240",
        "oboInOwl:hasDbXref",
        "malformed DOID id DOID:12a",
    ),
    (
        "short HP",
        _short_hp,
        "hksh:ExternalIdShape",
        "hke:HP_0012378",
        "oboInOwl:hasDbXref",
        "malformed HP id HP:12378",
    ),
    (
        "bad MONDO IRI",
        _bad_mondo_iri,
        "hksh:ExternalIdShape",
        "hke:DOID_1240",
        "skos:exactMatch",
        "malformed MONDO IRI obo:MONDO_5059",
    ),
    (
        "bad hash",
        _bad_hash,
        "hksh:SourceDocumentShape / hk:contentHash",
        "hkd:sample_leukemia_txt",
        "hk:contentHash",
        "SHA-256",
    ),
    ("axiom of nothing", _unasserted_axiom, "hksh:AxiomShape", "", "", "which is not asserted"),
]


@pytest.mark.parametrize(
    ("mutate", "shape", "focus", "path", "fragment"),
    [e[1:] for e in ERRORS],
    ids=[e[0] for e in ERRORS],
)
def test_each_error_gives_its_violation(
    kg: Graph, mutate: Callable[[Graph], None], shape: str, focus: str, path: str, fragment: str
) -> None:
    mutate(kg)
    report = validate_graph(kg)
    assert not report.conforms
    assert {v.shape for v in report.violations} == {shape}, report.to_text()
    violation = report.violations[0]
    assert violation.path == path
    if focus:
        assert violation.focus_node == focus
    else:  # a provenance node: named by its statement id, and it carries the sentence
        assert violation.focus_node.startswith("hks:")
        assert violation.source_sentence or violation.source_document
    assert fragment in violation.message
    assert violation.severity == "Violation"


@pytest.mark.parametrize(
    ("bad", "shape", "focus", "path", "fragment"),
    [
        (
            statement(BONE_MARROW, P.HAS_SYMPTOM, FATIGUE, "The bone marrow feels tired."),
            "hksh:HasSymptomShape",
            "hke:UBERON_0002371",
            "",
            "subject of hk:hasSymptom must be a hk:Disease",
        ),
        (
            statement(
                LEUKEMIA, P.TREATED_WITH, BONE_MARROW, "Leukemia is treated with bone marrow."
            ),
            "hksh:TreatedWithShape / hk:treatedWith",
            "hke:DOID_1240",
            "hk:treatedWith",
            "object of hk:treatedWith must be a hk:Treatment",
        ),
        (
            statement(LEUKEMIA, P.HAS_CAUSE, CHILDREN, "Children cause leukemia."),
            "hksh:HasCauseShape / hk:hasCause",
            "hke:DOID_1240",
            "hk:hasCause",
            "hk:Cause or a hk:Disease",
        ),
        (
            statement(LEUKEMIA, P.DIAGNOSED_BY, FATIGUE, "Leukemia is diagnosed by fatigue."),
            "hksh:DiagnosedByShape / hk:diagnosedBy",
            "hke:DOID_1240",
            "hk:diagnosedBy",
            "hk:DiagnosticProcedure",
        ),
        (
            statement(ASPIRATION, P.PRODUCES, CHILDREN, "Aspiration produces children."),
            "hksh:ProducesShape",
            "hke:HEMEKG_bone_marrow_aspiration",
            "",
            "subject of hk:produces must be a hk:AnatomicalStructure",
        ),
    ],
    ids=["domain", "range", "union range", "range 2", "domain 2"],
)
def test_wrong_types_name_the_statement(
    bad: Statement, shape: str, focus: str, path: str, fragment: str
) -> None:
    report = validate_graph(sample_kg([bad]))
    violation = _find(report, shape, focus, path)
    assert fragment in violation.message
    assert violation.source_sentence == bad.sentence
    assert violation.source_document == DOCUMENT.id


def test_subclass_between_types_is_reported() -> None:
    bad = statement(AML, P.SUB_CLASS_OF, BONE_MARROW, "AML is a type of bone marrow.")
    report = validate_graph(sample_kg([bad]))
    violation = _find(report, "hksh:SubClassOfShape", "hke:DOID_9119", "rdfs:subClassOf")
    assert violation.value == "hke:UBERON_0002371"
    assert "share no entity type" in violation.message
    assert violation.source_sentence == bad.sentence
    assert {v.shape for v in report.violations} == {"hksh:SubClassOfShape"}


def test_subclass_cycle_is_reported() -> None:
    bad = statement(LEUKEMIA, P.SUB_CLASS_OF, AML, "Leukemia is a type of AML.")
    report = validate_graph(sample_kg([bad]))
    cycles = [v for v in report.violations if "cycle" in v.message]
    assert {v.focus_node for v in cycles} == {"hke:DOID_1240", "hke:DOID_9119"}
    assert all(v.path == "rdfs:subClassOf" for v in cycles)
    assert {v.shape for v in report.violations} == {"hksh:SubClassOfShape"}


def test_tbox_triples_are_not_entities(kg: Graph) -> None:
    """Validating the KG merged with the TBox: hk: classes are not checked as entities."""
    from hemekg.resources import ontology_dir

    kg.parse(ontology_dir() / "hemekg.ttl")
    report = validate_graph(kg)
    assert report.conforms, report.to_text()


def test_shape_prefix_declarations_agree_with_prefixes() -> None:
    from rdflib.namespace import SH

    from hemekg.namespaces import PREFIXES
    from hemekg.validate.shacl import default_shapes

    shapes = default_shapes()
    declared = {
        str(shapes.value(d, SH.prefix)): str(shapes.value(d, SH.namespace))
        for d in shapes.objects(None, SH.declare)
    }
    assert declared == PREFIXES


def test_shapes_cover_every_type_and_predicate() -> None:
    from rdflib.namespace import SH

    from hemekg.model import PREDICATE_SIGNATURES, EntityType
    from hemekg.namespaces import entity_type_iri, predicate_iri
    from hemekg.validate.shacl import default_shapes

    shapes = default_shapes()
    targeted = set(shapes.objects(None, SH.targetClass))
    assert {entity_type_iri(t) for t in EntityType} <= targeted
    subjects_of = set(shapes.objects(None, SH.targetSubjectsOf))
    assert {predicate_iri(p) for p in PREDICATE_SIGNATURES} <= subjects_of
    # each non-taxonomy predicate has a shape checking its subject type against the model
    for predicate, (domain, _range) in PREDICATE_SIGNATURES.items():
        if predicate is Predicate.SUB_CLASS_OF:
            continue
        shape = next(
            s
            for s in shapes.subjects(SH.targetSubjectsOf, predicate_iri(predicate))
            if (s, SH["class"], None) in shapes
        )
        assert set(shapes.objects(shape, SH["class"])) == {entity_type_iri(t) for t in domain}
    assert RDF.type  # keep the import honest for readers: rdf:type is what sh:class checks
