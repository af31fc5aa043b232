"""Statements -> the RDF knowledge graph (the model is described in docs/ARCHITECTURE.md).

Entities are nodes typed with their ``hk:`` entity-type class (concept-as-node, as in
Biolink KGs); each positive statement is one direct triple between them, so a plain
SPARQL pattern finds it; its evidence hangs off an ``owl:Axiom`` node
(:mod:`hemekg.build.provenance`). Negated statements never reach the graph.

Which triples a set of statements gives is written once (:func:`graph_triples`, against a
:class:`hemekg.build.terms.TermFactory`) and rendered two ways: :func:`build_graph` makes
an rdflib graph (clean build, exports, OWL view); :func:`graph_ntriples` makes the sorted
N-Triples bytes of the same graph as plain strings (the store's per-document graphs),
several times faster than building the rdflib graph and serialising it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache
from typing import TypeVar

from rdflib import Graph
from rdflib.namespace import RDF, RDFS, SKOS

from hemekg.build.provenance import (
    Emit,
    document_triples,
    entity_node,
    graph_adder,
    provenance_triples,
)
from hemekg.build.terms import NTRIPLES, RDFLIB, TermFactory
from hemekg.iris import PROJECT_PREFIX, external_iri
from hemekg.model import Document, Entity, Statement
from hemekg.namespaces import OBOINOWL, bind_prefixes, entity_type_iri, predicate_iri

__all__ = ["build_graph", "entity_triples", "graph_ntriples", "graph_triples"]

T = TypeVar("T")

_TYPE, _LABEL = str(RDF.type), str(RDFS.label)
_ALT_LABEL, _EXACT_MATCH = str(SKOS.altLabel), str(SKOS.exactMatch)
_XREF = str(OBOINOWL.hasDbXref)
_PROJECT = f"{PROJECT_PREFIX}:"


def _same_name(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


@lru_cache(maxsize=1 << 15)
def _external_node(curie: str) -> str | None:
    iri = external_iri(curie)
    return None if iri is None else str(iri)


def entity_triples(
    terms: TermFactory[T], emit: Emit[T], entity: Entity, surface_forms: Iterable[str] = ()
) -> None:
    """Emit the description of ``entity``: type, one English label, alternative labels,
    external ids."""
    # the factories are module-level singletons, hashed by identity
    for triple in _description(terms, entity):  # type: ignore[arg-type]
        emit(*triple)
    node, alt_label = terms.iri(entity_node(entity.id)), terms.iri(_ALT_LABEL)
    for name in surface_forms:
        if name and not _same_name(name, entity.label):
            emit(node, alt_label, terms.lang_string(name, "en"))


@lru_cache(maxsize=1 << 13)
def _description(terms: TermFactory[T], entity: Entity) -> tuple[tuple[T, T, T], ...]:
    """What :func:`entity_triples` emits whatever the surface forms: the same in every
    document naming the entity, so made once per entity."""
    triples: list[tuple[T, T, T]] = []
    iri = terms.iri
    node = iri(entity_node(entity.id))
    triples.append((node, iri(_TYPE), iri(str(entity_type_iri(entity.type)))))
    triples.append((node, iri(_LABEL), terms.lang_string(entity.label, "en")))
    for name in entity.synonyms:
        if name and not _same_name(name, entity.label):
            triples.append((node, iri(_ALT_LABEL), terms.lang_string(name, "en")))
    for curie in (entity.id, *entity.xrefs):
        if curie.startswith(_PROJECT):
            continue
        triples.append((node, iri(_XREF), terms.string(curie)))
        external = _external_node(curie)
        if external is not None:
            triples.append((node, iri(_EXACT_MATCH), iri(external)))
    return tuple(triples)


def graph_triples(
    terms: TermFactory[T],
    emit: Emit[T],
    statements: Iterable[Statement],
    documents: Iterable[Document] = (),
) -> None:
    """Emit the knowledge graph of ``statements`` and ``documents`` (see :func:`build_graph`).

    Triples may be emitted more than once (an entity's type and label, say); both
    renderings keep each once.
    """
    entities: dict[str, Entity] = {}
    surfaces: dict[str, set[str]] = defaultdict(set)
    seen_ids: set[str] = set()
    iri = terms.iri
    for statement in statements:
        if statement.negated:
            continue
        statement_id = statement.id
        if statement_id in seen_ids:
            continue
        seen_ids.add(statement_id)
        for entity, surface in (
            (statement.subject, statement.subject_text),
            (statement.object, statement.object_text),
        ):
            entities.setdefault(entity.id, entity)
            if surface:
                surfaces[entity.id].add(surface)
        emit(
            iri(entity_node(statement.subject.id)),
            iri(str(predicate_iri(statement.predicate))),
            iri(entity_node(statement.object.id)),
        )
        provenance_triples(terms, emit, statement, statement_id)
    for entity_id, entity in entities.items():
        entity_triples(terms, emit, entity, sorted(surfaces[entity_id]))
    for document in documents:
        document_triples(terms, emit, document)


def build_graph(statements: Iterable[Statement], documents: Iterable[Document] = ()) -> Graph:
    """Assemble the knowledge graph from extracted statements.

    Negated statements are skipped (they stay in the JSON output and the review table).
    An entity met in several statements is described once, with every surface form the
    texts used as ``skos:altLabel``.

    :param statements: the statements to assert; order does not matter.
    :param documents: the documents the statements come from (their metadata is added).
    :returns: a new graph with the project's prefixes bound.
    """
    graph = bind_prefixes(Graph())
    graph_triples(RDFLIB, graph_adder(graph), statements, documents)
    return graph


def graph_ntriples(statements: Iterable[Statement], documents: Iterable[Document] = ()) -> bytes:
    """The graph :func:`build_graph` makes, as sorted distinct N-Triples lines (UTF-8).

    Byte for byte the lines rdflib's N-Triples serialiser writes for that graph, sorted
    (code point order) and each ended by ``\\n``; empty bytes for an empty graph.
    """
    lines: set[str] = set()
    add = lines.add
    graph_triples(NTRIPLES, lambda s, p, o: add(f"{s} {p} {o} ."), statements, documents)
    if not lines:
        return b""
    return ("\n".join(sorted(lines)) + "\n").encode("utf-8")
