"""SHACL validation in shards: the whole-graph report without a whole-graph pyshacl run.

pyshacl keeps the data graph, the shapes and every intermediate result in Python
objects, and evaluates each SHACL-SPARQL constraint once per focus node with rdflib's
engine; on the packaged shapes that is about 250 triples/s. Here:

* the shapes' SPARQL constraints run once over the whole graph in Oxigraph
  (:mod:`hemekg.store.sparql_constraints`): the cross-document checks (taxonomy cycles,
  types across documents, provenance of triples asserted elsewhere);
* SHACL Core runs in pyshacl (:func:`hemekg.validate.shacl.validate_graph` with the
  ``sh:sparql`` links removed) shard by shard: the subjects are cut into shards of a
  bounded size, each validated on its *lean closure* (its subjects' triples, the
  ``rdf:type`` of every node they point to, the taxonomy above those types), keeping
  only results about its own subjects, on several processes if asked;
* the readable records (labels, evidence sentence and document) are made from the *full
  closure* (:func:`_close`) of the few focus nodes that have results.

Every focus node of the packaged shapes is a subject (``sh:targetClass``,
``sh:targetSubjectsOf``), so each belongs to exactly one shard and is validated on a
closure holding all it needs. A new Core shape that reads further (a two-hop path,
``sh:node`` on values, ``sh:targetObjectsOf``) needs a wider closure here; the equality
test in ``tests/scale/test_sharded_validation.py`` fails when it does not get one.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from hemekg.namespaces import HK, bind_prefixes
from hemekg.store.rdflib_bridge import add_ntriples

if TYPE_CHECKING:
    import pyoxigraph as ox

    from hemekg.store.oxigraph import GraphStore
    from hemekg.validate.report import ValidationReport, Violation

__all__ = [
    "DEFAULT_SHARD_TRIPLES",
    "FocusResults",
    "Shard",
    "ShardSource",
    "assemble_report",
    "check_core",
    "iter_shards",
    "validate_sharded",
    "validate_shards",
]

#: target size (triples of the members' own descriptions) of one shard.
DEFAULT_SHARD_TRIPLES = 20_000
#: an incremental validation of at most this many members runs in this process: a worker
#: process (importing hemekg, opening the store) costs about half a second, more than the
#: SPARQL constraints and one shard of pyshacl on a few hundred nodes
INLINE_MEMBERS = 2_000
#: tries to open the store read-only on the second process before giving up on it
_OPEN_ATTEMPTS = 5


class ShardSource(Protocol):
    """Read access to a graph, enough to build shards (rdflib graph or Oxigraph store)."""

    def subjects(self) -> list[str]:
        """Every subject, as N-Triples terms, sorted."""

    def describe(self, subject: str) -> list[str]:
        """N-Triples lines of the triples whose subject is ``subject``."""

    def annotating(self, node: str) -> list[str]:
        """Subjects (N-Triples terms) of ``?x owl:annotatedSource node``."""

    def first_annotation(self, node: str, prop: str, target: str | None) -> str | None:
        """The provenance node a report record cites for (``node``, ``prop``, ``target``):
        of those annotating ``node`` with property ``prop`` (and target ``target`` unless
        None) that carry an evidence text, the first by its IRI (N-Triples terms)."""


_LABEL = f"<{RDFS.label}>"
_RDF_TYPE = f" <{RDF.type}> "
_SUBCLASS_OF = f" <{RDFS.subClassOf}> "


def _nt(term: Node) -> str:
    return term.n3()


class _RdflibSource:
    """Shards of an in-memory rdflib graph (terms keep their exact lexical forms)."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._by_nt: dict[str, Node] = {}

    def subjects(self) -> list[str]:
        for subject in set(self.graph.subjects()):
            self._by_nt[_nt(subject)] = subject
        return sorted(self._by_nt)

    def describe(self, subject: str) -> list[str]:
        node = self._by_nt.get(subject)
        if node is None:
            return []
        return [
            f"{_nt(s)} {_nt(p)} {_nt(o)} ." for s, p, o in self.graph.triples((node, None, None))
        ]

    def annotating(self, node: str) -> list[str]:
        term = self._by_nt.get(node)
        if term is None:
            return []
        return [_nt(s) for s in self.graph.subjects(OWL.annotatedSource, term)]

    def first_annotation(self, node: str, prop: str, target: str | None) -> str | None:
        term = self._by_nt.get(node)
        if term is None:
            return None
        graph = self.graph
        found = [
            axiom
            for axiom in graph.subjects(OWL.annotatedSource, term)
            if (axiom, HK.evidenceText, None) in graph
            and prop in {_nt(p) for p in graph.objects(axiom, OWL.annotatedProperty)}
            and (target is None
                 or target in {_nt(o) for o in graph.objects(axiom, OWL.annotatedTarget)})
        ]
        return _nt(min(found, key=str)) if found else None


