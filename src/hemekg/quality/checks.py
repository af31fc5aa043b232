"""Named quality checks over a knowledge graph or its OWL view (in the spirit of ROBOT report).

SHACL says whether a graph is *valid*; these checks say whether it is *good*: every
entity named once and unambiguously, every reference resolvable, the taxonomy connected.
Each check is a function ``(graph) -> Iterator[Finding]`` registered in :data:`CHECKS`
with its level, so adding one is one function and one table row.

Entities are the ``hke:`` IRIs; TBox terms are the other ``hk:`` IRIs. Both the KG
(entities typed ``hk:Disease``...) and the OWL view (entities ``SubClassOf hk:Disease``,
relations as ``some`` restrictions) are understood.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from hemekg.model import EntityType, Predicate
from hemekg.namespaces import BASE, HKE, OBOINOWL, bind_prefixes, entity_type_iri, predicate_iri
from hemekg.quality.findings import Finding, Level, QualityReport

__all__ = ["CHECKS", "Check", "run_checks"]

_DEFINITIONS = (URIRef("http://purl.obolibrary.org/obo/IAO_0000115"), SKOS.definition)
_TYPE_CLASSES = frozenset(entity_type_iri(t) for t in EntityType)
_RELATIONS = frozenset(predicate_iri(p) for p in Predicate)  # includes rdfs:subClassOf
_CURIE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*:\S+$")


class _Context:
    """What every check needs: the graph, its entities, names, and relation edges."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.names = bind_prefixes(Graph()).namespace_manager
        self.entities = sorted(
            {
                n
                for triple in graph
                for n in triple
                if isinstance(n, URIRef) and str(n).startswith(str(HKE))
            },
            key=str,
        )
        self.terms = sorted(
            {
                s
                for s in graph.subjects(RDF.type, None)
                if isinstance(s, URIRef)
                and str(s).startswith(BASE)
                and not str(s).startswith(str(HKE))
                and _is_term(graph, s)
            },
            key=str,
        )
        self.edges = sorted(self._edges(), key=lambda e: tuple(map(str, e)))

    def _edges(self) -> Iterator[tuple[URIRef, URIRef, URIRef]]:
        """(subject, predicate, object) of each statement, in either representation."""
        for s, p, o in self.graph:
            if not (isinstance(s, URIRef) and str(s).startswith(str(HKE))):
                continue
            if p in _RELATIONS and isinstance(o, URIRef) and o not in _TYPE_CLASSES:
                yield s, p, o  # type: ignore[misc]
            elif p == RDFS.subClassOf and isinstance(o, BNode):
                prop = self.graph.value(o, OWL.onProperty)
                filler = self.graph.value(o, OWL.someValuesFrom)
                if isinstance(prop, URIRef) and isinstance(filler, URIRef):
                    yield s, prop, filler

    def curie(self, node: Node) -> str:
        try:
            return self.names.curie(str(node), generate=False)
        except (KeyError, ValueError):
            return str(node)

    def label(self, node: Node) -> str:
        labels = sorted(str(x) for x in self.graph.objects(node, RDFS.label))
        return labels[0] if labels else ""

    def is_typed(self, node: Node) -> bool:
        return any(t in _TYPE_CLASSES for t in self.graph.objects(node, RDF.type)) or any(
            t in _TYPE_CLASSES for t in self.graph.objects(node, RDFS.subClassOf)
        )

    def finding(
        self,
        level: Level,
        rule: str,
        node: Node,
        message: str,
        prop: Node | None = None,
        value: Node | str = "",
    ) -> Finding:
        shown = self.curie(value) if isinstance(value, URIRef) else str(value)
        return Finding(
            level=level,
            rule=rule,
            subject=self.curie(node),
            label=self.label(node),
            property=self.curie(prop) if prop is not None else "",
            value=shown,
            message=message,
        )


def _is_term(graph: Graph, node: URIRef) -> bool:
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.AnnotationProperty, OWL.DatatypeProperty}
    return any(t in kinds for t in graph.objects(node, RDF.type))


@dataclass(frozen=True, slots=True)
class Check:
    """A named check, its level, and what it looks for."""

    name: str
    level: Level
    description: str
    run: Callable[[_Context, Level], Iterator[Finding]]


def _missing_label(ctx: _Context, level: Level) -> Iterator[Finding]:
    for node in (*ctx.entities, *ctx.terms):
        if (node, RDFS.label, None) not in ctx.graph:
            yield ctx.finding(level, "missing_label", node, "no rdfs:label", RDFS.label)


def _multiple_labels(ctx: _Context, level: Level) -> Iterator[Finding]:
    for node in (*ctx.entities, *ctx.terms):
        by_language: dict[str, list[str]] = defaultdict(list)
        for label in ctx.graph.objects(node, RDFS.label):
            by_language[getattr(label, "language", None) or ""].append(str(label))
        for language, labels in sorted(by_language.items()):
            if len(labels) > 1:
                shown = " | ".join(sorted(labels))
                yield ctx.finding(
                    level,
                    "multiple_labels",
                    node,
                    f"{len(labels)} rdfs:label values for language '{language or 'none'}'",
                    RDFS.label,
                    shown,
                )


