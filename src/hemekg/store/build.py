"""``hemekg build --incremental``: a build whose state lives in a store folder.

The first run extracts everything into the store; later runs extract only new and
changed files, drop removed ones, re-validate only the subjects those documents touch
(cached SHACL results stand for the rest), and write the same outputs as a clean build.
"""

from __future__ import annotations

import hashlib
import json
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path
from typing import Any

from hemekg.errors import UsageError
from hemekg.export.files import atomic_open
from hemekg.model import Document
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

__all__ = ["StoreBuildResult", "build_incremental"]

_SHAPES_KEY = "shapes-sha256"


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
    """The statement counts of ``summary.json``, summed one record at a time."""

    def __init__(self, min_confidence: float) -> None:
        self.min_confidence = min_confidence
        self.extracted = self.negated = self.asserted = 0
        self.entity_types: dict[str, str] = {}
        self.predicates: Counter[str] = Counter()

    def add(self, record: dict[str, Any]) -> None:
        self.extracted += 1
        if record["negated"]:
            self.negated += 1
        elif float(record["confidence"]) >= self.min_confidence:
            self.asserted += 1
            self.entity_types[record["subject"]["id"]] = record["subject"]["type"]
            self.entity_types[record["object"]["id"]] = record["object"]["type"]
            self.predicates[record["predicate"]] += 1

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

    def summary(self) -> dict[str, Any]:
        """Counts for the terminal summary and ``summary.json`` (same keys as a clean build)."""
        summary = super().summary()
        summary.update(self.counts)
        return summary


def _write_statements(store: GraphStore, path: Path, min_confidence: float) -> _Counts:
    """``statements.jsonl`` with the bytes of ``pipeline.write_statements_jsonl``, one
    document at a time (records sort by document id first), counting as it goes."""
    counts = _Counts(min_confidence)
    with atomic_open(path) as handle:
        for document, rows in groupby(store.document_ids(), key=lambda row: row[0]):
            records = [r for _, source in rows for r in store.statements_of(source)]
            if any(r["document"] != document for r in records):
                break  # a record names another document: sort them all at once below
            for record in sorted(records, key=_statement_key):
                counts.add(record)
                handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
        else:
            return counts
    counts = _Counts(min_confidence)
    with atomic_open(path) as handle:
        for record in sorted(store.statements_json(), key=_statement_key):
            counts.add(record)
            handle.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    return counts


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
) -> StoreBuildResult:
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
    result = StoreBuildResult()
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
        counts = _write_statements(store, out / "statements.jsonl", options.min_confidence)
        result.counts = counts.summary()
        result.outputs.append(out / "statements.jsonl")
        if full_exports:
            from hemekg.export import write_all

            graph = store.to_rdflib()
            result.graph = graph
            result.outputs.extend(write_all(graph, out))
        else:
            triples = store.export_ntriples(out / "graph.nt")
            result.outputs.append(out / "graph.nt")
        timings["export"] = time.perf_counter() - started
        if result.graph is not None:
            triples = len(result.graph)
    if full_exports and result.graph is not None:
        write_owl_outputs(result, options)
    write_summary(result, out, triples)
    return result
