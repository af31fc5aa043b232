"""What changed between two builds of the knowledge graph, in the terms of its RDF model.

A raw triple diff of two builds is unreadable: one new sentence adds a dozen provenance
triples. This module sorts the differences into what a curator cares about
(docs/ARCHITECTURE.md, "The RDF model"):

* **relations**: direct triples between entities (``hke:X hk:treatedWith hke:Y``),
  added or removed, with the entities' labels;
* **entities**: typed ``hke:`` nodes added, removed, or whose label or type changed;
* **evidence only**: a relation present in both builds whose ``owl:Axiom`` provenance
  nodes differ (new evidence, evidence gone, confidence or curation status changed);
* **documents**: source documents added, removed, or with a new content hash;
* **other**: any remaining triple (alternative labels, cross-references), counted only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.compare import graph_diff, to_isomorphic
from rdflib.namespace import OWL, PROV, RDF, RDFS
from rdflib.term import Node

from hemekg.iris import curie_from_entity_iri
from hemekg.model import EntityType, Predicate
from hemekg.namespaces import HK, HKE, entity_type_iri, predicate_iri

__all__ = [
    "DocumentChange",
    "EntityChange",
    "EntitySummary",
    "EvidenceChange",
    "GraphDiff",
    "Relation",
    "diff_graphs",
]

Triple = tuple[Node, Node, Node]

_PREDICATES: dict[Node, str] = {predicate_iri(p): p.value for p in Predicate}
_ENTITY_TYPES: dict[Node, str] = {entity_type_iri(t): t.value for t in EntityType}
_OFFSET_PROPERTIES = frozenset({"startOffset", "endOffset"})


@dataclass(frozen=True, slots=True, order=True)
class Relation:
    """A direct triple between two entities, named by labels and CURIEs."""

    predicate: str
    subject_label: str
    object_label: str
    subject: str
    object: str

    def __str__(self) -> str:
        return f"{self.subject_label} {self.predicate} {self.object_label}"

    def to_json(self) -> dict[str, str]:
        """The relation as a JSON object."""
        return {
            "subject": self.subject,
            "subject_label": self.subject_label,
            "predicate": self.predicate,
            "object": self.object,
            "object_label": self.object_label,
        }


@dataclass(frozen=True, slots=True, order=True)
class EntitySummary:
    """An entity: label, CURIE and entity types."""

    label: str
    id: str
    types: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.label} ({self.id}, {', '.join(self.types) or 'untyped'})"

    def to_json(self) -> dict[str, Any]:
        """The entity as a JSON object."""
        return {"id": self.id, "label": self.label, "types": list(self.types)}


@dataclass(frozen=True, slots=True, order=True)
class EntityChange:
    """An entity in both builds whose label or types changed."""

    id: str
    old: EntitySummary
    new: EntitySummary

    def __str__(self) -> str:
        return f"{self.old} -> {self.new}"

    def to_json(self) -> dict[str, Any]:
        """The change as a JSON object."""
        return {"id": self.id, "old": self.old.to_json(), "new": self.new.to_json()}


@dataclass(frozen=True, slots=True, order=True)
class EvidenceChange:
    """A relation in both builds whose provenance changed.

    Evidence items are ``document: sentence`` strings; ``changed`` are evidence nodes in
    both builds whose annotations differ, and ``properties`` names those annotations
    (``confidence``, ``curationStatus``, ``startOffset``, ...).
    """

    relation: Relation
    added: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    properties: tuple[str, ...] = ()

    def __str__(self) -> str:
        parts = [
            f"+{len(self.added)}" if self.added else "",
            f"-{len(self.removed)}" if self.removed else "",
        ]
        counts = " ".join(p for p in parts if p)
        changed = (
            f"{', ' if counts else ''}{len(self.changed)} re-annotated "
            f"({', '.join(self.properties)})"
            if self.changed
            else ""
        )
        evidence = f"{counts} evidence" if counts else ""
        return f"{self.relation}: {evidence}{changed}"

    @property
    def moved_only(self) -> bool:
        """True when only character offsets changed (text above the evidence was edited)."""
        return not (self.added or self.removed) and set(self.properties) <= _OFFSET_PROPERTIES

    def to_json(self) -> dict[str, Any]:
        """The change as a JSON object."""
        return {
            **self.relation.to_json(),
            "evidence_added": list(self.added),
            "evidence_removed": list(self.removed),
            "evidence_changed": list(self.changed),
            "annotations_changed": list(self.properties),
        }


@dataclass(frozen=True, slots=True, order=True)
class DocumentChange:
    """A source document added, removed, or whose content hash changed."""

    name: str
    change: str

    def __str__(self) -> str:
        return f"{self.name} ({self.change})"


@dataclass(frozen=True)
class GraphDiff:
    """The differences between an old and a new build, sorted into kinds."""

    added_relations: tuple[Relation, ...] = ()
    removed_relations: tuple[Relation, ...] = ()
    added_entities: tuple[EntitySummary, ...] = ()
    removed_entities: tuple[EntitySummary, ...] = ()
    changed_entities: tuple[EntityChange, ...] = ()
    evidence: tuple[EvidenceChange, ...] = ()
    documents: tuple[DocumentChange, ...] = ()
    other_added: int = 0
    other_removed: int = 0
    sizes: tuple[int, int] = field(default=(0, 0))

    @property
    def equal(self) -> bool:
        """True when the two graphs hold the same triples."""
        return not (
            self.added_relations
            or self.removed_relations
            or self.added_entities
            or self.removed_entities
            or self.changed_entities
            or self.evidence
            or self.documents
            or self.other_added
            or self.other_removed
        )

    def to_json(self) -> dict[str, Any]:
        """The diff as a JSON-ready dict (relations grouped by predicate)."""

        def grouped(relations: Iterable[Relation]) -> dict[str, list[dict[str, str]]]:
            groups: dict[str, list[dict[str, str]]] = defaultdict(list)
            for relation in sorted(relations):
                groups[relation.predicate].append(relation.to_json())
            return dict(sorted(groups.items()))

        return {
            "equal": self.equal,
            "triples": {"old": self.sizes[0], "new": self.sizes[1]},
            "relations": {
                "added": grouped(self.added_relations),
                "removed": grouped(self.removed_relations),
            },
            "entities": {
                "added": [e.to_json() for e in self.added_entities],
                "removed": [e.to_json() for e in self.removed_entities],
                "changed": [e.to_json() for e in self.changed_entities],
            },
            "evidence_only": [e.to_json() for e in self.evidence],
            "documents": [{"name": d.name, "change": d.change} for d in self.documents],
            "other_triples": {"added": self.other_added, "removed": self.other_removed},
        }


def _is_entity(node: Node) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(str(HKE))


def _curie(node: Node) -> str:
    return curie_from_entity_iri(str(node)) if _is_entity(node) else str(node)


def _label(node: Node, *graphs: Graph) -> str:
    """The entity's label (English first), from the first graph that has one; else its CURIE."""
    for graph in graphs:
        labels = sorted(
            graph.objects(node, RDFS.label),
            key=lambda lit: (not (isinstance(lit, Literal) and lit.language == "en"), str(lit)),
        )
        if labels:
            return str(labels[0])
    return _curie(node)


