"""Oxigraph terms and N-Triples into rdflib graphs, fast.

Validation hands pyshacl rdflib graphs made from N-Triples lines the store holds: at
100,000 documents, some fifteen million lines. rdflib's own N-Triples parser is a Python
regex loop; Oxigraph's parser is native, and each distinct term (an entity IRI recurs in
thousands of lines) is turned into its rdflib form once. Loading shard-sized inputs takes
about a third less time; what is left is rdflib's ``Graph.add``.

The terms are those rdflib's parser makes, for the N-Triples this project writes
(:func:`hemekg.query.terms.from_oxigraph`: a plain literal stays without datatype, where
Oxigraph reports ``xsd:string``); a blank node label names one blank node throughout the
input. Oxigraph lower-cases language tags, which rdflib keeps as written; the project
writes ``en`` only.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier

from hemekg.query.terms import from_oxigraph

__all__ = ["add_ntriples"]

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal


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
    known: dict[OxTerm, Identifier] = {}
    add = graph.add
    for triple in ox.parse(data, ox.RdfFormat.N_TRIPLES):
        terms = []
        for term in (triple.subject, triple.predicate, triple.object):
            converted = known.get(term)
            if converted is None:
                converted = known[term] = from_oxigraph(term)
            terms.append(converted)
        add((terms[0], terms[1], terms[2]))
    return graph
