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
    #: query -> the targets' subquery its ?this must belong to, for the queries that read
    #: a path's triples without the shape's focus nodes (checked on the few rows after)
    targets: dict[str, str] = field(default_factory=dict)
    #: query -> two queries counting ``?n``: equal counts prove the query selects nothing.
    #: Counting is a scan without expressions or joins; over the whole store it costs a
    #: fraction of the grouped or anti-joined query it spares (see :func:`_focus_queries`)
    proofs: dict[str, tuple[str, str]] = field(default_factory=dict)


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
    """The queries of one shape, each in a form Oxigraph runs as one scan or hash join.

    Only a node with no value (``sh:minCount``) and a node shape's own checks need the
    shape's focus nodes; every other check reads the path's triples alone and may select
    a node the shape does not target (an over-approximation: pyshacl then reports
    nothing for it). OPTIONAL (a nested look-up per focus node) and self-joins (every
    pair of a popular node's labels) are avoided: on 10,000 documents they cost
    seconds per query where these forms cost a fraction of one.
    """
    known = _NEUTRAL | _VALUE_COMPONENTS | _FOCUS_COMPONENTS | {SH.pattern}
    for predicate in set(shapes.predicates(shape)):
        if predicate not in known:
            raise Unsupported(f"{shape}: {predicate}")
    if path is not None and not isinstance(path, URIRef):
        raise Unsupported(f"{shape}: a path that is not one IRI")
    if path is not None and shapes.value(shape, SH.property) is not None:
        raise Unsupported(f"{shape}: property shape with nested property shapes")
    focus = "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(targets) + " } }"
    # the values of the path, or the focus node itself for a node shape
    values = f"?this {_term(path)} ?v ." if path is not None else f"{focus} BIND (?this AS ?v)"
    select = "SELECT DISTINCT ?this WHERE { "
    checks: list[str] = []  # value expressions every value must pass
    for predicate, value in sorted(shapes.predicate_objects(shape)):
        if predicate == SH["class"]:
            # an anti-join against the class's instances, computed once (MINUS shares
            # only ?v, bound on both sides): EXISTS re-evaluates the path per value
            instances = f"MINUS {{ ?v {_TYPE_PATH} {_term(value)} }}"
            found.queries.append(f"{select}{values} {instances} }}")
            found.targets[found.queries[-1]] = focus
        elif predicate in _VALUE_COMPONENTS:
            checks.append(_passes(shapes, predicate, value, "?v"))
        elif predicate == SH.pattern:
            flags = str(shapes.value(shape, SH.flags) or "")
            found.patterns.append(
                (f"SELECT DISTINCT ?this ?v WHERE {{ {values} }}", str(value), flags)
            )
            found.targets[found.patterns[-1][0]] = focus
        elif predicate in _FOCUS_COMPONENTS:
            if path is None:
                raise Unsupported(f"{shape}: {predicate} on a node shape")
            for query, proof in _focus_queries(predicate, value, targets, path):
                found.queries.append(query)
                if focus not in query:
                    found.targets[query] = focus
                if proof is not None:
                    found.proofs[query] = proof
    if checks:
        # an error in a check (none is expected: each is COALESCEd) selects the node too
        found.queries.append(
            f"{select}{values} FILTER (COALESCE(!({' && '.join(checks)}), true)) }}"
        )
        found.targets[found.queries[-1]] = focus


