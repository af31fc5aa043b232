"""Incremental builds: re-extract only the documents whose bytes changed.

Each source file's SHA-256 is recorded in the store's manifest. An update hashes every
input file (cheap next to extraction; a file whose size, mtime and ctime equal the ones
recorded with its hash is not even read: see :func:`file_stat`), extracts only the new
and changed ones (serially, on local processes or on a Dask cluster, through
:func:`hemekg.parallel.map_documents`), replaces their lines in the store, and drops the
lines of files that disappeared. The store then holds the union of the document graphs,
exactly the graph a clean build makes of the same files.

Each worker also renders what the store keeps of its document (:func:`render_document`):
the graph as sorted N-Triples (the same mapping as a clean build's, written straight as
text), the statement records in ``statements.jsonl`` order and the document's share of
the summary counts, so the main process only stores and concatenates.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import cache, partial
from pathlib import Path

from hemekg.model import Statement
from hemekg.pipeline import DocumentResult, Skipped, extract_file, select_statements
from hemekg.resources import package_digest
from hemekg.store.oxigraph import GraphStore, StoredDocument
from hemekg.store.shared import own_lines

__all__ = [
    "RenderedDocument",
    "StoreUpdate",
    "document_ntriples",
    "file_sha256",
    "file_stat",
    "graph_file_edits",
    "render_document",
    "settled_stats",
    "update_store",
]

#: version of what the manifest keeps per document; a store of another version is rebuilt
STORE_FORMAT = "5"
_FORMAT_KEY = "store-format"
#: what a stored document graph was made with: the confidence threshold and the extractor
_SETTINGS_KEY = "extraction-settings"
#: the package parts that decide a document's statements and graph (and the lexicon)
_EXTRACTION_SOURCES = ("read", "extract", "build/graph.py", "build/provenance.py",
                       "build/terms.py", "model.py", "iris.py", "namespaces.py",
                       "data/lexicon.tsv")
#: a file modified this close to the moment it was hashed may change again within the
#: file system's timestamp resolution without its status changing: its status is not kept
_RACY_NS = 2_000_000_000
#: old graphs kept for patching graph.nt; more changed documents than this get a rewrite
PATCH_LIMIT = 1000


@dataclass
class StoreUpdate:
    """What an incremental update did, file paths sorted in each list."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    #: zlib N-Triples of the graphs replaced or dropped, by path (what graph.nt loses),
    #: or None when they were not kept (too many, or the whole store was rebuilt).
    previous_graphs: dict[str, bytes] | None = field(default_factory=dict)
    #: :func:`graph_file_edits`, once computed (validation and graph.nt both need it)
    edits: tuple[set[bytes], set[bytes]] | None = field(default=None, repr=False)

    @property
    def touched(self) -> list[str]:
        """Paths whose graph was written or dropped."""
        return sorted({*self.added, *self.changed, *self.removed})


