"""The persistent knowledge-graph store: Oxigraph on disk, the graph in its default graph.

Layout of a store folder::

    DIR/oxigraph/        the RDF dataset (RocksDB): the knowledge graph, each triple once,
                         in the default graph
    DIR/manifest.sqlite  per source file: content hash (and the file status it was taken
                         at), document record, extracted statements in output order, its
                         summary counts, and its graph as sorted N-Triples (zlib):
                         graph.nt is written and patched from these, exactly as rendered,
                         never re-serialised from the dataset; reference counts of the
                         entity lines (:mod:`hemekg.store.shared`)

Why one graph and not a named graph per document: Oxigraph keeps six indexes of a named
graph's quads and three of the default graph's, so loading the same triples into named
graphs wrote twice the bytes and cost twice the time (10,000 documents: 15.3 s against
8.1 s, plus 3.3 s against 1.1 s of compaction), and every query over their union scanned
twice as much. The manifest knows each document's lines, so replacing a document removes
its old lines by value: a document's own lines (statement nodes, its description) unless
another stored file with the same document id holds them too, and its entity lines when
their reference count falls to zero. The manifest lives beside the dataset, not in it, so
the dataset holds nothing but the knowledge graph and ``hemekg serve`` exposes it as is.
"""
from __future__ import annotations

import gc
import json
import re
import sqlite3
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

from hemekg.errors import BuildError
from hemekg.store import shared

if TYPE_CHECKING:
    from rdflib import Graph

    from hemekg.store.ntfile import FileRecord

