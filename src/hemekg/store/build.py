"""``hemekg build --incremental``: a build whose state lives in a store folder.

The first run extracts everything into the store; later runs extract only new and
changed files, drop removed ones, re-validate only the subjects those documents touch
(cached SHACL results stand for the rest), and write the same outputs as a clean build.
"""

from __future__ import annotations

import hashlib
import heapq
import json
import re
import sqlite3
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from hemekg.errors import UsageError
from hemekg.export.files import atomic_open, atomic_open_reusing
from hemekg.model import Document
from hemekg.namespaces import HK
from hemekg.pipeline import (
    BuildOptions,
    BuildResult,
    DocumentResult,
    extract_file,
    list_documents,
    write_owl_outputs,
    write_summary,
)
from hemekg.resources import corpus_dir
from hemekg.store.incremental import StoreUpdate, graph_file_edits, update_store
from hemekg.store.ntfile import FileRecord, patch_sorted
from hemekg.store.oxigraph import (
    GraphStore,
    has_foreign_statements,
    manifest_reader,
    statement_blocks,
    write_graph_file,
)
from hemekg.store.validation import FocusResults, assemble_report, validate_shards

if TYPE_CHECKING:
    import pyoxigraph as ox

    from hemekg.store.sparql_constraints import SparqlConstraint

__all__ = ["StoreBuildResult", "build_incremental"]

_SHAPES_KEY = "shapes-sha256"
#: the manifest (path -> SHA-256) the cached validation results describe
_VALIDATED_KEY = "validated-manifest"
#: the graph.nt the last build wrote (a FileRecord), removed while a build runs
_GRAPH_FILE_KEY = "output-graph-nt"
#: what each SPARQL constraint reads (:func:`hemekg.store.change_scope.query_facts_json`)
_REACH_KEY = "constraint-query-facts"


def _statement_key(record: dict[str, Any]) -> tuple[Any, ...]:
    # the order of hemekg.pipeline.write_statements_jsonl
    return (
        record["document"],
        record["start"],
        record["predicate"],
        record["subject"]["id"],
        record["object"]["id"],
    )


class _Counts:
    """The statement counts of ``summary.json``, summed one document at a time from the
    shares the workers computed (:func:`hemekg.store.incremental.render_document`)."""

    def __init__(self) -> None:
        self.extracted = self.negated = self.asserted = 0
        self.entity_types: dict[str, str] = {}
        self.predicates: Counter[str] = Counter()

    def add(self, counts: dict[str, Any]) -> None:
        self.extracted += counts.get("extracted", 0)
        self.negated += counts.get("negated", 0)
        self.asserted += counts.get("asserted", 0)
        entities = counts.get("entities", "")
        if entities:  # "id<TAB>type" lines (no blanks in either): one split, pairs zipped
            fields = entities.replace("\n", "\t").split("\t")
            self.entity_types.update(zip(fields[::2], fields[1::2], strict=True))
        self.predicates.update(counts.get("predicates", {}))

    def summary(self) -> dict[str, Any]:
        return {
            "statements_extracted": self.extracted,
            "statements_negated": self.negated,
            "statements_asserted": self.asserted,
            "entities_by_type": dict(sorted(Counter(self.entity_types.values()).items())),
            "statements_by_predicate": dict(sorted(self.predicates.items())),
        }


@dataclass
class StoreBuildResult(BuildResult):
    """A build on the store: statement counts summed while streaming the records.

    ``statements`` and ``asserted`` stay empty: holding every statement record of a
    100,000-document corpus would cost gigabytes; :meth:`summary` gives the same counts.
    """

    counts: dict[str, Any] = field(default_factory=dict)
    #: graph.nt was the previous one patched, not written in full
    graph_file_patched: bool = False

    def summary(self) -> dict[str, Any]:
        """Counts for the terminal summary and ``summary.json`` (same keys as a clean build)."""
        summary = super().summary()
        summary.update(self.counts)
        return summary


