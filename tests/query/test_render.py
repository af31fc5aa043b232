"""Result rendering: readable table with labels, SPARQL CSV/TSV/JSON, RDF for CONSTRUCT."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from rdflib import Graph

from hemekg.errors import QueryError
from hemekg.query import SparqlGraph, bind_parameters, named_query, render

SELECT = """SELECT ?d ?s ?c WHERE {
  ?d <https://w3id.org/hemekg/hasSymptom> ?s .
  ?a <http://www.w3.org/2002/07/owl#annotatedSource> ?d ;
     <http://www.w3.org/2002/07/owl#annotatedTarget> ?s ;
     <https://w3id.org/hemekg/confidence> ?c .
} ORDER BY ?d ?s"""


@pytest.fixture(scope="module")
def rows(sparql_graph: SparqlGraph):  # type: ignore[no-untyped-def]
    return sparql_graph.query(SELECT)


def test_table_shows_labels_and_curies(sparql_graph: SparqlGraph, rows) -> None:  # type: ignore[no-untyped-def]
    text = render(rows, "table", sparql_graph)
    lines = text.splitlines()
    assert lines[0].split() == ["d", "s", "c"]
    assert "leukemia [DOID:1240]" in lines[2]
    assert "pallor [HP:0000980]" in lines[2]
    assert lines[-1] == "(5 rows)"


def test_table_cuts_long_cells(sparql_graph: SparqlGraph) -> None:
    query = named_query("evidence")
    result = sparql_graph.query(query.text)
    widest = max(len(line) for line in render(result, "table", sparql_graph).splitlines())
    assert widest < 400


def test_csv_is_sparql_csv(rows) -> None:  # type: ignore[no-untyped-def]
    text = render(rows, "csv")
    assert text.endswith("\r\n")
    parsed = list(csv.reader(io.StringIO(text)))
    assert parsed[0] == ["d", "s", "c"]
    assert parsed[1][0] == "https://w3id.org/hemekg/entity/DOID_1240"
    assert len(parsed) == 6


def test_json_and_tsv_are_read_back_by_pyoxigraph(rows) -> None:  # type: ignore[no-untyped-def]
    for fmt, results_format in (("json", ox.QueryResultsFormat.JSON),
                                ("tsv", ox.QueryResultsFormat.TSV)):
        text = render(rows, fmt)
        parsed = ox.parse_query_results(text.encode(), format=results_format)
        assert [v.value for v in parsed.variables] == ["d", "s", "c"]
        assert len(list(parsed)) == 5
    document = json.loads(render(rows, "json"))
    first = document["results"]["bindings"][0]
    assert first["d"] == {"type": "uri", "value": "https://w3id.org/hemekg/entity/DOID_1240"}
    assert first["c"]["datatype"] == "http://www.w3.org/2001/XMLSchema#decimal"


def test_ask_results(sparql_graph: SparqlGraph) -> None:
    answer = sparql_graph.query("ASK { ?s <urn:x:none> ?o }")
    assert render(answer, "table") == "false\n"
    assert json.loads(render(answer, "json")) == {"head": {}, "boolean": False}


def test_construct_results_as_rdf(sparql_graph: SparqlGraph) -> None:
    query = named_query("subtypes")
    result = sparql_graph.query(
        "CONSTRUCT { ?s <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?o } "
        "WHERE { ?s <http://www.w3.org/2000/01/rdf-schema#subClassOf> ?o }")
    turtle = render(result, "table")
    assert turtle.startswith("@prefix")
    assert len(Graph().parse(data=turtle, format="turtle")) == 4
    assert len(render(result, "nt").splitlines()) == 4
    with pytest.raises(QueryError, match="CONSTRUCT/DESCRIBE result cannot be written as csv"):
        render(result, "csv")
    select = sparql_graph.query(query.text, bind_parameters(sparql_graph, query, {}))
    with pytest.raises(QueryError, match="is for CONSTRUCT/DESCRIBE"):
        render(select, "turtle")
    with pytest.raises(QueryError, match="unknown output format"):
        render(select, "xlsx")
