"""Run SPARQL 1.1 SELECT, ASK, CONSTRUCT and DESCRIBE over the knowledge graph.

Two engines give the same answers: pyoxigraph (Rust, the default: fast joins and property
paths) and rdflib (pure Python, always at hand). :class:`SparqlGraph` holds the graph for
both and converts lazily; results are :class:`QueryResult` records of rdflib terms.

A timeout runs the query in a forked worker process that is killed when time is up, so
even a query that would run for hours returns control at once (a thread could not be
stopped: neither engine checks for cancellation).
"""

from __future__ import annotations

import multiprocessing
import re
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any, Literal, TypeVar

import pyoxigraph as ox
from rdflib import Graph
from rdflib.term import Identifier

from hemekg.errors import QueryError
from hemekg.namespaces import bind_prefixes
from hemekg.query.facts import facts_store, reads_only_facts
from hemekg.query.inline import split_bindings
from hemekg.query.terms import from_oxigraph, to_oxigraph

__all__ = ["DEFAULT_TIMEOUT", "Engine", "QueryResult", "SparqlGraph", "run_with_timeout"]

#: seconds a query may run from the command line unless ``--timeout`` says otherwise.
DEFAULT_TIMEOUT = 30.0
T = TypeVar("T")
ResultKind = Literal["select", "ask", "graph"]
_OX_FORMATS = {
    ".ttl": ox.RdfFormat.TURTLE, ".nt": ox.RdfFormat.N_TRIPLES, ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML, ".xml": ox.RdfFormat.RDF_XML, ".n3": ox.RdfFormat.N3,
}
_OX_POSITION = re.compile(r"^error at (\d+):(\d+):\s*(.*)$", re.S)


class Engine(StrEnum):
    """A SPARQL engine."""

    OXIGRAPH = "oxigraph"
    RDFLIB = "rdflib"


@dataclass(frozen=True)
class QueryResult:
    """The answer to a query.

    :param kind: ``select`` (rows), ``ask`` (a boolean) or ``graph`` (CONSTRUCT/DESCRIBE triples).
    :param variables: the projected variables of a SELECT, in query order.
    :param rows: one dict per solution, variable name -> rdflib term (unbound names absent).
    :param boolean: the answer of an ASK.
    :param triples: the triples of a CONSTRUCT or DESCRIBE.
    :param seconds: wall-clock time the query took.
    """

    kind: ResultKind
    variables: tuple[str, ...] = ()
    rows: tuple[dict[str, Identifier], ...] = ()
    boolean: bool | None = None
    triples: tuple[tuple[Identifier, Identifier, Identifier], ...] = ()
    seconds: float = field(default=0.0, compare=False)

    def __len__(self) -> int:
        return len(self.rows) if self.kind == "select" else len(self.triples)

    def __iter__(self) -> Iterator[dict[str, Identifier]]:
        return iter(self.rows)

    def graph(self) -> Graph:
        """The triples of a CONSTRUCT/DESCRIBE as an rdflib graph with the project prefixes."""
        result = bind_prefixes(Graph())
        for triple in self.triples:
            result.add(triple)
        return result


def _syntax_error(message: str) -> QueryError:
    first = message.strip().splitlines()[0] if message.strip() else "invalid query"
    match = _OX_POSITION.match(first)
    if match:
        line, column, rest = match.groups()
        if len(rest) > 120:  # pyoxigraph lists every token it expected
            rest = rest[:117].rstrip() + "..."
        return QueryError(f"SPARQL syntax error at line {line}, column {column}: {rest}")
    return QueryError(f"SPARQL syntax error: {first}")


def _from_ox_results(result: Any) -> QueryResult:
    if isinstance(result, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(result))
    if isinstance(result, ox.QueryTriples):
        triples = tuple(
            (from_oxigraph(t.subject), from_oxigraph(t.predicate), from_oxigraph(t.object))
            for t in result
        )
        return QueryResult("graph", triples=triples)
    variables = tuple(v.value for v in result.variables)
    rows = []
    for solution in result:
        row = {}
        for name in variables:
            value = solution[name]
            if value is not None:
                row[name] = from_oxigraph(value)
        rows.append(row)
    return QueryResult("select", variables=variables, rows=tuple(rows))