def _spare(store_dir: Path, output: Path) -> Path:
    """Where the store keeps the last-but-one version of a large output, for the next one
    to be written into its pages (:func:`hemekg.export.files.atomic_open_reusing`)."""
    return store_dir / f"{output.name}.spare"


def _statements_file_job(manifest: Path, path: Path, spare: Path | None) -> dict[str, Any]:
    """Write ``statements.jsonl`` from the manifest; the summary's statement counts.
    Top-level: runs on its own process, beside validation."""
    with manifest_reader(manifest) as db:
        return _write_statements(db, path, spare).summary()


def _write_statements(db: sqlite3.Connection, path: Path, spare: Path | None) -> _Counts:
    """``statements.jsonl`` with the bytes of ``pipeline.write_statements_jsonl``: the
    stored blocks (each already in output order) streamed in document id order and
    concatenated, counting as it goes. Documents sharing an id are merged record by record.
    """
    counts = _Counts()
    with atomic_open_reusing(path, spare) as handle:
        if has_foreign_statements(db):
            # a record names another document: the blocks do not follow the output order
            blocks = list(statement_blocks(db))
            for *_, share in blocks:
                counts.add(json.loads(share))
            _write_records(handle, sorted(_records(blocks), key=_statement_key))
            return counts
        for _, group in groupby(statement_blocks(db), key=lambda block: block[0]):
            same_id = list(group)
            for *_, share in same_id:
                counts.add(json.loads(share))
            if len(same_id) == 1:
                handle.write(same_id[0][2])
            else:  # heapq.merge is stable: ties keep path order, as a clean build's sort
                runs = [_records([block]) for block in same_id]
                _write_records(handle, heapq.merge(*runs, key=_statement_key))
    return counts


def _records(blocks: list[tuple[str, str, bytes, str]]) -> list[dict[str, Any]]:
    return [json.loads(line) for _, _, data, _ in blocks for line in data.splitlines()]


