"""SHACL validation: the only module that imports pyshacl.

pyshacl's entry point takes loose arguments and returns a tuple; here it is called once,
with every option explicit (no inference: the graph is validated exactly as built, so a
missing type is reported instead of being inferred away), and its result becomes our
:class:`~hemekg.validate.report.ValidationReport`. Finding violations is a normal
outcome; only a run that cannot happen raises :class:`~hemekg.errors.ValidationRunError`.
"""

from __future__ import annotations

import logging
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from rdflib import Graph

from hemekg.errors import ValidationRunError
from hemekg.rdfformat import RdfFormat
from hemekg.resources import shapes_dir
from hemekg.validate.parse import load_rdf
from hemekg.validate.report import ValidationReport, report_from_results

__all__ = [
    "default_shapes",
    "default_shapes_path",
    "load_shapes",
    "validate_file",
    "validate_graph",
]


def default_shapes_path() -> Path:
    """The packaged shapes file (``shapes/hemekg.shapes.ttl``)."""
    return shapes_dir() / "hemekg.shapes.ttl"


@cache
def default_shapes() -> Graph:
    """The packaged shapes, parsed once per process (treat the graph as read-only)."""
    return load_shapes(default_shapes_path())


def load_shapes(path: Path) -> Graph:
    """Parse a shapes file (any RDF format hemekg reads).

    :raises ValidationRunError: the file cannot be read or parsed.
    """
    return load_rdf(Path(path))


def validate_graph(data: Graph, shapes: Graph | None = None) -> ValidationReport:
    """Validate ``data`` against ``shapes`` (default: the packaged hemekg shapes).

    :param data: the graph to check; it is not modified.
    :param shapes: a SHACL shapes graph, or ``None`` for :func:`default_shapes`.
    :returns: the report; ``report.conforms`` is False when there are violations.
    :raises ValidationRunError: pyshacl could not run (for example, a malformed shape).
    """
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError, ShapeLoadError

    _reuse_parsed_sparql()
    shapes_graph = default_shapes() if shapes is None else shapes
    # pyshacl also prints its errors on stderr through this logger; ours is the one line.
    pyshacl_log = logging.getLogger("pyshacl-validate")
    was_disabled, pyshacl_log.disabled = pyshacl_log.disabled, True
    try:
        conforms, results, _text = pyshacl.validate(
            data,
            shacl_graph=shapes_graph,
            ont_graph=None,
            inference="none",
            inplace=True,  # nothing is inferred, so nothing is written into ``data``
            abort_on_first=False,
            allow_infos=True,
            allow_warnings=True,
            advanced=False,
            js=False,
            meta_shacl=False,
            do_owl_imports=False,
            debug=False,
        )
    except (ShapeLoadError, ReportableRuntimeError) as error:
        message = " ".join(str(getattr(error, "message", error)).split())
        raise ValidationRunError(f"SHACL validation could not run: {message}") from None
    finally:
        pyshacl_log.disabled = was_disabled
    if isinstance(results, Exception):  # pyshacl returns (not raises) some shape errors
        message = " ".join(str(getattr(results, "message", results)).split())
        raise ValidationRunError(f"SHACL validation could not run: {message}")
    if not isinstance(results, Graph):
        raise ValidationRunError("SHACL validation could not run: pyshacl returned no report graph")
    return report_from_results(bool(conforms), results, data, shapes_graph)


def validate_file(
    path: Path,
    fmt: RdfFormat | str | None = None,
    shapes: Graph | None = None,
) -> ValidationReport:
    """Parse the RDF file ``path`` safely and validate it.

    :param path: Turtle, N-Triples, RDF/XML or JSON-LD.
    :param fmt: its format, if the suffix does not tell.
    :param shapes: shapes graph; ``None`` for the packaged shapes.
    :raises ValidationRunError: the file cannot be read or parsed, or validation cannot run.
    """
    return validate_graph(load_rdf(Path(path), fmt), shapes)


@lru_cache(maxsize=512)
def _prepared_query(text: str) -> Any:
    from rdflib.plugins.sparql import prepareQuery

    return prepareQuery(text)


@cache
def _reuse_parsed_sparql() -> None:
    """Make pyshacl parse each SHACL-SPARQL query once instead of once per focus node.

    pyshacl hands rdflib the query *text* for every focus node, and rdflib's parser costs
    about 50 ms per call: on a corpus-sized graph that is most of the validation time. The
    text is the same for every focus node (``$this`` is passed as a binding), so parsing
    it once and reusing the prepared query gives the same results, much faster.
    """
    from pyshacl.constraints.sparql.sparql_based_constraints import SPARQLBasedConstraint

    original = SPARQLBasedConstraint._validate_sparql_query

    def validate_prepared(self: Any, query: Any, init_binds: Any, target_graph: Any) -> Any:
        if isinstance(query, str):
            query = _prepared_query(query)
        return original(self, query, init_binds, target_graph)  # type: ignore[no-untyped-call]

    setattr(SPARQLBasedConstraint, "_validate_sparql_query", validate_prepared)  # noqa: B010
