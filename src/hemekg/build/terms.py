"""Two renderings of RDF terms for the one graph mapping: rdflib objects or N-Triples text.

:mod:`hemekg.build.graph` and :mod:`hemekg.build.provenance` say once which triples a
statement, an entity and a document give; they build their terms through a
:class:`TermFactory` and hand each triple to an ``emit`` callback. :data:`RDFLIB` makes
rdflib terms (the clean build adds them to a :class:`rdflib.Graph`); :data:`NTRIPLES`
makes the N-Triples text of each term directly, with the bytes rdflib's N-Triples
serialiser (``rdflib/plugins/serializers/nt.py``) writes for the same term. The store
renders every document's graph this way: building an rdflib graph and serialising it cost
more than extracting the document.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache
from typing import Protocol, TypeVar

from rdflib import Literal, URIRef
from rdflib.namespace import XSD

__all__ = ["NTRIPLES", "RDFLIB", "NTriplesTerms", "RdflibTerms", "TermFactory"]

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)

#: the characters that make rdflib refuse to serialise an IRI (``rdflib.term._invalid_uri_chars``)
_INVALID_IRI = re.compile(r'[<>" {}|\\^`]')
_XSD_INTEGER = str(XSD.integer)
_XSD_DECIMAL = str(XSD.decimal)


class TermFactory(Protocol[T_co]):
    """Makes the terms of a triple; the graph mapping is written against this only."""

    def iri(self, value: str) -> T_co:
        """An IRI node."""

    def string(self, value: str) -> T_co:
        """A plain (``xsd:string``) literal."""

    def lang_string(self, value: str, lang: str) -> T_co:
        """A language-tagged literal."""

    def integer(self, value: int) -> T_co:
        """An ``xsd:integer`` literal."""

    def decimal(self, value: Decimal) -> T_co:
        """An ``xsd:decimal`` literal with the lexical form ``f"{value:f}"``."""


class RdflibTerms:
    """rdflib terms: what the clean build, the exports and the OWL view work on."""

    def iri(self, value: str) -> URIRef:
        """``URIRef(value)`` (an rdflib IRI is already one)."""
        return value if type(value) is URIRef else URIRef(value)

    def string(self, value: str) -> Literal:
        """``Literal(value)``."""
        return Literal(value)

    def lang_string(self, value: str, lang: str) -> Literal:
        """``Literal(value, lang=lang)``."""
        return Literal(value, lang=lang)

    def integer(self, value: int) -> Literal:
        """``Literal(value, datatype=xsd:integer)``."""
        return Literal(value, datatype=XSD.integer)

    def decimal(self, value: Decimal) -> Literal:
        """``Literal(value, datatype=xsd:decimal)`` (rdflib writes it as ``f"{value:f}"``)."""
        return Literal(value, datatype=XSD.decimal)


def _quote(value: str) -> str:
    # rdflib's _quote_encode: only these four characters are escaped, in this order
    escaped = value.replace("\\", "\\\\").replace("\n", "\\n")
    return '"' + escaped.replace('"', '\\"').replace("\r", "\\r") + '"'


@lru_cache(maxsize=1 << 14)
def _iri_text(value: str) -> str:
    # cached: the vocabulary and the entity nodes recur in every statement
    if _INVALID_IRI.search(value):
        raise ValueError(
            f'"{value}" does not look like a valid URI, I cannot serialize this as '
            "N3/Turtle. Perhaps you wanted to urlencode it?"
        )
    return f"<{value}>"


class NTriplesTerms:
    """N-Triples text of each term, byte for byte what rdflib's ``nt`` serialiser writes."""

    def iri(self, value: str) -> str:
        """``<value>``; raises as ``URIRef.n3`` does on a character N-Triples forbids."""
        return _iri_text(value)

    def string(self, value: str) -> str:
        """A quoted plain literal."""
        return _quote(value)

    def lang_string(self, value: str, lang: str) -> str:
        """A quoted literal with its language tag (kept as given, as rdflib keeps it)."""
        return f"{_quote(value)}@{lang}"

    def integer(self, value: int) -> str:
        """``"value"^^xsd:integer``."""
        return f'"{value:d}"^^<{_XSD_INTEGER}>'

    def decimal(self, value: Decimal) -> str:
        """``"value"^^xsd:decimal`` in rdflib's lexical form for a :class:`Decimal`."""
        return f'"{value:f}"^^<{_XSD_DECIMAL}>'


RDFLIB = RdflibTerms()
NTRIPLES = NTriplesTerms()
