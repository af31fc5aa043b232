"""Values written into the query text select what the engines' own binding selects."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef

from hemekg.query import SparqlGraph, bind_parameters, named_query
from hemekg.query.inline import inline_bindings
from hemekg.query.terms import to_oxigraph

from .test_named import PARAMETERS

D = URIRef("https://example.org/d")
PREFIX = "PREFIX ex: <https://example.org/>\n"


def _rows(result: ox.QuerySolutions) -> list[tuple[object, ...]]:
    return [tuple(solution) for solution in result]


@pytest.mark.parametrize("name", sorted(name for name, values in PARAMETERS.items() if values))
def test_named_queries_answer_as_with_native_binding(sparql_graph: SparqlGraph,
                                                     name: str) -> None:
    query = named_query(name)
    bindings = bind_parameters(sparql_graph, query, PARAMETERS[name])
    inlined = inline_bindings(query.text, bindings)
    if inlined is None:
        # left to the engine; only queries whose parameter sits in a UNION branch
        assert "UNION" in query.text, name
        return
    substitutions = {ox.Variable(k): to_oxigraph(v) for k, v in bindings.items()}
    native = _rows(sparql_graph.store.query(query.text, substitutions=substitutions))
    assert native, name
    assert _rows(sparql_graph.store.query(inlined)) == native
    peer = [tuple(row) for row in sparql_graph.graph.query(query.text, initBindings=bindings)]
    assert [tuple(row) for row in sparql_graph.graph.query(inlined)] == peer


def test_occurrences_in_the_group_become_the_value() -> None:
    text = PREFIX + (
        'SELECT ?d ?x WHERE {\n  $d ex:p ?x . # ?d in a comment\n'
        '  FILTER(STR(?x) != "?d" && ?d != <https://example.org/?d>)\n'
        '  OPTIONAL { ?x ex:q ?d }\n}')
    assert inline_bindings(text, {"d": D}) == PREFIX + (
        'SELECT ?d ?x WHERE {\n  <https://example.org/d> ex:p ?x . # ?d in a comment\n'
        '  FILTER(STR(?x) != "?d" && <https://example.org/d> != <https://example.org/?d>)\n'
        '  OPTIONAL { ?x ex:q <https://example.org/d> }\n'
        ' BIND(<https://example.org/d> AS ?d) }')


@pytest.mark.parametrize(("order", "expected"), [
    ("ORDER BY ?d ?x", "ORDER BY  ?x"),
    ("ORDER BY DESC(?d) ?x LIMIT 3", "ORDER BY  ?x LIMIT 3"),
    ("ORDER BY ?x ASC(?d)", "ORDER BY ?x "),
    ("ORDER BY ?d", ""),
    ("ORDER BY DESC(?d) LIMIT 3", " LIMIT 3"),
    ("ORDER BY STR(?d) ?x", "ORDER BY STR(?d) ?x"),
    ("ORDER BY (?d) ?x", "ORDER BY (?d) ?x"),
])
def test_order_keys_that_are_the_bound_variable_are_dropped(order: str, expected: str) -> None:
    inlined = inline_bindings(f"SELECT * WHERE {{ ?d ex:p ?x }} {order}", {"d": D})
    assert inlined == f"SELECT * WHERE {{ <{D}> ex:p ?x  BIND(<{D}> AS ?d) }} {expected}"


@pytest.mark.parametrize("text", [
    "SELECT * WHERE { ?x ex:p ?y OPTIONAL { ?y ex:q ?d } }",
    "SELECT * WHERE { { ?d ex:p ?y } UNION { ?y ex:p ?x } }",
    "SELECT * WHERE { ?x ex:p ?y FILTER(?d = ?y) }",
    "SELECT * WHERE { ?d ex:p ?y { SELECT ?y WHERE { ?d ex:q ?y } } }",
    "SELECT * WHERE { ?d ex:p ?y MINUS { ?d ex:q ?z } }",
    "SELECT * WHERE { ?x ex:p ?y BIND(?y AS ?d) }",
    "SELECT * WHERE { ?d ex:p ?y VALUES ?d { ex:a } }",
    "SELECT * WHERE { ?d ex:p ?y } VALUES (?y ?d) { (ex:a ex:b) }",
    "SELECT (?y AS ?d) WHERE { ?x ex:p ?y }",
    "CONSTRUCT { ?d ex:p ?y } WHERE { ?d ex:p ?y }",
    "SELECT * WHERE { ?d ex:p ?y ",
])
def test_queries_whose_meaning_could_change_are_left_alone(text: str) -> None:
    assert inline_bindings(text, {"d": D}) is None


@pytest.mark.parametrize("value", [Literal("a"), BNode("b")])
def test_only_iris_are_written_in(value: Literal | BNode) -> None:
    assert inline_bindings("SELECT * WHERE { ?x ex:p ?d }", {"d": value}) is None


def test_a_value_missing_from_the_graph_answers_nothing_in_both_forms() -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(str(D)), ox.NamedNode("https://example.org/p"),
                      ox.Literal("v")))
    text = PREFIX + "SELECT ?d ?v WHERE { ?d ex:p ?v } ORDER BY ?d ?v"
    for value, expected in ((D, [(ox.NamedNode(str(D)), ox.Literal("v"))]),
                            (URIRef("https://example.org/other"), [])):
        inlined = inline_bindings(text, {"d": value})
        assert inlined is not None
        assert _rows(store.query(inlined)) == expected
