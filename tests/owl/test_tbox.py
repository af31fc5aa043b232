"""The hand-written TBox declares exactly the hk: vocabulary, fully described."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS

from hemekg.model import PREDICATE_SIGNATURES, EntityType, Predicate
from hemekg.namespaces import BASE, HK, entity_type_iri, predicate_iri
from hemekg.resources import ontology_dir

DEFINITION = URIRef("http://purl.obolibrary.org/obo/IAO_0000115")
ONTOLOGY = URIRef("https://w3id.org/hemekg/ontology")
SKOS_MATCHES = [
    URIRef("http://www.w3.org/2004/02/skos/core#" + m)
    for m in ("exactMatch", "closeMatch", "relatedMatch")
]


@pytest.fixture(scope="module")
def tbox() -> Graph:
    return Graph().parse(ontology_dir() / "hemekg.ttl")


def hk_terms() -> set[URIRef]:
    return {HK[name] for name in HK.__annotations__}


def test_every_hk_term_is_declared_and_nothing_else(tbox: Graph) -> None:
    declared = {
        s
        for s in tbox.subjects(RDF.type, None)
        if isinstance(s, URIRef) and str(s).startswith(BASE)
    }
    assert declared - {ONTOLOGY} == hk_terms()
    used = {
        t for triple in tbox for t in triple if isinstance(t, URIRef) and str(t).startswith(BASE)
    }
    assert used - {ONTOLOGY, URIRef(BASE + "ontology/0.1.0")} == hk_terms()


def test_ontology_header(tbox: Graph) -> None:
    assert (ONTOLOGY, RDF.type, OWL.Ontology) in tbox
    assert tbox.value(ONTOLOGY, OWL.versionIRI) is not None
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license, DCTERMS.created):
        assert tbox.value(ONTOLOGY, prop) is not None, prop


@pytest.mark.parametrize("term", sorted(hk_terms()), ids=lambda t: str(t).removeprefix(BASE))
def test_every_term_has_label_and_definition(tbox: Graph, term: URIRef) -> None:
    assert tbox.value(term, RDFS.label) is not None
    assert tbox.value(term, DEFINITION) is not None


@pytest.mark.parametrize("entity_type", list(EntityType), ids=str)
def test_entity_types_are_mapped_classes(tbox: Graph, entity_type: EntityType) -> None:
    iri = entity_type_iri(entity_type)
    assert (iri, RDF.type, OWL.Class) in tbox
    assert any(tbox.value(iri, m) is not None for m in SKOS_MATCHES)


def _class_set(tbox: Graph, node: object) -> set[object]:
    if isinstance(node, URIRef):
        return {node}
    members = tbox.value(node, OWL.unionOf)  # type: ignore[arg-type]
    return set(Collection(tbox, members))


@pytest.mark.parametrize(
    "predicate", [p for p in Predicate if p is not Predicate.SUB_CLASS_OF], ids=str
)
def test_object_properties_follow_the_signatures(tbox: Graph, predicate: Predicate) -> None:
    iri = predicate_iri(predicate)
    assert (iri, RDF.type, OWL.ObjectProperty) in tbox
    domain, range_ = PREDICATE_SIGNATURES[predicate]
    assert _class_set(tbox, tbox.value(iri, RDFS.domain)) == {entity_type_iri(t) for t in domain}
    assert range_ is not None
    assert _class_set(tbox, tbox.value(iri, RDFS.range)) == {entity_type_iri(t) for t in range_}


def test_disjointness_is_where_the_domain_demands(tbox: Graph) -> None:
    pairs: set[frozenset[object]] = set()
    for axiom in tbox.subjects(RDF.type, OWL.AllDisjointClasses):
        members = list(Collection(tbox, tbox.value(axiom, OWL.members)))
        pairs |= {frozenset((a, b)) for a in members for b in members if a != b}
    must = [
        (HK.Disease, HK.CellType),
        (HK.DiagnosticProcedure, HK.Treatment),
        (HK.AnatomicalStructure, HK.Phenotype),
        (HK.Disease, HK.Treatment),
    ]
    must_not = [(HK.Cause, t) for t in map(entity_type_iri, EntityType) if t != HK.Cause]
    must_not.append((HK.Disease, HK.Phenotype))  # leukopenia is both
    for a, b in must:
        assert frozenset((a, b)) in pairs, (a, b)
    for a, b in must_not:
        assert frozenset((a, b)) not in pairs, (a, b)


@pytest.mark.parametrize(
    "name",
    [
        "evidenceText",
        "startOffset",
        "endOffset",
        "extractor",
        "confidence",
        "contentHash",
        "mediaType",
        "curationStatus",
    ],
)
def test_provenance_terms_are_annotation_properties(tbox: Graph, name: str) -> None:
    assert (HK[name], RDF.type, OWL.AnnotationProperty) in tbox