class _View:
    """The parts of one graph the diff compares."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.relations: set[Triple] = {
            (s, p, o)
            for p in _PREDICATES
            for s, o in graph.subject_objects(p)
            if _is_entity(s) and _is_entity(o)
        }
        types: dict[Node, set[str]] = defaultdict(set)
        for type_iri, name in _ENTITY_TYPES.items():
            for node in graph.subjects(RDF.type, type_iri):
                if _is_entity(node):
                    types[node].add(name)
        self.entities: dict[Node, tuple[str, ...]] = {n: tuple(sorted(t)) for n, t in types.items()}
        self.axioms: dict[Triple, dict[Node, frozenset[tuple[Node, Node]]]] = defaultdict(dict)
        for node in graph.subjects(RDF.type, OWL.Axiom):
            source = graph.value(node, OWL.annotatedSource)
            prop = graph.value(node, OWL.annotatedProperty)
            target = graph.value(node, OWL.annotatedTarget)
            if source is None or prop is None or target is None:
                continue
            self.axioms[(source, prop, target)][node] = frozenset(graph.predicate_objects(node))
        self.documents: dict[Node, str] = {
            node: str(graph.value(node, HK.contentHash) or "")
            for node in graph.subjects(RDF.type, HK.SourceDocument)
        }

    def explained(self, triple: Triple) -> bool:
        """True when ``triple`` is a relation, an entity's type or label, or part of an axiom,
        a curator or a document description."""
        s, p, o = triple
        if triple in self.relations:
            return True
        if s in self.entities and (p == RDFS.label or (p == RDF.type and o in _ENTITY_TYPES)):
            return True
        if s in self.documents:
            return True
        return (s, RDF.type, OWL.Axiom) in self.graph or (
            p == PROV.wasAttributedTo or (s, RDF.type, PROV.Agent) in self.graph
        )


def _relation(triple: Triple, *graphs: Graph) -> Relation:
    s, p, o = triple
    return Relation(_PREDICATES[p], _label(s, *graphs), _label(o, *graphs), _curie(s), _curie(o))


def _local_name(iri: Node) -> str:
    return str(iri).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _evidence_text(graph: Graph, node: Node) -> str:
    document = graph.value(node, PROV.wasDerivedFrom)
    name = _label(document, graph) if document is not None else "?"
    return f"{name}: {graph.value(node, HK.evidenceText) or ''}"


def _triple_changes(old: Graph, new: Graph) -> tuple[set[Triple], set[Triple]]:
    """Triples only in ``new`` and only in ``old``; blank nodes are matched canonically."""
    has_bnodes = any(isinstance(term, BNode) for graph in (old, new) for t in graph for term in t)
    if has_bnodes:
        _, only_old, only_new = graph_diff(to_isomorphic(old), to_isomorphic(new))
        return set(only_new), set(only_old)
    old_set, new_set = set(old), set(new)
    return new_set - old_set, old_set - new_set


def diff_graphs(old: Graph, new: Graph) -> GraphDiff:
    """Compare two builds of the knowledge graph.

    :returns: relations, entities, evidence-only and document changes, and a count of
        any other differing triples; :attr:`GraphDiff.equal` when none.
    """
    a, b = _View(old), _View(new)
    added_relations = sorted(_relation(t, new, old) for t in b.relations - a.relations)
    removed_relations = sorted(_relation(t, old, new) for t in a.relations - b.relations)

    def summary(node: Node, view: _View, *graphs: Graph) -> EntitySummary:
        return EntitySummary(_label(node, *graphs), _curie(node), view.entities[node])

    added_entities = sorted(summary(n, b, new) for n in b.entities.keys() - a.entities.keys())
    removed_entities = sorted(summary(n, a, old) for n in a.entities.keys() - b.entities.keys())
    changed_entities = []
    for node in a.entities.keys() & b.entities.keys():
        before, after = summary(node, a, old), summary(node, b, new)
        if (before.label, before.types) != (after.label, after.types):
            changed_entities.append(EntityChange(before.id, before, after))

    evidence = []
    for triple in a.relations & b.relations:
        old_nodes, new_nodes = a.axioms.get(triple, {}), b.axioms.get(triple, {})
        added = sorted(_evidence_text(new, n) for n in new_nodes.keys() - old_nodes.keys())
        removed = sorted(_evidence_text(old, n) for n in old_nodes.keys() - new_nodes.keys())
        changed_nodes = [
            n for n in old_nodes.keys() & new_nodes.keys() if old_nodes[n] != new_nodes[n]
        ]
        changed = sorted(_evidence_text(new, n) for n in changed_nodes)
        properties = sorted(
            {_local_name(p) for n in changed_nodes for p, _ in old_nodes[n] ^ new_nodes[n]}
        )
        if added or removed or changed:
            relation = _relation(triple, new, old)
            evidence.append(
                EvidenceChange(
                    relation, tuple(added), tuple(removed), tuple(changed), tuple(properties)
                )
            )

    documents = [
        DocumentChange(_label(n, new), "added") for n in b.documents.keys() - a.documents.keys()
    ]
    documents += [
        DocumentChange(_label(n, old), "removed") for n in a.documents.keys() - b.documents.keys()
    ]
    documents += [
        DocumentChange(_label(n, new), "content changed")
        for n in a.documents.keys() & b.documents.keys()
        if a.documents[n] != b.documents[n]
    ]

    only_new, only_old = _triple_changes(old, new)
    other_added = sum(1 for t in only_new if not b.explained(t))
    other_removed = sum(1 for t in only_old if not a.explained(t))
    return GraphDiff(
        added_relations=tuple(added_relations),
        removed_relations=tuple(removed_relations),
        added_entities=tuple(added_entities),
        removed_entities=tuple(removed_entities),
        changed_entities=tuple(sorted(changed_entities)),
        evidence=tuple(sorted(evidence)),
        documents=tuple(sorted(documents)),
        other_added=other_added,
        other_removed=other_removed,
        sizes=(len(old), len(new)),
    )
