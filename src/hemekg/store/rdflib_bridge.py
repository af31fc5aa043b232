"""Oxigraph terms and N-Triples into rdflib graphs, fast.

Validation hands pyshacl rdflib graphs made from N-Triples lines the store holds: at
100,000 documents, some fifteen million lines. rdflib's own N-Triples parser is a Python
regex loop; Oxigraph's parser is native, and each distinct term (an entity IRI recurs in
thousands of lines) is turned into its rdflib form once. Loading shard-sized inputs takes
about a third less time; what is left is rdflib's ``Graph.add``.

The terms are those rdflib's parser makes, for the N-Triples this project writes: a plain
literal stays without datatype (Oxigraph reports ``xsd:string``), a blank node label
names one blank node throughout the input. Oxigraph lower-cases language tags, which
rdflib keeps as written; the project writes ``en`` only.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

__all__ = ["add_ntriples", "rdflib_term"]

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


def rdflib_term(term: OxTerm) -> Node:
    """The rdflib term for an Oxigraph term (see the module docstring)."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    if datatype == _XSD_STRING:
        return Literal(term.value)
    return Literal(term.value, datatype=URIRef(datatype))


def add_ntriples(graph: Graph, data: str | bytes | Iterable[str]) -> Graph:
    """Add N-Triples (text, UTF-8 bytes, or lines without their newlines) to ``graph``;
    return it.

    :raises SyntaxError: the data is not N-Triples (Oxigraph's parse error).
    """
    if not isinstance(data, (str, bytes)):
        data = "\n".join(data)
    if isinstance(data, str):
        data = data.encode("utf-8")
    if not data.strip():
        return graph
    known: dict[OxTerm, Node] = {}
    add = graph.add
    for triple in ox.parse(data, ox.RdfFormat.N_TRIPLES):
        terms = []
        for term in (triple.subject, triple.predicate, triple.object):
            converted = known.get(term)
            if converted is None:
                converted = known[term] = rdflib_term(term)
            terms.append(converted)
        add((terms[0], terms[1], terms[2]))
    return graph