class _OxigraphSource:
    """Shards of a :class:`~hemekg.store.oxigraph.GraphStore`'s graph."""

    def __init__(self, store: GraphStore) -> None:
        import pyoxigraph as ox

        self.ox = ox
        self.dataset = store.dataset
        self._by_nt: dict[str, ox.NamedNode | ox.BlankNode] = {}
        self._annotated_source = ox.NamedNode(str(OWL.annotatedSource))

    def subjects(self) -> list[str]:
        for row in self.dataset.query("SELECT DISTINCT ?s WHERE { ?s ?p ?o }"):  # type: ignore[union-attr]
            self._by_nt[str(row["s"])] = row["s"]
        return sorted(self._by_nt)

    def subjects_among(self, members: set[str]) -> list[str] | None:
        """The members that are subjects, sorted, without listing every subject of the
        store (an incremental run checks a few hundred nodes of millions); None when a
        member is a blank node (found only by listing)."""
        if any(not m.startswith("<") for m in members):
            return None
        return sorted(m for m in members if self._node(m) is not None and self.describe(m))

    def _node(self, term: str) -> ox.NamedNode | ox.BlankNode | None:
        node = self._by_nt.get(term)
        if node is None and term.startswith("<") and term.endswith(">"):
            node = self._by_nt[term] = self.ox.NamedNode(term[1:-1])
        elif node is None and term.startswith("_:"):
            # the store names a blank node by its id: the node a shard line wrote
            node = self._by_nt[term] = self.ox.BlankNode(term[2:])
        return node

    def describe(self, subject: str) -> list[str]:
        node = self._node(subject)
        if node is None:
            return []
        return list(
            {f"{q.triple} ." for q in self.dataset.quads_for_pattern(node, None, None, None)}
        )

    def annotating(self, node: str) -> list[str]:
        term = self._node(node)
        if term is None:
            return []
        return list(
            {
                str(q.subject)
                for q in self.dataset.quads_for_pattern(None, self._annotated_source, term, None)
            }
        )

    def first_annotation(self, node: str, prop: str, target: str | None) -> str | None:
        # one query joining the four patterns: listing the nodes annotating a hub (a
        # disease stated in thousands of documents) and those targeting another, to
        # intersect them in Python, took minutes over the results at 100,000 documents
        if not (node.startswith("<") and prop.startswith("<")):
            return None
        targeted = f"; <{OWL.annotatedTarget}> {target} " if target is not None else ""
        query = (
            f"SELECT DISTINCT ?a WHERE {{ ?a <{OWL.annotatedSource}> {node} "
            f"{targeted}; <{OWL.annotatedProperty}> {prop} ; <{HK.evidenceText}> ?text }}"
        )
        rows = self.dataset.query(query)
        found = [row["a"] for row in rows]  # type: ignore[union-attr]
        return str(min(found, key=lambda a: a.value)) if found else None


def _objects(lines: Iterable[str]) -> set[str]:
    """Object terms of N-Triples lines that are IRIs or blank nodes (not literals)."""
    found = set()
    for line in lines:
        body = line.rstrip(" .")
        # subject and predicate never contain spaces in N-Triples; the object is the rest.
        parts = body.split(" ", 2)
        if len(parts) == 3 and parts[2][:1] in {"<", "_"}:
            found.add(parts[2])
    return found


@dataclass(frozen=True)
class Shard:
    """One shard: its member subjects and the N-Triples of its closure."""

    members: frozenset[str]
    lines: list[str]


