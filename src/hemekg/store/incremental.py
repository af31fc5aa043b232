"""Incremental builds: re-extract only the documents whose bytes changed.

Each source file's SHA-256 is recorded in the store's manifest. An update hashes every
input file (cheap next to extraction), extracts only the new and changed ones (serially,
on local processes or on a Dask cluster, through :func:`hemekg.parallel.map_documents`),
replaces their named graphs, and drops the graphs of files that disappeared. The union
of the document graphs is then exactly the graph a clean build makes of the same files.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from hemekg.pipeline import DocumentResult, Skipped, extract_file, select_statements
from hemekg.store.oxigraph import GraphStore

__all__ = [
    "RenderedDocument",
    "StoreUpdate",
    "document_ntriples",
    "file_sha256",
    "ntriples_subjects",
    "render_document",
    "update_store",
]


@dataclass
class StoreUpdate:
    """What an incremental update did, file paths sorted in each list."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    results: list[DocumentResult] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    #: subjects (N-Triples terms) of the graphs written or dropped, before and after.
    affected_subjects: set[str] = field(default_factory=set)

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


def document_ntriples(result: DocumentResult, *, min_confidence: float = 0.0) -> bytes:
    """One document's part of the knowledge graph as sorted N-Triples.

    The same :func:`hemekg.build.graph.build_graph` as a clean build, applied to one
    document: entity descriptions repeat across documents but are identical triples, and
    statement ids include the document, so the union of these graphs is the whole graph.
    """
    from hemekg.build.graph import build_graph

    assert result.document is not None
    graph = build_graph(
        select_statements(result.statements, min_confidence=min_confidence), [result.document]
    )
    lines = sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


def ntriples_subjects(ntriples: bytes) -> set[str]:
    """Subjects (N-Triples terms) of N-Triples lines: the first term, which has no space."""
    return {line.split(b" ", 1)[0].decode("utf-8") for line in ntriples.splitlines() if line}


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


def _statements_jsonl(result: DocumentResult) -> str:
    return "".join(
        json.dumps(s.to_json(), ensure_ascii=False, sort_keys=True) + "\n"
        for s in result.statements
    )


@dataclass(frozen=True, slots=True)
class RenderedDocument:
    """A document's extraction plus everything the store keeps of it, made on a worker."""

    result: DocumentResult
    ntriples: bytes = b""
    statements_jsonl: str = ""
    document_json: str = ""


def render_document(
    job: Callable[[Path], DocumentResult], min_confidence: float, path: Path
) -> RenderedDocument:
    """Extract one file and render its graph (top-level: runs on workers, so the
    per-document graph building is parallel too, not a serial tail in the main process)."""
    result = job(path)
    if result.error is not None or result.document is None:
        return RenderedDocument(result)
    return RenderedDocument(
        result,
        document_ntriples(result, min_confidence=min_confidence),
        _statements_jsonl(result),
        _document_json(result),
    )


_BATCH = 200


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
    manifest = store.manifest()
    hashes = {str(path): file_sha256(path) for path in files}
    todo: list[Path] = []
    for path in sorted(files, key=str):
        key = str(path)
        entry = manifest.get(key)
        if entry is None:
            update.added.append(key)
            todo.append(path)
        elif entry.sha256 != hashes[key]:
            update.changed.append(key)
            todo.append(path)
        else:
            update.unchanged.append(key)
    timings["hash"] = time.perf_counter() - started

    for key in sorted(set(manifest) - set(hashes)):
        update.affected_subjects |= store.graph_subjects(key)
        store.remove_document(key)
        update.removed.append(key)

    # Results arrive in input (sorted) order whatever the scheduler and are stored in
    # batches as they arrive, so memory stays flat however many documents change.
    extract_s = store_s = 0.0
    batch: list[tuple[str, str, bytes, str, str]] = []

    def store_batch() -> None:
        store.replace_documents(batch)
        for _path, _sha, ntriples, *_ in batch:
            update.affected_subjects |= ntriples_subjects(ntriples)
        store.flush()  # RocksDB otherwise keeps every batch in memory until the end
        batch.clear()

    started = time.perf_counter()
    render = partial(render_document, job, min_confidence)
    for rendered in map_documents(render, todo, workers=workers, scheduler=scheduler):
        arrived = time.perf_counter()
        extract_s += arrived - started
        result = rendered.result
        update.results.append(_slim(result))
        if on_result is not None:
            on_result(result)
        if result.path in manifest:
            update.affected_subjects |= store.graph_subjects(result.path)
        if result.error is not None or result.document is None:
            # A file that no longer reads loses its old graph: the store must not keep
            # statements its current bytes do not support.
            store.remove_document(result.path)
            reason = (result.error or "no document").removeprefix(f"{result.path}: ")
            update.skipped.append(Skipped(result.path, reason))
        else:
            batch.append((result.path, hashes[result.path], rendered.ntriples,
                          rendered.statements_jsonl, rendered.document_json))
            if len(batch) >= _BATCH:
                store_batch()
        started = time.perf_counter()
        store_s += started - arrived
    started = time.perf_counter()
    if batch:
        store_batch()
    store_s += time.perf_counter() - started
    store.flush()
    timings["read+extract+graph"] = extract_s
    timings["store"] = store_s
    return update


def _slim(result: DocumentResult) -> DocumentResult:
    # The statements live in the store now; keeping them here would grow with the corpus.
    return DocumentResult(path=result.path, document=result.document, error=result.error)
