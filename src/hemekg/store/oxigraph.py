"""The persistent knowledge-graph store: Oxigraph on disk, one named graph per document.

Layout of a store folder::

    DIR/oxigraph/        the RDF dataset (RocksDB): one named graph per source file
    DIR/manifest.sqlite  per source file: content hash, graph name, extracted statements

Keeping each document's triples in their own named graph makes replacing a changed
document a graph drop plus an insert, and removing a deleted one a graph drop. The
manifest lives beside the dataset, not in it, so the dataset holds nothing but the
knowledge graph and ``hemekg serve`` can expose it as is (union of the named graphs).
"""

from __future__ import annotations

import gc
import json
import re
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pyoxigraph as ox

from hemekg.errors import BuildError
from hemekg.namespaces import BASE

if TYPE_CHECKING:
    from rdflib import Graph

__all__ = [
    "DATASET_DIR",
    "GraphStore",
    "ManifestEntry",
    "document_graph",
    "graph_from_ntriples",
    "is_store",
    "restore_confidence",
]

DATASET_DIR = "oxigraph"
MANIFEST_FILE = "manifest.sqlite"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS documents (
    path TEXT PRIMARY KEY,
    sha256 TEXT NOT NULL,
    graph TEXT NOT NULL,
    document TEXT NOT NULL,
    statements TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS validation (
    focus TEXT PRIMARY KEY,
    violations TEXT NOT NULL,
    results TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
"""
_CONFIDENCE = re.compile(
    r'^(.* <https://w3id\.org/hemekg/confidence> )"([0-9.+-eE]+)"(\^\^<http://www\.w3\.org/2001/XMLSchema#decimal> \.)$'
)
_CONFIDENCE_PREDICATE = b" <https://w3id.org/hemekg/confidence> "


def restore_confidence(line: str) -> str:
    """Give a confidence literal back the project's lexical form ("0.9" -> "0.900").

    Oxigraph stores xsd:decimal by value and writes it canonically; the graph a clean
    build makes uses :func:`hemekg.build.provenance.confidence_literal` (three decimals),
    so outputs from the store are rewritten to the same bytes.
    """
    match = _CONFIDENCE.match(line)
    if match is None:
        return line
    return f'{match.group(1)}"{float(match.group(2)):.3f}"{match.group(3)}'


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """What the store knows about one source file.

    :param path: the source path as given to the build (the manifest key).
    :param sha256: hash of the file's bytes when it was extracted.
    :param graph: IRI of the named graph holding its triples.
    """

    path: str
    sha256: str
    graph: str


def document_graph(path: str) -> ox.NamedNode:
    """The named graph of a source file (keyed by path, so equal file names never collide)."""
    return ox.NamedNode(BASE + "store/graph/" + quote(path, safe=""))


def is_store(path: Path) -> bool:
    """True when ``path`` is a store folder made by :class:`GraphStore`."""
    return (path / MANIFEST_FILE).is_file() and (path / DATASET_DIR).is_dir()


class GraphStore:
    """A store folder (see the module docstring); in memory when ``path`` is None.

    :raises BuildError: the folder cannot be opened (locked by another process, not a folder).
    """

    def __init__(self, path: Path | None = None) -> None:
        self.path = path
        try:
            if path is None:
                self._store = ox.Store()
                self._db = sqlite3.connect(":memory:")
            else:
                path.mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path / DATASET_DIR))
                self._db = sqlite3.connect(str(path / MANIFEST_FILE))
            # WAL + one commit per batch of documents (see commit()): a commit per document
            # with a full fsync cost 50 ms each, more than extracting the document.
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.executescript(_SCHEMA)
            self._db.commit()
        except (OSError, sqlite3.Error) as error:
            raise BuildError(f"cannot open the store: {error}", path) from error

    @property
    def dataset(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store` (for SPARQL)."""
        return self._store

    # -- manifest -------------------------------------------------------------------
    def manifest(self) -> dict[str, ManifestEntry]:
        """Every source file recorded in the store, keyed by path."""
        rows = self._db.execute("SELECT path, sha256, graph FROM documents ORDER BY path")
        return {path: ManifestEntry(path, sha, graph) for path, sha, graph in rows}

    def documents_json(self) -> list[dict[str, Any]]:
        """The stored document records (id, path, media type, hash, title), by path."""
        rows = self._db.execute("SELECT document FROM documents ORDER BY path")
        return [json.loads(text) for (text,) in rows]

    def statements_json(self) -> Iterator[dict[str, Any]]:
        """The stored statement records of every document (as ``Statement.to_json`` wrote them)."""
        for (text,) in self._db.execute("SELECT statements FROM documents ORDER BY path"):
            for line in text.splitlines():
                yield json.loads(line)

    def document_ids(self) -> list[tuple[str, str]]:
        """(document id, source path) of every stored document, sorted."""
        rows = self._db.execute("SELECT path, document FROM documents")
        return sorted((str(json.loads(text).get("id", "")), path) for path, text in rows)

    def statements_of(self, path: str) -> list[dict[str, Any]]:
        """The stored statement records of one source file (empty when not stored)."""
        row = self._db.execute("SELECT statements FROM documents WHERE path = ?", (path,)).fetchone()
        return [] if row is None else [json.loads(line) for line in row[0].splitlines()]

    # -- documents ------------------------------------------------------------------
    def replace_document(
        self,
        path: str,
        sha256: str,
        ntriples: bytes,
        statements_jsonl: str,
        document_json: str = "{}",
    ) -> None:
        """Store one document's triples, replacing what an earlier version left.

        The manifest row is written last, so a build killed half-way leaves the document
        unrecorded (or recorded with its old hash) and the next update extracts it again.
        """
        graph = document_graph(path)
        self._db.execute("DELETE FROM documents WHERE path = ?", (path,))
        if self._store.contains_named_graph(graph):
            self._store.remove_graph(graph)
        if ntriples:
            self._store.load(ntriples, ox.RdfFormat.N_TRIPLES, to_graph=graph)
        else:
            self._store.add_graph(graph)
        self._db.execute(
            "INSERT INTO documents (path, sha256, graph, document, statements) VALUES (?, ?, ?, ?, ?)",
            (path, sha256, graph.value, document_json, statements_jsonl),
        )

    def replace_documents(self, documents: list[tuple[str, str, bytes, str, str]]) -> None:
        """:meth:`replace_document` for many files at once: one dataset transaction.

        Each Oxigraph load is a transaction with its own sync; loading a few hundred
        documents' graphs as one N-Quads batch is what keeps the store stage fast.

        :param documents: (path, sha256, N-Triples, statements JSON lines, document JSON).
        """
        chunks: list[bytes] = []
        for path, _sha, ntriples, _statements, _document in documents:
            graph = document_graph(path)
            self._db.execute("DELETE FROM documents WHERE path = ?", (path,))
            if self._store.contains_named_graph(graph):
                self._store.remove_graph(graph)
            suffix = f" {graph} .\n".encode()
            chunks.extend(line[:-2] + suffix for line in ntriples.splitlines() if line.endswith(b" ."))
        if chunks:
            # bulk_load writes sorted files straight into RocksDB, several times faster than
            # a transactional load on a large store. It is not atomic, which the manifest
            # covers: rows below are written after it, and a document without its row is
            # re-extracted, its partial graph dropped first (above).
            self._store.bulk_load(b"".join(chunks), ox.RdfFormat.N_QUADS)
        self._db.executemany(
            "INSERT INTO documents (path, sha256, graph, document, statements) VALUES (?, ?, ?, ?, ?)",
            [(path, sha, document_graph(path).value, document, statements)
             for path, sha, _nt, statements, document in documents],
        )

    def remove_document(self, path: str) -> bool:
        """Drop a source file's graph and manifest row; False when it was not stored."""
        graph = document_graph(path)
        existed = self._db.execute("DELETE FROM documents WHERE path = ?", (path,)).rowcount > 0
        if self._store.contains_named_graph(graph):
            self._store.remove_graph(graph)
            existed = True
        return existed

    def graph_subjects(self, path: str) -> set[str]:
        """Subjects (N-Triples terms) of a source file's graph; empty when it is not stored."""
        graph = document_graph(path)
        if not self._store.contains_named_graph(graph):
            return set()
        return {str(q.subject) for q in self._store.quads_for_pattern(None, None, None, graph)}

    # -- cached validation results (see hemekg.store.validation) -----------------------
    def meta(self, key: str) -> str | None:
        """A stored setting (e.g. the hash of the shapes the cache was made with)."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Record a setting."""
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
        self._db.commit()

    def cached_validation(self) -> dict[str, tuple[str, str]]:
        """focus node -> (violations JSON, results N-Triples) from earlier validations."""
        rows = self._db.execute("SELECT focus, violations, results FROM validation ORDER BY focus")
        return {focus: (violations, results) for focus, violations, results in rows}

    def save_validation(self, checked: set[str], results: dict[str, tuple[str, str]]) -> None:
        """Replace the cached results of the focus nodes in ``checked`` by ``results``."""
        self._db.executemany("DELETE FROM validation WHERE focus = ?", [(f,) for f in checked])
        self._db.executemany(
            "INSERT OR REPLACE INTO validation (focus, violations, results) VALUES (?, ?, ?)",
            [(focus, v, r) for focus, (v, r) in sorted(results.items())],
        )
        self._db.commit()

    def clear_validation(self) -> None:
        """Forget every cached validation result."""
        self._db.execute("DELETE FROM validation")
        self._db.commit()

    def document_graphs(self) -> list[ox.NamedNode | ox.BlankNode]:
        """The named graphs holding document triples, sorted."""
        return sorted(self._store.named_graphs(), key=lambda g: g.value)

    # -- the knowledge graph ----------------------------------------------------------
    def iter_triples(self) -> Iterator[ox.Triple]:
        """The knowledge graph: the union of the document graphs, each triple once."""
        seen: set[ox.Triple] = set()
        for quad in self._store:
            triple = quad.triple
            if triple not in seen:
                seen.add(triple)
                yield triple

    def sorted_ntriples(self) -> list[str]:
        """The knowledge graph as sorted, distinct N-Triples lines (byte-stable output)."""
        return sorted({restore_confidence(f"{quad.triple} .") for quad in self._store})

    def write_ntriples(self, path: Path) -> Path:
        """Write the knowledge graph as sorted N-Triples, atomically."""
        self.export_ntriples(path)
        return path

    def export_ntriples(self, path: Path, *, run_lines: int = 1_000_000) -> int:
        """Write the knowledge graph as sorted, distinct N-Triples; return the triple count.

        Oxigraph writes the union of the document graphs (with repeats) to a temporary
        file natively; then an external merge sort: runs of ``run_lines`` distinct lines
        are sorted in memory and spilled beside ``path``, then merged, so memory stays
        bounded however large the graph. Lines are sorted as UTF-8 bytes, which is code
        point order: the bytes equal :meth:`sorted_ntriples` joined by newlines.
        """
        import contextlib
        import heapq
        import tempfile

        from hemekg.export.files import atomic_open

        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=path.parent, prefix=".sort-") as spill:
            union = Path(spill) / "union.nt"
            triples = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            assert isinstance(triples, ox.QueryTriples)
            triples.serialize(output=str(union), format=ox.RdfFormat.N_TRIPLES)
            del triples
            runs: list[Path] = []
            lines: set[bytes] = set()

            def spill_run() -> None:
                run = Path(spill) / f"{len(runs)}.nt"
                with open(run, "wb") as handle:
                    handle.writelines(sorted(lines))
                runs.append(run)
                lines.clear()

            with open(union, "rb") as source:
                for line in source:
                    if _CONFIDENCE_PREDICATE in line:
                        text = restore_confidence(line.decode("utf-8").rstrip("\n"))
                        line = (text + "\n").encode("utf-8")
                    lines.add(line)
                    if len(lines) >= run_lines:
                        spill_run()
            union.unlink()
            if lines or not runs:
                spill_run()
            count = 0
            with contextlib.ExitStack() as stack, atomic_open(path, "wb") as out:
                handles = [stack.enter_context(open(run, "rb")) for run in runs]
                previous = None
                for line in heapq.merge(*handles):
                    if line != previous:
                        out.write(line)
                        count += 1
                        previous = line
        return count

    def to_rdflib(self) -> Graph:
        """The knowledge graph as an rdflib graph (for SHACL and the rdflib-based exports)."""
        return graph_from_ntriples("\n".join(self.sorted_ntriples()))

    def __len__(self) -> int:
        """Number of distinct triples of the knowledge graph."""
        query = "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } } }"
        rows = self._store.query(query)
        assert isinstance(rows, ox.QuerySolutions)
        return int(next(iter(rows))["n"].value)

    def commit(self) -> None:
        """Make the manifest changes so far durable.

        Manifest rows are only ever written after their document's graph, so rows lost by
        a crash before a commit only make the next update extract those documents again.
        """
        self._db.commit()

    def flush(self) -> None:
        """Write buffered changes to disk (dataset and manifest)."""
        self._store.flush()
        self._db.commit()

    def close(self) -> None:
        """Release the folder (RocksDB lock, SQLite handle) so a server can open it."""
        self._store.flush()
        self._db.commit()
        self._db.close()
        del self._store
        # RocksDB's lock goes with the last reference; query iterators may sit in
        # collectable cycles, so collect now rather than at some later point.
        gc.collect()

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def graph_from_ntriples(data: str | bytes) -> Graph:
    """Parse N-Triples into an rdflib graph with the project's prefixes bound."""
    from rdflib import Graph

    from hemekg.namespaces import bind_prefixes

    graph = bind_prefixes(Graph())
    text = data.decode("utf-8") if isinstance(data, bytes) else data
    if text.strip():
        graph.parse(data=text, format="nt")
    return graph