def iter_shards(
    source: ShardSource,
    *,
    shard_triples: int = DEFAULT_SHARD_TRIPLES,
    members: set[str] | None = None,
    lean: bool = False,
) -> Iterator[Shard]:
    """Cut the graph (or only ``members``) into shards of consecutive subjects, sorted."""
    among = getattr(source, "subjects_among", None)
    listed = among(members) if members is not None and among is not None else None
    if listed is not None:
        subjects = listed
    else:
        subjects = source.subjects()
        if members is not None:
            subjects = [s for s in subjects if s in members]
    close = _close_lean if lean else _close
    superclasses: dict[str, list[str]] = {}
    batch: list[str] = []
    own: list[str] = []
    for subject in subjects:
        lines = source.describe(subject)
        batch.append(subject)
        own.extend(lines)
        if len(own) >= shard_triples:
            yield close(source, batch, own, superclasses)
            batch, own = [], []
    if batch:
        yield close(source, batch, own, superclasses)


def _class_lines(
    source: ShardSource, lines: set[str], superclasses: dict[str, list[str]]
) -> set[str]:
    """The rdfs:subClassOf lines above every class that ``lines`` type a node with: all
    SHACL reads of the taxonomy (``sh:class`` and ``sh:targetClass`` follow
    ``rdf:type/rdfs:subClassOf*`` upwards from a node's types), where adding the whole
    taxonomy to each shard had pyshacl parse thousands of lines it never reads.
    ``superclasses``: each class's own subClassOf lines, kept across shards."""
    found: set[str] = set()
    todo = list(_objects(line for line in lines if _RDF_TYPE in line))
    seen: set[str] = set()
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        above = superclasses.get(node)
        if above is None:
            above = [line for line in source.describe(node) if _SUBCLASS_OF in line]
            superclasses[node] = above
        found.update(above)
        todo.extend(_objects(above))
    return found


def _close_lean(
    source: ShardSource, members: list[str], own: list[str], superclasses: dict[str, list[str]]
) -> Shard:
    """What SHACL Core reads about the members: their triples, their values' types, the
    taxonomy above those types. Enough for every Core constraint of the packaged shapes;
    the SPARQL constraints and the evidence need :func:`_close`."""
    lines = set(own)
    for node in _objects(own) - set(members):
        lines.update(line for line in source.describe(node) if _RDF_TYPE in line)
    lines |= _class_lines(source, lines, superclasses)
    return Shard(frozenset(members), sorted(lines))


def _close(
    source: ShardSource, members: list[str], own: list[str], superclasses: dict[str, list[str]]
) -> Shard:
    lines = set(own)
    described = set(members)
    neighbours = _objects(own)
    for member in members:
        neighbours.update(source.annotating(member))
    for node in neighbours - described:
        lines.update(source.describe(node))
    described |= neighbours
    # names of everything mentioned (evidence documents, labels in messages)
    for node in _objects(lines) - described:
        lines.update(line for line in source.describe(node) if f" {_LABEL} " in line)
    lines |= _class_lines(source, lines, superclasses)
    return Shard(frozenset(members), sorted(lines))


def _result_trees(results: Graph, members: frozenset[str]) -> dict[str, Graph]:
    """Per member focus node, its results with their nested blank-node details."""
    trees: dict[str, Graph] = {}
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        if focus is None or _nt(focus) not in members:
            continue
        tree = trees.setdefault(_nt(focus), Graph())
        # a result is a blank-node tree (sh:detail nests further results): copy it whole
        pending: list[Node] = [result]
        seen: set[Node] = set()
        while pending:
            node = pending.pop()
            if node in seen:
                continue
            seen.add(node)
            for triple in results.triples((node, None, None)):
                tree.add(triple)
                if isinstance(triple[2], BNode) and triple[1] != SH.sourceShape:
                    pending.append(triple[2])
    return trees


@dataclass(frozen=True)
class FocusResults:
    """The validation results of one focus node: records and the W3C result triples."""

    violations: tuple[Violation, ...]
    results_nt: str

    def to_row(self) -> tuple[str, str]:
        """(violations JSON, results N-Triples) for the store's cache."""
        return json.dumps([asdict(v) for v in self.violations], sort_keys=True), self.results_nt

    @classmethod
    def from_row(cls, violations_json: str, results_nt: str) -> FocusResults:
        """Inverse of :meth:`to_row`."""
        from hemekg.validate.report import Violation

        return cls(tuple(Violation(**row) for row in json.loads(violations_json)), results_nt)


_SHAPES_CACHE: dict[str, tuple[Graph, Graph]] = {}