def _from_rdflib_results(result: Any) -> QueryResult:
    if result.type == "ASK":
        return QueryResult("ask", boolean=bool(result.askAnswer))
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        return QueryResult("graph", triples=tuple(result.graph))
    variables = tuple(str(v) for v in result.vars)
    rows = []
    for solution in result:
        rows.append({name: value for name, value in zip(variables, solution, strict=True)
                     if value is not None})
    return QueryResult("select", variables=variables, rows=tuple(rows))


def _values_clause(bindings: Mapping[str, Identifier]) -> str:
    names = sorted(bindings)
    variables = " ".join(f"?{name}" for name in names)
    values = " ".join(bindings[name].n3() for name in names)
    return f"VALUES ({variables}) {{ ({values}) }}"


def _worker(call: Callable[[], T], connection: Any) -> None:
    try:
        payload: tuple[str, Any] = ("ok", call())
    except QueryError as error:
        payload = ("error", str(error))
    except Exception as error:  # reported in the parent as a QueryError
        payload = ("error", f"query failed: {type(error).__name__}: {error}")
    connection.send(payload)
    connection.close()


def run_with_timeout(call: Callable[[], T], timeout: float | None) -> T:
    """Run ``call`` and return its result, or stop it after ``timeout`` seconds.

    With a timeout the call runs in a forked child process, killed on expiry; its result
    comes back pickled. Where ``fork`` is unavailable the call runs in this process and
    the timeout is not enforced.

    :raises QueryError: the time ran out, or the call failed in the worker.
    """
    if timeout is None or "fork" not in multiprocessing.get_all_start_methods():
        return call()
    if timeout <= 0:
        raise QueryError(f"timeout must be positive, not {timeout:g}")
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_worker, args=(call, sender), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            process.kill()
            raise QueryError(f"query stopped by its timeout after {timeout:g} s "
                             "(raise it with --timeout, or narrow the query)")
        try:
            status, payload = receiver.recv()
        except EOFError as error:
            raise QueryError(f"query worker died (exit code {process.exitcode})") from error
    finally:
        receiver.close()
        process.join(timeout=5)
        if process.is_alive():
            process.kill()
            process.join()
    if status == "error":
        raise QueryError(payload)
    result: T = payload
    return result


