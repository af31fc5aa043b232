"""Loading a built graph from any RDF serialisation hemekg writes, chosen by suffix."""

from __future__ import annotations

import warnings
from pathlib import Path

from rdflib import Graph

from hemekg.errors import UsageError

__all__ = ["BUILD_GRAPH_FILE", "RDF_FORMATS", "SUFFIX_FORMATS", "guess_format", "load_graph"]

#: the graph file read from a build folder given instead of a file (``hemekg build -o``).
BUILD_GRAPH_FILE = "hemekg.ttl"

#: rdflib parser names accepted by ``--input-format``.
RDF_FORMATS: tuple[str, ...] = ("json-ld", "n3", "nquads", "nt", "trig", "turtle", "xml")

#: file suffix -> rdflib parser name.
SUFFIX_FORMATS: dict[str, str] = {
    ".jsonld": "json-ld",
    ".json": "json-ld",
    ".n3": "n3",
    ".nq": "nquads",
    ".nt": "nt",
    ".owl": "xml",
    ".rdf": "xml",
    ".trig": "trig",
    ".ttl": "turtle",
    ".xml": "xml",
}


def guess_format(path: Path) -> str:
    """The rdflib parser for ``path`` from its suffix.

    :raises UsageError: an unknown suffix (then ``--input-format`` is needed).
    """
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(SUFFIX_FORMATS))
        raise UsageError(
            f"cannot tell the RDF format from suffix {path.suffix or '(none)'!r} "
            f"(known: {known}); use --input-format",
            path,
        )
    return fmt


def load_graph(path: Path, fmt: str | None = None) -> Graph:
    """Parse ``path`` into a new graph; a build folder stands for its ``hemekg.ttl``.

    :param fmt: an rdflib parser name; ``None`` guesses it from the suffix.
    :raises UsageError: missing file, unknown format, or a file that does not parse
        (the message names the file and the parser's complaint, in one line).
    """
    if path.is_dir():
        if not (path / BUILD_GRAPH_FILE).is_file():
            raise UsageError(f"a folder without {BUILD_GRAPH_FILE}: not a build folder", path)
        path = path / BUILD_GRAPH_FILE
        fmt = None
    if not path.is_file():
        raise UsageError("no such file", path)
    fmt = fmt or guess_format(path)
    graph = Graph()
    try:
        with warnings.catch_warnings():
            # rdflib's JSON-LD parser warns about its own use of ConjunctiveGraph.
            warnings.simplefilter("ignore", DeprecationWarning)
            graph.parse(path, format=fmt)
    except Exception as error:  # rdflib raises many unrelated types for bad input
        reason = " ".join(str(error).split()) or type(error).__name__
        raise UsageError(f"not valid {fmt}: {reason[:300]}", path) from error
    return graph
