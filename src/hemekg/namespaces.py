"""The project's vocabulary and the single prefix map.

``HK`` is a closed namespace: a misspelt term raises at import time instead of minting
a wrong IRI. Every other module binds prefixes through :func:`bind_prefixes`, so Turtle,
JSON-LD and SHACL files all use the same prefixes.
"""

from __future__ import annotations

from rdflib import Graph, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace

from hemekg.model import EntityType, Predicate

__all__ = [
    "BASE",
    "HK",
    "HKD",
    "HKE",
    "HKS",
    "OBO",
    "OBOINOWL",
    "PREFIXES",
    "bind_prefixes",
    "entity_type_iri",
    "predicate_iri",
]

BASE = "https://w3id.org/hemekg/"


class HK(DefinedNamespace):
    """Terms of the hemekg TBox (``ontology/hemekg.ttl``)."""

    _NS = Namespace(BASE)
    _fail = True

    # entity types (classes)
    Disease: URIRef
    Phenotype: URIRef
    DiagnosticProcedure: URIRef
    Treatment: URIRef
    AnatomicalStructure: URIRef
    CellType: URIRef
    Cause: URIRef
    Population: URIRef
    # core relations (object properties); subClassOf is rdfs:subClassOf
    originatesIn: URIRef
    spreadsTo: URIRef
    affects: URIRef
    hasSymptom: URIRef
    diagnosedBy: URIRef
    treatedWith: URIRef
    hasCause: URIRef
    hasRiskFactor: URIRef
    affectsPopulation: URIRef
    produces: URIRef
    developsInto: URIRef
    # provenance of a statement (annotation properties on its owl:Axiom node)
    evidenceText: URIRef
    startOffset: URIRef
    endOffset: URIRef
    extractor: URIRef
    confidence: URIRef
    # documents and curation
    SourceDocument: URIRef
    contentHash: URIRef
    mediaType: URIRef
    curationStatus: URIRef


HKE = Namespace(BASE + "entity/")
HKS = Namespace(BASE + "statement/")
HKD = Namespace(BASE + "document/")
OBO = Namespace("http://purl.obolibrary.org/obo/")
OBOINOWL = Namespace("http://www.geneontology.org/formats/oboInOwl#")

#: prefix -> namespace IRI, the one map used for binding, CURIE expansion and SHACL.
PREFIXES: dict[str, str] = {
    "hk": BASE,
    "hke": str(HKE),
    "hks": str(HKS),
    "hkd": str(HKD),
    "obo": str(OBO),
    "oboInOwl": str(OBOINOWL),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "skos": str(SKOS),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
    "xsd": str(XSD),
}


def bind_prefixes(graph: Graph) -> Graph:
    """Bind :data:`PREFIXES` on ``graph`` (replacing rdflib's defaults) and return it."""
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, Namespace(iri), override=True, replace=True)
    return graph


def entity_type_iri(entity_type: EntityType) -> URIRef:
    """The TBox class of an entity type: ``EntityType.DISEASE`` -> ``hk:Disease``."""
    return URIRef(BASE + entity_type.value)


def predicate_iri(predicate: Predicate) -> URIRef:
    """The RDF property of a core predicate; ``subClassOf`` maps to ``rdfs:subClassOf``."""
    if predicate is Predicate.SUB_CLASS_OF:
        return RDFS.subClassOf
    return URIRef(BASE + predicate.value)