class SparqlGraph:
    """A knowledge graph ready for SPARQL with either engine.

    Build it from an rdflib graph (:meth:`from_graph`) or a file (:meth:`from_file`); the
    other representation is made on first use.
    """

    def __init__(self, graph: Graph | None = None, store: ox.Store | None = None, *,
                 facts_view: bool = True) -> None:
        """:param facts_view: run the Oxigraph queries that never read provenance on a copy
            without it (:mod:`hemekg.query.facts`), made at the first such query. Worth it
            for a graph queried many times; a one-off query would pay more to make it
            (0.7-1.1 s on a million triples) than it saves. Like the store made from an rdflib
            graph, the copy is a snapshot: change neither after the first query."""
        if graph is None and store is None:
            raise ValueError("SparqlGraph needs a graph or a store")
        self._graph = graph
        self._store = store
        self._facts_view = facts_view
        self._facts: ox.Store | None = None

    @classmethod
    def from_graph(cls, graph: Graph) -> SparqlGraph:
        """Wrap an rdflib graph."""
        return cls(graph=graph)

    @classmethod
    def from_file(cls, path: Path | str, *, facts_view: bool = True) -> SparqlGraph:
        """Load a graph file (Turtle, N-Triples, RDF/XML, N3 with pyoxigraph; JSON-LD with rdflib).

        :param facts_view: as in the constructor.

        :raises QueryError: the file is missing or is not valid RDF (message names the file).
        """
        source = Path(path)
        if not source.is_file():
            hint = (" (run hemekg build first, or pass --graph FILE)"
                    if source.suffix == ".ttl" else "")
            raise QueryError(f"graph file not found{hint}", source)
        if source.suffix.lower() in (".jsonld", ".json", ".rdf", ".owl", ".xml"):
            # Formats that can reach outside the file (remote @context, XML entities) go
            # through the one safe loader, which never fetches or reads anything else.
            from hemekg.errors import ValidationRunError
            from hemekg.validate.parse import load_rdf

            try:
                return cls(graph=load_rdf(source), facts_view=facts_view)
            except ValidationRunError as error:
                raise QueryError(error.message, source) from None
        fmt = _OX_FORMATS.get(source.suffix.lower())
        try:
            if fmt is not None:
                store = ox.Store()
                store.bulk_load(path=str(source), format=fmt)
                return cls(store=store, facts_view=facts_view)
            graph = Graph().parse(source, format="json-ld" if source.suffix.lower() in (
                ".jsonld", ".json") else None)
        except (SyntaxError, ValueError, OSError) as error:
            text = str(error).strip()
            message = text.splitlines()[0] if text else type(error).__name__
            raise QueryError(f"cannot load the graph: {message}", source) from error
        except Exception as error:  # rdflib raises parser-specific exceptions
            raise QueryError(f"cannot load the graph: {type(error).__name__}: {error}",
                             source) from error
        return cls(graph=graph, facts_view=facts_view)

    @property
    def store(self) -> ox.Store:
        """The pyoxigraph store (made from the rdflib graph on first use)."""
        if self._store is None:
            assert self._graph is not None
            store = ox.Store()
            data = self._graph.serialize(format="nt", encoding="utf-8")
            store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES)
            self._store = store
        return self._store

    @property
    def graph(self) -> Graph:
        """The rdflib graph (made from the pyoxigraph store on first use)."""
        if self._graph is None:
            assert self._store is not None
            data = self._store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
            graph = bind_prefixes(Graph())
            graph.parse(data=data, format="nt")
            self._graph = graph
        return self._graph

    def __len__(self) -> int:
        return len(self._graph) if self._graph is not None else len(self.store)

    def query(self, text: str, bindings: Mapping[str, Identifier] | None = None,
              engine: Engine | str = Engine.OXIGRAPH, timeout: float | None = None) -> QueryResult:
        """Run a SPARQL query.

        :param text: the query (SELECT, ASK, CONSTRUCT or DESCRIBE).
        :param bindings: variable name (without ``?``) -> value bound before evaluation.
        :param engine: ``oxigraph`` (default) or ``rdflib``.
        :param timeout: seconds before the query is stopped; ``None`` waits forever.
        :raises QueryError: syntax error (with line and column), evaluation error, timeout.
        """
        chosen = Engine(engine)
        # Both engines read the values written into the text where that means the same
        # (much faster in Oxigraph, see hemekg.query.inline), else bind them natively.
        text, values = split_bindings(text, bindings or {})
        # Make the representation before forking so the child inherits it.
        call: Callable[[], QueryResult]
        if chosen is Engine.OXIGRAPH:
            call = partial(self._run_oxigraph, self.store_for(text), text, values)
        else:
            _ = self.graph
            call = partial(self._run_rdflib, text, values)
        started = time.perf_counter()
        result = run_with_timeout(call, timeout)
        return QueryResult(result.kind, result.variables, result.rows, result.boolean,
                           result.triples, seconds=time.perf_counter() - started)

    def store_for(self, text: str) -> ox.Store:
        """The pyoxigraph store the query ``text`` runs on: the facts view where it gives
        the same answers (:func:`hemekg.query.facts.reads_only_facts`), else the whole graph."""
        if not self._facts_view or not reads_only_facts(text):
            return self.store
        if self._facts is None:
            self._facts = facts_store(self.store)
        return self._facts

    def _run_oxigraph(self, store: ox.Store, text: str,
                      bindings: dict[str, Identifier]) -> QueryResult:
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple] = {
            ox.Variable(name): to_oxigraph(value) for name, value in bindings.items()}
        try:
            try:
                result = store.query(text, substitutions=substitutions or None)
            except RuntimeError as error:
                # pyoxigraph substitutes projected variables only; bind the others with a
                # trailing VALUES clause, which SPARQL joins with the WHERE pattern.
                if not substitutions or "projection" not in str(error):
                    raise
                result = store.query(text + "\n" + _values_clause(bindings))
            return _from_ox_results(result)
        except SyntaxError as error:
            raise _syntax_error(str(error)) from error
        except (OSError, ValueError, RuntimeError) as error:
            raise QueryError(f"query failed: {error}") from error

    def _run_rdflib(self, text: str, bindings: dict[str, Identifier]) -> QueryResult:
        from pyparsing import ParseException

        try:
            result = self.graph.query(text, initBindings=bindings or None)
            return _from_rdflib_results(result)
        except ParseException as error:
            raise QueryError(f"SPARQL syntax error at line {error.lineno}, column {error.col}: "
                             f"{error.msg}") from error
        except Exception as error:
            raise QueryError(f"query failed: {type(error).__name__}: {error}") from error
