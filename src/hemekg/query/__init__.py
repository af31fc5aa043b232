"""SPARQL over the knowledge graph: named queries (``queries/*.rq``), ad-hoc queries, rendering.

Typical use::

    from hemekg.query import SparqlGraph, named_query, bind_parameters, render
    graph = SparqlGraph.from_file("build/hemekg.ttl")
    query = named_query("symptoms")
    result = graph.query(query.text, bind_parameters(graph, query, {"disease": "leukemia"}))
    print(render(result, "table", graph))

The Python API for people (:func:`hemekg.api.load`) is built on these pieces.
"""

from hemekg.query.engine import DEFAULT_TIMEOUT, Engine, QueryResult, SparqlGraph, run_with_timeout
from hemekg.query.named import (
    NamedQuery,
    Parameter,
    load_named_query,
    named_queries,
    named_query,
    parse_param_options,
)
from hemekg.query.prologue import add_prefixes, query_with_prefixes
from hemekg.query.render import FORMATS, render
from hemekg.query.resolve import bind_parameters, resolve_entity, resolve_predicate

__all__ = [
    "DEFAULT_TIMEOUT",
    "FORMATS",
    "Engine",
    "NamedQuery",
    "Parameter",
    "QueryResult",
    "SparqlGraph",
    "add_prefixes",
    "bind_parameters",
    "load_named_query",
    "named_queries",
    "named_query",
    "parse_param_options",
    "query_with_prefixes",
    "render",
    "resolve_entity",
    "resolve_predicate",
    "run_with_timeout",
]
