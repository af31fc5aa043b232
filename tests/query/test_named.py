"""The named-query library: headers, parameters, and the same answers from both engines."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import OWL, URIRef

from hemekg.errors import QueryError
from hemekg.query import (
    Engine,
    SparqlGraph,
    bind_parameters,
    load_named_query,
    named_queries,
    named_query,
    parse_param_options,
)

#: a parameter value for each named query, chosen so the bound query has answers.
PARAMETERS: dict[str, dict[str, str]] = {
    "diagnosis": {"disease": "leukemia"},
    "entity_types": {},
    "evidence": {"subject": "DOID:1240", "predicate": "hasSymptom"},
    "locations": {"disease": "DOID:1240"},
    "neighbours": {"entity": "bone marrow"},
    "predicate_counts": {},
    "shared_symptoms": {"disease": "anemia"},
    "subtypes": {"disease": "leukemia"},
    "symptoms": {"disease": "anaemia"},
    "treatments": {"disease": "DOID:1240"},
}
REQUIRED = {"subtypes", "diagnosis", "treatments", "symptoms", "locations", "shared_symptoms",
            "evidence", "predicate_counts"}


def test_library_has_the_required_queries_with_headers() -> None:
    queries = {q.name: q for q in named_queries()}
    assert set(queries) >= REQUIRED
    assert set(queries) == set(PARAMETERS)
    for query in queries.values():
        assert query.title and query.description, query.name
        for parameter in query.parameters:
            assert parameter.description, (query.name, parameter.name)


@pytest.mark.parametrize("name", sorted(PARAMETERS))
@pytest.mark.parametrize("bound", [False, True], ids=["free", "bound"])
def test_engines_agree(sparql_graph: SparqlGraph, name: str, bound: bool) -> None:
    query = named_query(name)
    bindings = bind_parameters(sparql_graph, query, PARAMETERS[name]) if bound else {}
    answers = {engine: sparql_graph.query(query.text, bindings, engine=engine)
               for engine in Engine}
    assert len(answers[Engine.OXIGRAPH]) > 0
    assert answers[Engine.OXIGRAPH] == answers[Engine.RDFLIB]


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_parameters_are_projected_variables(sparql_graph: SparqlGraph, name: str) -> None:
    # pyoxigraph substitutions need the variable in the projection; a bound value must show.
    query = named_query(name)
    result = sparql_graph.query(query.text)
    assert {p.name for p in query.parameters} <= set(result.variables)


def test_binding_narrows_the_answers(sparql_graph: SparqlGraph) -> None:
    query = named_query("symptoms")
    everything = sparql_graph.query(query.text)
    anemia = sparql_graph.query(query.text, bind_parameters(sparql_graph, query,
                                                            {"disease": "anemia"}))
    assert {str(r["symptom"]).rsplit("/", 1)[1] for r in anemia} == {"HP_0000980", "HP_0012378"}
    assert len(anemia) < len(everything)


def test_subtypes_are_transitive(sparql_graph: SparqlGraph) -> None:
    query = named_query("subtypes")
    rows = sparql_graph.query(query.text, bind_parameters(sparql_graph, query,
                                                          {"disease": "DOID:1240"}))
    found = {str(r["subtype"]).rsplit("/", 1)[1] for r in rows}
    assert found == {"DOID_1040", "DOID_12603", "DOID_9119", "DOID_9952"}


def test_evidence_gives_offsets_and_documents(sparql_graph: SparqlGraph) -> None:
    query = named_query("evidence")
    rows = sparql_graph.query(query.text, bind_parameters(
        sparql_graph, query, {"subject": "leukemia", "predicate": "originatesIn",
                              "object": "UBERON:0002371"}))
    assert len(rows) == 1
    row = rows.rows[0]
    assert str(row["document"]) == "leukemia_leaflet.txt"
    assert (int(row["start"]), int(row["end"])) == (47, 76)
    assert str(row["sentence"]) == "It begins in the bone marrow."
    assert float(row["confidence"]) == 0.9


def test_unknown_query_and_parameter(sparql_graph: SparqlGraph) -> None:
    with pytest.raises(QueryError, match="no named query 'nope'"):
        named_query("nope")
    with pytest.raises(QueryError, match="has no parameter 'colour'"):
        bind_parameters(sparql_graph, named_query("symptoms"), {"colour": "red"})
    with pytest.raises(QueryError, match="--param disease: no entity 'unicorn'"):
        bind_parameters(sparql_graph, named_query("symptoms"), {"disease": "unicorn"})


@pytest.mark.parametrize(
    ("options", "expected"),
    [(("disease=DOID:1240",), {"disease": "DOID:1240"}),
     (("?a=x y", "b=c=d"), {"a": "x y", "b": "c=d"})],
)
def test_parse_param_options(options: tuple[str, ...], expected: dict[str, str]) -> None:
    assert parse_param_options(options) == expected


@pytest.mark.parametrize("options", [("disease",), ("=x",), ("a=1", "a=2")])
def test_bad_param_options(options: tuple[str, ...]) -> None:
    with pytest.raises(QueryError):
        parse_param_options(options)


def test_header_errors_name_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.rq"
    bad.write_text("# description: no title\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(QueryError, match=r"bad\.rq: named query has no '# title:'"):
        load_named_query(bad)
    bad.write_text("# title: x\n# param: thing colour  what\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(QueryError, match="bad '# param:' line"):
        load_named_query(bad)


def _values(rows: object) -> list[dict[str, object]]:
    from rdflib import Literal

    return [{k: v.toPython() if isinstance(v, Literal) else v for k, v in row.items()}
            for row in rows]  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_engines_agree_on_a_graph_parsed_by_rdflib(example_file: Path, name: str) -> None:
    from rdflib import Graph

    graph = SparqlGraph.from_graph(Graph().parse(example_file))
    query = named_query(name)
    bindings = bind_parameters(graph, query, PARAMETERS[name])
    fast = graph.query(query.text, bindings, engine=Engine.OXIGRAPH)
    slow = graph.query(query.text, bindings, engine=Engine.RDFLIB)
    assert fast.variables == slow.variables
    assert _values(fast.rows) == _values(slow.rows)


def test_predicate_counts_match_a_walk_of_the_graph(sparql_graph: SparqlGraph) -> None:
    graph = sparql_graph.graph
    axioms_per_predicate: dict[str, int] = {}
    for _, predicate in graph.subject_objects(OWL.annotatedProperty):
        axioms_per_predicate[str(predicate)] = axioms_per_predicate.get(str(predicate), 0) + 1
    expected = {
        (name, len(set(graph.subject_objects(URIRef(name)))), axioms)
        for name, axioms in axioms_per_predicate.items()
    }
    rows = sparql_graph.query(named_query("predicate_counts").text)
    found = {(str(r["predicate"]), int(r["statements"]), int(r["evidence"])) for r in rows}
    assert found == expected
    assert len(found) > 5
