"""CSV (Neo4j headers) and KGX TSV tables: headers, rows, mapping, re-read."""

from __future__ import annotations

import csv
from pathlib import Path

from rdflib import Graph

from hemekg.export.tables import (
    BIOLINK_CATEGORY,
    BIOLINK_PREDICATE,
    EDGE_CSV_HEADER,
    KGX_EDGE_HEADER,
    KGX_NODE_HEADER,
    NODE_CSV_HEADER,
    write_csv_tables,
    write_kgx_tables,
)
from hemekg.model import EntityType, Predicate


def _rows(path: Path, delimiter: str) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=delimiter))


def test_every_type_and_predicate_is_mapped_to_biolink() -> None:
    assert set(BIOLINK_CATEGORY) == set(EntityType)
    assert set(BIOLINK_PREDICATE) == set(Predicate)
    assert all(v.startswith("biolink:") for v in (*BIOLINK_CATEGORY.values(),
                                                   *BIOLINK_PREDICATE.values()))


def test_csv_pair_has_neo4j_headers_and_rows(tmp_path: Path, tiny_graph: Graph) -> None:
    nodes, edges = write_csv_tables(tiny_graph, tmp_path / "nodes.csv", tmp_path / "edges.csv")
    assert nodes.read_text().splitlines()[0] == ",".join(NODE_CSV_HEADER)
    assert edges.read_text().splitlines()[0] == ",".join(EDGE_CSV_HEADER)
    node_rows = _rows(nodes, ",")
    assert [r["id:ID"] for r in node_rows] == ["DOID:2355", "HEMEKG:iron_supplement", "HP:0000980"]
    assert node_rows[0]["type:LABEL"] == "Disease"
    assert node_rows[0]["xrefs:string[]"] == "DOID:2355;MONDO:0002280"
    edge_rows = _rows(edges, ",")
    treat = next(r for r in edge_rows if r[":TYPE"] == "treatedWith")
    assert (treat[":START_ID"], treat[":END_ID"]) == ("DOID:2355", "HEMEKG:iron_supplement")
    assert treat["confidence:float"] == "0.900"
    assert treat["evidence_count:int"] == "2"
    assert treat["documents:string[]"] == "a.txt;b.txt"
    ids = {r["id:ID"] for r in node_rows}
    assert all(r[":START_ID"] in ids and r[":END_ID"] in ids for r in edge_rows)


def test_kgx_tables(tmp_path: Path, example_graph: Graph) -> None:
    nodes, edges = write_kgx_tables(example_graph, tmp_path / "n.tsv", tmp_path / "e.tsv")
    node_rows = _rows(nodes, "\t")
    edge_rows = _rows(edges, "\t")
    assert list(node_rows[0]) == list(KGX_NODE_HEADER)
    assert list(edge_rows[0]) == list(KGX_EDGE_HEADER)
    leukemia = next(r for r in node_rows if r["id"] == "DOID:1240")
    assert leukemia["category"] == "biolink:Disease"
    assert leukemia["name"] == "leukemia"
    assert leukemia["xref"] == "MONDO:0005059"
    symptom = next(r for r in edge_rows
                   if r["subject"] == "DOID:1240" and r["object"] == "HP:0001945")
    assert symptom["predicate"] == "biolink:has_phenotype"
    assert symptom["original_predicate"] == "hk:hasSymptom"
    assert len(edge_rows) == 22
    assert len({r["id"] for r in edge_rows}) == 22


def test_tables_are_deterministic(tmp_path: Path, example_graph: Graph) -> None:
    reversed_graph = Graph()
    for triple in sorted(example_graph, reverse=True):
        reversed_graph.add(triple)
    first = write_kgx_tables(example_graph, tmp_path / "a1", tmp_path / "a2")
    second = write_kgx_tables(reversed_graph, tmp_path / "b1", tmp_path / "b2")
    third = write_csv_tables(example_graph, tmp_path / "c1", tmp_path / "c2")
    fourth = write_csv_tables(reversed_graph, tmp_path / "d1", tmp_path / "d2")
    for a, b in ((first, second), (third, fourth)):
        assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]