def _focus_queries(
    predicate: Node, value: Node, targets: list[str], path: URIRef
) -> list[tuple[str, tuple[str, str] | None]]:
    """The queries of a count, language or order component, each with its proof or None.

    The proofs count over the store's default graph, where each triple is stored once:
    * ``sh:maxCount`` (1 or more): as many ``?this p ?v`` triples as subjects means that
      every subject has one value;
    * ``sh:minCount 1``: as many subjects of ``p`` as there are nodes that are focus nodes
      or subjects of ``p`` means that every focus node has a value.
    At 10,000 documents the two grouped or anti-joined queries of a provenance property
    took 0.6 s, its three counts 0.25 s.
    """
    p = _term(path)
    focus = "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(targets) + " } }"
    grouped = f"SELECT ?this WHERE {{ ?this {p} ?v }} GROUP BY ?this HAVING "
    subjects = f"SELECT (COUNT(DISTINCT ?this) AS ?n) WHERE {{ ?this {p} ?v }}"
    if predicate in (SH.minCount, SH.maxCount):
        count = int(value)  # type: ignore[call-overload]
        if predicate == SH.maxCount:
            triples = f"SELECT (COUNT(*) AS ?n) WHERE {{ ?this {p} ?v }}"
            proof = (triples, subjects) if count >= 1 else None
            return [(f"{grouped}(COUNT(DISTINCT ?v) > {count})", proof)]
        if count <= 0:
            return []
        # no value at all: a hash anti-join of the focus nodes against the path's subjects
        either = " UNION ".join([*targets, f"{{ ?this {p} ?v }}"])
        union = f"SELECT (COUNT(DISTINCT ?this) AS ?n) WHERE {{ {either} }}"
        found: list[tuple[str, tuple[str, str] | None]] = [
            (f"SELECT DISTINCT ?this WHERE {{ {focus} MINUS {{ ?this {p} ?v }} }}",
             (union, subjects))
        ]
        if count > 1:
            found.append((f"{grouped}(COUNT(DISTINCT ?v) < {count})", None))
        return found
    if predicate == SH.uniqueLang:
        if value != Literal(True):
            return []
        # grouped by language: one pass, not a self-join pairing every two labels
        return [(
            f"SELECT DISTINCT ?this WHERE {{ {{ SELECT ?this WHERE {{ ?this {p} ?v . "
            'FILTER (LANG(?v) != "") } GROUP BY ?this (LCASE(LANG(?v)) AS ?language) '
            "HAVING (COUNT(DISTINCT ?v) > 1) } }",
            None,
        )]
    # One grouped pass over both properties instead of a join (a look-up per value: 24 s
    # over the million provenance nodes of 100,000 documents). Every pair is in order when
    # all values are numbers and the largest ?v is below the smallest ?w; otherwise (other
    # types, or a comparison error) the node is a suspect. Each UNION branch leaves the
    # other variable unbound, which MAX and MIN do not skip: an infinity stands in.
    op = "<" if predicate == SH.lessThan else "<="
    infinity = '"INF"^^<http://www.w3.org/2001/XMLSchema#double>'
    largest = f'MAX(IF(BOUND(?v), ?v, "-{infinity[1:]}))'
    smallest = f"MIN(IF(BOUND(?w), ?w, {infinity}))"
    others = "SUM(IF(isNumeric(COALESCE(?v, ?w)), 0, 1))"
    return [(
        f"SELECT ?this WHERE {{ {{ ?this {p} ?v }} UNION {{ ?this {_term(value)} ?w }} }} "
        f"GROUP BY ?this HAVING (COUNT(?v) > 0 && COUNT(?w) > 0 && "
        f"!({others} = 0 && COALESCE({largest} {op} {smallest}, false)))",
        None,
    )]


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


def _without_paths(dataset: ox.Store, core: CompiledCore) -> CompiledCore:
    """``core`` with ``rdf:type/rdfs:subClassOf* C`` as plain ``rdf:type C`` for every class
    C that nothing in ``dataset`` is a subclass of (the path then reaches C from C alone):
    a triple pattern is an index look-up, a path an evaluation per node."""
    texts = core.queries + [q for q, _, _ in core.patterns] + list(core.targets.values())
    texts += [q for proof in core.proofs.values() for q in proof]
    classes = set(re.findall(re.escape(_TYPE_PATH) + r" (<[^>]*>)", " ".join(texts)))
    ask = "ASK {{ ?x <" + str(RDFS.subClassOf) + "> {} }}"
    leaves = {
        c for c in classes if not dataset.query(ask.format(c))
    }
    if not leaves:
        return core
    pattern = re.compile(re.escape(_TYPE_PATH) + r" (" + "|".join(map(re.escape, leaves)) + ")")

    def plain(query: str) -> str:
        return pattern.sub(lambda m: f"<{RDF.type}> {m.group(1)}", query)

    return CompiledCore(
        [plain(q) for q in core.queries],
        [(plain(q), p, f) for q, p, f in core.patterns],
        {plain(q): plain(focus) for q, focus in core.targets.items()},
        {plain(q): (plain(a), plain(b)) for q, (a, b) in core.proofs.items()},
    )


