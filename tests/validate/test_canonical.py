"""Blank-node labels from content: the same report gives the same triples in every run."""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, SH

from hemekg.validate.canonical import canonical_triples, content_labels
from hemekg.validate.report import canonical_graph

EX = "https://example.org/"


def _report(results: int, *, shared_shape: bool = True) -> Graph:
    """A report tree with fresh blank-node ids: results with nested details, citing an
    anonymous shape that has no triples of its own."""
    graph = Graph()
    report = BNode()
    graph.add((report, RDF.type, SH.ValidationReport))
    shapes = [BNode(), BNode()]
    for number in range(results):
        result = BNode()
        graph.add((report, SH.result, result))
        graph.add((result, RDF.type, SH.ValidationResult))
        graph.add((result, SH.focusNode, URIRef(f"{EX}n{number}")))
        graph.add((result, SH.resultMessage, Literal(f"message {number % 3}")))
        graph.add((result, SH.sourceShape, shapes[number % 2] if shared_shape else BNode()))
        detail = BNode()
        graph.add((result, SH.detail, detail))
        graph.add((detail, SH.value, Literal(number)))
    return graph


def _turtle(triples: list[tuple[object, object, object]]) -> bytes:
    graph = Graph()
    for triple in triples:
        graph.add(triple)  # type: ignore[arg-type]
    return graph.serialize(format="nt", encoding="utf-8")


def test_two_runs_of_one_report_give_the_same_triples() -> None:
    first, second = _report(20), _report(20)
    assert content_labels(first) is not None  # the fast path
    assert sorted(canonical_triples(first)) == sorted(canonical_triples(second))
    assert isomorphic(canonical_graph(first), first)
    assert (canonical_graph(first).serialize(format="longturtle")
            == canonical_graph(second).serialize(format="longturtle"))


def test_shapes_without_triples_are_told_apart_by_what_cites_them() -> None:
    graph = _report(4)
    labels = content_labels(graph)
    assert labels is not None
    shapes = {o for o in graph.objects(None, SH.sourceShape)}
    assert len({labels[shape] for shape in shapes}) == 2


def test_blank_nodes_content_cannot_tell_apart_go_to_rdflib() -> None:
    twins = Graph()
    for _ in range(2):  # two blank nodes with the same triples
        node = BNode()
        twins.add((URIRef(f"{EX}a"), SH.result, node))
        twins.add((node, SH.value, Literal(1)))
    assert content_labels(twins) is None
    again = Graph()
    for _ in range(2):
        node = BNode()
        again.add((URIRef(f"{EX}a"), SH.result, node))
        again.add((node, SH.value, Literal(1)))
    canonical = canonical_triples(twins)
    assert len(canonical) == 4 and sorted(canonical) == sorted(canonical_triples(again))


def test_a_cycle_through_blank_nodes_goes_to_rdflib() -> None:
    graph = Graph()
    a, b = BNode(), BNode()
    graph.add((a, SH.detail, b))
    graph.add((b, SH.detail, a))
    graph.add((a, SH.value, Literal("a")))
    assert content_labels(graph) is None
    assert isomorphic(canonical_graph(graph), graph)


def test_a_changed_literal_changes_only_its_own_branch() -> None:
    graph = _report(3, shared_shape=False)
    before = set(_turtle(canonical_triples(graph)).splitlines())
    detail = next(iter(graph.subjects(SH.value, Literal(2))))
    graph.remove((detail, SH.value, Literal(2)))
    graph.add((detail, SH.value, Literal(7)))
    after = set(_turtle(canonical_triples(graph)).splitlines())
    # the changed detail, its result, the result's shape and the report get new labels:
    # every line that names one of them changes, the other results' lines stay
    assert 0 < len(before - after) < len(before)


def test_blank_nodes_nested_deeper_than_python_recurses() -> None:
    graph = Graph()
    node = BNode()
    graph.add((URIRef(f"{EX}a"), SH.detail, node))
    for number in range(3000):  # a chain of details, as a long RDF list would be
        inner = BNode()
        graph.add((node, SH.detail, inner))
        graph.add((node, SH.value, Literal(number)))
        node = inner
    assert content_labels(graph) is not None
    assert len(canonical_triples(graph)) == len(graph)
