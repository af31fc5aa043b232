"""Which focus nodes *may* have a SHACL Core result: a sound pre-filter run in Oxigraph.

pyshacl checks SHACL Core at a few thousand triples per second per core; a corpus of
10,000 documents has about two million. Almost every node conforms, and proving that is
much cheaper than reporting why a node does not. So each Core constraint of the shapes is
compiled into one Oxigraph SPARQL query over the whole store that selects every focus
node that *might* violate it (an over-approximation: any doubt, such as a comparison
that errors, a literal Oxigraph may have normalised, or a blank node, selects the node),
and only the selected nodes are validated by pyshacl, on the same lean closures as
before. The report is therefore pyshacl's own, node for node; the pre-filter only decides
which nodes can be skipped because no Core constraint can fail on them.

Soundness rests on every component being over-approximated; a shape using anything not
compiled here (another component, a path that is not one IRI, a SPARQL target, nested
property shapes) makes :func:`suspect_focus_nodes` return None, and the caller then
validates every node as before. ``tests/scale/test_core_prefilter.py`` checks, per
component, that every node pyshacl reports is selected.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD
from rdflib.term import Node

__all__ = ["CompiledCore", "compile_core", "suspect_focus_nodes"]

_TARGETS = (SH.targetClass, SH.targetSubjectsOf, SH.targetObjectsOf, SH.targetNode, SH.target)
#: predicates of a shape that add no constraint (or that another runner handles: sh:sparql).
_NEUTRAL = {
    RDF.type,
    RDFS.label,
    RDFS.comment,
    SH.message,
    SH.severity,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.deactivated,
    SH.sparql,
    SH.property,
    SH.path,
    SH.flags,
    SH.targetClass,
    SH.targetSubjectsOf,
}
_VALUE_COMPONENTS = {
    SH["class"],
    SH.datatype,
    SH.nodeKind,
    SH["in"],
    SH.minInclusive,
    SH.maxInclusive,
    SH.minExclusive,
    SH.maxExclusive,
    SH.minLength,
    SH.maxLength,
    SH["or"],
}
_FOCUS_COMPONENTS = {SH.minCount, SH.maxCount, SH.uniqueLang, SH.lessThan, SH.lessThanOrEquals}
_LEXICAL = {
    str(XSD.integer): r"^[+-]?[0-9]+$",
    str(XSD.decimal): r"^[+-]?([0-9]+([.][0-9]*)?|[.][0-9]+)$",
    str(XSD.boolean): r"^(true|false|0|1)$",
}
_FREE_FORM = {str(XSD.string), str(RDF.langString)}
_TYPE_PATH = f"<{RDF.type}>/<{RDFS.subClassOf}>*"


class Unsupported(Exception):
    """The shapes use something this pre-filter does not compile (validate everything)."""


@dataclass
class CompiledCore:
    """The pre-filter of one shapes graph: SPARQL queries and Python pattern checks."""

    #: queries whose ?this rows are suspect focus nodes.
    queries: list[str] = field(default_factory=list)
    #: (query selecting ?this ?v, regex, flags): a suspect when ``?v`` fails the regex.
    patterns: list[tuple[str, str, str]] = field(default_factory=list)


def _term(node: Node) -> str:
    if isinstance(node, URIRef):
        return f"<{node}>"
    if isinstance(node, Literal):
        return node.n3()
    raise Unsupported(f"blank node {node} in a constraint")


def _targets(shapes: Graph, shape: Node) -> list[str]:
    if (shape, RDF.type, RDFS.Class) in shapes or (shape, RDF.type, OWL.Class) in shapes:
        raise Unsupported(f"{shape}: implicit class target")
    for predicate in (SH.targetObjectsOf, SH.targetNode, SH.target):
        if shapes.value(shape, predicate) is not None:
            raise Unsupported(f"{shape}: {predicate} (focus nodes that are not subjects)")
    parts = [f"{{ ?this {_TYPE_PATH} {_term(c)} }}" for c in shapes.objects(shape, SH.targetClass)]
    parts += [
        f"{{ ?this {_term(p)} ?targetAny }}" for p in shapes.objects(shape, SH.targetSubjectsOf)
    ]
    return sorted(parts)


def _passes(shapes: Graph, predicate: Node, value: Node, var: str) -> str:
    """SPARQL boolean expression: ``var`` certainly satisfies this value constraint."""
    if predicate == SH["class"]:
        return f"EXISTS {{ {var} {_TYPE_PATH} {_term(value)} }}"
    if predicate == SH.datatype:
        lexical = _LEXICAL.get(str(value))
        if str(value) in _FREE_FORM:
            check = "true"
        elif lexical is not None:
            check = f'REGEX(STR({var}), "{lexical}")'
        else:
            check = "false"  # cannot tell a well-formed value: always a suspect
        typed = f"isLiteral({var}) && sameTerm(DATATYPE({var}), {_term(value)})"
        return f"COALESCE({typed} && {check}, false)"
    if predicate == SH.nodeKind:
        kinds = {
            SH.IRI: f"isIRI({var})",
            SH.Literal: f"isLiteral({var})",
            SH.BlankNode: f"isBlank({var})",
            SH.BlankNodeOrIRI: f"(isBlank({var}) || isIRI({var}))",
            SH.BlankNodeOrLiteral: f"(isBlank({var}) || isLiteral({var}))",
            SH.IRIOrLiteral: f"(isIRI({var}) || isLiteral({var}))",
        }
        if value not in kinds:
            raise Unsupported(f"sh:nodeKind {value}")
        return kinds[value]  # type: ignore[index]
    if predicate == SH["in"]:
        members = list(Collection(shapes, value))
        if not members:
            return "false"
        return "(" + " || ".join(f"sameTerm({var}, {_term(m)})" for m in members) + ")"
    comparisons = {
        SH.minInclusive: ">=",
        SH.maxInclusive: "<=",
        SH.minExclusive: ">",
        SH.maxExclusive: "<",
    }
    if predicate in comparisons:
        return f"COALESCE({var} {comparisons[predicate]} {_term(value)}, false)"  # type: ignore[index]
    if predicate in (SH.minLength, SH.maxLength):
        if not isinstance(value, Literal) or not isinstance(value.toPython(), int):
            raise Unsupported(f"{predicate} {value}")
        op = ">=" if predicate == SH.minLength else "<="
        return f"COALESCE(!isBlank({var}) && STRLEN(STR({var})) {op} {int(value)}, false)"
    if predicate == SH["or"]:
        alternatives = [_node_only(shapes, alt, var) for alt in Collection(shapes, value)]
        return "(" + " || ".join(alternatives) + ")" if alternatives else "false"
    raise Unsupported(f"component {predicate}")


def _node_only(shapes: Graph, shape: Node, var: str) -> str:
    """An ``sh:or`` alternative: a shape with value constraints only, as one expression."""
    parts = []
    for predicate, value in shapes.predicate_objects(shape):
        if predicate in _NEUTRAL - {SH.property, SH.path, SH.flags}:
            continue
        if predicate not in _VALUE_COMPONENTS:
            raise Unsupported(f"{predicate} inside sh:or")
        parts.append(_passes(shapes, predicate, value, var))
    return "(" + " && ".join(parts or ["true"]) + ")"


def _compile_shape(
    shapes: Graph, shape: Node, targets: list[str], path: Node | None, found: CompiledCore
) -> None:
    known = _NEUTRAL | _VALUE_COMPONENTS | _FOCUS_COMPONENTS | {SH.pattern}
    for predicate in set(shapes.predicates(shape)):
        if predicate not in known:
            raise Unsupported(f"{shape}: {predicate}")
    if path is not None and not isinstance(path, URIRef):
        raise Unsupported(f"{shape}: a path that is not one IRI")
    if path is not None and shapes.value(shape, SH.property) is not None:
        raise Unsupported(f"{shape}: property shape with nested property shapes")
    focus = "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(targets) + " } }"
    values = f"?this {_term(path)} ?v ." if path is not None else "BIND (?this AS ?v)"
    select = "SELECT DISTINCT ?this WHERE { "
    for predicate, value in sorted(shapes.predicate_objects(shape)):
        if predicate == SH["class"]:
            # an anti-join against the class's instances, computed once (MINUS shares
            # only ?v, bound on both sides): EXISTS re-evaluates the path per value
            instances = f"MINUS {{ ?v {_TYPE_PATH} {_term(value)} }}"
            found.queries.append(f"{select}{focus} {values} {instances} }}")
        elif predicate in _VALUE_COMPONENTS:
            expression = _passes(shapes, predicate, value, "?v")
            found.queries.append(f"{select}{focus} {values} FILTER (!({expression})) }}")
        elif predicate == SH.pattern:
            flags = str(shapes.value(shape, SH.flags) or "")
            found.patterns.append(
                (f"SELECT ?this ?v WHERE {{ {focus} {values} }}", str(value), flags)
            )
        elif predicate in _FOCUS_COMPONENTS:
            if path is None:
                raise Unsupported(f"{shape}: {predicate} on a node shape")
            found.queries.append(_focus_query(predicate, value, focus, path))


def _focus_query(predicate: Node, value: Node, focus: str, path: URIRef) -> str:
    p = _term(path)
    if predicate in (SH.minCount, SH.maxCount):
        count = int(value)  # type: ignore[call-overload]
        having = (
            f"COUNT(DISTINCT ?v) < {count}"
            if predicate == SH.minCount
            else f"COUNT(DISTINCT ?v) > {count}"
        )
        optional = f"OPTIONAL {{ ?this {p} ?v }}" if predicate == SH.minCount else f"?this {p} ?v ."
        return f"SELECT ?this WHERE {{ {focus} {optional} }} GROUP BY ?this HAVING ({having})"
    if predicate == SH.uniqueLang:
        if value != Literal(True):
            return "SELECT ?this WHERE { FILTER (false) }"
        return (
            f"SELECT DISTINCT ?this WHERE {{ {focus} ?this {p} ?a . ?this {p} ?b . "
            'FILTER (!sameTerm(?a, ?b) && LANG(?a) != "" && LCASE(LANG(?a)) = LCASE(LANG(?b))) }'
        )
    op = "<" if predicate == SH.lessThan else "<="
    return (
        f"SELECT DISTINCT ?this WHERE {{ {focus} ?this {p} ?v . ?this {_term(value)} ?w . "
        f"FILTER (!COALESCE(?v {op} ?w, false)) }}"
    )


def compile_core(shapes: Graph) -> CompiledCore | None:
    """The pre-filter for ``shapes``; None when a shape uses something not compiled here."""
    found = CompiledCore()
    try:
        targeted = {s for predicate in _TARGETS for s in shapes.subjects(predicate, None)}
        for shape in sorted(targeted, key=str):
            targets = _targets(shapes, shape)
            own_path = shapes.value(shape, SH.path)
            _compile_shape(shapes, shape, targets, own_path, found)
            for prop in shapes.objects(shape, SH.property):
                path = shapes.value(prop, SH.path)
                if path is None:
                    raise Unsupported(f"{prop}: sh:property without sh:path")
                if own_path is not None:
                    raise Unsupported(f"{shape}: property shape with nested property shapes")
                _compile_shape(shapes, prop, targets, path, found)
    except Unsupported:
        return None
    return found


def _suspect_value(value: ox.NamedNode | ox.BlankNode | ox.Literal, regex: re.Pattern[str]) -> bool:
    if isinstance(value, ox.BlankNode):
        return True
    if isinstance(value, ox.Literal) and value.datatype.value not in _FREE_FORM:
        return True  # Oxigraph may have normalised the lexical form pyshacl matches
    return regex.search(value.value) is None


_FLAGS = {"i": re.IGNORECASE, "m": re.MULTILINE, "s": re.DOTALL, "x": re.VERBOSE}


def _restricted(query: str, members: list[str]) -> str:
    """``query`` with its focus nodes limited to ``members`` (IRIs only)."""
    focus = "{ SELECT DISTINCT ?this WHERE { "  # the targets' subquery, in every query
    values = "VALUES ?this { " + " ".join(members) + " } "
    return query.replace(focus, focus + values)


def suspect_focus_nodes(
    dataset: ox.Store,
    shapes: Graph,
    *,
    compiled: CompiledCore | None = None,
    members: set[str] | None = None,
) -> set[str] | None:
    """Focus nodes (N-Triples terms) on which some Core constraint of ``shapes`` may fail.

    Every node with a SHACL Core result in a whole-graph pyshacl run is in the set; nodes
    outside it have none. None: the shapes use something not compiled (check every node).
    ``members`` (N-Triples terms) limits the answer, and the work, to those nodes.
    Blank-node labels need not survive a load into Oxigraph: callers treat every
    blank-node subject as a suspect.
    """
    core = compiled if compiled is not None else compile_core(shapes)
    if core is None:
        return None
    suspects: set[str] = set()
    if members is not None:
        iris = sorted(m for m in members if m.startswith("<"))
        suspects.update(m for m in members if not m.startswith("<"))  # blank nodes: check
        if not iris:
            return suspects
        if len(iris) <= 5_000:
            core = CompiledCore(
                [_restricted(q, iris) for q in core.queries],
                [(_restricted(q, iris), p, f) for q, p, f in core.patterns],
            )

    def rows(query: str) -> Iterable[ox.QuerySolution]:
        solutions = dataset.query(query, use_default_graph_as_union=True)
        assert isinstance(solutions, ox.QuerySolutions)
        return solutions

    for query in core.queries:
        suspects.update(str(row["this"]) for row in rows(query))
    for query, pattern, flags in core.patterns:
        options = 0
        for flag in flags:
            if flag not in _FLAGS:
                return None
            options |= _FLAGS[flag]
        regex = re.compile(pattern, options)
        for row in rows(query):
            if _suspect_value(row["v"], regex):
                suspects.add(str(row["this"]))
    return suspects if members is None else suspects & members
