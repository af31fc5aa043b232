"""Loading a built graph for a diff: a file in any RDF format, or a build folder."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from hemekg.errors import UsageError, ValidationRunError
from hemekg.rdfformat import RdfFormat
from hemekg.validate.parse import load_rdf

__all__ = ["BUILD_GRAPH_FILE", "load_graph"]

#: the graph file read from a build folder given instead of a file (``hemekg build -o``).
BUILD_GRAPH_FILE = "hemekg.ttl"


def load_graph(path: Path, fmt: RdfFormat | str | None = None) -> Graph:
    """Parse ``path`` into a new graph; a build folder stands for its ``hemekg.ttl``.

    Parsing goes through :func:`hemekg.validate.parse.load_rdf`, the one loader that never
    fetches a remote JSON-LD context nor reads an XML external entity.

    :param fmt: an :class:`~hemekg.rdfformat.RdfFormat`; ``None`` guesses it from
        the suffix.
    :raises UsageError: missing file, unknown format, or a file that does not parse
        (the message names the file and the problem, with line and column where known).
    """
    if path.is_dir():
        if not (path / BUILD_GRAPH_FILE).is_file():
            raise UsageError(f"a folder without {BUILD_GRAPH_FILE}: not a build folder", path)
        path, fmt = path / BUILD_GRAPH_FILE, None
    try:
        return load_rdf(path, fmt)
    except ValidationRunError as error:
        raise UsageError(error.message, path) from None
