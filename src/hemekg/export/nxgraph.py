"""networkx view of the knowledge graph and its GraphML file (Gephi, Cytoscape, yEd).

Nodes are entities keyed by CURIE; edges are relations keyed by predicate local name, so
a ``MultiDiGraph`` keeps two different relations between the same pair apart. GraphML
has no list type, so list attributes are written joined with :data:`LIST_SEPARATOR` and
split again by :func:`read_graphml`.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Graph

from hemekg.errors import ExportError
from hemekg.export.files import atomic_write_bytes
from hemekg.export.records import edge_records, node_records

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "LIST_ATTRIBUTES",
    "LIST_SEPARATOR",
    "graphml_bytes",
    "read_graphml",
    "to_networkx",
    "write_graphml",
]

LIST_SEPARATOR = "|"
#: attributes holding lists in :func:`to_networkx` (joined strings in GraphML).
LIST_ATTRIBUTES = frozenset({"xrefs", "alt_labels", "exact_matches", "documents"})


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The entities and relations of ``graph`` as a directed multigraph.

    Node key: the entity CURIE; attributes ``label``, ``type``, ``iri``, ``xrefs``,
    ``alt_labels``, ``exact_matches``. Edge key: the predicate local name; attributes
    ``predicate``, ``predicate_iri``, ``evidence_count``, ``documents`` and, when the
    statement has provenance, ``confidence`` (the best one). Nodes and edges are added in
    sorted order, so iteration order (and every file written from it) is stable.

    >>> from hemekg.api import example_path
    >>> from rdflib import Graph
    >>> g = to_networkx(Graph().parse(example_path()))
    >>> g.nodes["DOID:1240"]["label"], g.nodes["DOID:1240"]["type"]
    ('leukemia', 'Disease')
    >>> g.edges["DOID:1240", "UBERON:0002371", "originatesIn"]["confidence"]
    0.9
    """
    import networkx as nx  # here: every build imports this module, few use networkx

    result = nx.MultiDiGraph()
    for node in node_records(graph):
        result.add_node(
            node.id,
            label=node.label,
            type=node.type,
            iri=node.iri,
            xrefs=list(node.xrefs),
            alt_labels=list(node.alt_labels),
            exact_matches=list(node.exact_matches),
        )
    for edge in edge_records(graph):
        attributes: dict[str, Any] = {
            "predicate": edge.predicate,
            "predicate_iri": edge.predicate_iri,
            "evidence_count": edge.evidence_count,
            "documents": list(edge.documents),
        }
        if edge.confidence is not None:
            attributes["confidence"] = edge.confidence
        result.add_edge(edge.subject, edge.object, key=edge.predicate, **attributes)
    return result


def _flatten(attributes: dict[str, Any]) -> dict[str, Any]:
    return {
        name: LIST_SEPARATOR.join(value) if isinstance(value, list) else value
        for name, value in sorted(attributes.items())
    }


def graphml_bytes(graph: Graph) -> bytes:
    """The GraphML text of :func:`to_networkx` as UTF-8 bytes (deterministic)."""
    import networkx as nx

    source = to_networkx(graph)
    flat = nx.MultiDiGraph()
    for node, attributes in source.nodes(data=True):
        flat.add_node(node, **_flatten(attributes))
    for subject, obj, key, attributes in source.edges(keys=True, data=True):
        flat.add_edge(subject, obj, key=key, **_flatten(attributes))
    buffer = io.BytesIO()
    nx.write_graphml_xml(flat, buffer, encoding="utf-8", prettyprint=True, named_key_ids=True)
    return buffer.getvalue()


def write_graphml(graph: Graph, path: Path | str) -> Path:
    """Write the networkx view of ``graph`` as GraphML, atomically; return the path.

    :raises ExportError: the file cannot be written.
    """
    import networkx as nx

    try:
        data = graphml_bytes(graph)
    except (nx.NetworkXError, ValueError) as error:
        raise ExportError(f"cannot write GraphML: {error}", path) from error
    return atomic_write_bytes(Path(path), data)


def read_graphml(path: Path | str) -> nx.MultiDiGraph:
    """Read a GraphML file written by :func:`write_graphml`, splitting list attributes again."""
    import networkx as nx

    graph = nx.read_graphml(Path(path), force_multigraph=True)
    result = nx.MultiDiGraph()

    def unflatten(attributes: dict[str, Any]) -> dict[str, Any]:
        return {
            name: ([] if value == "" else str(value).split(LIST_SEPARATOR))
            if name in LIST_ATTRIBUTES else value
            for name, value in attributes.items()
        }

    for node, attributes in graph.nodes(data=True):
        result.add_node(node, **unflatten(attributes))
    for subject, obj, key, attributes in graph.edges(keys=True, data=True):
        result.add_edge(subject, obj, key=key, **unflatten(attributes))
    return result
