"""Blank-node labels from content, so that a report's bytes do not depend on the run.

A SHACL report is a tree of blank nodes (the report, its results, their nested details)
whose leaves are IRIs and literals, plus the anonymous shapes the results cite. rdflib's
canonicalisation (:func:`rdflib.compare.to_canonical_graph`) labels any graph, but it
refines colours over every blank node: 5.5 s for the 857 results of a 100,000-document
build, in each re-build. Where the content tells every blank node apart, hashing it
bottom-up gives labels as stable in a fraction of that; where it does not (two blank
nodes with the same triples, a cycle through blank nodes), rdflib's algorithm decides.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable

from rdflib import BNode, Graph
from rdflib.compare import to_canonical_graph
from rdflib.term import Node

__all__ = ["canonical_triples", "content_labels"]

_Triple = tuple[Node, Node, Node]


def canonical_triples(graph: Graph) -> list[_Triple]:
    """The triples of ``graph`` with every blank node relabelled from the content."""
    labels = content_labels(graph)
    if labels is None:
        return list(to_canonical_graph(graph))
    return [(labels.get(s, s), p, labels.get(o, o)) for s, p, o in graph]


def content_labels(graph: Graph) -> dict[Node, BNode] | None:
    """A label per blank node, from a hash of its triples in which a blank object counts by
    its own label (bottom-up); a blank node with no triples of its own (an anonymous shape
    a result cites) counts by the labels of the triples that cite it. None when two blank
    nodes get one label or blank nodes form a cycle."""
    outgoing: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    incoming: dict[Node, list[tuple[Node, Node]]] = defaultdict(list)
    for s, p, o in graph:
        if isinstance(s, BNode):
            outgoing[s].append((p, o))
        if isinstance(o, BNode):
            incoming[o].append((s, p))
    digests: dict[Node, str] = {}
    path: set[Node] = set()  # the nodes being expanded, from the root down
    for root in list(outgoing):
        stack = [(root, False)]
        while stack:  # depth first, each node digested after its blank objects
            node, expanded = stack.pop()
            if node in digests:
                continue
            if not expanded:
                inner = [v for _, v in outgoing[node] if isinstance(v, BNode) and v in outgoing]
                if any(v in path for v in inner):
                    return None  # a cycle
                path.add(node)
                stack.append((node, True))
                stack.extend((v, False) for v in inner if v not in digests)
                continue
            path.discard(node)
            digests[node] = _hash(
                f"{p.n3()} _:{digests.get(v, '')}" if isinstance(v, BNode) else f"{p.n3()} {v.n3()}"
                for p, v in outgoing[node])
    for node, citing in incoming.items():
        if node not in outgoing:
            digests[node] = _hash(
                f"{digests[s] if isinstance(s, BNode) else s.n3()} {p.n3()}" for s, p in citing)
    if len(set(digests.values())) < len(digests):
        return None
    return {node: BNode(f"c{value}") for node, value in digests.items()}


def _hash(lines: Iterable[str]) -> str:
    text = "\n".join(sorted(lines))
    return hashlib.sha256(text.encode()).hexdigest()[:32]
