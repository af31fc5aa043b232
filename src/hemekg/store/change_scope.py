"""Which focus nodes a change of the graph can give different SHACL results.

An incremental build changes a few document graphs of a store holding thousands; the
union graph gains and loses a few hundred triples (most of a document's triples, the
entity descriptions, recur in other documents). A SHACL result about a focus node F
depends only on the triples its constraint reads around F, so only the nodes from which
a changed triple is within reach of some constraint need checking again; every other
node keeps its cached results. This module finds them:

* **SPARQL constraints** (:func:`constraint_reach`): the query's triple patterns form a
  join graph over its variables; for each pattern, the shortest chain of patterns from
  it back to ``?this`` says how to walk from a changed triple matching it to the focus
  nodes whose solutions may use it ("?z owl:annotatedTarget ?value" reaches ``?this``
  through "?z owl:annotatedSource ?this"). The walk follows the current graph and the
  changed triples themselves (a chain may run through a removed triple). When the
  pattern's other ends (its predicate too, when it is a variable) have chains as well,
  the nodes reached must also lead back along each of them to that end's term: a changed
  "leukemia hasSymptom fatigue" matching "?source ?property ?target" concerns the
  provenance nodes of that one relation, not the thousands annotating leukemia. A query
  with a transitive path, a pattern not joined to ``?this``, or a pattern with a fixed subject
  and object has unbounded reach: it is *global* (run it over the whole graph).
* **SHACL Core** (the components :mod:`hemekg.store.core_prefilter` compiles): a node's
  results read its own triples, the ``rdf:type`` of its values (``sh:class``) and the
  class hierarchy above those types. So: the ends of every changed triple, the subjects
  pointing at a node whose types changed, and everything when a changed
  ``rdfs:subClassOf`` triple starts at a class some node has as its type.

Every end of a changed triple is a candidate too (its targets may have changed). The
scope is a superset of the nodes whose results can differ; the equality tests in
``tests/scale/test_incremental_validation.py`` compare with full validations.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict, deque
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import URIRef, Variable
from rdflib.namespace import RDF, RDFS
from rdflib.paths import InvPath

__all__ = [
    "Reach",
    "Step",
    "changed_triples",
    "constraint_reach",
    "focus_scope",
    "load_query_facts",
    "query_facts_json",
]

#: a node of the graph (pyoxigraph also allows quoted triples, which hemekg never writes)
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


@dataclass(frozen=True)
class Step:
    """Follow ``predicate`` (None: any) from a node to its subjects (``backward``) or objects."""

    predicate: str | None
    backward: bool


@dataclass(frozen=True)
class Reach:
    """How a changed triple matching one triple pattern leads to the focus nodes.

    :param predicate: the pattern's predicate IRI (None: a variable, any triple matches).
    :param subject: the pattern's fixed subject (N-Triples term) or None (a variable).
    :param obj: the pattern's fixed object or None.
    :param start_subject: start the walk at the triple's subject (else at its object).
    :param steps: the walk from there to ``?this``.
    :param also: walks from the triple's other variable ends (``"s"``, ``"p"`` or
        ``"o"``) to ``?this``: a solution using the triple binds every end, so a focus
        node must be reached by each walk (``?source ?property ?target`` matched by a
        changed triple concerns only the provenance nodes annotating that source, that
        property *and* that target, not every one annotating its subject).
    """

    predicate: str | None
    subject: str | None
    obj: str | None
    start_subject: bool
    steps: tuple[Step, ...]
    also: tuple[tuple[str, tuple[Step, ...]], ...] = ()


#: what :func:`constraint_reach` computed, by query text (parsing a query with rdflib
#: costs about 0.1 s: an incremental build reads them from the store instead)
_REACHES: dict[str, tuple[Reach, ...] | None] = {}
#: version of :func:`constraint_reach`'s answers; saved ones of another version are ignored
REACH_FORMAT = "2"


def constraint_reach(query: str) -> tuple[Reach, ...] | None:
    """The walks from changed triples to the focus nodes (``?this``) of ``query``;
    None when its reach is unbounded (run it over the whole graph)."""
    if query not in _REACHES:
        _REACHES[query] = _constraint_reach(query)
    return _REACHES[query]


def _query_key(query: str) -> str:
    return hashlib.sha256(query.encode()).hexdigest()


def query_facts_json(queries: Iterable[str]) -> str:
    """What a build reads of each query (:func:`constraint_reach` and
    :func:`hemekg.store.sparql_constraints.query_predicates`) as JSON, kept in a store and
    read back by :func:`load_query_facts`."""
    from hemekg.store.sparql_constraints import query_predicates

    saved: dict[str, Any] = {"format": REACH_FORMAT, "reaches": {}, "predicates": {}}
    for query in sorted(set(queries)):
        reach = constraint_reach(query)
        key = _query_key(query)
        saved["reaches"][key] = None if reach is None else [_reach_json(item) for item in reach]
        predicates = query_predicates(query)
        saved["predicates"][key] = None if predicates is None else sorted(predicates)
    return json.dumps(saved, sort_keys=True)


def load_query_facts(text: str, queries: Iterable[str]) -> bool:
    """Take the facts about ``queries`` from :func:`query_facts_json`'s text; False when
    it does not hold them all (another version, other shapes): they are computed as needed."""
    from hemekg.store import sparql_constraints

    try:
        saved = json.loads(text)
        if saved.get("format") != REACH_FORMAT:
            return False
        reaches: dict[str, tuple[Reach, ...] | None] = {}
        predicates: dict[str, frozenset[str] | None] = {}
        for query in queries:
            key = _query_key(query)
            item = saved["reaches"][key]
            reaches[query] = None if item is None else tuple(_reach_of(r) for r in item)
            names = saved["predicates"][key]
            predicates[query] = None if names is None else frozenset(map(str, names))
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
    _REACHES.update(reaches)
    sparql_constraints.PREDICATES.update(predicates)
    return True


def _reach_json(reach: Reach) -> dict[str, Any]:
    return {
        "predicate": reach.predicate,
        "subject": reach.subject,
        "obj": reach.obj,
        "start_subject": reach.start_subject,
        "steps": [[step.predicate, step.backward] for step in reach.steps],
        "also": [[position, [[st.predicate, st.backward] for st in steps]]
                 for position, steps in reach.also],
    }


def _reach_of(data: dict[str, Any]) -> Reach:
    return Reach(
        data["predicate"],
        data["subject"],
        data["obj"],
        bool(data["start_subject"]),
        tuple(Step(p, bool(b)) for p, b in data["steps"]),
        tuple((str(pos), tuple(Step(p, bool(b)) for p, b in steps)) for pos, steps in data["also"]),
    )


def _constraint_reach(query: str) -> tuple[Reach, ...] | None:
    from hemekg.store.sparql_constraints import triple_patterns

    if re.search(r"\b(GRAPH|SERVICE|FROM)\b", query, re.IGNORECASE):
        return None
    this = Variable("this")
    edges: list[tuple[object, str | None, object]] = []  # (subject, predicate, object)
    predicate_variables: list[Variable | None] = []
    for s, p, o in triple_patterns(query):
        if isinstance(p, InvPath) and isinstance(p.arg, URIRef):
            s, p, o = o, p.arg, s
        if isinstance(p, URIRef):
            edges.append((s, str(p), o))
            predicate_variables.append(None)
        elif isinstance(p, Variable):
            edges.append((s, None, o))
            predicate_variables.append(p)
        else:
            return None  # sequence, alternative, transitive or negated path
    if not edges:
        return None
    # shortest walk from each variable back to ?this, through subject/object positions
    back: dict[object, tuple[Step, ...]] = {this: ()}
    queue = deque([this])
    while queue:
        node = queue.popleft()
        for s, p, o in edges:
            for here, there, backward in ((s, o, False), (o, s, True)):
                # from ``there`` (bound) to ``here``: a step from there to the pattern's other end
                if here == node and isinstance(there, Variable) and there not in back:
                    back[there] = (Step(p, not backward),) + back[node]
                    queue.append(there)
    found = []
    for (s, p, o), variable in zip(edges, predicate_variables, strict=True):
        starts = [(end, end is s) for end in (s, o) if end in back]
        if not starts:
            return None  # not joined to ?this: any change may matter
        end, at_subject = min(starts, key=lambda item: len(back[item[0]]))
        fixed = {
            name: term.n3()  # type: ignore[attr-defined]
            for name, term in (("s", s), ("o", o))
            if not isinstance(term, Variable)
        }
        also = tuple(
            (position, back[term])
            for position, term in (("s", s), ("p", variable), ("o", o))
            if term is not None and term != end and term in back
        )
        found.append(Reach(p, fixed.get("s"), fixed.get("o"), at_subject, back[end], also))
    return tuple(found)


def changed_triples(lines: Iterable[bytes]) -> list[ox.Triple]:
    """N-Triples lines (added or removed) as triples."""
    data = b"\n".join(line for line in lines if line.strip())
    return list(ox.parse(data, ox.RdfFormat.N_TRIPLES)) if data else []


class _Neighbours:
    """Neighbours in the current graph (the store's) and the changed triples."""

    def __init__(self, dataset: ox.Store, changed: list[ox.Triple]) -> None:
        self.dataset = dataset
        self.forward: dict[str, set[tuple[str, Term]]] = defaultdict(set)
        self.backward: dict[str, set[tuple[str, Term]]] = defaultdict(set)
        for t in changed:
            self.forward[str(t.subject)].add((t.predicate.value, t.object))
            self.backward[str(t.object)].add((t.predicate.value, t.subject))

    def step(self, node: Term, step: Step) -> set[Term]:
        predicate = ox.NamedNode(step.predicate) if step.predicate else None
        found: set[Term] = set()
        if step.backward:
            quads = self.dataset.quads_for_pattern(None, predicate, node, None)
            found.update(q.subject for q in quads)
            extra = self.backward.get(str(node), ())
        else:
            if isinstance(node, ox.Literal):
                return found
            quads = self.dataset.quads_for_pattern(node, predicate, None, None)
            found.update(q.object for q in quads)
            extra = self.forward.get(str(node), ())
        found.update(t for p, t in extra if step.predicate is None or p == step.predicate)
        return found


def _walk(neighbours: _Neighbours, start: Term, steps: tuple[Step, ...]) -> set[Term]:
    nodes = {start}
    for step in steps:
        nodes = {n for node in nodes for n in neighbours.step(node, step)}
        if not nodes:
            break
    return nodes


def _joined(
    neighbours: _Neighbours,
    nodes: set[Term],
    also: tuple[tuple[str, tuple[Step, ...]], ...],
    changed: ox.Triple,
) -> set[Term]:
    """The ``nodes`` from which each walk of ``also``, taken backwards, reaches the
    changed triple's end it starts from (one look-up per node and step: walking forwards
    from a common value such as a predicate would list thousands of nodes)."""
    ends = {"s": changed.subject, "p": changed.predicate, "o": changed.object}
    for position, steps in also:
        if isinstance(ends[position], ox.Literal):
            continue  # the store keeps some literals by value ("0.900" is "0.9"): no test
        back = tuple(Step(step.predicate, not step.backward) for step in reversed(steps))
        nodes = {node for node in nodes if ends[position] in _walk(neighbours, node, back)}
    return nodes


def focus_scope(
    dataset: ox.Store, changed: list[ox.Triple], reaches: Iterable[tuple[Reach, ...] | None]
) -> set[str] | None:
    """Focus nodes (N-Triples terms) whose SHACL results may differ after ``changed``
    (triples added to or removed from the union graph); None: every node may.

    :param reaches: :func:`constraint_reach` of each SPARQL constraint to follow (global
        ones, None, are left out by the caller: it runs them over the whole graph).
    """
    neighbours = _Neighbours(dataset, changed)
    scope: set[Term] = set()
    rdf_type, sub_class = str(RDF.type), str(RDFS.subClassOf)
    typed: set[Term] = set()
    for t in changed:
        scope.add(t.subject)
        if not isinstance(t.object, ox.Literal):
            scope.add(t.object)
        if t.predicate.value == rdf_type:
            typed.add(t.subject)
        if t.predicate.value == sub_class and (
            next(
                iter(dataset.quads_for_pattern(None, ox.NamedNode(rdf_type), t.subject, None)), None
            )
            is not None
            or any(p == rdf_type for p, _ in neighbours.backward.get(str(t.subject), ()))
        ):
            return None  # the class hierarchy of types changed: sh:class anywhere
    for node in typed:  # sh:class on values: who points at a node whose types changed
        scope |= neighbours.step(node, Step(None, True))
    for reach in reaches:
        for item in reach or ():
            for t in changed:
                if item.predicate is not None and t.predicate.value != item.predicate:
                    continue
                if item.subject is not None and str(t.subject) != item.subject:
                    continue
                if item.obj is not None and str(t.object) != item.obj:
                    continue
                start = t.subject if item.start_subject else t.object
                reached = _walk(neighbours, start, item.steps)
                if len(reached) > 1:
                    reached = _joined(neighbours, reached, item.also, t)
                scope |= reached
    return {str(node) for node in scope if not isinstance(node, ox.Literal)}
