"""RDF writers: Turtle, JSON-LD, N-Triples and RDF/XML with deterministic, sorted output.

Equal graphs give byte-identical files whatever the order the triples were added in, so
``git diff`` of two builds shows only what changed. rdflib's writers iterate the store in
insertion order (RDF/XML, JSON-LD) or sort only partly, so every writer here first copies
the graph into a fresh one filled in sorted triple order, and post-sorts what is still
order-dependent (N-Triples lines, JSON-LD nodes and arrays).

The knowledge graph has no blank nodes (every node is minted from an id, see
:mod:`hemekg.iris`); a graph that has some is still written, but only Turtle (rdflib's
canonicalising ``longturtle``) is then guaranteed stable.
"""

from __future__ import annotations

import json
from collections.abc import Generator
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

from rdflib import BNode, Graph
from rdflib.term import Node

from hemekg.errors import ExportError, UsageError
from hemekg.export.files import atomic_write_bytes
from hemekg.namespaces import bind_prefixes
from hemekg.rdfformat import RdfFormat

__all__ = [
    "context_path",
    "jsonld_context",
    "read_graph",
    "serialize_graph",
    "sorted_copy",
    "write_graph",
]


def context_path() -> Path:
    """The JSON-LD context shipped with the package (``hemekg/data/context.jsonld``)."""
    return Path(str(files("hemekg") / "data" / "context.jsonld"))


@cache
def _context_text() -> str:
    return context_path().read_text(encoding="utf-8")


def jsonld_context() -> dict[str, Any]:
    """The ``@context`` giving JSON users readable keys (``label``, ``exactMatch``...)."""
    context: dict[str, Any] = json.loads(_context_text())["@context"]
    return context


def _node_key(node: Node) -> tuple[bool, str, str]:
    # A total order on RDF terms: IRIs first, then by kind and N-Triples text.
    return (type(node).__name__ != "URIRef", type(node).__name__, node.n3())


class _SortedGraph(Graph):
    """A graph whose ``subjects`` and ``predicate_objects`` come out sorted.

    rdflib's RDF/XML writer walks the store with exactly these two calls, in whatever
    order the store's indexes hold; sorting them here makes its output canonical.
    """

    def subjects(self, predicate: Any = None, object: Any = None,
                 unique: bool = False) -> Generator[Node, None, None]:
        found = set(super().subjects(predicate, object))
        yield from sorted(found, key=_node_key)

    def predicate_objects(self, subject: Any = None,
                          unique: bool = False) -> Generator[tuple[Node, Node], None, None]:
        found = set(super().predicate_objects(subject))
        yield from sorted(found, key=lambda po: (_node_key(po[0]), _node_key(po[1])))


def sorted_copy(graph: Graph) -> Graph:
    """A new graph with the same triples, walked in sorted order, project prefixes bound.

    Triples are added in sorted order and ``subjects``/``predicate_objects`` return sorted
    results, so writers that walk the store see a canonical order.
    """
    copy = bind_prefixes(_SortedGraph())
    for prefix, namespace in graph.namespaces():
        if prefix and prefix not in dict(copy.namespaces()):
            copy.bind(prefix, namespace)
    triples = sorted(graph, key=lambda t: (_node_key(t[0]), _node_key(t[1]), _node_key(t[2])))
    for triple in triples:
        copy.add(triple)
    return copy


def _has_bnodes(graph: Graph) -> bool:
    return any(isinstance(term, BNode) for triple in graph for term in triple)


def _sort_json(value: Any) -> Any:
    """Sort every JSON-LD array (our context has no ``@list`` containers, so order is free)."""
    if isinstance(value, dict):
        return {key: _sort_json(item) for key, item in value.items()}
    if isinstance(value, list):
        items = [_sort_json(item) for item in value]
        return sorted(items, key=lambda item: json.dumps(item, sort_keys=True, ensure_ascii=False))
    return value


def _jsonld(graph: Graph) -> str:
    context = jsonld_context()
    text = sorted_copy(graph).serialize(format="json-ld", context=context, auto_compact=True)
    document = json.loads(text)
    nodes = document.pop("@graph", None)
    if nodes is None:  # a single node is compacted to the top level
        nodes = [] if set(document) == {"@context"} else [
            {k: v for k, v in document.items() if k != "@context"}
        ]
    ordered = sorted(_sort_json(nodes), key=lambda node: (str(node.get("id", "")),
                                                          json.dumps(node, sort_keys=True)))
    body = {"@context": context, "@graph": ordered}
    return json.dumps(body, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def serialize_graph(graph: Graph, fmt: RdfFormat) -> bytes:
    """``graph`` in ``fmt`` as UTF-8 bytes, sorted so equal graphs give equal bytes."""
    if fmt is RdfFormat.JSONLD:
        return _jsonld(graph).encode("utf-8")
    copy = sorted_copy(graph)
    if fmt is RdfFormat.NTRIPLES:
        # split on "\n" only: str.splitlines would also cut literals holding \x85 or \u2028
        lines = copy.serialize(format="nt", encoding="utf-8").split(b"\n")
        return b"".join(line + b"\n" for line in sorted(set(lines)) if line.strip())
    if fmt is RdfFormat.TURTLE:
        plugin = "longturtle" if _has_bnodes(copy) else "turtle"
        return copy.serialize(format=plugin, encoding="utf-8")
    return copy.serialize(format="xml", encoding="utf-8")


def read_graph(path: Path | str) -> Graph:
    """Parse an RDF file in any :class:`RdfFormat` (chosen by suffix) into an rdflib graph,
    through the same safe loader as ``hemekg validate`` (no external entities, no remote
    JSON-LD contexts, one-line errors with line and column).

    Literals keep their lexical form exactly (``"0.800"`` stays ``"0.800"``), so exports
    of a re-read graph equal the exports of the original.

    :raises UsageError: the file does not exist or its suffix is unknown.
    :raises ValidationRunError: the file is not valid RDF in that format.
    """
    from hemekg.validate.parse import load_rdf

    source = Path(path)
    fmt = RdfFormat.from_suffix(source)
    if not source.is_file():
        raise UsageError("graph file not found", source)
    return load_rdf(source, fmt)


def write_graph(graph: Graph, path: Path | str, fmt: RdfFormat | None = None) -> Path:
    """Write ``graph`` to ``path`` atomically, in ``fmt`` or the format of the path's suffix.

    :param graph: any rdflib graph (the knowledge graph, the OWL view, a CONSTRUCT result).
    :param path: the output file; its folder is created.
    :param fmt: the serialisation; ``None`` picks it from the suffix.
    :returns: ``path``.
    :raises UsageError: ``fmt`` is ``None`` and the suffix is unknown.
    :raises ExportError: the file cannot be written.
    """
    target = Path(path)
    chosen = fmt if fmt is not None else RdfFormat.from_suffix(target)
    try:
        data = serialize_graph(graph, chosen)
    except (ValueError, TypeError) as error:  # rdflib refuses e.g. an IRI RDF/XML cannot name
        raise ExportError(f"cannot serialise as {chosen.name}: {error}", target) from error
    return atomic_write_bytes(target, data)
