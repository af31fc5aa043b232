"""Statements -> the RDF knowledge graph (the model is described in docs/ARCHITECTURE.md).

Entities are nodes typed with their ``hk:`` entity-type class (concept-as-node, as in
Biolink KGs); each positive statement is one direct triple between them, so a plain
SPARQL pattern finds it; its evidence hangs off an ``owl:Axiom`` node
(:mod:`hemekg.build.provenance`). Negated statements never reach the graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from hemekg.build.provenance import add_document, add_provenance
from hemekg.iris import PROJECT_PREFIX, entity_iri, external_iri
from hemekg.model import Document, Entity, Statement
from hemekg.namespaces import OBOINOWL, bind_prefixes, entity_type_iri, predicate_iri

__all__ = ["add_entity", "build_graph"]


def _same_name(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def add_entity(graph: Graph, entity: Entity, surface_forms: Iterable[str] = ()) -> None:
    """Describe ``entity``: type, one English label, alternative labels, external ids."""
    node = entity_iri(entity.id)
    graph.add((node, RDF.type, entity_type_iri(entity.type)))
    graph.add((node, RDFS.label, Literal(entity.label, lang="en")))
    for name in (*entity.synonyms, *surface_forms):
        if name and not _same_name(name, entity.label):
            graph.add((node, SKOS.altLabel, Literal(name, lang="en")))
    curies = (entity.id, *entity.xrefs)
    for curie in curies:
        if curie.startswith(f"{PROJECT_PREFIX}:"):
            continue
        graph.add((node, OBOINOWL.hasDbXref, Literal(curie)))
        iri = external_iri(curie)
        if iri is not None:
            graph.add((node, SKOS.exactMatch, iri))


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
    entities: dict[str, Entity] = {}
    surfaces: dict[str, set[str]] = defaultdict(set)
    seen_ids: set[str] = set()
    for statement in statements:
        if statement.negated or statement.id in seen_ids:
            continue
        seen_ids.add(statement.id)
        for entity, surface in (
            (statement.subject, statement.subject_text),
            (statement.object, statement.object_text),
        ):
            entities.setdefault(entity.id, entity)
            if surface:
                surfaces[entity.id].add(surface)
        graph.add(
            (
                entity_iri(statement.subject.id),
                predicate_iri(statement.predicate),
                entity_iri(statement.object.id),
            )
        )
        add_provenance(graph, statement)
    for entity_id, entity in entities.items():
        add_entity(graph, entity, sorted(surfaces[entity_id]))
    for document in documents:
        add_document(graph, document)
    return graph
