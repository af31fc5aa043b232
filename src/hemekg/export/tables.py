"""Tabular exports: a nodes/edges CSV pair and Biolink KGX nodes/edges TSV files.

* ``nodes.csv`` / ``edges.csv`` use the header syntax of ``neo4j-admin database import``
  (``id:ID``, ``type:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``; list columns typed
  ``string[]`` and separated by ``;``). Gephi and Cytoscape read the same files: map
  ``id:ID``/``:START_ID``/``:END_ID`` to Id/Source/Target in their import dialogs.
* ``kgx_nodes.tsv`` / ``kgx_edges.tsv`` follow the KGX TSV format
  (https://github.com/biolink/kgx/blob/master/specification/kgx-format.md): Biolink
  categories and predicates, ``|`` between list items, our own predicate kept in
  ``original_predicate`` where Biolink has no exact equivalent.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph

from hemekg.export.files import atomic_write_text
from hemekg.export.records import EdgeRecord, NodeRecord, edge_records, node_records
from hemekg.model import EntityType, Predicate

__all__ = [
    "BIOLINK_CATEGORY",
    "BIOLINK_PREDICATE",
    "EDGE_CSV_HEADER",
    "KGX_EDGE_HEADER",
    "KGX_NODE_HEADER",
    "NODE_CSV_HEADER",
    "write_csv_tables",
    "write_kgx_tables",
]

NODE_CSV_HEADER = ("id:ID", "label", "type:LABEL", "iri", "xrefs:string[]", "alt_labels:string[]")
EDGE_CSV_HEADER = (":START_ID", ":END_ID", ":TYPE", "predicate_iri", "confidence:float",
                   "evidence_count:int", "documents:string[]")
KGX_NODE_HEADER = ("id", "category", "name", "xref", "synonym", "iri", "provided_by")
KGX_EDGE_HEADER = ("id", "subject", "predicate", "object", "original_predicate", "category",
                   "knowledge_level", "agent_type", "primary_knowledge_source", "score",
                   "has_count", "source_documents")

#: our entity types -> Biolink categories.
BIOLINK_CATEGORY: dict[EntityType, str] = {
    EntityType.DISEASE: "biolink:Disease",
    EntityType.PHENOTYPE: "biolink:PhenotypicFeature",
    EntityType.DIAGNOSTIC_PROCEDURE: "biolink:Procedure",
    EntityType.TREATMENT: "biolink:Treatment",
    EntityType.ANATOMICAL_STRUCTURE: "biolink:AnatomicalEntity",
    EntityType.CELL_TYPE: "biolink:Cell",
    EntityType.CAUSE: "biolink:NamedThing",
    EntityType.POPULATION: "biolink:PopulationOfIndividualOrganisms",
}
#: our predicates -> Biolink predicates; ``related_to`` where Biolink has no close match.
BIOLINK_PREDICATE: dict[Predicate, str] = {
    Predicate.SUB_CLASS_OF: "biolink:subclass_of",
    Predicate.ORIGINATES_IN: "biolink:disease_has_location",
    Predicate.SPREADS_TO: "biolink:disease_has_location",
    Predicate.AFFECTS: "biolink:affects",
    Predicate.HAS_SYMPTOM: "biolink:has_phenotype",
    Predicate.DIAGNOSED_BY: "biolink:related_to",
    Predicate.TREATED_WITH: "biolink:treated_by",
    Predicate.HAS_CAUSE: "biolink:caused_by",
    Predicate.HAS_RISK_FACTOR: "biolink:related_to",
    Predicate.AFFECTS_POPULATION: "biolink:related_to",
    Predicate.PRODUCES: "biolink:produces",
    Predicate.DEVELOPS_INTO: "biolink:related_to",
}
_PROVIDER = "infores:hemekg"


def _csv_text(header: Sequence[str], rows: list[list[str]], delimiter: str) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\n",
                        quoting=csv.QUOTE_MINIMAL)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _score(edge: EdgeRecord) -> str:
    return "" if edge.confidence is None else f"{edge.confidence:.3f}"


def _node_csv_row(node: NodeRecord) -> list[str]:
    return [node.id, node.label, node.type, node.iri, ";".join(node.xrefs),
            ";".join(node.alt_labels)]


def _edge_csv_row(edge: EdgeRecord) -> list[str]:
    return [edge.subject, edge.object, edge.predicate, edge.predicate_iri, _score(edge),
            str(edge.evidence_count), ";".join(edge.documents)]


def write_csv_tables(graph: Graph, nodes_path: Path | str, edges_path: Path | str) -> list[Path]:
    """Write ``nodes.csv`` and ``edges.csv`` (Neo4j import headers); return both paths."""
    nodes = [_node_csv_row(node) for node in node_records(graph)]
    edges = [_edge_csv_row(edge) for edge in edge_records(graph)]
    return [
        atomic_write_text(Path(nodes_path), _csv_text(NODE_CSV_HEADER, nodes, ",")),
        atomic_write_text(Path(edges_path), _csv_text(EDGE_CSV_HEADER, edges, ",")),
    ]


def _kgx_node_row(node: NodeRecord) -> list[str]:
    xrefs = [x for x in node.xrefs if x != node.id]
    return [node.id, BIOLINK_CATEGORY[EntityType(node.type)], node.label, "|".join(xrefs),
            "|".join(node.alt_labels), node.iri, _PROVIDER]


def _kgx_edge_row(edge: EdgeRecord) -> list[str]:
    predicate = Predicate(edge.predicate)
    biolink = BIOLINK_PREDICATE[predicate]
    return [
        f"{edge.subject}--{edge.predicate}--{edge.object}",
        edge.subject,
        biolink,
        edge.object,
        f"hk:{edge.predicate}" if predicate is not Predicate.SUB_CLASS_OF else "rdfs:subClassOf",
        "biolink:Association",
        "not_provided",
        "text_mining_agent",
        _PROVIDER,
        _score(edge),
        str(edge.evidence_count),
        "|".join(edge.documents),
    ]


def write_kgx_tables(graph: Graph, nodes_path: Path | str, edges_path: Path | str) -> list[Path]:
    """Write KGX ``kgx_nodes.tsv`` and ``kgx_edges.tsv``; return both paths."""
    nodes = [_kgx_node_row(node) for node in node_records(graph)]
    edges = [_kgx_edge_row(edge) for edge in edge_records(graph)]
    return [
        atomic_write_text(Path(nodes_path), _csv_text(KGX_NODE_HEADER, nodes, "\t")),
        atomic_write_text(Path(edges_path), _csv_text(KGX_EDGE_HEADER, edges, "\t")),
    ]