def _shapes_pair(shapes: Graph | str) -> tuple[Graph, Graph]:
    """(full shapes, core shapes) from a graph, or from Turtle text on a worker (cached)."""
    from hemekg.store.sparql_constraints import core_shapes

    if isinstance(shapes, Graph):
        return shapes, core_shapes(shapes)
    if shapes not in _SHAPES_CACHE:
        graph = Graph()
        graph.parse(data=shapes, format="turtle")  # Turtle keeps the prefixes names are made of
        _SHAPES_CACHE.clear()
        _SHAPES_CACHE[shapes] = (graph, core_shapes(graph))
    return _SHAPES_CACHE[shapes]


def _deskolemized(term: Node) -> Node:
    # rdflib's de_skolemize mints new ids; the id is the IRI's last segment
    if isinstance(term, URIRef) and "/.well-known/genid/" in term:
        return BNode(term.rsplit("/", 1)[1])
    return term


def check_core(lines: list[str], members: frozenset[str], shapes: Graph | str) -> dict[str, str]:
    """SHACL Core on one shard's lean closure: focus -> its results as N-Triples.

    Top-level so a process pool can run shards in parallel.
    """
    from hemekg.validate.shacl import validate_graph

    _full, core = _shapes_pair(shapes)
    shard_graph = Graph()
    if lines:
        add_ntriples(shard_graph, lines)
    results = validate_graph(shard_graph, core).results_graph
    # skolemized: blank-node ids (results, anonymous shapes) do not survive an N-Triples
    # round trip otherwise, and report names of anonymous shapes depend on them
    trees = _result_trees(results, members)
    return {focus: tree.skolemize().serialize(format="nt") for focus, tree in trees.items()}


_AXIOM_TYPE = f" <{RDF.type}> <{OWL.Axiom}> ."
_DERIVED_FROM = " <http://www.w3.org/ns/prov#wasDerivedFrom> "


def _evidence_lines(source: ShardSource, focus: str, tree: Graph, shapes: Graph) -> list[str]:
    """What :func:`hemekg.validate.report.report_from_results` reads about ``focus``: its
    own triples (label, type), the provenance nodes that may give its evidence sentence
    (those annotating it with a result's path and value, or with a predicate its shape
    targets), and their documents' labels. A provenance node is left out only when it
    certainly matches no result; the rest of the graph cannot change the records.
    """
    lines = source.describe(focus)
    if any(line.endswith(_AXIOM_TYPE) for line in lines):
        axioms = [lines]
    else:
        wanted: list[tuple[str, str | None]] = []  # (property, target or None); "" = any
        for result in tree.subjects(RDF.type, SH.ValidationResult):
            path, value = tree.value(result, SH.resultPath), tree.value(result, SH.value)
            if path is not None and value is not None:
                if isinstance(path, URIRef) and isinstance(value, URIRef):
                    wanted.append((_nt(path), _nt(value)))
                else:
                    wanted.append(("", None))
            if path is None:
                shape = tree.value(result, SH.sourceShape)
                for predicate in shapes.objects(shape, SH.targetSubjectsOf):
                    wanted.append((_nt(predicate), None))
        axioms = []
        if all(prop for prop, _ in wanted):
            # a record cites the first matching node only: those are all it can read
            firsts = {source.first_annotation(focus, p, t) for p, t in wanted}
            axioms = [source.describe(a) for a in sorted(a for a in firsts if a is not None)]
        else:  # a path that is not one IRI: any node annotating the focus may serve
            for axiom in sorted(source.annotating(focus)):
                described = source.describe(axiom)
                if any(_annotates(axiom, described, p, t) for p, t in wanted):
                    axioms.append(described)
    found = set(lines)
    for described in axioms:
        found.update(described)
        for document in _objects(line for line in described if _DERIVED_FROM in line):
            found.update(line for line in source.describe(document) if f" {_LABEL} " in line)
    return list(found)


def _annotates(axiom: str, lines: list[str], prop: str, target: str | None) -> bool:
    if not prop:
        return True
    if f"{axiom} <{OWL.annotatedProperty}> {prop} ." not in lines:
        return False
    return target is None or f"{axiom} <{OWL.annotatedTarget}> {target} ." in lines