def _duplicate_label(ctx: _Context, level: Level) -> Iterator[Finding]:
    owners: dict[tuple[str, str], set[URIRef]] = defaultdict(set)
    for node in ctx.entities:
        for label in ctx.graph.objects(node, RDFS.label):
            key = (" ".join(str(label).casefold().split()), getattr(label, "language", None) or "")
            owners[key].add(node)
    for (text, _language), nodes in sorted(owners.items()):
        if len(nodes) > 1:
            for node in sorted(nodes, key=str):
                others = ", ".join(ctx.curie(n) for n in sorted(nodes - {node}, key=str))
                yield ctx.finding(
                    level, "duplicate_label", node, f"label shared with {others}", RDFS.label, text
                )


def _missing_definition(ctx: _Context, level: Level) -> Iterator[Finding]:
    for node in ctx.terms:
        if not any((node, d, None) in ctx.graph for d in _DEFINITIONS):
            yield ctx.finding(
                level, "missing_definition", node, "TBox term without a definition", _DEFINITIONS[0]
            )


def _entity_missing_definition(ctx: _Context, level: Level) -> Iterator[Finding]:
    for node in ctx.entities:
        if not any((node, d, None) in ctx.graph for d in _DEFINITIONS):
            yield ctx.finding(
                level,
                "entity_missing_definition",
                node,
                "entity without a definition (see its exact matches)",
                _DEFINITIONS[0],
            )


def _dangling_reference(ctx: _Context, level: Level) -> Iterator[Finding]:
    for subject, predicate, obj in ctx.edges:
        problems = []
        if not ctx.is_typed(obj):
            problems.append("no entity type")
        if (obj, RDFS.label, None) not in ctx.graph:
            problems.append("no label")
        if problems:
            yield ctx.finding(
                level,
                "dangling_reference",
                subject,
                f"{ctx.curie(predicate)} points to {ctx.curie(obj)}, which has "
                + " and ".join(problems),
                predicate,
                obj,
            )


def _missing_type(ctx: _Context, level: Level) -> Iterator[Finding]:
    subjects = {s for s, _p, _o in ctx.edges}
    for node in ctx.entities:
        if node in subjects and not ctx.is_typed(node):
            yield ctx.finding(
                level,
                "missing_type",
                node,
                "entity states relations but has no entity type",
                RDF.type,
            )


def _no_parent(ctx: _Context, level: Level) -> Iterator[Finding]:
    with_parent = {s for s, p, _o in ctx.edges if p == RDFS.subClassOf}
    for node in ctx.entities:
        if node not in with_parent and ctx.is_typed(node):
            yield ctx.finding(
                level, "no_parent", node, "top of the taxonomy: no parent entity", RDFS.subClassOf
            )


def _invalid_xref(ctx: _Context, level: Level) -> Iterator[Finding]:
    for node in ctx.entities:
        for xref in ctx.graph.objects(node, OBOINOWL.hasDbXref):
            if not isinstance(xref, Literal) or not _CURIE.match(str(xref)):
                yield ctx.finding(
                    level,
                    "invalid_xref",
                    node,
                    "xref is not a CURIE",
                    OBOINOWL.hasDbXref,
                    str(xref),
                )


def _label_whitespace(ctx: _Context, level: Level) -> Iterator[Finding]:
    for node in (*ctx.entities, *ctx.terms):
        for label in ctx.graph.objects(node, RDFS.label):
            text = str(label)
            if text != text.strip() or "  " in text or "\n" in text or "\t" in text:
                yield ctx.finding(
                    level,
                    "label_whitespace",
                    node,
                    "label has leading, trailing or repeated white space",
                    RDFS.label,
                    text,
                )


#: every check, in report order; the level is the default severity of its findings.
CHECKS: tuple[Check, ...] = (
    Check("missing_label", Level.ERROR, "an entity or TBox term has no rdfs:label", _missing_label),
    Check(
        "multiple_labels", Level.ERROR, "more than one rdfs:label in one language", _multiple_labels
    ),
    Check(
        "dangling_reference",
        Level.ERROR,
        "a statement's object has no entity type or no label",
        _dangling_reference,
    ),
    Check("missing_type", Level.ERROR, "an entity states relations but has no type", _missing_type),
    Check("duplicate_label", Level.WARN, "two entities share a label", _duplicate_label),
    Check("missing_definition", Level.WARN, "a TBox term has no definition", _missing_definition),
    Check("invalid_xref", Level.WARN, "an oboInOwl:hasDbXref is not a CURIE", _invalid_xref),
    Check("label_whitespace", Level.WARN, "a label has stray white space", _label_whitespace),
    Check("no_parent", Level.INFO, "an entity has no parent in the taxonomy", _no_parent),
    Check(
        "entity_missing_definition",
        Level.INFO,
        "an entity carries no definition of its own",
        _entity_missing_definition,
    ),
)


def run_checks(graph: Graph, checks: tuple[Check, ...] = CHECKS) -> QualityReport:
    """Run ``checks`` on ``graph`` and collect the findings."""
    ctx = _Context(graph)
    findings = [finding for check in checks for finding in check.run(ctx, check.level)]
    return QualityReport(findings)
