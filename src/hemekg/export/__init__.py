"""Exports of the knowledge graph: RDF serialisations, GraphML, CSV, KGX and an HTML view.

Every writer takes an rdflib graph and a path, writes atomically (:mod:`hemekg.export.files`)
and deterministically (equal graphs give equal bytes), and returns the path(s) written.
:data:`WRITERS` maps a user-facing name to its writer; :func:`write_all` writes the whole
set of files ``hemekg build`` puts in ``build/``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rdflib import Graph

from hemekg.errors import UsageError
from hemekg.export.html import write_html
from hemekg.export.nxgraph import read_graphml, to_networkx, write_graphml
from hemekg.export.rdf import context_path, serialize_graph, write_graph
from hemekg.export.tables import write_csv_tables, write_kgx_tables
from hemekg.rdfformat import RdfFormat

__all__ = [
    "OUTPUT_FILES",
    "WRITERS",
    "RdfFormat",
    "Writer",
    "context_path",
    "export",
    "read_graphml",
    "serialize_graph",
    "to_networkx",
    "write_all",
    "write_graph",
    "write_graphml",
    "write_html",
]

#: A writer: (graph, output folder) -> the files it wrote.
Writer = Callable[[Graph, Path], list[Path]]


def _rdf(fmt: RdfFormat, name: str) -> Writer:
    def write(graph: Graph, out_dir: Path) -> list[Path]:
        return [write_graph(graph, out_dir / name, fmt)]

    return write


def _graphml(graph: Graph, out_dir: Path) -> list[Path]:
    return [write_graphml(graph, out_dir / "hemekg.graphml")]


def _csv(graph: Graph, out_dir: Path) -> list[Path]:
    return write_csv_tables(graph, out_dir / "nodes.csv", out_dir / "edges.csv")


def _kgx(graph: Graph, out_dir: Path) -> list[Path]:
    return write_kgx_tables(graph, out_dir / "kgx_nodes.tsv", out_dir / "kgx_edges.tsv")


def _html(graph: Graph, out_dir: Path) -> list[Path]:
    return [write_html(graph, out_dir / "graph.html")]


#: export name -> writer; the names ``hemekg export --format`` accepts.
WRITERS: dict[str, Writer] = {
    "csv": _csv,
    "graphml": _graphml,
    "html": _html,
    "jsonld": _rdf(RdfFormat.JSONLD, "hemekg.jsonld"),
    "kgx": _kgx,
    "nt": _rdf(RdfFormat.NTRIPLES, "hemekg.nt"),
    "rdfxml": _rdf(RdfFormat.RDFXML, "hemekg.rdf"),
    "turtle": _rdf(RdfFormat.TURTLE, "hemekg.ttl"),
}

#: the files :func:`write_all` writes, in order.
OUTPUT_FILES: tuple[str, ...] = (
    "hemekg.ttl", "hemekg.jsonld", "hemekg.nt", "hemekg.rdf", "hemekg.graphml",
    "nodes.csv", "edges.csv", "kgx_nodes.tsv", "kgx_edges.tsv", "graph.html",
)
_ALL_ORDER = ("turtle", "jsonld", "nt", "rdfxml", "graphml", "csv", "kgx", "html")


def export(graph: Graph, name: str, out_dir: Path | str) -> list[Path]:
    """Run the writer called ``name`` into ``out_dir``; return the files written.

    :raises UsageError: no writer has that name.
    """
    if name not in WRITERS:
        raise UsageError(f"unknown export format {name!r} (known: {', '.join(sorted(WRITERS))})")
    return WRITERS[name](graph, Path(out_dir))


def write_all(graph: Graph, out_dir: Path | str) -> list[Path]:
    """Write every export of ``graph`` into ``out_dir`` (see :data:`OUTPUT_FILES`).

    :returns: the paths written, in :data:`OUTPUT_FILES` order.
    :raises ExportError: a file cannot be written.
    """
    folder = Path(out_dir)
    written: list[Path] = []
    for name in _ALL_ORDER:
        written.extend(WRITERS[name](graph, folder))
    return written
