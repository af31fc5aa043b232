"""Statements -> RDF graph, in the shape docs/ARCHITECTURE.md describes."""

from __future__ import annotations

from rdflib import Literal
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from hemekg.build.graph import build_graph
from hemekg.iris import document_iri, entity_iri, statement_iri
from hemekg.model import Document, Statement
from hemekg.namespaces import HK, OBO, OBOINOWL

LEUK = entity_iri("DOID:1240")
MARROW = entity_iri("UBERON:0002371")


def test_direct_triples_and_types(statements: list[Statement]) -> None:
    graph = build_graph(statements)
    assert (LEUK, HK.originatesIn, MARROW) in graph
    assert (LEUK, RDFS.subClassOf, entity_iri("DOID:2531")) in graph
    assert (LEUK, RDF.type, HK.Disease) in graph
    assert (MARROW, RDF.type, HK.AnatomicalStructure) in graph
    assert set(graph.objects(LEUK, RDFS.label)) == {Literal("leukemia", lang="en")}
    assert Literal("leukaemia", lang="en") in set(graph.objects(LEUK, SKOS.altLabel))
    assert (LEUK, SKOS.exactMatch, OBO.DOID_1240) in graph
    assert (LEUK, SKOS.exactMatch, OBO.MONDO_0005059) in graph
    assert (LEUK, OBOINOWL.hasDbXref, Literal("MONDO:0005059")) in graph


def test_negated_statements_are_not_asserted(statements: list[Statement]) -> None:
    graph = build_graph(statements)
    chemo = entity_iri("HEMEKG:chemotherapy")
    assert (LEUK, HK.treatedWith, chemo) not in graph
    assert (chemo, None, None) not in graph
    assert (statement_iri(statements[2].id), None, None) not in graph


def test_provenance_node(statements: list[Statement]) -> None:
    graph = build_graph(statements)
    node = statement_iri(statements[0].id)
    assert (node, RDF.type, OWL.Axiom) in graph
    assert (node, OWL.annotatedSource, LEUK) in graph
    assert (node, OWL.annotatedProperty, HK.originatesIn) in graph
    assert (node, OWL.annotatedTarget, MARROW) in graph
    assert (node, PROV.wasDerivedFrom, document_iri("doc.txt")) in graph
    assert graph.value(node, HK.evidenceText).toPython() == statements[0].sentence
    assert graph.value(node, HK.startOffset).toPython() == 0
    assert str(graph.value(node, HK.confidence)) == "0.900"


def test_duplicates_and_project_ids(statements: list[Statement]) -> None:
    graph = build_graph(statements + statements[:1])
    axioms = set(graph.subjects(RDF.type, OWL.Axiom))
    assert len(axioms) == 2
    project = build_graph([statements[2].__class__(**{**_fields(statements[2]), "negated": False})])
    chemo = entity_iri("HEMEKG:chemotherapy")
    assert (chemo, OBOINOWL.hasDbXref, None) not in project
    assert (chemo, SKOS.exactMatch, None) not in project


def test_documents_are_described() -> None:
    doc = Document("a.txt", "corpus/a.txt", "text/plain", "", "ab" * 32, ())
    graph = build_graph([], [doc])
    node = document_iri("a.txt")
    assert (node, RDF.type, HK.SourceDocument) in graph
    assert graph.value(node, HK.contentHash) == Literal("ab" * 32)


def _fields(statement: Statement) -> dict[str, object]:
    return {name: getattr(statement, name) for name in statement.__dataclass_fields__}
