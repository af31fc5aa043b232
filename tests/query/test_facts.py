"""The facts view answers exactly the queries it is given as the whole graph would."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib.namespace import OWL, RDFS

from hemekg.build.provenance import PROVENANCE_PREDICATES
from hemekg.query import SparqlGraph, bind_parameters, named_query
from hemekg.query.facts import facts_store, reads_only_facts
from hemekg.query.inline import split_bindings

from .test_named import PARAMETERS

PREFIXES = (
    "PREFIX hk: <https://w3id.org/hemekg/>\n"
    f"PREFIX owl: <{OWL}>\nPREFIX rdfs: <{RDFS}>\n"
)
FACT, PROVENANCE = "rdfs:label", "owl:annotatedSource"

# (query body, whether it may run on the facts view)
CASES = [
    ("SELECT * WHERE { ?s rdfs:label ?o }", True),
    ("SELECT * WHERE { ?s a hk:Disease ; rdfs:label ?l }", True),
    ("SELECT * WHERE { ?s owl:annotatedSource ?o }", False),
    (f"SELECT * WHERE {{ ?s <{OWL.annotatedTarget}> ?o }}", False),
    ("SELECT * WHERE { ?s ?p ?o }", False),
    ("SELECT * WHERE { ?s !rdfs:label ?o }", False),
    # a property path names each predicate it can follow
    ("SELECT * WHERE { ?s (rdfs:subClassOf|^owl:annotatedTarget)+ ?o }", False),
    ("SELECT * WHERE { ?s rdfs:subClassOf/rdfs:label ?o }", True),
    # a zero-length path between two free ends pairs every node of the graph with itself
    ("SELECT * WHERE { ?s rdfs:subClassOf* ?o }", False),
    ("SELECT * WHERE { [] rdfs:subClassOf? ?o }", False),
    ("SELECT * WHERE { hk:x rdfs:subClassOf* ?o }", True),
    # patterns anywhere: OPTIONAL, MINUS, UNION, sub-queries, nested EXISTS
    (f"SELECT * WHERE {{ ?s {FACT} ?o OPTIONAL {{ ?a {PROVENANCE} ?s }} }}", False),
    (f"SELECT * WHERE {{ ?s {FACT} ?o MINUS {{ ?a {PROVENANCE} ?s }} }}", False),
    (f"SELECT * WHERE {{ {{ ?s {FACT} ?o }} UNION {{ ?s {PROVENANCE} ?o }} }}", False),
    (f"SELECT * WHERE {{ ?s {FACT} ?o {{ SELECT ?s WHERE {{ ?a {PROVENANCE} ?s }} }} }}", False),
    # rdflib's algebra drops a FILTER nested in an EXISTS group; the parse tree keeps it
    (f"SELECT * WHERE {{ ?s {FACT} ?o FILTER EXISTS {{ ?s a ?t "
     f"FILTER NOT EXISTS {{ ?a {PROVENANCE} ?s }} }} }}", False),
    (f"SELECT * WHERE {{ ?s {FACT} ?o FILTER EXISTS {{ ?s a ?t "
     f"FILTER NOT EXISTS {{ ?a rdfs:subClassOf ?s }} }} }}", True),
    (f"SELECT * WHERE {{ ?s {FACT} [ {PROVENANCE} ?o ] }}", False),
    # a CONSTRUCT template writes triples, it reads none
    (f"CONSTRUCT {{ ?s {PROVENANCE} ?o }} WHERE {{ ?s {FACT} ?o }}", True),
    (f"ASK {{ ?s {FACT} ?o }}", True),
    # forms whose answers reach past the default graph's patterns, or rest on a resolver
    (f"DESCRIBE ?s WHERE {{ ?s {FACT} ?o }}", False),
    (f"SELECT * FROM <https://example.org/g> WHERE {{ ?s {FACT} ?o }}", False),
    (f"SELECT * WHERE {{ GRAPH ?g {{ ?s {FACT} ?o }} }}", False),
    (f"SELECT * WHERE {{ SERVICE <https://example.org/sparql> {{ ?s {FACT} ?o }} }}", False),
    ("BASE <https://example.org/> SELECT * WHERE { ?s <label> ?o }", False),
    ("SELECT * WHERE { ?s rdfs:label", False),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_which_queries_read_only_facts(body: str, expected: bool) -> None:
    assert reads_only_facts(PREFIXES + body) is expected


@pytest.fixture(scope="module")
def facts(sparql_graph: SparqlGraph) -> ox.Store:
    return facts_store(sparql_graph.store)


def test_the_view_is_the_graph_without_the_provenance_predicates(
    sparql_graph: SparqlGraph, facts: ox.Store
) -> None:
    excluded = {ox.NamedNode(p) for p in PROVENANCE_PREDICATES}
    whole = set(sparql_graph.store)
    kept = {quad for quad in whole if quad.predicate not in excluded}
    assert set(facts) == kept
    assert len(kept) < len(whole) / 2  # most of a built graph is provenance


def _answers(store: ox.Store, text: str) -> list[tuple[object, ...]] | bool:
    result = store.query(text)
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    return sorted((tuple(row) for row in result), key=repr)


@pytest.mark.parametrize("body", [body for body, admitted in CASES if admitted])
def test_the_view_answers_each_admitted_query_as_the_whole_graph(
    sparql_graph: SparqlGraph, facts: ox.Store, body: str
) -> None:
    text = PREFIXES + body
    assert _answers(facts, text) == _answers(sparql_graph.store, text)


def test_a_zero_length_path_between_free_ends_would_differ(
    sparql_graph: SparqlGraph, facts: ox.Store
) -> None:
    text = PREFIXES + "SELECT (COUNT(*) AS ?n) WHERE { ?s rdfs:subClassOf* ?o }"
    assert _answers(facts, text) != _answers(sparql_graph.store, text)
    assert not reads_only_facts(text)


@pytest.mark.parametrize("name", sorted(PARAMETERS))
@pytest.mark.parametrize("bound", [False, True], ids=["free", "bound"])
def test_named_queries_answer_alike_with_and_without_the_view(
    sparql_graph: SparqlGraph, name: str, bound: bool
) -> None:
    query = named_query(name)
    bindings = bind_parameters(sparql_graph, query, PARAMETERS[name]) if bound else {}
    plain = SparqlGraph(store=sparql_graph.store, facts_view=False)
    with_view = SparqlGraph(store=sparql_graph.store)
    expected = plain.query(query.text, bindings)
    assert with_view.query(query.text, bindings) == expected
    text, _ = split_bindings(query.text, bindings)
    on_view = with_view.store_for(text) is not sparql_graph.store
    assert on_view is reads_only_facts(text)
    if on_view:
        assert len(expected), name  # an empty answer would prove nothing


def test_the_view_is_made_once_and_only_when_asked_for(sparql_graph: SparqlGraph) -> None:
    text = PREFIXES + f"SELECT * WHERE {{ ?s {FACT} ?o }}"
    graph = SparqlGraph(store=sparql_graph.store)
    view = graph.store_for(text)
    assert view is not graph.store
    assert graph.store_for(PREFIXES + "ASK { ?s a ?t }") is view
    assert graph.store_for(PREFIXES + f"ASK {{ ?s {PROVENANCE} ?o }}") is graph.store
    assert SparqlGraph(store=sparql_graph.store, facts_view=False).store_for(text) is graph.store
