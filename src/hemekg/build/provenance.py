"""The single definition of how a statement's provenance is written in RDF.

Provenance is an OWL axiom annotation (``owl:Axiom`` with ``owl:annotatedSource``,
``owl:annotatedProperty``, ``owl:annotatedTarget``): Protégé shows it on the axiom, and
a plain SPARQL pattern over the direct triple still finds the statement. One node per
occurrence (document + sentence), named by :attr:`hemekg.model.Statement.id`, so the
same fact stated in two documents keeps both pieces of evidence.

The triples are written once, against a :class:`hemekg.build.terms.TermFactory`:
:func:`provenance_triples` and :func:`document_triples` emit them as rdflib terms (the
``add_*`` functions, for an rdflib graph) or as N-Triples text (the store's rendering).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import lru_cache
from typing import TypeVar

from rdflib import Graph, Literal
from rdflib.namespace import OWL, PROV, RDF, RDFS

from hemekg.build.terms import RDFLIB, TermFactory
from hemekg.iris import document_iri, entity_iri, statement_iri
from hemekg.model import Document, Statement
from hemekg.namespaces import HK, predicate_iri

__all__ = [
    "PROVENANCE_PREDICATES",
    "confidence_literal",
    "confidence_value",
    "document_triples",
    "entity_node",
    "graph_adder",
    "provenance_triples",
]

T = TypeVar("T")
#: receives one triple (subject, predicate, object) in the factory's terms
Emit = Callable[[T, T, T], object]

# Vocabulary as plain strings: each rendering turns them into its own terms.
_TYPE, _LABEL = str(RDF.type), str(RDFS.label)
_AXIOM, _SOURCE = str(OWL.Axiom), str(OWL.annotatedSource)
_PROPERTY, _TARGET = str(OWL.annotatedProperty), str(OWL.annotatedTarget)
_DERIVED_FROM, _PROV_ENTITY = str(PROV.wasDerivedFrom), str(PROV.Entity)
_EVIDENCE, _START, _END = str(HK.evidenceText), str(HK.startOffset), str(HK.endOffset)
_EXTRACTOR, _CONFIDENCE = str(HK.extractor), str(HK.confidence)
_SOURCE_DOCUMENT, _HASH, _MEDIA = str(HK.SourceDocument), str(HK.contentHash), str(HK.mediaType)

#: the IRIs of the predicates only provenance nodes have (``rdf:type`` is shared with
#: everything): a graph without them still holds every fact, label and document description
PROVENANCE_PREDICATES = frozenset(
    (_SOURCE, _PROPERTY, _TARGET, _DERIVED_FROM, _EVIDENCE, _START, _END, _EXTRACTOR, _CONFIDENCE)
)


@lru_cache(maxsize=1 << 15)
def entity_node(curie: str) -> str:
    """:func:`hemekg.iris.entity_iri` as a string, cached (entities recur in every document)."""
    return str(entity_iri(curie))


@lru_cache(maxsize=1 << 12)
def _document_node(document_id: str) -> str:
    return str(document_iri(document_id))


def confidence_value(confidence: float) -> Decimal:
    """Confidence with three decimals: stable text in every format."""
    return Decimal(f"{confidence:.3f}")


def confidence_literal(confidence: float) -> Literal:
    """Confidence as an ``xsd:decimal`` with three decimals: stable text in every format."""
    return RDFLIB.decimal(confidence_value(confidence))


def provenance_triples(
    terms: TermFactory[T], emit: Emit[T], statement: Statement, statement_id: str | None = None
) -> T:
    """Emit the ``owl:Axiom`` node describing where ``statement`` was found; return it.

    :param statement_id: ``statement.id`` when the caller has it already (it is a hash).
    """
    iri = terms.iri
    node = iri(str(statement_iri(statement_id or statement.id)))
    emit(node, iri(_TYPE), iri(_AXIOM))
    emit(node, iri(_SOURCE), iri(entity_node(statement.subject.id)))
    emit(node, iri(_PROPERTY), iri(str(predicate_iri(statement.predicate))))
    emit(node, iri(_TARGET), iri(entity_node(statement.object.id)))
    emit(node, iri(_DERIVED_FROM), iri(_document_node(statement.document)))
    emit(node, iri(_EVIDENCE), terms.string(statement.sentence))
    emit(node, iri(_START), terms.integer(statement.start))
    emit(node, iri(_END), terms.integer(statement.end))
    emit(node, iri(_EXTRACTOR), terms.string(statement.extractor))
    emit(node, iri(_CONFIDENCE), terms.decimal(confidence_value(statement.confidence)))
    return node


def document_triples(terms: TermFactory[T], emit: Emit[T], document: Document) -> T:
    """Emit the description of a source document (name, content hash, media type)."""
    iri = terms.iri
    node = iri(_document_node(document.id))
    emit(node, iri(_TYPE), iri(_SOURCE_DOCUMENT))
    emit(node, iri(_TYPE), iri(_PROV_ENTITY))
    emit(node, iri(_LABEL), terms.string(document.id))
    emit(node, iri(_HASH), terms.string(document.sha256))
    emit(node, iri(_MEDIA), terms.string(document.media_type))
    return node


def graph_adder(graph: Graph) -> Emit[object]:
    """An ``emit`` that adds each triple to ``graph``."""
    add = graph.add
    return lambda s, p, o: add((s, p, o))  # type: ignore[arg-type]

