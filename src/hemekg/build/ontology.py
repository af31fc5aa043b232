"""The hand-written TBox (``ontology/hemekg.ttl``) and ontology headers with release dates.

The TBox is loaded once per process and copied for each use, so callers may change
their copy. Release dates never come from the wall clock: they come from an argument,
from ``SOURCE_DATE_EPOCH`` (the reproducible-builds convention), or from a fixed default,
so two builds of the same input are byte-identical.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from functools import cache

from rdflib import Graph, Literal, URIRef
from rdflib.compare import to_canonical_graph
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from hemekg.errors import BuildError
from hemekg.namespaces import BASE, bind_prefixes
from hemekg.resources import ontology_dir

__all__ = [
    "DEFAULT_RELEASE_DATE",
    "LICENSE",
    "TBOX_IRI",
    "add_ontology_header",
    "load_tbox",
    "release_date",
    "tbox_path",
]

#: the TBox's own ontology IRI (its header is dropped when the TBox is merged elsewhere).
TBOX_IRI = URIRef(BASE + "ontology")
#: the ontology licence (the code is MIT; see docs/ONTOLOGY.md).
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
#: used when neither an explicit date nor SOURCE_DATE_EPOCH is given.
DEFAULT_RELEASE_DATE = date(2026, 11, 22)


def tbox_path() -> str:
    """Path of the packaged TBox file, as a string for messages."""
    return str(ontology_dir() / "hemekg.ttl")


@cache
def _tbox() -> Graph:
    path = ontology_dir() / "hemekg.ttl"
    try:
        graph = Graph().parse(path, format="turtle")
    except Exception as error:  # a broken packaged file is a build problem, not a crash
        raise BuildError(f"cannot load the TBox: {' '.join(str(error).split())}", path) from None
    # Blank nodes (disjointness axioms, union ranges) get content-derived labels, so
    # every serialisation that includes the TBox is stable across runs.
    return to_canonical_graph(graph)


def load_tbox(*, with_header: bool = True) -> Graph:
    """A fresh copy of the TBox, prefixes bound.

    :param with_header: keep the ``owl:Ontology`` header; leave it out when merging the
        TBox into another ontology, which has its own header (one ontology per document).
    """
    graph = bind_prefixes(Graph())
    graph.bind("biolink", "https://w3id.org/biolink/vocab/")
    for triple in _tbox():
        if not with_header and triple[0] == TBOX_IRI:
            continue
        graph.add(triple)
    return graph


def release_date(value: date | str | None = None) -> date:
    """The release date: ``value``, else ``SOURCE_DATE_EPOCH``, else :data:`DEFAULT_RELEASE_DATE`.

    >>> release_date("2025-01-31").isoformat()
    '2025-01-31'

    :raises BuildError: the date or ``SOURCE_DATE_EPOCH`` is malformed.
    """
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise BuildError(f"not a date (YYYY-MM-DD): {value!r}") from None
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return datetime.fromtimestamp(int(epoch), tz=UTC).date()
        except (ValueError, OverflowError, OSError):
            raise BuildError(f"SOURCE_DATE_EPOCH is not a Unix time: {epoch!r}") from None
    return DEFAULT_RELEASE_DATE


def add_ontology_header(
    graph: Graph,
    iri: URIRef,
    version_iri: URIRef,
    *,
    title: str,
    description: str,
    created: date,
    comment: str = "",
) -> URIRef:
    """Declare ``iri`` an ``owl:Ontology`` with version, title, description, licence, date."""
    graph.add((iri, RDF.type, OWL.Ontology))
    graph.add((iri, OWL.versionIRI, version_iri))
    graph.add((iri, OWL.versionInfo, Literal(created.isoformat())))
    graph.add((iri, DCTERMS.title, Literal(title, lang="en")))
    graph.add((iri, DCTERMS.description, Literal(description, lang="en")))
    graph.add((iri, DCTERMS.license, LICENSE))
    graph.add((iri, DCTERMS.created, Literal(created.isoformat(), datatype=XSD.date)))
    if comment:
        graph.add((iri, RDFS.comment, Literal(comment, lang="en")))
    return iri