def _among_targets(dataset: ox.Store, focus: str, nodes: set[str]) -> set[str]:
    """The ``nodes`` the targets' subquery ``focus`` selects (blank nodes always: their
    labels cannot be named in a query)."""
    found = {n for n in nodes if not n.startswith("<")}
    iris = sorted(n for n in nodes if n.startswith("<"))
    for start in range(0, len(iris), 5_000):
        query = "SELECT DISTINCT ?this WHERE { " + _restricted(focus, iris[start : start + 5_000])
        rows = dataset.query(query + " }")  # one VALUES
        assert isinstance(rows, ox.QuerySolutions)
        found.update(str(row["this"]) for row in rows)
    return found


_CLASS_TARGET = re.compile(r"\?this (<[^<>\s]+>(?:/<[^<>\s]+>\*)?) (<[^<>\s]+>) \}")


def _restricted(query: str, members: list[str]) -> str:
    """``query`` with ``?this`` limited to ``members`` (IRIs only): inside the targets'
    subquery when there is one (so that it is not computed in full), else at the start
    of its pattern. Once only: Oxigraph joins two VALUES blocks pair by pair."""
    focus = "{ SELECT DISTINCT ?this WHERE { "
    values = "VALUES ?this { " + " ".join(members) + " } "
    # the compiled MINUS blocks share only variables bound on their left (?this, ?v), so
    # NOT EXISTS is the same; on a few rows it is an index look-up each, where Oxigraph
    # would compare every left row with every right one
    query = query.replace("MINUS {", "FILTER NOT EXISTS {")
    start = query.find(focus)
    if start < 0:
        where = query.index("WHERE { ") + len("WHERE { ")
        return query[:where] + values + query[where:]
    # in each target branch, before its triple pattern: Oxigraph evaluates a braced
    # group in full before joining it with VALUES outside it
    depth, end = 0, start
    for end in range(start, len(query)):
        depth += {"{": 1, "}": -1}.get(query[end], 0)
        if depth == 0:
            break
    inner = query[start : end + 1].replace("{ ?this ", "{ " + values + "?this ")
    # a class target as a look-up from each member: with its object fixed, Oxigraph
    # reads every instance of the class and compares each with every member
    inner = _CLASS_TARGET.sub(r"?this \1 ?targetType FILTER (sameTerm(?targetType, \2)) }", inner)
    return query[:start] + inner + query[end + 1 :]


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
    core = _without_paths(dataset, core)
    suspects: set[str] = set()
    iris: list[str] | None = None
    if members is not None:
        iris = sorted(m for m in members if m.startswith("<"))
        suspects.update(m for m in members if not m.startswith("<"))  # blank nodes: check
        if not iris:
            return suspects
        if len(iris) > 5_000:
            iris = None  # run in full and intersect

    def rows(query: str) -> Iterable[ox.QuerySolution]:
        if iris is not None:
            query = _restricted(query, iris)
        solutions = dataset.query(query)
        assert isinstance(solutions, ox.QuerySolutions)
        return solutions

    counts: dict[str, int] = {}

    def count(query: str) -> int:
        if query not in counts:
            solutions = dataset.query(query)
            assert isinstance(solutions, ox.QuerySolutions)
            counts[query] = int(next(iter(solutions))["n"].value)
        return counts[query]

    def proven_empty(query: str) -> bool:
        """Counts prove ``query`` selects nothing (over the whole store only: restricted
        to a few members, the query itself is a few look-ups)."""
        proof = core.proofs.get(query)
        return iris is None and proof is not None and count(proof[0]) == count(proof[1])

    def targeted(query: str, found: set[str]) -> set[str]:
        focus = core.targets.get(query)
        if focus is None or not found:
            return found
        return _among_targets(dataset, focus, found)

    for query in core.queries:
        if not proven_empty(query):
            suspects |= targeted(query, {str(row["this"]) for row in rows(query)})
    for query, pattern, flags in core.patterns:
        options = 0
        for flag in flags:
            if flag not in _FLAGS:
                return None
            options |= _FLAGS[flag]
        regex = re.compile(pattern, options)
        found = {str(row["this"]) for row in rows(query) if _suspect_value(row["v"], regex)}
        suspects |= targeted(query, found)
    return suspects if members is None else suspects & members
