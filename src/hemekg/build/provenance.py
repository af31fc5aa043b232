"""The single definition of how a statement's provenance is written in RDF.

Provenance is an OWL axiom annotation (``owl:Axiom`` with ``owl:annotatedSource``,
``owl:annotatedProperty``, ``owl:annotatedTarget``): Protégé shows it on the axiom, and
a plain SPARQL pattern over the direct triple still finds the statement. One node per
occurrence (document + sentence), named by :attr:`hemekg.model.Statement.id`, so the
same fact stated in two documents keeps both pieces of evidence.
"""

from __future__ import annotations

from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, XSD

from hemekg.iris import document_iri, entity_iri, statement_iri
from hemekg.model import Document, Statement
from hemekg.namespaces import HK, predicate_iri

__all__ = ["add_document", "add_provenance", "confidence_literal"]


def confidence_literal(confidence: float) -> Literal:
    """Confidence as an ``xsd:decimal`` with three decimals: stable text in every format."""
    return Literal(Decimal(f"{confidence:.3f}"), datatype=XSD.decimal)


def add_provenance(graph: Graph, statement: Statement) -> URIRef:
    """Add the ``owl:Axiom`` node describing where ``statement`` was found; return its IRI."""
    node = statement_iri(statement.id)
    graph.add((node, RDF.type, OWL.Axiom))
    graph.add((node, OWL.annotatedSource, entity_iri(statement.subject.id)))
    graph.add((node, OWL.annotatedProperty, predicate_iri(statement.predicate)))
    graph.add((node, OWL.annotatedTarget, entity_iri(statement.object.id)))
    graph.add((node, PROV.wasDerivedFrom, document_iri(statement.document)))
    graph.add((node, HK.evidenceText, Literal(statement.sentence)))
    graph.add((node, HK.startOffset, Literal(statement.start, datatype=XSD.integer)))
    graph.add((node, HK.endOffset, Literal(statement.end, datatype=XSD.integer)))
    graph.add((node, HK.extractor, Literal(statement.extractor)))
    graph.add((node, HK.confidence, confidence_literal(statement.confidence)))
    return node


def add_document(graph: Graph, document: Document) -> URIRef:
    """Describe a source document (name, content hash, media type)."""
    node = document_iri(document.id)
    graph.add((node, RDF.type, HK.SourceDocument))
    graph.add((node, RDF.type, PROV.Entity))
    graph.add((node, RDFS.label, Literal(document.id)))
    graph.add((node, HK.contentHash, Literal(document.sha256)))
    graph.add((node, HK.mediaType, Literal(document.media_type)))
    return node