def file_sha256(path: Path) -> str:
    """SHA-256 of a file's bytes (the manifest key for "did it change")."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def file_stat(path: Path, hashed_at_ns: int) -> str | None:
    """``size:mtime_ns:ctime_ns`` of a file, kept with its hash so an unchanged file is not
    read again; None when it cannot be trusted.

    Any write changes the size or mtime, and ctime too, which no user tool can set back
    (``touch -d`` and ``cp -p`` restore mtime only). What is left is a file written again
    within the file system's timestamp resolution, without a size change, right after it
    was hashed: a file modified less than two seconds before hashing gets no status, so
    it is hashed again next time, until its status has settled.
    """
    status = os.stat(path)
    if max(status.st_mtime_ns, status.st_ctime_ns) > hashed_at_ns - _RACY_NS:
        return None
    return f"{status.st_size}:{status.st_mtime_ns}:{status.st_ctime_ns}"


@cache
def extraction_fingerprint() -> str:
    """SHA-256 over the reader, extractor, graph mapping and lexicon files of this install.

    An unchanged source file keeps its stored graph only while these are unchanged: after
    an upgrade or a lexicon rebuild every document is extracted again, as a clean build
    would (the store cannot tell which documents the change affects).
    """
    return package_digest(*_EXTRACTION_SOURCES)


def document_ntriples(result: DocumentResult, *, min_confidence: float = 0.0) -> bytes:
    """One document's part of the knowledge graph as sorted N-Triples.

    The same mapping as a clean build's :func:`hemekg.build.graph.build_graph`, rendered
    straight to N-Triples text (:func:`hemekg.build.graph.graph_ntriples`) and applied to
    one document: entity descriptions repeat across documents but are identical triples,
    and statement ids include the document, so the union of these graphs is the whole graph.
    """
    from hemekg.build.graph import graph_ntriples

    assert result.document is not None
    return graph_ntriples(
        select_statements(result.statements, min_confidence=min_confidence), [result.document]
    )


def _document_json(result: DocumentResult) -> str:
    document = result.document
    assert document is not None
    record = {
        "id": document.id,
        "path": document.path,
        "media_type": document.media_type,
        "sha256": document.sha256,
        "title": document.title,
    }
    return json.dumps(record, ensure_ascii=False, sort_keys=True)


def _output_order(statement: Statement) -> tuple[str, int, str, str, str]:
    # the order of hemekg.pipeline.write_statements_jsonl (a stable sort, as there)
    return (
        statement.document,
        statement.start,
        statement.predicate,
        statement.subject.id,
        statement.object.id,
    )


def _statements_jsonl(statements: Iterable[Statement]) -> str:
    return "".join(
        json.dumps(s.to_json(), ensure_ascii=False, sort_keys=True) + "\n"
        for s in sorted(statements, key=_output_order)
    )


def _counts_json(result: DocumentResult, min_confidence: float) -> str:
    """The document's share of ``summary.json`` (``BuildResult.summary``'s rules)."""
    assert result.document is not None
    ordered = sorted(result.statements, key=_output_order)
    asserted = select_statements(ordered, min_confidence=min_confidence)
    entities: list[str] = []  # "id<TAB>type" lines, in record order (CURIEs have no blanks)
    for statement in asserted:
        entities.append(f"{statement.subject.id}\t{statement.subject.type}")
        entities.append(f"{statement.object.id}\t{statement.object.type}")
    counts = {
        "extracted": len(ordered),
        "negated": sum(1 for s in ordered if s.negated),
        "asserted": len(asserted),
        "entities": "\n".join(entities),
        "predicates": dict(Counter(str(s.predicate) for s in asserted)),
        # records naming another document break the per-document order of statements.jsonl
        "foreign": any(s.document != result.document.id for s in ordered),
    }
    return json.dumps(counts, ensure_ascii=False, sort_keys=True)


@dataclass(frozen=True, slots=True)
class RenderedDocument:
    """What the main process gets of a document from a worker: the result without its
    text, sentences and statements (:func:`_slim`: sending those back only to drop them
    cost pickling time and, while results were kept, memory growing with the corpus),
    and everything the store keeps of it."""

    result: DocumentResult
    stored: StoredDocument | None = None


def render_document(
    job: Callable[[Path], DocumentResult], min_confidence: float, path: Path
) -> RenderedDocument:
    """Extract one file and render what the store keeps of it (top-level: runs on workers,
    so the per-document graph rendering is parallel too, not a serial tail in the main
    process). The hash and file status are filled in by the main process."""
    result = job(path)
    if result.error is not None or result.document is None:
        return RenderedDocument(_slim(result))
    ntriples = document_ntriples(result, min_confidence=min_confidence)
    stored = StoredDocument(
        path=result.path,
        sha256="",
        ntriples=ntriples,
        packed=zlib.compress(ntriples, 1),
        statements=_statements_jsonl(result.statements),
        document=_document_json(result),
        document_id=result.document.id,
        counts=_counts_json(result, min_confidence),
    )
    return RenderedDocument(_slim(result), stored)


def graph_file_edits(
    store: GraphStore, update: StoreUpdate
) -> tuple[set[bytes], set[bytes]] | None:
    """The lines the union graph (and so ``graph.nt``) gains and loses with ``update``, or
    None when they are unknown (the old graphs were not kept) or too many (more than
    :data:`PATCH_LIMIT` documents touched): (added, removed). Computed once per update
    (kept on it): the graph.nt patch and the validation scope both read it.

    Entity lines (descriptions, relations: about 60% of a document's lines) come from
    their reference counts: only a line whose count rose from zero or fell to zero
    changed the union. A document newly mentioning "anemia" thus adds nothing
    when other documents already describe it, instead of the thousands of lines (and,
    for validation, of nodes) its description spans. A document's own lines (statement
    nodes, its description) are compared with its old graph; one is lost only when the
    store no longer holds it (another file with the same document id may).
    """
    if update.previous_graphs is None or len(update.touched) > PATCH_LIMIT:
        return None  # a rewrite costs less than holding that many graphs' lines
    if update.edits is not None:
        return update.edits
    old: set[bytes] = set()
    for previous in update.previous_graphs.values():
        old.update(own_lines(zlib.decompress(previous)) if previous else ())
    new: set[bytes] = set()
    for path in (*update.added, *update.changed):
        current = store.packed_ntriples(path)
        if current:
            new.update(own_lines(zlib.decompress(current)))
    entered, left = store.shared_changes()
    gone = old - new
    update.edits = (entered | (new - old), left | (gone - store.held_lines(gone)))
    return update.edits


#: documents per bulk load: each load writes sorted files that RocksDB later compacts, so
#: fewer, larger loads write less (3,000 documents: 250 MB written with batches of 1,000,
#: 750 MB with batches of 200) for about 200 MB more memory at the peak
_BATCH = 1000


def update_store(
    files: Sequence[Path],
    store: GraphStore,
    *,
    workers: int = 1,
    scheduler: str | None = None,
    min_confidence: float = 0.0,
    job: Callable[[Path], DocumentResult] = extract_file,
    on_result: Callable[[DocumentResult], None] | None = None,
) -> StoreUpdate:
    """Bring ``store`` in line with ``files``: extract what is new or changed, drop what is gone.

    A store of another format is emptied and rebuilt; a change of ``min_confidence`` or of
    the extractor (:func:`extraction_fingerprint`) re-extracts every document (it changes
    every graph and count).

    :param files: every source file of the corpus (already listed; the manifest is keyed by
        ``str(path)``, so give paths the same way each time).
    :param job: reads and extracts one file (top-level, picklable for workers and Dask).
    :param on_result: called once per extracted document (progress display).
    :returns: what was added, changed, removed, left alone or skipped.
    """
    from hemekg.parallel import map_documents

    update = StoreUpdate()
    timings = update.timings
    started = time.perf_counter()
    if store.meta(_FORMAT_KEY) != STORE_FORMAT:
        update.previous_graphs = None
        store.reset()
        store.set_meta(_FORMAT_KEY, STORE_FORMAT)
    if store.repair():  # the last update died before it settled
        update.previous_graphs = None
    manifest = store.manifest()
    settings = f"{min_confidence!r} {extraction_fingerprint()}"
    redo_all = store.meta(_SETTINGS_KEY) not in (None, settings)
    hashed_at = time.time_ns()
    hashes: dict[str, str] = {}
    stats: dict[str, str | None] = {}
    restat: list[tuple[str, str | None]] = []
    todo: list[Path] = []
    for path in sorted(files, key=str):
        key = str(path)
        entry = manifest.get(key)
        stats[key] = stat = file_stat(path, hashed_at)
        if entry is not None and stat is not None and entry.stat == stat:
            hashes[key] = entry.sha256  # same size, mtime and ctime: same bytes
        else:
            hashes[key] = file_sha256(path)
        if entry is None:
            update.added.append(key)
            todo.append(path)
        elif entry.sha256 != hashes[key] or redo_all:
            update.changed.append(key)
            todo.append(path)
        else:
            update.unchanged.append(key)
            if entry.stat != stat:
                restat.append((key, stat))
    store.set_stats(restat)
    if redo_all and manifest:
        # Every graph changes: emptying the store and loading it afresh beats replacing
        # each graph in place (at 10,000 documents: 55 s against 82 s, most of it in
        # RocksDB deleting and rewriting what a fresh load writes once).
        store.reset()
        store.set_meta(_FORMAT_KEY, STORE_FORMAT)
        update.previous_graphs = None
    timings["hash"] = time.perf_counter() - started

    def forget(key: str) -> None:
        """Keep what graph.nt loses with this path's old graph (while few enough)."""
        if update.previous_graphs is None:
            return
        if len(update.previous_graphs) >= PATCH_LIMIT:
            update.previous_graphs = None
        else:
            update.previous_graphs[key] = store.packed_ntriples(key) or b""

    for key in sorted(set(manifest) - set(hashes)):
        forget(key)
        store.remove_document(key)
        update.removed.append(key)

    # Results arrive in input (sorted) order whatever the scheduler and are stored in
    # batches as they arrive, so memory stays flat however many documents change.
    extract_s = store_s = 0.0
    batch: list[StoredDocument] = []

    def store_batch() -> None:
        store.replace_documents(batch)
        # the manifest rows; the graphs went to disk as sorted files (bulk load): a flush
        # of the dataset here cost 1.6 s at 10,000 documents and saved no memory
        store.commit()
        batch.clear()

    started = time.perf_counter()
    render = partial(render_document, job, min_confidence)
    for rendered in map_documents(render, todo, workers=workers, scheduler=scheduler):
        arrived = time.perf_counter()
        extract_s += arrived - started
        result = rendered.result
        if on_result is not None:
            on_result(result)
        if result.path in manifest:
            forget(result.path)
        if rendered.stored is None:
            # A file that no longer reads loses its old graph: the store must not keep
            # statements its current bytes do not support.
            store.remove_document(result.path)
            reason = (result.error or "no document").removeprefix(f"{result.path}: ")
            update.skipped.append(Skipped(result.path, reason))
        else:
            batch.append(_with_status(rendered.stored, hashes[result.path], stats[result.path]))
            if len(batch) >= _BATCH:
                store_batch()
        started = time.perf_counter()
        store_s += started - arrived
    started = time.perf_counter()
    if batch:
        store_batch()
    skipped = {s.path for s in update.skipped}
    racy = [path for path in files if stats[str(path)] is None and str(path) not in skipped]
    store.set_stats(settled_stats(racy, hashes, time.time_ns()))
    store.settle()
    store.set_meta(_SETTINGS_KEY, settings)
    store_s += time.perf_counter() - started
    timings["read+extract+graph"] = extract_s
    timings["store"] = store_s
    if len(todo) > PATCH_LIMIT:
        # RocksDB compacts bulk-loaded files later, in the background of whatever opens
        # the store next: the first re-build after a 10,000-document build took 5.3 s
        # instead of 2.1 s. The build that loaded them pays for it now (2 s at 10,000).
        started = time.perf_counter()
        store.compact()
        timings["compact"] = time.perf_counter() - started
    return update


