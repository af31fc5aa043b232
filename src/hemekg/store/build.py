"""``hemekg build --incremental``: a build whose state lives in a store folder.

The first run extracts everything into the store; later runs extract only new and
changed files, drop removed ones, re-validate only the subjects those documents touch
(cached SHACL results stand for the rest), and write the same outputs as a clean build.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hemekg.errors import UsageError
from hemekg.export.files import atomic_open
from hemekg.model import Document, Statement
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
from hemekg.store.incremental import StoreUpdate, update_store
from hemekg.store.oxigraph import GraphStore
from hemekg.store.validation import FocusResults, assemble_report, validate_shards

__all__ = ["build_incremental"]

_SHAPES_KEY = "shapes-sha256"


def _write_statements(records: list[dict[str, Any]], path: Path) -> Path:
    # same order and bytes as hemekg.pipeline.write_statements_jsonl
    def key(r: dict[str, Any]) -> tuple[Any, ...]:
        return (r["document"], r["start"], r["predicate"], r["subject"]["id"], r["object"]["id"])

    with atomic_open(path) as handle:
        for record in sorted(records, key=key):
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return path


def _validate(
    store: GraphStore, update: StoreUpdate, result: BuildResult, out: Path, workers: int
) -> None:
    from hemekg.validate.shacl import default_shapes_path

    shapes_key = hashlib.sha256(default_shapes_path().read_bytes()).hexdigest()
    members: set[str] | None = None
    if store.meta(_SHAPES_KEY) == shapes_key:
        # Only the subjects the changed documents describe can have new SHACL Core
        # results; the SPARQL constraints (cycles) run over the whole graph anyway, and
        # every node with an earlier result is re-checked so a fixed problem disappears.
        members = update.affected_subjects | set(store.cached_validation())
    if members is None:
        store.clear_validation()
    if members is None or members:
        found = validate_shards(store, members=members, workers=workers)
        store.save_validation(members or set(), {k: v.to_row() for k, v in found.items()})
    store.set_meta(_SHAPES_KEY, shapes_key)
    report = assemble_report(
        FocusResults.from_row(*row) for row in store.cached_validation().values()
    )
    result.conforms = report.conforms
    result.validation_text = report.to_text()
    with atomic_open(out / "shacl-report.ttl") as handle:
        handle.write(report.to_graph().serialize(format="longturtle"))
    result.outputs.append(out / "shacl-report.ttl")


def build_incremental(
    paths: Sequence[Path],
    options: BuildOptions,
    store_dir: Path,
    *,
    on_result: Callable[[DocumentResult], None] | None = None,
    full_exports: bool = True,
    job: Callable[[Path], DocumentResult] = extract_file,
) -> BuildResult:
    """Update the store at ``store_dir`` from ``paths`` (default: the bundled corpus) and
    write the build outputs into ``options.out_dir``.

    :param full_exports: write every export and the OWL view (as a clean build does);
        False writes only ``graph.nt`` (sorted N-Triples, straight from the store),
        ``statements.jsonl``, the SHACL report and ``summary.json``.
    :param job: reads and extracts one file (top-level, picklable).
    :raises UsageError: curation decisions were given (they apply to the whole statement
        set and are not incremental yet).
    """
    if options.curation_dir is not None:
        raise UsageError(
            "--incremental does not apply curation decisions yet; build without --curation"
        )
    result = BuildResult()
    timings = result.timings
    out = options.out_dir
    started = time.perf_counter()
    files, result.skipped = list_documents(list(paths) or [corpus_dir()])
    timings["list"] = time.perf_counter() - started
    with GraphStore(store_dir) as store:
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
        records = list(store.statements_json())
        result.statements = [Statement.from_json(r) for r in records]
        result.asserted = [
            s for s in result.statements if not s.negated and s.confidence >= options.min_confidence
        ]
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
        if options.validate:
            started = time.perf_counter()
            _validate(store, update, result, out, options.workers)
            timings["validate"] = time.perf_counter() - started
        started = time.perf_counter()
        result.outputs.append(_write_statements(records, out / "statements.jsonl"))
        if full_exports:
            from hemekg.export import write_all

            graph = store.to_rdflib()
            result.graph = graph
            result.outputs.extend(write_all(graph, out))
        else:
            result.outputs.append(store.write_ntriples(out / "graph.nt"))
        timings["export"] = time.perf_counter() - started
        triples = len(result.graph) if result.graph is not None else len(store)
    if full_exports and result.graph is not None:
        write_owl_outputs(result, options)
    write_summary(result, out, triples)
    return result
