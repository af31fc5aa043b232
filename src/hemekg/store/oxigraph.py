"""The persistent knowledge-graph store: Oxigraph on disk, one named graph per document.

Layout of a store folder::

    DIR/oxigraph/        the RDF dataset (RocksDB): one named graph per source file with
                         its own lines (provenance nodes, document description), and one
                         shared graph with the entity lines (descriptions, relations)
                         that many documents repeat, each stored once
    DIR/manifest.sqlite  per source file: content hash (and the file status it was taken
                         at), graph name, document record, extracted statements in output
                         order, its summary counts, and its graph as sorted N-Triples
                         (zlib): graph.nt is written and patched from these, exactly as
                         rendered, never re-serialised from the dataset; reference counts
                         of the shared graph's lines (:mod:`hemekg.store.shared`)

Keeping each document's own triples in their own named graph makes replacing a changed
document a graph drop plus an insert (and a count update for its entity lines), and
removing a deleted one a graph drop. The manifest lives beside the dataset, not in it,
so the dataset holds nothing but the knowledge graph and ``hemekg serve`` can expose it
as is (union of the named graphs).
"""
from __future__ import annotations

import gc
import json
import re
import sqlite3
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import pyoxigraph as ox

from hemekg.errors import BuildError
from hemekg.namespaces import BASE
from hemekg.store import shared

if TYPE_CHECKING:
    from rdflib import Graph

    from hemekg.store.ntfile import FileRecord

