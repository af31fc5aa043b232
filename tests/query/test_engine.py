"""Query engine: result kinds, syntax errors with positions, timeouts, graph loading."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from hemekg.errors import QueryError
from hemekg.query import Engine, SparqlGraph, run_with_timeout

EXPLOSIVE = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . "
             "?m ?n2 ?o . ?p ?q ?r }")
LEUKEMIA = URIRef("https://w3id.org/hemekg/entity/DOID_1240")


@pytest.mark.parametrize("engine", list(Engine))
def test_result_kinds(sparql_graph: SparqlGraph, engine: Engine) -> None:
    select = sparql_graph.query(
        "SELECT ?l WHERE { ?d <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
        {"d": LEUKEMIA}, engine=engine)
    assert select.kind == "select"
    assert select.variables == ("l",)
    assert select.rows == ({"l": Literal("leukemia", lang="en")},)
    ask = sparql_graph.query("ASK { ?s ?p ?o }", engine=engine)
    assert (ask.kind, ask.boolean) == ("ask", True)
    construct = sparql_graph.query(
        "CONSTRUCT { ?s <urn:x:sub> ?o } "
        "WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?o }",
        engine=engine)
    assert construct.kind == "graph"
    assert len(construct.graph()) == 4


@pytest.mark.parametrize(
    ("engine", "position"),
    [(Engine.OXIGRAPH, "line 2, column 10"), (Engine.RDFLIB, "line 2")],
)
def test_syntax_error_is_one_line_with_position(sparql_graph: SparqlGraph, engine: Engine,
                                                position: str) -> None:
    with pytest.raises(QueryError, match="SPARQL syntax error at " + position) as caught:
        sparql_graph.query("SELECT ?x WHERE {\n  ?x ?y }", engine=engine)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("engine", list(Engine))
def test_explosive_query_is_stopped_by_timeout(sparql_graph: SparqlGraph,
                                               engine: Engine) -> None:
    started = time.monotonic()
    with pytest.raises(QueryError, match=r"timeout after 0\.5 s"):
        sparql_graph.query(EXPLOSIVE, engine=engine, timeout=0.5)
    assert time.monotonic() - started < 5


def test_timeout_returns_results_when_fast(sparql_graph: SparqlGraph) -> None:
    result = sparql_graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", timeout=10)
    assert int(result.rows[0]["n"]) == len(sparql_graph)


def test_worker_errors_come_back_as_query_errors() -> None:
    def boom() -> None:
        raise ValueError("kaput")

    with pytest.raises(QueryError, match="ValueError: kaput"):
        run_with_timeout(boom, 5)
    assert run_with_timeout(lambda: 41 + 1, 5) == 42
    with pytest.raises(QueryError, match="positive"):
        run_with_timeout(lambda: 1, 0)


def test_missing_and_broken_graph_files(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match=r"hemekg\.ttl: graph file not found"):
        SparqlGraph.from_file(tmp_path / "hemekg.ttl")
    broken = tmp_path / "broken.ttl"
    broken.write_text("<urn:a> <urn:b> .\n")
    with pytest.raises(QueryError, match=r"broken\.ttl: cannot load the graph"):
        SparqlGraph.from_file(broken)


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".rdf", ".jsonld"])
def test_every_export_format_can_be_queried(tmp_path: Path, sparql_graph: SparqlGraph,
                                            suffix: str) -> None:
    from hemekg.export.rdf import write_graph

    path = write_graph(sparql_graph.graph, tmp_path / f"g{suffix}")
    loaded = SparqlGraph.from_file(path)
    assert len(loaded) == len(sparql_graph)


def test_rdflib_graph_to_store_and_back() -> None:
    graph = Graph()
    graph.add((LEUKEMIA, URIRef("urn:x:p"), Literal("0.800", datatype=URIRef(
        "http://www.w3.org/2001/XMLSchema#decimal"))))
    wrapped = SparqlGraph.from_graph(graph)
    assert len(wrapped.store) == 1
    # oxigraph keeps decimals in canonical form ("0.8"), rdflib as written ("0.800"):
    # the same value either way.
    fast = wrapped.query("SELECT ?o WHERE { ?s ?p ?o }").rows[0]["o"]
    slow = wrapped.query("SELECT ?o WHERE { ?s ?p ?o }", engine="rdflib").rows[0]["o"]
    assert isinstance(fast, Literal) and fast.eq(slow)


@pytest.mark.parametrize("engine", list(Engine))
def test_bindings_of_unprojected_variables(sparql_graph: SparqlGraph, engine: Engine) -> None:
    result = sparql_graph.query(
        "SELECT ?o WHERE { ?d <https://w3id.org/hemekg/originatesIn> ?o }", {"d": LEUKEMIA},
        engine=engine)
    assert [str(r["o"]) for r in result] == ["https://w3id.org/hemekg/entity/UBERON_0002371"]
