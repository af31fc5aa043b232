"""Render query results: a readable table, SPARQL CSV/TSV, SPARQL results JSON, RDF.

* ``table``: fixed-width columns for people; entity IRIs shown as ``label [CURIE]``, other
  IRIs as prefixed names, long texts cut at :data:`MAX_CELL` characters.
* ``csv`` / ``tsv``: the SPARQL 1.1 Query Results CSV and TSV formats.
* ``json``: the SPARQL 1.1 Query Results JSON format.
* ``turtle`` / ``nt`` / ``jsonld``: the triples of a CONSTRUCT or DESCRIBE, sorted.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDFS
from rdflib.term import Identifier

from hemekg.errors import QueryError
from hemekg.export.rdf import serialize_graph
from hemekg.export.records import curie_of
from hemekg.namespaces import HKE, PREFIXES
from hemekg.query.engine import QueryResult, SparqlGraph
from hemekg.rdfformat import RdfFormat

__all__ = ["FORMATS", "MAX_CELL", "entity_labels", "render", "short_name"]

FORMATS = ("table", "csv", "tsv", "json", "turtle", "nt", "jsonld")
MAX_CELL = 70
_GRAPH_FORMATS = {"turtle": RdfFormat.TURTLE, "nt": RdfFormat.NTRIPLES, "jsonld": RdfFormat.JSONLD}
# Longest namespace first, so hke: wins over hk:.
_PREFIXES = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def short_name(iri: str) -> str:
    """A prefixed name for an IRI in one of our namespaces (``hk:hasSymptom``), else the IRI."""
    for prefix, namespace in _PREFIXES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def entity_labels(graph: SparqlGraph, result: QueryResult) -> dict[str, str]:
    """``rdfs:label`` of every entity IRI that occurs in ``result`` (one query)."""
    iris = sorted({str(v) for row in result.rows for v in row.values()
                   if isinstance(v, URIRef) and str(v).startswith(str(HKE))})
    if not iris:
        return {}
    values = " ".join(f"<{iri}>" for iri in iris)
    answer = graph.query(
        f"SELECT ?e (MIN(STR(?l)) AS ?label) WHERE {{ VALUES ?e {{ {values} }} "
        f"?e <{RDFS.label}> ?l }} GROUP BY ?e")
    return {str(row["e"]): str(row["label"]) for row in answer.rows if "label" in row}


def _cell(value: Identifier | None, labels: Mapping[str, str]) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef):
        text = str(value)
        if text in labels:
            return f"{labels[text]} [{curie_of(text)}]"
        return short_name(text)
    if isinstance(value, BNode):
        return f"_:{value}"
    return str(value).replace("\n", " ")


def _cut(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"


def _table(result: QueryResult, labels: Mapping[str, str]) -> str:
    header = list(result.variables)
    body = [[_cut(_cell(row.get(name), labels)) for name in header] for row in result.rows]
    widths = [max([len(h), *(len(r[i]) for r in body)]) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True)).rstrip(),
             "  ".join("-" * w for w in widths)]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in body]
    count = len(result.rows)
    lines.append(f"({count} row{'s' if count != 1 else ''})")
    return "\n".join(lines) + "\n"


def _csv_value(value: Identifier | None) -> str:
    if value is None:
        return ""
    if isinstance(value, BNode):
        return f"_:{value}"
    return str(value)


def _tsv_value(value: Identifier | None) -> str:
    if value is None:
        return ""
    return value.n3()


def _delimited(result: QueryResult, delimiter: str) -> str:
    buffer = io.StringIO()
    if delimiter == ",":
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_csv_value(row.get(name)) for name in result.variables])
        return buffer.getvalue()
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    lines += ["\t".join(_tsv_value(row.get(name)) for name in result.variables)
              for row in result.rows]
    return "\n".join(lines) + "\n"


def _json_term(value: Identifier) -> dict[str, str]:
    if isinstance(value, URIRef):
        return {"type": "uri", "value": str(value)}
    if isinstance(value, BNode):
        return {"type": "bnode", "value": str(value)}
    assert isinstance(value, Literal)
    term = {"type": "literal", "value": str(value)}
    if value.language:
        term["xml:lang"] = value.language
    elif value.datatype is not None:
        term["datatype"] = str(value.datatype)
    return term


def _json(result: QueryResult) -> str:
    document: dict[str, Any]
    if result.kind == "ask":
        document = {"head": {}, "boolean": bool(result.boolean)}
    else:
        document = {
            "head": {"vars": list(result.variables)},
            "results": {"bindings": [
                {name: _json_term(value) for name, value in row.items()} for row in result.rows
            ]},
        }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def render(result: QueryResult, fmt: str = "table", graph: SparqlGraph | None = None) -> str:
    """``result`` as text in ``fmt`` (one of :data:`FORMATS`).

    A CONSTRUCT/DESCRIBE result is written as Turtle when ``fmt`` is ``table``; an ASK
    result as ``true``/``false`` in ``table``, ``csv`` and ``tsv``.

    :param graph: the queried graph, used by ``table`` to show entity labels.
    :raises QueryError: the format does not fit the kind of result.
    """
    if fmt not in FORMATS:
        raise QueryError(f"unknown output format {fmt!r} (known: {', '.join(FORMATS)})")
    if result.kind == "graph":
        if fmt == "table":
            fmt = "turtle"
        if fmt not in _GRAPH_FORMATS:
            raise QueryError(f"a CONSTRUCT/DESCRIBE result cannot be written as {fmt}; "
                             "use turtle, nt or jsonld")
        return serialize_graph(result.graph(), _GRAPH_FORMATS[fmt]).decode("utf-8")
    if fmt in _GRAPH_FORMATS:
        raise QueryError(f"--format {fmt} is for CONSTRUCT/DESCRIBE queries; "
                         "use table, csv, tsv or json")
    if fmt == "json":
        return _json(result)
    if result.kind == "ask":
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "csv":
        return _delimited(result, ",")
    if fmt == "tsv":
        return _delimited(result, "\t")
    labels = entity_labels(graph, result) if graph is not None else {}
    return _table(result, labels)
