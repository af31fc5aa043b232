"""The property-graph view of the knowledge graph: entity nodes and relation edges.

GraphML, CSV, KGX and the HTML view all show the same thing, entities as nodes and
core-vocabulary statements as edges, with the statement's provenance folded into edge
attributes (best confidence, number of evidence sentences, documents). This module reads
that view from the RDF model of docs/ARCHITECTURE.md once, in a sorted order, so every
writer is deterministic without sorting on its own.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS

from hemekg.iris import curie_from_entity_iri
from hemekg.model import EntityType, Predicate
from hemekg.namespaces import HK, HKD, HKE, OBOINOWL, entity_type_iri, predicate_iri

__all__ = [
    "PREDICATE_BY_IRI",
    "TYPE_BY_IRI",
    "EdgeRecord",
    "NodeRecord",
    "curie_of",
    "edge_records",
    "node_records",
]

#: RDF class -> entity type, for the eight hk: entity-type classes.
TYPE_BY_IRI: dict[URIRef, EntityType] = {entity_type_iri(t): t for t in EntityType}
#: RDF property -> core predicate (``rdfs:subClassOf`` -> ``subClassOf``).
PREDICATE_BY_IRI: dict[URIRef, Predicate] = {predicate_iri(p): p for p in Predicate}


def curie_of(iri: URIRef | str) -> str:
    """The CURIE of an entity IRI (``hke:DOID_1240`` -> ``DOID:1240``); other IRIs unchanged."""
    text = str(iri)
    return curie_from_entity_iri(text) if text.startswith(str(HKE)) else text


@dataclass(frozen=True, slots=True)
class NodeRecord:
    """An entity: IRI, CURIE, label, type and names/ids, every tuple sorted."""

    iri: str
    id: str
    label: str
    type: str
    xrefs: tuple[str, ...]
    alt_labels: tuple[str, ...]
    exact_matches: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EdgeRecord:
    """A relation between two entities with its folded provenance.

    :param confidence: the best confidence among its evidence (``None`` without provenance).
    :param evidence_count: how many provenance nodes (sentence occurrences) support it.
    :param documents: labels of the source documents, sorted.
    """

    subject: str
    predicate: str
    predicate_iri: str
    object: str
    confidence: float | None
    evidence_count: int
    documents: tuple[str, ...]


def _text(value: object) -> str:
    return str(value)


def node_records(graph: Graph) -> list[NodeRecord]:
    """Every entity of ``graph`` (a subject typed with an ``hk:`` entity-type class), by CURIE."""
    records = []
    for subject in {s for s, _, o in graph.triples((None, RDF.type, None)) if o in TYPE_BY_IRI}:
        if not isinstance(subject, URIRef):
            continue
        types = sorted(str(TYPE_BY_IRI[URIRef(str(o))]) for o in graph.objects(subject, RDF.type)
                       if o in TYPE_BY_IRI)
        labels = sorted(_text(o) for o in graph.objects(subject, RDFS.label))
        curie = curie_of(subject)
        records.append(
            NodeRecord(
                iri=str(subject),
                id=curie,
                label=labels[0] if labels else curie,
                type=types[0],
                xrefs=tuple(sorted(_text(o) for o in graph.objects(subject, OBOINOWL.hasDbXref))),
                alt_labels=tuple(sorted({_text(o) for o in graph.objects(subject, SKOS.altLabel)})),
                exact_matches=tuple(sorted(str(o) for o in graph.objects(subject,
                                                                         SKOS.exactMatch))),
            )
        )
    return sorted(records, key=lambda r: (r.id, r.iri))


def _confidence(value: object) -> float | None:
    if isinstance(value, Literal):
        try:
            return float(Decimal(str(value)))
        except ArithmeticError:
            return None
    return None


def edge_records(graph: Graph) -> list[EdgeRecord]:
    """Every core-vocabulary triple between two entities, with folded provenance, sorted."""
    entities = {URIRef(r.iri) for r in node_records(graph)}
    evidence: dict[tuple[str, str, str], list[tuple[float | None, str]]] = defaultdict(list)
    for axiom in graph.subjects(RDF.type, OWL.Axiom):
        source = graph.value(axiom, OWL.annotatedSource)
        prop = graph.value(axiom, OWL.annotatedProperty)
        target = graph.value(axiom, OWL.annotatedTarget)
        if source is None or prop is None or target is None:
            continue
        document = graph.value(axiom, PROV.wasDerivedFrom)
        doc_label = graph.value(document, RDFS.label) if document is not None else None
        doc_name = str(doc_label) if doc_label is not None else (
            str(document).removeprefix(str(HKD)) if document is not None else "")
        key = (str(source), str(prop), str(target))
        evidence[key].append((_confidence(graph.value(axiom, HK.confidence)), doc_name))
    records = []
    for prop, predicate in PREDICATE_BY_IRI.items():
        for subject, obj in graph.subject_objects(prop):
            if subject not in entities or obj not in entities:
                continue
            found = evidence.get((str(subject), str(prop), str(obj)), [])
            scores = [score for score, _ in found if score is not None]
            records.append(
                EdgeRecord(
                    subject=curie_of(str(subject)),
                    predicate=str(predicate),
                    predicate_iri=str(prop),
                    object=curie_of(str(obj)),
                    confidence=max(scores) if scores else None,
                    evidence_count=len(found),
                    documents=tuple(sorted({doc for _, doc in found if doc})),
                )
            )
    return sorted(records, key=lambda r: (r.subject, r.predicate, r.object))
