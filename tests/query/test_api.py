"""The Python API (hemekg.api): doctests, graph questions, names in and out."""

from __future__ import annotations

import doctest
import shutil
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph

import hemekg.api
from hemekg.api import KnowledgeGraph, example_path, load
from hemekg.errors import QueryError, UsageError


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    return load(example_path())


@pytest.mark.parametrize("module_name", ["hemekg.api", "hemekg.export.nxgraph",
                                         "hemekg.rdfformat", "hemekg.validate.parse"])
def test_doctests(module_name: str) -> None:
    import importlib

    module = importlib.import_module(module_name)
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried > 0
    assert failures == 0


def test_entities_are_named_by_curie_label_synonym_or_iri(kg: KnowledgeGraph) -> None:
    expected = "DOID:1240"
    for name in ("DOID:1240", "leukemia", "LEUKAEMIA", "https://w3id.org/hemekg/entity/DOID_1240",
                 "<https://w3id.org/hemekg/entity/DOID_1240>"):
        assert kg.curie(name) == expected
    with pytest.raises(QueryError, match="no entity 'dragon pox'"):
        kg.label("dragon pox")


def test_subtypes_descendants_and_direct(kg: KnowledgeGraph) -> None:
    assert kg.subtypes("acute leukemia") == ["DOID:9119", "DOID:9952"]
    assert kg.subtypes("fever") == []
    assert kg.supertypes("AML", transitive=False) == ["DOID:12603"]
    # consistent with the SPARQL named query
    rows = kg.named("subtypes", disease="leukemia")
    assert sorted(r["subtype"] for r in rows) == kg.subtypes("leukemia")


def test_neighbours(kg: KnowledgeGraph) -> None:
    assert kg.neighbours("bone marrow", direction="both") == ["CL:0000232", "DOID:1240"]
    assert kg.neighbours("leukemia", "treatedWith") == ["HEMEKG:chemotherapy",
                                                         "HEMEKG:stem_cell_transplant"]
    assert kg.neighbours("leukemia", "subClassOf", direction="in") == ["DOID:1040", "DOID:12603"]
    with pytest.raises(QueryError, match="unknown predicate 'cures'"):
        kg.neighbours("leukemia", "cures")
    with pytest.raises(QueryError, match="direction"):
        kg.neighbours("leukemia", direction="sideways")


def test_shortest_path_and_disconnected(tmp_path: Path, kg: KnowledgeGraph) -> None:
    assert kg.path("leukemia", "leukemia") == ["DOID:1240"]
    assert kg.path("erythrocyte", "hematopoietic stem cell") == ["CL:0000232", "CL:0000037"]
    graph = Graph().parse(example_path())
    graph.parse(data="""@prefix hk: <https://w3id.org/hemekg/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/hemekg/entity/HEMEKG_island> a hk:Disease ; rdfs:label "island"@en .
        """, format="turtle")
    assert load(graph).path("island", "leukemia") == []


def test_centrality_and_shared_neighbours(kg: KnowledgeGraph) -> None:
    degree = kg.centrality("degree")
    assert max(degree, key=lambda n: (degree[n], n)) == "DOID:1240"
    assert set(degree) == set(kg.entities())
    assert kg.shared_neighbours("DOID:1240", "DOID:2355", "hasSymptom") == ["HP:0000980",
                                                                             "HP:0012378"]
    with pytest.raises(QueryError, match="unknown centrality"):
        kg.centrality("pagerank")


def test_entities_by_type(kg: KnowledgeGraph) -> None:
    assert len(kg.entities()) == 20
    assert kg.entities("Population") == ["HEMEKG:children"]
    with pytest.raises(QueryError, match="unknown entity type 'Gene'"):
        kg.entities("Gene")


def test_sparql_kinds_and_params(kg: KnowledgeGraph) -> None:
    rows = kg.sparql("SELECT ?o ?c WHERE { ?d hk:originatesIn ?o . "
                     "?a owl:annotatedSource ?d ; owl:annotatedTarget ?o ; hk:confidence ?c }",
                     d="leukemia")
    assert rows == [{"o": "UBERON:0002371", "c": 0.9}]
    graph = kg.sparql("CONSTRUCT { ?s rdfs:subClassOf ?o } WHERE { ?s rdfs:subClassOf ?o }")
    assert isinstance(graph, Graph) and len(graph) == 4
    with pytest.raises(QueryError, match="line 1, column"):
        kg.sparql("SELECT ?x WHERE { ?x }")


def test_networkx_copy_is_independent(kg: KnowledgeGraph) -> None:
    copy = kg.to_networkx()
    copy.remove_node("DOID:1240")
    assert "DOID:1240" in kg.network
    assert isinstance(copy, nx.MultiDiGraph)


def test_load_default_path_and_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(UsageError, match="graph file not found"):
        load()
    (tmp_path / "build").mkdir()
    shutil.copy(example_path(), tmp_path / "build" / "hemekg.ttl")
    assert len(load().entities()) == 20
    assert isinstance(hemekg.api.load(tmp_path / "build" / "hemekg.ttl"), KnowledgeGraph)


def test_python_examples_in_query_docs_run() -> None:
    docs = Path(__file__).resolve().parents[2] / "docs" / "QUERY.md"
    failures, tried = doctest.testfile(str(docs), module_relative=False,
                                       optionflags=doctest.ELLIPSIS)
    assert tried >= 15
    assert failures == 0
