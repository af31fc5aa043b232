"""The shapes' SHACL-SPARQL constraints, run once over the whole graph by Oxigraph.

pyshacl evaluates a ``sh:sparql`` constraint once per focus node with rdflib's SPARQL
engine; on the packaged shapes that is 97% of its time (23 s of 23.6 s on a 5,500-triple
graph). Every packaged constraint binds ``$this`` in a triple pattern of its query, so
evaluating the query once with ``$this`` free and keeping the rows whose ``$this`` is a
focus node of the shape gives the same solutions as pre-binding (SHACL 1.0, 5.3.1): one
Oxigraph query per constraint instead of one rdflib query per node. Results are written
in the W3C vocabulary exactly as pyshacl writes them (component, source shape and
constraint, value, path, messages with ``{?var}`` substituted), so the same
:func:`hemekg.validate.report.report_from_results` turns them into the same records.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH
from rdflib.term import Node

__all__ = ["SparqlConstraint", "core_shapes", "run_sparql_constraints", "sparql_constraints"]


@dataclass(frozen=True)
class SparqlConstraint:
    """One ``sh:sparql`` constraint of a shape, ready to run."""

    shape: Node
    constraint: Node
    query: str
    messages: tuple[Literal, ...]
    severity: URIRef
    target_classes: tuple[URIRef, ...]
    target_subjects_of: tuple[URIRef, ...]
    path: Node | None = None


def _prefixes(shapes: Graph, constraint: Node) -> str:
    lines = []
    for owner in shapes.objects(constraint, SH.prefixes):
        for declaration in shapes.objects(owner, SH.declare):
            prefix = shapes.value(declaration, SH.prefix)
            namespace = shapes.value(declaration, SH.namespace)
            if prefix is not None and namespace is not None:
                lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(set(lines)))


def sparql_constraints(shapes: Graph) -> list[SparqlConstraint]:
    """Every ``sh:sparql`` SELECT constraint of ``shapes`` with its shape's targets.

    :raises ValueError: a constraint this runner cannot evaluate exactly (no SELECT, or a
        shape targeting something other than classes and subjects of predicates).
    """
    found = []
    for shape, constraint in sorted(
        shapes.subject_objects(SH.sparql), key=lambda so: (str(so[0]), str(so[1]))
    ):
        if (shape, SH.deactivated, Literal(True)) in shapes:
            continue
        select = shapes.value(constraint, SH.select)
        if select is None:
            raise ValueError(f"{shape}: only sh:select constraints are supported")
        if any(
            shapes.value(shape, p) is not None
            for p in (SH.targetNode, SH.targetObjectsOf, SH.target)
        ):
            raise ValueError(f"{shape}: only sh:targetClass and sh:targetSubjectsOf are supported")
        if "$this" not in str(select):
            raise ValueError(f"{shape}: the constraint does not use $this")
        query = _prefixes(shapes, constraint) + "\n" + re.sub(r"\$this\b", "?this", str(select))
        severity = str(shapes.value(shape, SH.severity) or SH.Violation)
        messages = tuple(
            m for m in shapes.objects(constraint, SH.message) if isinstance(m, Literal)
        )
        found.append(
            SparqlConstraint(
                shape,
                constraint,
                query,
                messages,
                URIRef(severity),
                tuple(sorted(URIRef(str(c)) for c in shapes.objects(shape, SH.targetClass))),
                tuple(sorted(URIRef(str(p)) for p in shapes.objects(shape, SH.targetSubjectsOf))),
                shapes.value(shape, SH.path),
            )
        )
    return found


def core_shapes(shapes: Graph) -> Graph:
    """``shapes`` without its ``sh:sparql`` links: what pyshacl still has to check."""
    core = Graph()
    for prefix, namespace in shapes.namespaces():
        core.bind(prefix, namespace)
    for triple in shapes:
        if triple[1] != SH.sparql:
            core.add(triple)
    return core


def _to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _targets(dataset: ox.Store, constraint: SparqlConstraint) -> set[str]:
    parts = [
        f"{{ ?this <{RDF.type}>/<{RDFS.subClassOf}>* <{c}> }}" for c in constraint.target_classes
    ]
    parts += [f"{{ ?this <{p}> ?any }}" for p in constraint.target_subjects_of]
    if not parts:
        return set()
    query = "SELECT DISTINCT ?this WHERE { " + " UNION ".join(parts) + " }"
    rows = dataset.query(query, use_default_graph_as_union=True)
    assert isinstance(rows, ox.QuerySolutions)
    return {str(row["this"]) for row in rows}


def _message(text: str, bindings: dict[str, Node]) -> str:
    # pyshacl's substitution: "{?var}" and "{$var}" become str(term)
    for name, value in bindings.items():
        text = re.sub(f"{{[?$]{name}}}", str(value), text)
    return text


def run_sparql_constraints(dataset: ox.Store, constraints: list[SparqlConstraint]) -> Graph:
    """Evaluate ``constraints`` over the union of ``dataset``'s graphs.

    :returns: the W3C validation results (no report node), one per solution row.
    """
    results = Graph()
    for constraint in constraints:
        targets = _targets(dataset, constraint)
        if not targets:
            continue
        solutions = dataset.query(constraint.query, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        names = [v.value for v in solutions.variables]
        for row in solutions:
            this = row["this"]
            if this is None or str(this) not in targets:
                continue
            bindings = {n: _to_rdflib(row[n]) for n in names if row[n] is not None}
            node = BNode()
            results.add((node, RDF.type, SH.ValidationResult))
            results.add((node, SH.sourceConstraintComponent, SH.SPARQLConstraintComponent))
            results.add((node, SH.sourceShape, constraint.shape))
            results.add((node, SH.sourceConstraint, constraint.constraint))
            results.add((node, SH.resultSeverity, constraint.severity))
            results.add((node, SH.focusNode, bindings["this"]))
            # SHACL 5.3.2: without ?value the focus node is the value; without ?path a
            # property shape's own path is the result path
            results.add((node, SH.value, bindings.get("value", bindings["this"])))
            path = bindings.get("path", constraint.path)
            if path is not None:
                results.add((node, SH.resultPath, path))
            for message in constraint.messages:
                results.add((node, SH.resultMessage, Literal(_message(str(message), bindings))))
    return results