def _write_records(handle: IO[bytes], records: Iterable[dict[str, Any]]) -> None:
    for record in records:
        handle.write((json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n").encode())


def _graph_file_job(
    manifest: Path,
    path: Path,
    previous: FileRecord | None,
    edits: tuple[set[bytes], set[bytes]] | None,
    spare: Path | None,
) -> tuple[FileRecord, bool]:
    """Write ``graph.nt``: the previous one patched with the lines the update added and
    removed when it is the one recorded there, else in full from the manifest; (its
    record, whether it was patched). Top-level: runs on its own process."""
    if previous is not None and edits is not None and previous.path == str(path.resolve()):
        record = patch_sorted(previous, *edits, path, spare)
        if record is not None:
            return record, True
    return write_graph_file(manifest, path, spare), False


def _content_hash(ntriples: bytes) -> str | None:
    """The ``hk:contentHash`` a document graph records (the SHA-256 of its file)."""
    predicate = re.escape(str(HK.contentHash).encode())
    found = re.search(rb"<" + predicate + rb'> "([0-9a-f]{64})"', ntriples)
    return found.group(1).decode() if found else None


def _validation_scope(
    store: GraphStore, update: StoreUpdate, now: dict[str, str],
    constraints: list[SparqlConstraint],
) -> tuple[set[str], list[ox.Triple]] | None:
    """The focus nodes whose SHACL results this update may change, and the triples the
    graph gained or lost; None: validate all. ``now``: the store's manifest (path ->
    SHA-256).

    Incremental only when the cached results describe the store as it was just before
    this update (the manifest recorded by the last validation differs from the current
    one in exactly the files this update touched) and the triples the union graph gained
    and lost are known. Then the nodes within reach of a changed triple
    (:func:`hemekg.store.change_scope.focus_scope`) are re-checked, and so is every
    node whose global constraint results changed (a cycle another document closed or
    opened: :func:`hemekg.store.validation.validate_shards`); other cached results stand.
    """
    from hemekg.store.change_scope import changed_triples, constraint_reach, focus_scope
    from hemekg.store.sparql_constraints import is_global

    recorded = store.meta(_VALIDATED_KEY)
    if recorded is None:
        return None
    before = json.loads(recorded)
    differing = {p for p in before.keys() | now.keys() if before.get(p) != now.get(p)}
    if not differing <= set(update.touched) or update.previous_graphs is None:
        return None
    # each replaced graph must be the one validated (not one an unvalidated run stored)
    for path in update.touched:
        packed = update.previous_graphs.get(path)
        if (packed is None) != (path not in before):
            return None
        if packed and _content_hash(zlib.decompress(packed)) != before[path]:
            return None
    edits = graph_file_edits(store, update)
    if edits is None:
        return None
    bounded = [constraint_reach(c.query) for c in constraints if not is_global(c)]
    changed = changed_triples(edits[0] | edits[1])
    scope = focus_scope(store.dataset, changed, bounded)
    if scope is None:
        return None
    return scope, changed


def _changed_predicates(
    store: GraphStore, changed: list[ox.Triple], cached: dict[str, FocusResults],
    constraints: list[SparqlConstraint],
) -> set[str]:
    """The predicates of the ``changed`` triples that may change a global constraint's
    results (:func:`hemekg.store.sparql_constraints.steady_predicates` proves the others
    do not)."""
    from hemekg.store.sparql_constraints import steady_predicates

    def has_results(node: str) -> bool:
        found = cached.get(node)
        return found is not None and bool(found.results_nt.strip())

    steady = steady_predicates(store.dataset, constraints, changed, has_results)
    return {triple.predicate.value for triple in changed} - steady


def _load_query_facts(store: GraphStore, constraints: list[SparqlConstraint]) -> None:
    """What the SPARQL constraints read, from the store when it holds it (rdflib parses a
    query in about 0.1 s: most of a small incremental validation), else computed and kept."""
    from hemekg.store.change_scope import load_query_facts, query_facts_json

    queries = [c.query for c in constraints]
    saved = store.meta(_REACH_KEY)
    if saved is None or not load_query_facts(saved, queries):
        store.set_meta(_REACH_KEY, query_facts_json(queries))


def _validate(
    store: GraphStore, update: StoreUpdate, result: BuildResult, out: Path, workers: int
) -> None:
    from hemekg.store.sparql_constraints import sparql_constraints
    from hemekg.validate.shacl import default_shapes, default_shapes_path

    shapes_key = hashlib.sha256(default_shapes_path().read_bytes()).hexdigest()
    constraints = sparql_constraints(default_shapes())
    _load_query_facts(store, constraints)
    # the manifest (path -> SHA-256) the results will describe (validation writes none)
    validated = {path: entry.sha256 for path, entry in store.manifest().items()}
    members: set[str] | None = None
    changed_predicates: set[str] | None = None
    cached = None
    if store.meta(_SHAPES_KEY) == shapes_key:
        scope = _validation_scope(store, update, validated, constraints)
        if scope is not None:
            members, changed = scope
            rows = store.cached_validation().items()
            cached = {focus: FocusResults.from_row(*row) for focus, row in rows}
            changed_predicates = _changed_predicates(store, changed, cached, constraints)
    if members is None:
        store.clear_validation()
        store.delete_meta(_VALIDATED_KEY)
    checked: set[str] = set()
    found = validate_shards(
        store,
        members=members,
        workers=workers,
        cached=cached,
        checked=checked,
        changed_predicates=changed_predicates,
    )
    store.save_validation(checked, {k: v.to_row() for k, v in found.items()})
    store.set_meta(_SHAPES_KEY, shapes_key)
    store.set_meta(_VALIDATED_KEY, json.dumps(validated, sort_keys=True))
    report = assemble_report(
        FocusResults.from_row(*row) for row in store.cached_validation().values()
    )
    result.conforms = report.conforms
    result.validation_text = report.to_text()
    with atomic_open(out / "shacl-report.ttl") as handle:
        handle.write(report.to_turtle())
    result.outputs.append(out / "shacl-report.ttl")


def build_incremental(
    paths: Sequence[Path],
    options: BuildOptions,
    store_dir: Path,
    *,
    on_result: Callable[[DocumentResult], None] | None = None,
    full_exports: bool = True,
    job: Callable[[Path], DocumentResult] = extract_file,
) -> StoreBuildResult:
    """Update the store at ``store_dir`` from ``paths`` (default: the bundled corpus) and
    write the build outputs into ``options.out_dir``.

    :param full_exports: write every export and the OWL view (as a clean build does);
        False writes only ``graph.nt`` (sorted N-Triples of the stored document graphs;
        the previous ``graph.nt`` patched with the changed documents' lines when it is
        byte for byte the one this store last wrote there), ``statements.jsonl``, the
        SHACL report and ``summary.json``.
    :param job: reads and extracts one file (top-level, picklable).
    :raises UsageError: curation decisions were given (they apply to the whole statement
        set and are not incremental yet).
    """
    if options.curation_dir is not None:
        raise UsageError(
            "--incremental does not apply curation decisions yet; build without --curation"
        )
    result = StoreBuildResult()
    timings = result.timings
    out = options.out_dir
    started = time.perf_counter()
    files, result.skipped = list_documents(list(paths) or [corpus_dir()])
    timings["list"] = time.perf_counter() - started
    with GraphStore(store_dir) as store:
        # The graph.nt record is dropped while the store changes: a build killed before it
        # writes graph.nt again must not leave a record that a later build would patch.
        recorded = store.meta(_GRAPH_FILE_KEY)
        previous = FileRecord.from_json(json.loads(recorded)) if recorded else None
        store.delete_meta(_GRAPH_FILE_KEY)
        update = update_store(
            files,
            store,
            workers=options.workers,
            scheduler=options.scheduler,
            min_confidence=options.min_confidence,
            job=job,
            on_result=on_result,
        )
        for name, seconds in update.timings.items():
            timings[name] = seconds
        result.skipped.extend(update.skipped)
        started = time.perf_counter()
        result.documents = [
            Document(
                id=d["id"],
                path=d["path"],
                media_type=d["media_type"],
                source="",
                sha256=d["sha256"],
                sentences=(),
                title=d.get("title", ""),
            )
            for d in store.documents_json()
        ]
        timings["load"] = time.perf_counter() - started
        graph_nt = out / "graph.nt"
        manifest = store.manifest_path
        assert manifest is not None
        # graph.nt and statements.jsonl are written on two more processes while this one
        # validates: a full graph.nt is mostly Python sorting (90 s at 100,000
        # documents), statements.jsonl JSON and encoding, and a patch mostly the kernel
        # copying; both go into the pages of the spares the store keeps (_spare)
        with ProcessPoolExecutor(max_workers=1 if full_exports else 2) as pool:
            statements = out / "statements.jsonl"
            writing_statements = pool.submit(
                _statements_file_job, manifest, statements, _spare(store_dir, statements)
            )
            writing_graph = None
            if not full_exports:
                edits = graph_file_edits(store, update) if previous is not None else None
                writing_graph = pool.submit(_graph_file_job, manifest, graph_nt, previous, edits,
                                            _spare(store_dir, graph_nt))
            if options.validate:
                started = time.perf_counter()
                _validate(store, update, result, out, options.workers)
                timings["validate"] = time.perf_counter() - started
            started = time.perf_counter()
            if full_exports:
                from hemekg.export import write_all

                graph = store.to_rdflib()
                result.graph = graph
                result.outputs.extend(write_all(graph, out))
            else:
                assert writing_graph is not None
                record, result.graph_file_patched = writing_graph.result()
                store.set_meta(_GRAPH_FILE_KEY, json.dumps(record.to_json(), sort_keys=True))
                triples = record.lines
                result.outputs.append(graph_nt)
            result.counts = writing_statements.result()
            result.outputs.append(out / "statements.jsonl")
            timings["export"] = time.perf_counter() - started
        if result.graph is not None:
            triples = len(result.graph)
    if full_exports and result.graph is not None:
        write_owl_outputs(result, options)
    write_summary(result, out, triples)
    return result
