"""The Core pre-filter selects every node pyshacl reports, and the anti-join rewrite is exact."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH, SKOS, XSD

from hemekg.build.graph import build_graph
from hemekg.iris import entity_iri
from hemekg.namespaces import HK, OBOINOWL
from hemekg.pipeline import select_statements
from hemekg.store.core_prefilter import compile_core, suspect_focus_nodes
from hemekg.store.sparql_constraints import anti_join, sparql_constraints
from hemekg.store.validation import _dataset_of, validate_sharded
from hemekg.validate.shacl import default_shapes, validate_graph
from tests.scale.triple_lines import extract_lines, write_lines

LINES = [
    "leukemia | originatesIn | bone marrow",
    "leukemia | hasSymptom | fatigue",
    "anemia | hasSymptom | pallor",
    "anemia | hasCause | leukemia",
    "leukemia | affects | white blood cell",
    "acute lymphocytic leukemia | subClassOf | leukemia",
]
LEUKEMIA, ANEMIA, FATIGUE = (
    entity_iri("DOID:1240"),
    entity_iri("DOID:2355"),
    entity_iri("HP:0012378"),
)


def _graph(tmp_path: Path) -> Graph:
    result = extract_lines(write_lines(tmp_path, "doc.txt", LINES))
    assert result.document is not None
    return build_graph(select_statements(result.statements), [result.document])


def _axiom(graph: Graph) -> URIRef:
    return sorted(graph.subjects(RDF.type, OWL.Axiom))[0]  # type: ignore[return-value]


def _document(graph: Graph) -> URIRef:
    return sorted(graph.subjects(RDF.type, HK.SourceDocument))[0]  # type: ignore[return-value]


# one error per Core component of the packaged shapes
INJECTIONS: dict[str, Callable[[Graph], None]] = {
    "minCount label": lambda g: g.remove((FATIGUE, RDFS.label, None)),
    "uniqueLang": lambda g: g.add((LEUKEMIA, RDFS.label, Literal("leucemia", lang="en"))),
    "datatype label": lambda g: g.add((ANEMIA, RDFS.label, Literal("anaemia"))),
    "nodeKind altLabel": lambda g: g.add((ANEMIA, SKOS.altLabel, URIRef("https://example.org/x"))),
    "nodeKind exactMatch": lambda g: g.add((ANEMIA, SKOS.exactMatch, Literal("MONDO:0002280"))),
    "pattern xref": lambda g: g.add((ANEMIA, OBOINOWL.hasDbXref, Literal("not a curie"))),
    "pattern entity IRI": lambda g: g.add((URIRef("https://example.org/d"), RDF.type, HK.Disease)),
    "class subject": lambda g: g.add((FATIGUE, HK.hasSymptom, FATIGUE)),
    "class object": lambda g: g.remove((FATIGUE, RDF.type, None)),
    "or object": lambda g: g.add((ANEMIA, HK.hasCause, FATIGUE)),
    "in": lambda g: g.set((_axiom(g), OWL.annotatedProperty, RDFS.seeAlso)),
    "maxCount": lambda g: g.add((_axiom(g), HK.extractor, Literal("second"))),
    # as many subjects of hk:evidenceText as before, one of them not an axiom: counting
    # the axioms against the subjects would not notice the axiom left without
    "minCount axiom": lambda g: (
        g.remove((_axiom(g), HK.evidenceText, None)),
        g.add((_document(g), HK.evidenceText, Literal("not a statement"))),
    ),
    "minLength": lambda g: g.set((_axiom(g), HK.extractor, Literal(""))),
    "datatype integer": lambda g: g.set(
        (_axiom(g), HK.endOffset, Literal("1.5", datatype=XSD.decimal))
    ),
    "maxInclusive": lambda g: g.set(
        (_axiom(g), HK.confidence, Literal("1.5", datatype=XSD.decimal))
    ),
    "minInclusive": lambda g: g.set((_axiom(g), HK.startOffset, Literal(-1, datatype=XSD.integer))),
    "lessThan": lambda g: g.set((_axiom(g), HK.startOffset, Literal(10_000, datatype=XSD.integer))),
    "pattern hash": lambda g: g.set((_document(g), HK.contentHash, Literal("not-a-hash"))),
    "maxCount document label": lambda g: g.add((_document(g), RDFS.label, Literal("other"))),
    "pattern media type": lambda g: g.set((_document(g), HK.mediaType, Literal("Text Plain"))),
}


def _core_focus_nodes(graph: Graph) -> set[str]:
    """Focus nodes of the SHACL Core results of one whole-graph pyshacl run."""
    results = validate_graph(graph).results_graph
    return {
        results.value(r, SH.focusNode).n3()  # type: ignore[union-attr]
        for r in results.subjects(SH.sourceConstraintComponent, None)
        if results.value(r, SH.sourceConstraintComponent) != SH.SPARQLConstraintComponent
    }


def test_the_packaged_shapes_compile() -> None:
    compiled = compile_core(default_shapes())
    assert compiled is not None and len(compiled.queries) > 20 and compiled.patterns


def test_a_conforming_graph_has_no_suspect(tmp_path: Path) -> None:
    graph = _graph(tmp_path)
    assert validate_graph(graph).conforms
    assert suspect_focus_nodes(_dataset_of(graph), default_shapes()) == set()


@pytest.mark.parametrize("name", sorted(INJECTIONS))
def test_every_node_pyshacl_reports_is_a_suspect(tmp_path: Path, name: str) -> None:
    graph = _graph(tmp_path)
    INJECTIONS[name](graph)
    reported = _core_focus_nodes(graph)
    assert reported, f"{name}: the injection should break a Core constraint"
    suspects = suspect_focus_nodes(_dataset_of(graph), default_shapes())
    assert suspects is not None and reported <= suspects
    whole, sharded = validate_graph(graph), validate_sharded(graph, shard_triples=20)
    assert [asdict(v) for v in sharded.violations] == [asdict(v) for v in whole.violations]


@pytest.mark.parametrize(
    "extra",
    [
        "hksh:X a sh:NodeShape ; sh:targetNode hke:DOID_1240 ; sh:minCount 1 .",
        "hksh:X a sh:NodeShape ; sh:targetClass hk:Disease ; sh:closed true .",
        "hksh:X a sh:NodeShape ; sh:targetClass hk:Disease ; "
        "sh:property [ sh:path ( hk:affects rdfs:label ) ; sh:minCount 1 ] .",
        "hksh:X a sh:NodeShape ; sh:targetClass hk:Disease ; "
        "sh:property [ sh:path hk:affects ; sh:node hksh:AxiomShape ] .",
    ],
)
def test_shapes_it_does_not_compile_disable_it(extra: str) -> None:
    shapes = Graph()
    shapes += default_shapes()
    prefixes = "".join(f"@prefix {p}: <{n}> .\n" for p, n in default_shapes().namespaces())
    shapes.parse(data=prefixes + extra, format="turtle")
    assert compile_core(shapes) is None


def _provenance_query() -> str:
    return next(
        c.query
        for c in sparql_constraints(default_shapes())
        if "StatementProvenance" in str(c.shape)
    )


def test_the_provenance_check_becomes_an_anti_join() -> None:
    assert "MINUS" in _provenance_query() and "NOT EXISTS" not in _provenance_query()


@pytest.mark.parametrize(
    "query",
    [
        # a single triple pattern: an index look-up, kept
        "SELECT ?this WHERE { ?this ?p ?o . FILTER NOT EXISTS { ?o ?p ?this } }",
        # ?x may be unbound (OPTIONAL): MINUS would differ
        "SELECT ?this WHERE { ?this ?p ?o . OPTIONAL { ?o ?q ?x } "
        "FILTER NOT EXISTS { ?z ?p ?x ; ?q ?this } }",
        # a filter inside the block sees the outer bindings in NOT EXISTS only
        "SELECT ?this WHERE { ?this ?p ?o . "
        "FILTER NOT EXISTS { ?z ?p ?w ; ?q ?w FILTER (?w = ?o) } }",
        # no shared variable: MINUS would remove nothing
        "SELECT ?this WHERE { ?this ?p ?o . FILTER NOT EXISTS { ?z ?q ?w ; ?r ?v } }",
        # shared variable bound only by BIND (may be unbound on an error)
        "SELECT ?this WHERE { ?this ?p ?o . BIND (STRLEN(?o) AS ?n) "
        "FILTER NOT EXISTS { ?z ?q ?n ; ?r ?this } }",
    ],
)
def test_unsafe_not_exists_is_left_alone(query: str) -> None:
    assert anti_join(query) == query


def test_a_relation_without_provenance_is_reported_as_pyshacl_does(tmp_path: Path) -> None:
    graph = _graph(tmp_path)
    graph.add((ANEMIA, HK.hasSymptom, FATIGUE))  # no owl:Axiom for it
    whole, sharded = validate_graph(graph), validate_sharded(graph, shard_triples=20)
    assert any("no owl:Axiom provenance" in v.message for v in whole.violations)
    assert [asdict(v) for v in sharded.violations] == [asdict(v) for v in whole.violations]


def test_members_limit_the_suspects(tmp_path: Path) -> None:
    graph = _graph(tmp_path)
    INJECTIONS["uniqueLang"](graph)
    INJECTIONS["pattern hash"](graph)
    dataset, shapes = _dataset_of(graph), default_shapes()
    everything = suspect_focus_nodes(dataset, shapes)
    assert everything is not None and LEUKEMIA.n3() in everything and len(everything) == 2
    only = suspect_focus_nodes(dataset, shapes, members={LEUKEMIA.n3(), ANEMIA.n3(), "_:b0"})
    assert only == {LEUKEMIA.n3(), "_:b0"}
    assert suspect_focus_nodes(dataset, shapes, members={ANEMIA.n3()}) == set()


def test_cycles_through_components_equal_pyshacl(tmp_path: Path) -> None:
    lines = [
        "leukemia | subClassOf | leukemia",  # self-loop
        "anemia | subClassOf | blood disease",  # two-cycle
        "blood disease | subClassOf | anemia",
        "disease a | subClassOf | disease b",  # three-cycle
        "disease b | subClassOf | disease c",
        "disease c | subClassOf | disease a",
        "disease d | subClassOf | disease a",  # leads into a cycle, not on it
        "disease c | subClassOf | disease e",  # leaves a cycle, not on it
    ]
    result = extract_lines(write_lines(tmp_path, "cycles.txt", lines))
    assert result.document is not None
    graph = build_graph(select_statements(result.statements), [result.document])
    whole, sharded = validate_graph(graph), validate_sharded(graph, shard_triples=20)
    cycles = [v for v in whole.violations if "cycle" in v.message]
    assert len(cycles) == 6
    assert [asdict(v) for v in sharded.violations] == [asdict(v) for v in whole.violations]


def test_the_cycle_check_runs_on_components() -> None:
    from hemekg.store.sparql_constraints import _cycle_rewrite, query_predicates

    rewritten = []
    for constraint in sparql_constraints(default_shapes()):
        predicates = query_predicates(constraint.query)
        if predicates is not None and _cycle_rewrite(constraint.query, predicates):
            rewritten.append(constraint.messages[0])
    assert len(rewritten) == 1 and "cycle" in str(rewritten[0])
