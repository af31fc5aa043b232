"""networkx view and GraphML: attributes kept, round trip, determinism, graph algorithms."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from rdflib import Graph

from hemekg.export.nxgraph import graphml_bytes, read_graphml, to_networkx, write_graphml


def test_nodes_carry_label_type_ids_and_xrefs(tiny_graph: Graph) -> None:
    view = to_networkx(tiny_graph)
    assert sorted(view.nodes) == ["DOID:2355", "HEMEKG:iron_supplement", "HP:0000980"]
    anemia = view.nodes["DOID:2355"]
    assert anemia["label"] == "anemia"
    assert anemia["type"] == "Disease"
    assert anemia["iri"] == "https://w3id.org/hemekg/entity/DOID_2355"
    assert anemia["xrefs"] == ["DOID:2355", "MONDO:0002280"]
    assert anemia["alt_labels"] == ["anaemia"]
    assert view.nodes["HP:0000980"]["alt_labels"] == ["pale"]


def test_edges_fold_provenance(tiny_graph: Graph) -> None:
    view = to_networkx(tiny_graph)
    treat = view.edges["DOID:2355", "HEMEKG:iron_supplement", "treatedWith"]
    assert treat["predicate_iri"] == "https://w3id.org/hemekg/treatedWith"
    assert treat["evidence_count"] == 2
    assert treat["confidence"] == 0.9
    assert treat["documents"] == ["a.txt", "b.txt"]
    assert view.number_of_edges() == 2


def test_subclass_edges_use_local_name(example_graph: Graph) -> None:
    view = to_networkx(example_graph)
    edge = view.edges["DOID:12603", "DOID:1240", "subClassOf"]
    assert edge["predicate_iri"] == "http://www.w3.org/2000/01/rdf-schema#subClassOf"


def test_graphml_round_trip_keeps_counts_and_attributes(tmp_path: Path,
                                                        example_graph: Graph) -> None:
    original = to_networkx(example_graph)
    again = read_graphml(write_graphml(example_graph, tmp_path / "g.graphml"))
    assert again.number_of_nodes() == original.number_of_nodes() == 20
    assert again.number_of_edges() == original.number_of_edges() == 22
    assert dict(again.nodes(data=True)) == dict(original.nodes(data=True))
    assert sorted(again.edges(keys=True, data=True)) == sorted(original.edges(keys=True, data=True))


def test_graphml_is_deterministic(example_graph: Graph) -> None:
    shuffled = Graph()
    for triple in sorted(example_graph, reverse=True):
        shuffled.add(triple)
    assert graphml_bytes(shuffled) == graphml_bytes(example_graph)


def test_graph_algorithms_on_the_view(example_graph: Graph) -> None:
    view = to_networkx(example_graph)
    taxonomy = nx.DiGraph(
        (s, o) for s, o, key in view.edges(keys=True) if key == "subClassOf"
    )
    # subClassOf points child -> parent, so the subtypes of leukemia are its ancestors here.
    assert nx.ancestors(taxonomy, "DOID:1240") == {"DOID:12603", "DOID:9952", "DOID:9119",
                                                  "DOID:1040"}
    undirected = nx.Graph(view)
    assert nx.shortest_path(undirected, "HEMEKG:children", "HP:0012378") == [
        "HEMEKG:children", "DOID:9952", "DOID:12603", "DOID:1240", "HP:0012378"]
    degree = nx.degree_centrality(view)
    assert max(degree, key=lambda node: (degree[node], node)) == "DOID:1240"
    betweenness = nx.betweenness_centrality(undirected)
    assert max(betweenness, key=lambda node: (betweenness[node], node)) == "DOID:1240"