def _describe_results(
    source: ShardSource, results: dict[str, Graph], shapes: Graph, batch_size: int = 200
) -> dict[str, FocusResults]:
    """Readable records for the focus nodes that have results, from what the records read
    (:func:`_evidence_lines`: labels, the provenance node and sentence of the statement
    involved, its document)."""
    from hemekg.validate.report import report_from_results

    found: dict[str, FocusResults] = {}
    focus_nodes = sorted(results)
    for start in range(0, len(focus_nodes), batch_size):
        batch = focus_nodes[start : start + batch_size]
        lines = sorted(
            {
                line
                for focus in batch
                for line in _evidence_lines(source, focus, results[focus], shapes)
            }
        )
        data = Graph()
        if lines:
            add_ntriples(data, lines)
        for focus in batch:
            tree = results[focus]
            conforms = (None, SH.resultSeverity, SH.Violation) not in tree
            violations = report_from_results(conforms, tree, data, shapes).violations
            found[focus] = FocusResults(tuple(violations), tree.serialize(format="nt"))
    return found


def _dataset_of(graph: Graph) -> ox.Store:
    import pyoxigraph as ox

    dataset = ox.Store()
    dataset.load(graph.serialize(format="nt"), ox.RdfFormat.N_TRIPLES)
    return dataset


def _core_suspects(
    dataset: ox.Store | None, source: ShardSource, shapes: Graph, members: set[str] | None
) -> set[str] | None:
    """Subjects (of ``members``) pyshacl must check for SHACL Core; None: all of them."""
    if dataset is None:
        return None
    from hemekg.store.core_prefilter import suspect_focus_nodes

    suspects = suspect_focus_nodes(dataset, shapes, members=members)
    if suspects is None or members is not None or not isinstance(source, _RdflibSource):
        # a store's queries and shards name its blank nodes alike
        return suspects
    # blank-node labels need not survive the load of an rdflib graph into Oxigraph
    return suspects | {s for s in source.subjects() if s.startswith("_:")}


def _global_signature(tree: Graph, markers: set[Node]) -> frozenset[tuple[str, ...]]:
    """The results of global constraints in a node's result tree, comparable across runs
    (blank-node ids differ)."""
    found = set()
    for result in tree.subjects(SH.sourceConstraint, None):
        constraint = tree.value(result, SH.sourceConstraint)
        if _deskolemized(constraint) in markers:  # type: ignore[arg-type]
            found.add(
                tuple(
                    str(tree.value(result, p))
                    for p in (SH.sourceConstraint, SH.value, SH.resultPath, SH.resultMessage)
                )
            )
    return frozenset(found)


def _global_changes(
    by_focus: dict[str, Graph],
    members: set[str],
    cached: dict[str, FocusResults] | None,
    constraints: list,  # type: ignore[type-arg]
) -> set[str]:
    """Nodes outside ``members`` whose global constraint results differ from their
    cached ones (all nodes with global results when nothing is cached)."""
    from hemekg.store.sparql_constraints import is_global

    if cached is None:
        return set(by_focus) - members
    markers: set[Node] = {c.constraint for c in constraints if is_global(c)}
    changed = set()
    earlier = {
        focus for focus, item in cached.items()
        if any(m.n3() in item.results_nt for m in markers if isinstance(m, URIRef))
        or any(not isinstance(m, URIRef) for m in markers)
    }
    for focus in (set(by_focus) | earlier) - members:
        old = Graph()
        if focus in cached and cached[focus].results_nt.strip():
            add_ntriples(old, cached[focus].results_nt)
        new = by_focus.get(focus, Graph())
        if _global_signature(old, markers) != _global_signature(new, markers):
            changed.add(focus)
    return changed


def sparql_results_nt(
    dataset_dir: str,
    shapes_text: str,
    focus: set[str] | None,
    changed_predicates: set[str] | None = None,
) -> str:
    """The shapes' SPARQL constraint results over the store at ``dataset_dir``, opened
    read-only, as N-Triples (top-level: runs on a second process). ``shapes_text`` is
    skolemized Turtle, so the results name blank-node shapes by their skolem IRIs."""
    import pyoxigraph as ox

    from hemekg.store.sparql_constraints import run_sparql_constraints, sparql_constraints

    shapes = Graph()
    shapes.parse(data=shapes_text, format="turtle")
    for attempt in range(_OPEN_ATTEMPTS):
        try:
            # RocksDB opens a read-only view from the file list of the moment; a
            # compaction of the writing process may delete a listed file meanwhile
            dataset = ox.Store.read_only(dataset_dir)
            break
        except (OSError, RuntimeError):  # RocksDB reports the missing file as corruption
            if attempt == _OPEN_ATTEMPTS - 1:
                raise
            time.sleep(0.2 * (attempt + 1))
    return run_sparql_constraints(
        dataset, sparql_constraints(shapes), focus=focus, changed_predicates=changed_predicates
    ).serialize(format="nt")