__all__ = [
    "DATASET_DIR",
    "GraphStore",
    "ManifestEntry",
    "StoredDocument",
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
#: columns added after the first release of the store (ALTER TABLE on an older manifest)
_ADDED_COLUMNS = {
    "document_id": "TEXT NOT NULL DEFAULT ''",
    "stat": "TEXT",
    "ntriples": "BLOB NOT NULL DEFAULT x''",
    "counts": "TEXT NOT NULL DEFAULT '{}'",
}
_INSERT = (
    "INSERT INTO documents (path, sha256, graph, document, statements, document_id, stat,"
    " ntriples, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
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
    :param stat: the file's ``size:mtime_ns:ctime_ns`` when ``sha256`` was taken, or None
        when that status cannot be trusted to stand for the bytes (see
        :func:`hemekg.store.incremental.file_stat`).
    """

    path: str
    sha256: str
    graph: str
    stat: str | None = None


@dataclass(frozen=True, slots=True)
class StoredDocument:
    """Everything the store keeps of one source file (made on a worker, stored in batches).

    :param ntriples: the document's graph as sorted N-Triples lines, each ended by ``\\n``.
    :param packed: the same bytes, zlib-compressed (what the manifest keeps).
    :param statements: its statement records (negated ones too) as JSON lines, in the order
        of ``statements.jsonl``.
    :param document: its document record (JSON).
    :param counts: its share of the ``summary.json`` counts (JSON).
    """

    path: str
    sha256: str
    ntriples: bytes
    packed: bytes
    statements: str
    document: str
    document_id: str
    counts: str = "{}"
    stat: str | None = None


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
            self._db.executescript(shared.SCHEMA)
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(documents)")}
            for name, kind in _ADDED_COLUMNS.items():
                if name not in columns:
                    self._db.execute(f"ALTER TABLE documents ADD COLUMN {name} {kind}")
            # statements.jsonl reads documents in this order: no sort of every block
            self._db.execute(
                "CREATE INDEX IF NOT EXISTS documents_by_id ON documents (document_id, path)"
            )
            # the manifest read of every build, from the index alone: in the table a row's
            # stat comes after its statements, so reading it walks their overflow pages
            # (50 ms instead of 6 ms for 10,000 documents)
            self._db.execute(
                "CREATE INDEX IF NOT EXISTS documents_status"
                " ON documents (path, sha256, graph, stat)"
            )
            self._db.commit()
        except (OSError, sqlite3.Error) as error:
            raise BuildError(f"cannot open the store: {error}", path) from error
        self._shared = shared.SharedLines(self._store, self._db)

    @property
    def dataset(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store` (for SPARQL)."""
        return self._store

    # -- manifest -------------------------------------------------------------------
    def manifest(self) -> dict[str, ManifestEntry]:
        """Every source file recorded in the store, keyed by path."""
        rows = self._db.execute("SELECT path, sha256, graph, stat FROM documents ORDER BY path")
        return {path: ManifestEntry(path, sha, graph, stat) for path, sha, graph, stat in rows}

    def set_stats(self, stats: Iterable[tuple[str, str | None]]) -> None:
        """Record the file status (see :attr:`ManifestEntry.stat`) of unchanged files."""
        self._db.executemany(
            "UPDATE documents SET stat = ? WHERE path = ?", [(st, path) for path, st in stats]
        )

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
        rows = self._db.execute("SELECT document_id, path FROM documents")
        return sorted((str(doc_id), str(path)) for doc_id, path in rows)

    def statement_blocks(self) -> Iterator[tuple[str, str, bytes, str]]:
        """(document id, path, statement JSON lines as UTF-8, counts JSON) of every stored
        document, sorted by document id, then path: the order of ``statements.jsonl``."""
        query = (
            "SELECT document_id, path, CAST(statements AS BLOB), counts FROM documents"
            " ORDER BY document_id, path"
        )
        yield from self._db.execute(query)

    def has_foreign_statements(self) -> bool:
        """True when a stored statement names another document than its file's (its block
        then does not sort with its document in ``statements.jsonl``)."""
        query = "SELECT 1 FROM documents WHERE counts LIKE '%\"foreign\": true%' LIMIT 1"
        return self._db.execute(query).fetchone() is not None

    def packed_ntriples(self, path: str) -> bytes | None:
        """The zlib-compressed N-Triples of a source file's graph; None when not stored."""
        row = self._db.execute("SELECT ntriples FROM documents WHERE path = ?", (path,)).fetchone()
        return None if row is None else bytes(row[0])

    def document_ntriples(self) -> Iterator[bytes]:
        """Every stored document graph as sorted N-Triples (their union is the graph)."""
        for (packed,) in self._db.execute("SELECT ntriples FROM documents ORDER BY path"):
            yield zlib.decompress(packed) if packed else b""

    def statements_of(self, path: str) -> list[dict[str, Any]]:
        """The stored statement records of one source file (empty when not stored)."""
        row = self._db.execute("SELECT statements FROM documents WHERE path = ?", (path,)).fetchone()
        return [] if row is None else [json.loads(line) for line in row[0].splitlines()]

    # -- documents ------------------------------------------------------------------
    def replace_document(self, document: StoredDocument) -> None:
        """Store one document, replacing what an earlier version left (see
        :meth:`replace_documents`)."""
        self.replace_documents([document])

    def replace_documents(self, documents: Iterable[StoredDocument]) -> None:
        """Store documents, replacing what earlier versions left: one bulk load.

        A document's own lines (its provenance nodes and description) go into its named
        graph; its entity lines are counted into the shared graph (:mod:`.shared`), which
        gets only the lines it does not hold yet. Each Oxigraph load is a transaction with
        its own sync; loading a few hundred documents' graphs as one N-Quads batch is what
        keeps the store stage fast. Manifest rows are written after the graphs, so a build
        killed half-way leaves a document unrecorded (or recorded with its old hash) and the
        next update extracts it again. Call :meth:`settle` when the update is done.
        """
        documents = list(documents)
        chunks: list[bytes] = []
        for document in documents:
            graph = document_graph(document.path)
            self._forget(document.path)
            own, entity_lines = shared.split_lines(document.ntriples)
            # every line ends with " .\n" and no other "\n" occurs (literals escape it)
            chunks.append(own.replace(b" .\n", f" {graph} .\n".encode()))
            chunks.append(self._shared.add(entity_lines))
            if not own:
                self._store.add_graph(graph)
        data = b"".join(chunks)
        if data:
            # bulk_load writes sorted files straight into RocksDB, several times faster than
            # a transactional load on a large store. It is not atomic, which the manifest
            # covers: rows below are written after it, and a document without its row is
            # re-extracted, its partial graph dropped first (above).
            self._store.bulk_load(data, ox.RdfFormat.N_QUADS)
        self._db.executemany(
            _INSERT,
            [
                (d.path, d.sha256, document_graph(d.path).value, d.document, d.statements,
                 d.document_id, d.stat, d.packed, d.counts)
                for d in documents
            ],
        )

    def _forget(self, path: str) -> bool:
        """Drop a path's graph, its counts in the shared graph and its manifest row."""
        graph = document_graph(path)
        row = self._db.execute("SELECT ntriples FROM documents WHERE path = ?", (path,)).fetchone()
        if row is not None:
            self._shared.remove(bytes(row[0]))
            self._db.execute("DELETE FROM documents WHERE path = ?", (path,))
        if self._store.contains_named_graph(graph):
            self._store.remove_graph(graph)
            return True
        return row is not None

    def remove_document(self, path: str) -> bool:
        """Drop a source file's graph and manifest row; False when it was not stored.
        Call :meth:`settle` when the update is done."""
        return self._forget(path)

    def settle(self) -> None:
        """End an update: write the shared graph's counts and drop the entity lines no
        document holds any more (see :mod:`hemekg.store.shared`)."""
        self._shared.commit()
        self.flush()

    def repair(self) -> bool:
        """Rebuild the shared graph and its counts when the last update did not finish;
        True when it had to."""
        if self._shared.is_valid():
            return False
        blobs = (bytes(b) for (b,) in self._db.execute("SELECT ntriples FROM documents"))
        self._shared.repair(blobs)
        return True

    def shared_changes(self) -> tuple[set[bytes], set[bytes]]:
        """Entity lines (without newline) the last update brought into the union graph and
        took out of it: (entered, left), from the shared graph's reference counts."""
        return self._shared.entered, self._shared.left

    def held_lines(
        self, lines: Iterable[bytes], *, excluding: Iterable[str] = ()
    ) -> set[bytes]:
        """The N-Triples ``lines`` that some document graph holds (compared by value, as
        the store keeps literals: ``"0.900"`` and ``"0.9"`` are the same decimal).

        :param excluding: source paths whose graphs do not count.
        """
        skip = {document_graph(path) for path in excluding}
        lines = [line.rstrip(b"\n") for line in lines]
        if not lines:
            return set()
        data = b"".join(line + b"\n" for line in lines)
        triples = list(ox.parse(data, ox.RdfFormat.N_TRIPLES))
        if len(triples) != len(lines):
            raise BuildError("cannot read back the store's own N-Triples", self.path)
        held = set()
        for line, triple in zip(lines, triples, strict=True):
            quads = self._store.quads_for_pattern(triple.subject, triple.predicate, triple.object)
            if any(quad.graph_name not in skip for quad in quads):
                held.add(line)
        return held

    def reset(self) -> None:
        """Forget every document, its graph and every cached result (a store of an older
        format is rebuilt from scratch rather than trusted)."""
        self._store.clear()
        self._db.execute("DELETE FROM shared_refs")
        self._shared = shared.SharedLines(self._store, self._db)
        self._db.execute("DELETE FROM documents")
        self._db.execute("DELETE FROM validation")
        self._db.execute("DELETE FROM meta")
        self._db.commit()

    # -- cached validation results (see hemekg.store.validation) -----------------------
    def meta(self, key: str) -> str | None:
        """A stored setting (e.g. the hash of the shapes the cache was made with)."""
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def set_meta(self, key: str, value: str) -> None:
        """Record a setting."""
        self._db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", (key, value))
        self._db.commit()

    def delete_meta(self, key: str) -> None:
        """Forget a setting."""
        self._db.execute("DELETE FROM meta WHERE key = ?", (key,))
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
        """The named graphs holding document triples, sorted (not the shared graph)."""
        graphs = [g for g in self._store.named_graphs() if g != shared.SHARED_GRAPH]
        return sorted(graphs, key=lambda g: g.value)

    # -- the knowledge graph ----------------------------------------------------------
    def sorted_ntriples(self) -> list[str]:
        """The knowledge graph as sorted, distinct N-Triples lines (byte-stable output)."""
        return sorted({restore_confidence(f"{quad.triple} .") for quad in self._store})

    def write_ntriples(self, path: Path) -> Path:
        """Write the knowledge graph as sorted N-Triples, atomically."""
        self.export_ntriples(path)
        return path

    def export_ntriples(self, path: Path, *, run_lines: int = 2_000_000) -> int:
        """Write the dataset's named graphs as sorted, distinct N-Triples; return the count.

        Oxigraph writes the union of the named graphs (with repeats) to a temporary file
        natively; :func:`hemekg.store.ntfile.write_sorted` de-duplicates and sorts it,
        spilling sorted runs of ``run_lines`` lines beyond that. Confidence literals get
        their project form back (:func:`restore_confidence`). For the build's
        ``graph.nt`` see :meth:`write_graph_file`, which needs no re-serialisation.
        """
        import tempfile

        from hemekg.store.ntfile import write_sorted

        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=path.parent, prefix=".union-") as spill:
            union = Path(spill) / "union.nt"
            triples = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
            assert isinstance(triples, ox.QueryTriples)
            triples.serialize(output=str(union), format=ox.RdfFormat.N_TRIPLES)
            del triples

            def pieces() -> Iterator[bytes]:
                with open(union, "rb") as source:
                    batch: list[bytes] = []
                    for line in source:
                        if _CONFIDENCE_PREDICATE in line:
                            text = restore_confidence(line.decode("utf-8").rstrip("\n"))
                            line = (text + "\n").encode("utf-8")
                        batch.append(line)
                        if len(batch) >= 65536:
                            yield b"".join(batch)
                            batch.clear()
                    yield b"".join(batch)

            return write_sorted(pieces(), path, run_lines=run_lines).lines

    def write_graph_file(self, path: Path, *, run_lines: int = 2_000_000) -> FileRecord:
        """Write ``graph.nt`` (the union of the stored document graphs, sorted, distinct)
        from the manifest's N-Triples, byte for byte as the documents were rendered."""
        from hemekg.store.ntfile import write_sorted

        return write_sorted(self.document_ntriples(), path, run_lines=run_lines)

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

    def compact(self) -> None:
        """Compact the dataset's files now (after a bulk load), rather than in the
        background of a later use."""
        self._store.optimize()

    def flush(self) -> None:
        """Write buffered changes to disk (dataset and manifest)."""
        self._store.flush()
        self._db.commit()

    def close(self) -> None:
        """Release the folder (RocksDB lock, SQLite handle) so a server can open it."""
        self._store.flush()
        self._db.commit()
        self._db.close()
        del self._shared, self._store  # the shared lines hold the dataset too
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
    from hemekg.store.rdflib_bridge import add_ntriples

    return add_ntriples(bind_prefixes(Graph()), data)