def settled_stats(
    paths: Iterable[Path], hashes: dict[str, str], now_ns: int
) -> list[tuple[str, str]]:
    """The status of each file of ``paths`` that has settled by ``now_ns`` (the clock of
    :func:`time.time_ns`) and whose bytes still have the hash in ``hashes``: (path,
    status) to record.

    A corpus written just before a build (copied, unpacked, generated) is all too recent
    for its status to be kept (:func:`file_stat`), so the next update would read every
    file again: 0.5 s of a re-build at 10,000 documents. By the end of a long build those
    files have settled, and hashing them once more, from the page cache, costs the build
    less. The status is taken before the hash, as in :func:`update_store`: a write during
    the hash changes it, and the next update reads the file.
    """
    settled: list[tuple[str, str]] = []
    for path in paths:
        try:
            stat = file_stat(path, now_ns)
            if stat is not None and file_sha256(path) == hashes[str(path)]:
                settled.append((str(path), stat))
        except OSError:
            continue  # gone or unreadable since: the next update sees it
    return settled


def _with_status(stored: StoredDocument, sha256: str, stat: str | None) -> StoredDocument:
    return replace(stored, sha256=sha256, stat=stat)


def _slim(result: DocumentResult) -> DocumentResult:
    """The result with its document's metadata only (no source text, no sentences) and
    no statements: the store holds what they gave."""
    document = result.document
    if document is not None:
        document = replace(document, source="", sentences=())
    return DocumentResult(path=result.path, document=document, error=result.error)