__all__ = [
    "DATASET_DIR",
    "GraphStore",
    "ManifestEntry",
    "StoredDocument",
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
    document TEXT NOT NULL,
    statements TEXT NOT NULL,
    document_id TEXT NOT NULL,
    stat TEXT,
    ntriples BLOB NOT NULL,
    counts TEXT NOT NULL
);
-- statements.jsonl reads documents in this order: no sort of every block
CREATE INDEX IF NOT EXISTS documents_by_id ON documents (document_id, path);
-- the manifest read of every build, from the index alone: in the table a row's stat
-- comes after its statements, so reading it walks their overflow pages (50 ms instead
-- of 6 ms for 10,000 documents)
CREATE INDEX IF NOT EXISTS documents_status ON documents (path, sha256, stat);
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
_TABLES = ("documents", "validation", "meta", "shared_refs")
_INSERT = (
    "INSERT INTO documents (path, sha256, document, statements, document_id, stat,"
    " ntriples, counts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
#: documents' own lines per bulk load when the dataset is reloaded from the manifest
_RELOAD_BYTES = 64 << 20
_CONFIDENCE = re.compile(
    r'^(.* <https://w3id\.org/hemekg/confidence> )"([0-9.+-eE]+)"'
    r"(\^\^<http://www\.w3\.org/2001/XMLSchema#decimal> \.)$"
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
    :param stat: the file's ``size:mtime_ns:ctime_ns`` when ``sha256`` was taken, or None
        when that status cannot be trusted to stand for the bytes (see
        :func:`hemekg.store.incremental.file_stat`).
    """

    path: str
    sha256: str
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
            columns = {row[1] for row in self._db.execute("PRAGMA table_info(documents)")}
            if "graph" in columns:  # a manifest of the named-graph layout: start afresh
                self._drop_tables()
            self._create_tables()
        except (OSError, sqlite3.Error) as error:
            raise BuildError(f"cannot open the store: {error}", path) from error
        self._shared = shared.SharedLines(self._store, self._db)

    def _create_tables(self) -> None:
        self._db.executescript(_SCHEMA)
        self._db.executescript(shared.SCHEMA)
        self._db.commit()

    def _drop_tables(self) -> None:
        for table in _TABLES:
            self._db.execute(f"DROP TABLE IF EXISTS {table}")
        self._db.commit()

    @property
    def dataset(self) -> ox.Store:
        """The underlying :class:`pyoxigraph.Store` (for SPARQL)."""
        return self._store

    # -- manifest -------------------------------------------------------------------
    def manifest(self) -> dict[str, ManifestEntry]:
        """Every source file recorded in the store, keyed by path."""
        rows = self._db.execute("SELECT path, sha256, stat FROM documents ORDER BY path")
        return {path: ManifestEntry(path, sha, stat) for path, sha, stat in rows}

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

    def packed_ntriples(self, path: str) -> bytes | None:
        """The zlib-compressed N-Triples of a source file's graph; None when not stored."""
        row = self._db.execute("SELECT ntriples FROM documents WHERE path = ?", (path,)).fetchone()
        return None if row is None else bytes(row[0])

    @property
    def manifest_path(self) -> Path | None:
        """The manifest database file (None for a store in memory)."""
        return None if self.path is None else self.path / MANIFEST_FILE

    def statements_of(self, path: str) -> list[dict[str, Any]]:
        """The stored statement records of one source file (empty when not stored)."""
        row = self._db.execute(
            "SELECT statements FROM documents WHERE path = ?", (path,)
        ).fetchone()
        return [] if row is None else [json.loads(line) for line in row[0].splitlines()]

    # -- documents ------------------------------------------------------------------
    def replace_document(self, document: StoredDocument) -> None:
        """Store one document, replacing what an earlier version left (see
        :meth:`replace_documents`)."""
        self.replace_documents([document])

    def replace_documents(self, documents: Iterable[StoredDocument]) -> None:
        """Store documents, replacing what earlier versions left: one bulk load.

        A document's own lines (its provenance nodes and description) are loaded as they
        are; its entity lines are counted (:mod:`.shared`), and only those the dataset
        does not hold yet are loaded. Each Oxigraph load is a transaction with its own
        sync; loading a thousand documents' graphs as one batch is what keeps the store
        stage fast. Manifest rows are written after the graphs; the update is flagged
        unfinished until :meth:`settle`, so a build killed half-way (a batch loaded
        without its rows) has the dataset reloaded from the manifest by the next update
        (:meth:`repair`), which extracts the unrecorded documents again.
        """
        documents = list(documents)
        chunks: list[bytes] = []
        for document in documents:
            self._forget(document.path)
            own, entity_lines = shared.split_lines(document.ntriples)
            chunks.append(own)
            chunks.append(self._shared.add(entity_lines))
        data = b"".join(chunks)
        if data:
            # bulk_load writes sorted files straight into RocksDB, several times faster than
            # a transactional load on a large store. It is not atomic, which the
            # unfinished-update flag covers (above).
            shared.load_lines(self._store, data)
        self._db.executemany(
            _INSERT,
            [
                (d.path, d.sha256, d.document, d.statements, d.document_id, d.stat, d.packed,
                 d.counts)
                for d in documents
            ],
        )

    def _forget(self, path: str) -> bool:
        """Remove a path's lines from the dataset and its manifest row; False when it was
        not stored.

        Its entity lines are uncounted (they leave at :meth:`settle` when no document
        holds them). Its own lines leave now, except those another stored file with the
        same document id holds too (two files of the same name in two folders have the
        same statement nodes and description).
        """
        row = self._db.execute(
            "SELECT ntriples, document_id FROM documents WHERE path = ?", (path,)
        ).fetchone()
        if row is None:
            return False
        packed, document_id = bytes(row[0]), row[1]
        own_text, entity_lines = shared.split_lines(zlib.decompress(packed) if packed else b"")
        self._shared.remove(entity_lines)  # marks the update unfinished before any removal
        self._db.execute("DELETE FROM documents WHERE path = ?", (path,))
        own = set(own_text.split(b"\n")) - {b""}
        if not own:
            return True
        namesakes = self._db.execute(
            "SELECT ntriples FROM documents WHERE document_id = ?", (document_id,)
        )
        for (other,) in namesakes:
            own.difference_update(_unpacked_own_lines(bytes(other)))
        data = b"".join(line + b"\n" for line in own)
        for triple in ox.parse(data, ox.RdfFormat.N_TRIPLES):
            self._store.remove(ox.Quad(triple.subject, triple.predicate, triple.object))
        return True

    def remove_document(self, path: str) -> bool:
        """Drop a source file's graph and manifest row; False when it was not stored.
        Call :meth:`settle` when the update is done."""
        return self._forget(path)

    def settle(self) -> None:
        """End an update: write the entity lines' counts, drop those no document holds
        any more (see :mod:`hemekg.store.shared`) and mark the update finished."""
        self._shared.commit()
        self.flush()

    def repair(self) -> bool:
        """Reload the dataset and the counts from the manifest when the last update did
        not finish (it may have loaded a batch whose rows it never wrote); True when it
        had to."""
        if self._shared.is_valid():
            return False
        self._store.clear()
        counts: Counter[bytes] = Counter()
        chunk: list[bytes] = []
        size = 0
        for (packed,) in self._db.execute("SELECT ntriples FROM documents"):
            own, entity_lines = shared.split_lines(zlib.decompress(packed) if packed else b"")
            counts.update(entity_lines)
            chunk.append(own)
            size += len(own)
            if size >= _RELOAD_BYTES:
                shared.load_lines(self._store, b"".join(chunk))
                chunk, size = [], 0
        if chunk:
            shared.load_lines(self._store, b"".join(chunk))
        self._shared.repair(counts)
        return True

    def shared_changes(self) -> tuple[set[bytes], set[bytes]]:
        """Entity lines (without newline) the last update brought into the graph and took
        out of it: (entered, left), from their reference counts."""
        return self._shared.entered, self._shared.left

    def held_lines(self, lines: Iterable[bytes]) -> set[bytes]:
        """The N-Triples ``lines`` the dataset holds (compared by value, as the store keeps
        literals: ``"0.900"`` and ``"0.9"`` are the same decimal)."""
        lines = [line.rstrip(b"\n") for line in lines]
        if not lines:
            return set()
        data = b"".join(line + b"\n" for line in lines)
        triples = list(ox.parse(data, ox.RdfFormat.N_TRIPLES))
        if len(triples) != len(lines):
            raise BuildError("cannot read back the store's own N-Triples", self.path)
        return {
            line
            for line, t in zip(lines, triples, strict=True)
            if ox.Quad(t.subject, t.predicate, t.object) in self._store
        }

    def reset(self) -> None:
        """Forget every document, its lines and every cached result (a store of an older
        format is rebuilt from scratch rather than trusted)."""
        self._store.clear()
        self._drop_tables()
        self._create_tables()
        self._shared = shared.SharedLines(self._store, self._db)

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

    # -- the knowledge graph ----------------------------------------------------------
    def sorted_ntriples(self) -> list[str]:
        """The knowledge graph as sorted, distinct N-Triples lines (byte-stable output)."""
        return sorted({restore_confidence(f"{quad.triple} .") for quad in self._store})

    def write_ntriples(self, path: Path) -> Path:
        """Write the knowledge graph as sorted N-Triples, atomically."""
        self.export_ntriples(path)
        return path

    def export_ntriples(self, path: Path, *, run_lines: int = 2_000_000) -> int:
        """Write the dataset's graph as sorted N-Triples; return the count.

        Oxigraph writes the graph to a temporary file natively;
        :func:`hemekg.store.ntfile.write_sorted` sorts it,
        spilling sorted runs of ``run_lines`` lines beyond that. Confidence literals get
        their project form back (:func:`restore_confidence`). For the build's
        ``graph.nt`` see :func:`write_graph_file`, which needs no re-serialisation.
        """
        import tempfile

        from hemekg.store.ntfile import write_sorted

        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(dir=path.parent, prefix=".dump-") as spill:
            dump = Path(spill) / "dump.nt"
            self._store.dump(str(dump), ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())

            def pieces() -> Iterator[bytes]:
                with open(dump, "rb") as source:
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

    def to_rdflib(self) -> Graph:
        """The knowledge graph as an rdflib graph (for SHACL and the rdflib-based exports)."""
        return graph_from_ntriples("\n".join(self.sorted_ntriples()))

    def __len__(self) -> int:
        """Number of distinct triples of the knowledge graph."""
        return len(self._store)

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
        del self._shared, self._store  # the entity line counts hold the dataset too
        # RocksDB's lock goes with the last reference; query iterators may sit in
        # collectable cycles, so collect now rather than at some later point.
        gc.collect()

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def manifest_reader(manifest: Path) -> Iterator[sqlite3.Connection]:
    """A read-only connection to a store's manifest file, for work done on another
    process while the store validates (the output files are mostly Python sorting and
    encoding, which would hold this process's GIL)."""
    db = sqlite3.connect(f"{manifest.resolve().as_uri()}?mode=ro", uri=True)
    try:
        yield db
    finally:
        db.close()


def write_graph_file(manifest: Path, path: Path, spare: Path | None = None) -> FileRecord:
    """Write ``graph.nt`` (the union of the stored document graphs, sorted, distinct)
    from the manifest's N-Triples, byte for byte as the documents were rendered (through
    ``spare``'s pages: :func:`hemekg.export.files.atomic_open_reusing`)."""
    from hemekg.store.ntfile import write_sorted

    with manifest_reader(manifest) as db:
        rows = db.execute("SELECT ntriples FROM documents ORDER BY path")
        pieces = (zlib.decompress(p) if p else b"" for (p,) in rows)
        return write_sorted(pieces, path, spare=spare)


def statement_blocks(db: sqlite3.Connection) -> Iterator[tuple[str, str, bytes, str]]:
    """(document id, path, statement JSON lines as UTF-8, counts JSON) of every stored
    document, sorted by document id, then path: the order of ``statements.jsonl``."""
    query = (
        "SELECT document_id, path, CAST(statements AS BLOB), counts FROM documents"
        " ORDER BY document_id, path"
    )
    yield from db.execute(query)


def has_foreign_statements(db: sqlite3.Connection) -> bool:
    """True when a stored statement names another document than its file's (its block
    then does not sort with its document in ``statements.jsonl``)."""
    query = "SELECT 1 FROM documents WHERE counts LIKE '%\"foreign\": true%' LIMIT 1"
    return db.execute(query).fetchone() is not None


def _unpacked_own_lines(packed: bytes) -> list[bytes]:
    return shared.own_lines(zlib.decompress(packed)) if packed else []


def graph_from_ntriples(data: str | bytes) -> Graph:
    """Parse N-Triples into an rdflib graph with the project's prefixes bound."""
    from rdflib import Graph

    from hemekg.namespaces import bind_prefixes
    from hemekg.store.rdflib_bridge import add_ntriples

    return add_ntriples(bind_prefixes(Graph()), data)