def validate_shards(
    data: Graph | GraphStore,
    shapes: Graph | None = None,
    *,
    members: set[str] | None = None,
    shard_triples: int = DEFAULT_SHARD_TRIPLES,
    workers: int = 1,
    on_shard: Callable[[int, int], None] | None = None,
    prefilter: bool = True,
    cached: dict[str, FocusResults] | None = None,
    checked: set[str] | None = None,
    changed_predicates: set[str] | None = None,
) -> dict[str, FocusResults]:
    """Validate the subjects of ``data`` (or only ``members``) shard by shard.

    The shapes' SPARQL constraints run once over the whole graph in Oxigraph
    (:mod:`hemekg.store.sparql_constraints`; with ``workers`` > 1 on a store folder, on a
    second process that opens it read-only, while this one runs the Core pre-filter);
    the SHACL Core part runs in pyshacl on each shard's closure, on ``workers`` processes.

    :param prefilter: run pyshacl only on the focus nodes the Core pre-filter
        (:mod:`hemekg.store.core_prefilter`) cannot clear; False validates every subject.
    :param cached: with ``members``, the earlier results of every node: a node outside
        ``members`` whose global constraint results (cycles, over the whole graph) are
        those it had keeps its cached results instead of being checked and described
        again; one whose global results changed is checked again in full.
    :param changed_predicates: with ``members``, the predicates of the triples the graph
        gained or lost since ``cached`` (None: unknown): a global constraint that reads
        none of them has every node's results unchanged, and runs for the members alone
        (:func:`hemekg.store.sparql_constraints.reads_changed`).
    :param checked: filled with the nodes whose results were computed (with
        ``members``: the members and the nodes whose global results changed); the
        caller replaces exactly their cached results with the returned ones.
    :returns: focus node (N-Triples term) -> its results; focus nodes without any
        result are absent.
    """
    from hemekg.store.sparql_constraints import (
        reads_changed,
        run_sparql_constraints,
        sparql_constraints,
    )
    from hemekg.validate.shacl import default_shapes

    shapes_graph = default_shapes() if shapes is None else shapes
    constraints = sparql_constraints(shapes_graph)
    if members is not None and len(members) <= INLINE_MEMBERS:
        workers = 1  # starting processes would cost more than the work they would share
    if isinstance(data, Graph):
        source: ShardSource = _RdflibSource(data)
        dataset = _dataset_of(data) if constraints or prefilter else None
    else:
        source = _OxigraphSource(data)
        dataset = data.dataset
    store_dir = getattr(data, "path", None) if not isinstance(data, Graph) else None
    pending_sparql = None
    if dataset is None:
        sparql_results = Graph()
    elif workers > 1 and store_dir is not None and constraints:
        # the SPARQL constraints on a second process, reading the store as it stands
        # (read-only), while this one runs the Core pre-filter: both are scans of the store
        from concurrent.futures import ProcessPoolExecutor

        from hemekg.store.oxigraph import DATASET_DIR

        sparql_pool = ProcessPoolExecutor(max_workers=1)
        pending_sparql = sparql_pool.submit(
            sparql_results_nt,
            str(Path(store_dir) / DATASET_DIR),
            shapes_graph.skolemize().serialize(format="turtle"),
            members,
            changed_predicates,
        )
    else:
        sparql_results = run_sparql_constraints(
            dataset, constraints, focus=members, changed_predicates=changed_predicates
        )
    core_members = _core_suspects(dataset, source, shapes_graph, members) if prefilter else None
    if pending_sparql is not None:
        try:
            found_nt = pending_sparql.result()
        except (OSError, RuntimeError):  # the read-only view failed (sparql_results_nt)
            # the same constraints over the store this process holds open
            assert dataset is not None
            sparql_results = run_sparql_constraints(
                dataset, constraints, focus=members, changed_predicates=changed_predicates
            )
        else:
            sparql_results = Graph()
            for s_, p_, o_ in add_ntriples(Graph(), found_nt):
                sparql_results.add((_deskolemized(s_), p_, _deskolemized(o_)))
        sparql_pool.shutdown()
    by_focus = _result_trees(
        sparql_results, frozenset(_nt(f) for f in sparql_results.objects(None, SH.focusNode))
    )
    if members is not None:
        # the global SPARQL constraints (cycles) ran over the whole graph: a node whose
        # global results changed (a cycle another document closed or opened) is checked
        # again; one whose global results stand keeps its cached results
        moving = [c for c in constraints if reads_changed(c, changed_predicates)]
        extra = _global_changes(by_focus, members, cached, moving)
        members = members | extra
        if core_members is not None and extra:
            core_members |= _core_suspects(dataset, source, shapes_graph, extra) or extra

    results: dict[str, Graph] = {focus: tree for focus, tree in by_focus.items()
                                 if members is None or focus in members}
    if checked is not None:
        checked |= members if members is not None else set(results)

    def merge(found: dict[str, str]) -> None:
        for focus, text in found.items():
            tree = results.setdefault(focus, Graph())
            for s_, p_, o_ in add_ntriples(Graph(), text):
                tree.add((_deskolemized(s_), p_, _deskolemized(o_)))

    if core_members is None:
        core_members = members
    shards = iter_shards(source, shard_triples=shard_triples, members=core_members, lean=True)
    if workers <= 1:
        for number, shard in enumerate(shards):
            merge(check_core(shard.lines, shard.members, shapes_graph))
            if on_shard is not None:
                on_shard(number, len(shard.lines))
    else:
        from concurrent.futures import Future, ProcessPoolExecutor

        shapes_text = shapes_graph.skolemize().serialize(format="turtle")
        with ProcessPoolExecutor(max_workers=workers) as pool:
            pending: list[Future[dict[str, str]]] = []
            number = 0
            for shard in shards:
                pending.append(pool.submit(check_core, shard.lines, shard.members, shapes_text))
                while len(pending) > 2 * workers:  # bounded: a few shards in memory at once
                    merge(pending.pop(0).result())
                    number += 1
                    if on_shard is not None:
                        on_shard(number, 0)
            for future in pending:
                merge(future.result())
    return _describe_results(source, results, shapes_graph)


