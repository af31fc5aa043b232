"""The Python API: load a built knowledge graph and ask it questions.

Entities can be named by CURIE (``DOID:1240``), by label or synonym (``leukemia``) or by
IRI; answers name entities by CURIE. Graph questions (subtypes, neighbours, paths,
centrality) run on the networkx view of :mod:`hemekg.export.nxgraph`; SPARQL runs on
pyoxigraph, with the project prefixes predeclared.

>>> import hemekg.api as hk
>>> kg = hk.load(hk.example_path())
>>> kg
<KnowledgeGraph: 20 entities, 22 relations, 345 triples>
>>> kg.label("DOID:1240")
'leukemia'
>>> kg.subtypes("leukemia")
['DOID:1040', 'DOID:12603', 'DOID:9119', 'DOID:9952']
>>> kg.neighbours("leukaemia", "hasSymptom")
['HP:0000980', 'HP:0001945', 'HP:0012378']
>>> kg.sparql("SELECT ?d WHERE { ?d hk:hasSymptom hke:HP_0012378 } ORDER BY ?d")
[{'d': 'DOID:1240'}, {'d': 'DOID:2355'}]
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cached_property
from importlib.resources import files
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from hemekg.errors import QueryError, UsageError
from hemekg.export.nxgraph import to_networkx
from hemekg.export.rdf import read_graph
from hemekg.export.records import PREDICATE_BY_IRI, curie_of
from hemekg.namespaces import HKE
from hemekg.pipeline import DEFAULT_GRAPH
from hemekg.query.engine import QueryResult, SparqlGraph
from hemekg.query.named import named_query
from hemekg.query.prologue import query_with_prefixes
from hemekg.query.render import render
from hemekg.query.resolve import bind_parameters, resolve_entity, resolve_predicate

__all__ = ["DEFAULT_GRAPH", "KnowledgeGraph", "example_path", "load"]


_DIRECTIONS = ("out", "in", "both")
_QUERY_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def example_path() -> Path:
    """The tiny example graph shipped with the package (``hemekg/data/example.ttl``).

    Two invented leaflets on leukemia and anemia, built by ``hemekg.build.graph`` (see
    ``scripts/make_example_graph.py``): 20 entities, 22 relations, with provenance.
    """
    return Path(str(files("hemekg") / "data" / "example.ttl"))


def _python_value(term: Identifier) -> Any:
    if isinstance(term, URIRef):
        return curie_of(term) if str(term).startswith(str(HKE)) else str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, Decimal):
            return float(value)
        return value if not isinstance(value, Literal) else str(value)
    return str(term)


class KnowledgeGraph:
    """A loaded knowledge graph (see :func:`load`).

    :ivar rdf: the rdflib graph, for anything this class does not offer.
    """

    def __init__(self, graph: Graph, sparql_graph: SparqlGraph | None = None) -> None:
        self.rdf = graph
        self._sparql = sparql_graph or SparqlGraph.from_graph(graph)

    def __repr__(self) -> str:
        view = self.network
        return (
            f"<KnowledgeGraph: {view.number_of_nodes()} entities, "
            f"{view.number_of_edges()} relations, {len(self.rdf)} triples>"
        )

    # -- naming -------------------------------------------------------------------

    def iri(self, entity: str | URIRef) -> URIRef:
        """The IRI of an entity given by CURIE, label/synonym or IRI.

        >>> load(example_path()).iri("white blood cell")
        rdflib.term.URIRef('https://w3id.org/hemekg/entity/CL_0000738')

        :raises QueryError: no such entity, or an ambiguous label.
        """
        return resolve_entity(self._sparql, entity)

    def curie(self, entity: str | URIRef) -> str:
        """The CURIE of an entity given by CURIE, label/synonym or IRI.

        >>> load(example_path()).curie("anaemia")
        'DOID:2355'
        """
        return curie_of(self.iri(entity))

    def label(self, entity: str | URIRef) -> str:
        """The preferred label of an entity.

        >>> load(example_path()).label("HP:0012378")
        'fatigue'
        """
        node = self.curie(entity)
        if node in self.network:
            return str(self.network.nodes[node]["label"])
        return node

    def entities(self, type: str | None = None) -> list[str]:
        """CURIEs of every entity, or of those of one type (``Disease``, ``Treatment``...).

        >>> load(example_path()).entities("Treatment")
        ['HEMEKG:chemotherapy', 'HEMEKG:stem_cell_transplant']

        :raises QueryError: unknown type name.
        """
        from hemekg.model import EntityType

        if type is not None and type not in {t.value for t in EntityType}:
            known = ", ".join(t.value for t in EntityType)
            raise QueryError(f"unknown entity type {type!r} (known: {known})")
        return sorted(
            node
            for node, data in self.network.nodes(data=True)
            if type is None or data["type"] == type
        )

    # -- graph questions ------------------------------------------------------------

    @cached_property
    def network(self) -> nx.MultiDiGraph:
        """The networkx view (nodes: entity CURIEs; edges keyed by predicate), cached."""
        return to_networkx(self.rdf)

    def to_networkx(self) -> nx.MultiDiGraph:
        """A copy of the networkx view, safe to modify.

        >>> view = load(example_path()).to_networkx()
        >>> view.number_of_nodes(), view.number_of_edges()
        (20, 22)
        """
        copy: nx.MultiDiGraph = self.network.copy()
        return copy

    @cached_property
    def _taxonomy(self) -> nx.DiGraph:
        # parent -> child, so descendants() are the subtypes
        return nx.DiGraph(
            (o, s) for s, o, key in self.network.edges(keys=True) if key == "subClassOf"
        )

    def subtypes(self, entity: str | URIRef, transitive: bool = True) -> list[str]:
        """Subclasses of an entity: all of them, or with ``transitive=False`` the direct ones.

        >>> kg = load(example_path())
        >>> kg.subtypes("DOID:1240", transitive=False)
        ['DOID:1040', 'DOID:12603']
        """
        node = self.curie(entity)
        if node not in self._taxonomy:
            return []
        found = (
            nx.descendants(self._taxonomy, node)
            if transitive
            else set(self._taxonomy.successors(node))
        )
        return sorted(found)

    def supertypes(self, entity: str | URIRef, transitive: bool = True) -> list[str]:
        """Superclasses of an entity (all, or the direct ones).

        >>> load(example_path()).supertypes("ALL")
        ['DOID:1240', 'DOID:12603']
        """
        node = self.curie(entity)
        if node not in self._taxonomy:
            return []
        found = (
            nx.ancestors(self._taxonomy, node)
            if transitive
            else set(self._taxonomy.predecessors(node))
        )
        return sorted(found)

    def neighbours(
        self, entity: str | URIRef, predicate: str | None = None, direction: str = "out"
    ) -> list[str]:
        """Entities one relation away: objects (``out``), subjects (``in``) or ``both``.

        >>> kg = load(example_path())
        >>> kg.neighbours("fatigue", direction="in")
        ['DOID:1240', 'DOID:2355']

        :param predicate: only this relation (local name, e.g. ``treatedWith``).
        :raises QueryError: unknown predicate or direction.
        """
        if direction not in _DIRECTIONS:
            raise QueryError(f"direction must be one of {', '.join(_DIRECTIONS)}")
        node = self.curie(entity)
        key = None
        if predicate is not None:
            core = PREDICATE_BY_IRI.get(resolve_predicate(predicate))
            if core is None:
                raise QueryError(f"not a core predicate: {predicate!r}")
            key = str(core)
        found: set[str] = set()
        if node not in self.network:
            return []
        if direction in ("out", "both"):
            found |= {
                o for _, o, k in self.network.out_edges(node, keys=True) if key is None or k == key
            }
        if direction in ("in", "both"):
            found |= {
                s for s, _, k in self.network.in_edges(node, keys=True) if key is None or k == key
            }
        return sorted(found)

    def shared_neighbours(
        self, a: str | URIRef, b: str | URIRef, predicate: str | None = None
    ) -> list[str]:
        """Entities both ``a`` and ``b`` point to (e.g. symptoms two diseases share).

        >>> load(example_path()).shared_neighbours("leukemia", "anemia", "hasSymptom")
        ['HP:0000980', 'HP:0012378']
        """
        return sorted(set(self.neighbours(a, predicate)) & set(self.neighbours(b, predicate)))

    def path(self, a: str | URIRef, b: str | URIRef) -> list[str]:
        """A shortest path between two entities over relation edges (either direction).

        Ties are broken deterministically (the lexicographically smallest path wins).
        An empty list means the two are not connected.

        >>> load(example_path()).path("children", "fatigue")
        ['HEMEKG:children', 'DOID:9952', 'DOID:12603', 'DOID:1240', 'HP:0012378']
        """
        source, target = self.curie(a), self.curie(b)
        undirected = nx.Graph(self.network)
        if source not in undirected or target not in undirected:
            return []
        try:
            paths = nx.all_shortest_paths(undirected, source, target)
            return min(paths)
        except nx.NetworkXNoPath:
            return []

    def centrality(self, kind: str = "degree") -> dict[str, float]:
        """Centrality of every entity: ``degree`` or ``betweenness`` (undirected), by CURIE.

        >>> top = load(example_path()).centrality("betweenness")
        >>> max(top, key=top.get)
        'DOID:1240'

        :raises QueryError: unknown kind.
        """
        if kind == "degree":
            scores = nx.degree_centrality(nx.Graph(self.network))
        elif kind == "betweenness":
            scores = nx.betweenness_centrality(nx.Graph(self.network))
        else:
            raise QueryError(f"unknown centrality {kind!r} (known: degree, betweenness)")
        return {node: round(score, 6) for node, score in sorted(scores.items())}

    # -- SPARQL ---------------------------------------------------------------------

    def query(self, text: str, timeout: float | None = None, **params: str) -> QueryResult:
        """Run SPARQL and return the raw :class:`~hemekg.query.QueryResult` (rdflib terms).

        ``params`` bind variables; values are entity names (CURIE, label, IRI).
        """
        return self._run(text, params, timeout)

    def _run(self, text: str, params: dict[str, str], timeout: float | None) -> QueryResult:
        bindings: dict[str, Identifier] = {name: self.iri(value) for name, value in params.items()}
        return query_with_prefixes(self._sparql, text, bindings, timeout=timeout)

    def sparql(
        self, text: str, timeout: float | None = None, **params: str
    ) -> list[dict[str, Any]] | bool | Graph:
        """Run SPARQL; SELECT gives rows of plain values, ASK a bool, CONSTRUCT a graph.

        Row values: entity IRIs as CURIEs, other IRIs as strings, literals as Python values
        (decimals as floats). Project prefixes (``hk:``, ``hke:``, ``rdfs:``...) need no
        PREFIX line.

        >>> kg = load(example_path())
        >>> kg.sparql("ASK { hke:DOID_1240 hk:originatesIn hke:UBERON_0002371 }")
        True

        :raises QueryError: syntax error (line and column), timeout, unknown entity.
        """
        result = self._run(text, params, timeout)
        if result.kind == "ask":
            return bool(result.boolean)
        if result.kind == "graph":
            return result.graph()
        return [{name: _python_value(value) for name, value in row.items()} for row in result.rows]

    def named(self, name: str, **params: str) -> list[dict[str, Any]]:
        """Run a packaged named query (``hemekg query --list``) with its parameters.

        >>> rows = load(example_path()).named("locations", disease="leukemia")
        >>> [(r["relation"], r["site_label"]) for r in rows]
        [('originates', 'bone marrow'), ('spreads', 'lymph node')]
        """
        query = named_query(name)
        bindings = bind_parameters(self._sparql, query, dict(params))
        result = self._sparql.query(query.text, bindings)
        return [{key: _python_value(value) for key, value in row.items()} for row in result.rows]

    def table(self, query: str, **params: str) -> str:
        """A named query (by name) or SPARQL text, answered as the readable CLI table.

        >>> print(load(example_path()).table("treatments", disease="leukemia"), end="")
        disease               treatment                                        ...
        ...
        leukemia [DOID:1240]  chemotherapy [HEMEKG:chemotherapy]               ...
        leukemia [DOID:1240]  stem cell transplant [HEMEKG:stem_cell_transplant]  ...
        (2 rows)
        """
        if _QUERY_NAME.match(query):
            named = named_query(query)
            bindings = bind_parameters(self._sparql, named, dict(params))
            result = self._sparql.query(named.text, bindings)
        else:
            result = self._run(query, params, None)
        return render(result, "table", self._sparql)

    def evidence(
        self, subject: str, predicate: str | None = None, object: str | None = None
    ) -> list[dict[str, Any]]:
        """The sentences a statement was extracted from, with document, offsets, confidence.

        >>> ev = load(example_path()).evidence("leukemia", "originatesIn", "bone marrow")
        >>> ev[0]["sentence"], ev[0]["start"], ev[0]["confidence"]
        ('It begins in the bone marrow.', 47, 0.9)
        """
        params = {"subject": subject}
        if predicate is not None:
            params["predicate"] = predicate
        if object is not None:
            params["object"] = object
        return self.named("evidence", **params)


def load(path: str | Path | Graph | None = None) -> KnowledgeGraph:
    """Load a knowledge graph: a file (Turtle, N-Triples, RDF/XML, JSON-LD) or an rdflib graph.

    The file is parsed by rdflib, so :attr:`KnowledgeGraph.rdf` keeps every literal exactly
    as written; the pyoxigraph store for SPARQL is made from it on the first query.

    :param path: the graph; ``None`` reads ``build/hemekg.ttl`` (what ``hemekg build`` writes).
    :raises UsageError: the file is missing or its suffix is not an RDF format.
    :raises ExportError: the file is not valid RDF (the message names it).
    """
    if isinstance(path, Graph):
        return KnowledgeGraph(path)
    source = Path(path) if path is not None else DEFAULT_GRAPH
    if path is None and not source.is_file():
        raise UsageError("graph file not found (run hemekg build first, or pass a path)", source)
    return KnowledgeGraph(read_graph(source))