def assemble_report(results: Iterable[FocusResults]) -> ValidationReport:
    """One report from the results of every focus node (sorted, deduplicated)."""
    from hemekg.validate.report import ValidationReport, canonical_graph

    violations: set[Violation] = set()
    merged = bind_prefixes(Graph())
    texts = []
    for item in results:
        violations.update(item.violations)
        texts.append(item.results_nt)
    if any(text.strip() for text in texts):
        add_ntriples(merged, texts)
    conforms = not any(v.severity == "Violation" for v in violations)
    node = BNode()
    merged.add((node, RDF.type, SH.ValidationReport))
    merged.add((node, SH.conforms, Literal(conforms)))
    for result in sorted(merged.subjects(RDF.type, SH.ValidationResult), key=str):
        if merged.value(None, SH.detail, result) is None:
            merged.add((node, SH.result, result))
    # blank-node labels from content (results, anonymous shapes: their ids are fresh in
    # every run), so the report's bytes do not depend on the run or on which results
    # came from the cache
    ordered = sorted(violations, key=lambda v: v.sort_key())
    return ValidationReport(
        conforms=conforms,
        violations=ordered,
        results_graph=canonical_graph(merged),
        canonical=True,
    )


def validate_sharded(
    data: Graph | GraphStore,
    shapes: Graph | None = None,
    *,
    shard_triples: int = DEFAULT_SHARD_TRIPLES,
    workers: int = 1,
    on_shard: Callable[[int, int], None] | None = None,
    prefilter: bool = True,
) -> ValidationReport:
    """Validate ``data`` shard by shard; the report equals ``validate_graph(data, shapes)``.

    :param data: an rdflib graph, or a store.
    :param shapes: SHACL shapes; None for the packaged ones.
    :param shard_triples: triples of the members' own descriptions per shard.
    :param on_shard: called with (shard number, closure size) after each shard (progress).
    :param prefilter: see :func:`validate_shards`.
    """
    found = validate_shards(
        data,
        shapes,
        shard_triples=shard_triples,
        workers=workers,
        on_shard=on_shard,
        prefilter=prefilter,
    )
    return assemble_report(found.values())
