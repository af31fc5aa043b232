"""Path-level jobs shared by the CLI, notebooks and benchmarks.

A bad document never stops the rest: each document is read and extracted on its own,
failures are collected as :class:`Skipped` records, and the build goes on. Every output
file is written atomically (:mod:`hemekg.export.files`).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from hemekg.errors import HemekgError, ReadError
from hemekg.export.files import atomic_open
from hemekg.model import Document, Statement
from hemekg.resources import corpus_dir

if TYPE_CHECKING:
    from rdflib import Graph

    from hemekg.extract.lexicon import Lexicon

__all__ = [
    "DEFAULT_GRAPH",
    "DEFAULT_OUT_DIR",
    "BuildOptions",
    "BuildResult",
    "DocumentResult",
    "Skipped",
    "build",
    "extract_file",
    "extract_paths",
    "list_documents",
    "select_statements",
    "write_owl_outputs",
    "write_statements_jsonl",
    "write_summary",
]


#: where ``hemekg build`` writes by default, and the graph file other commands read.
DEFAULT_OUT_DIR = Path("build")
DEFAULT_GRAPH = DEFAULT_OUT_DIR / "hemekg.ttl"

#: graphs larger than this are validated shard by shard (see hemekg.store.validation).
SHARDED_VALIDATION_TRIPLES = 5_000


@dataclass(frozen=True, slots=True)
class Skipped:
    """A document that could not be built, and why (one line)."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class DocumentResult:
    """The outcome of reading and extracting one file: a document or an error."""

    path: str
    document: Document | None = None
    statements: tuple[Statement, ...] = ()
    error: str | None = None


def extract_file(path: Path, lexicon: Lexicon | None = None) -> DocumentResult:
    """Read and extract one file; a user-level error becomes ``DocumentResult.error``.

    Top-level (picklable) so process pools and Dask workers can run it.
    """
    from hemekg.extract import extract_document
    from hemekg.read import read_document

    try:
        document = read_document(path)
        statements = extract_document(document, lexicon)
    except HemekgError as error:
        return DocumentResult(path=str(path), error=str(error))
    # The source text is not needed downstream; dropping it keeps memory flat on big corpora.
    slim = Document(
        id=document.id,
        path=document.path,
        media_type=document.media_type,
        source="",
        sha256=document.sha256,
        sentences=(),
        title=document.title,
    )
    return DocumentResult(path=str(path), document=slim, statements=tuple(statements))


def list_documents(paths: Sequence[Path]) -> tuple[list[Path], list[Skipped]]:
    """The files a build reads under ``paths``, and the paths that cannot even be listed."""
    from hemekg.read import iter_document_paths

    files: list[Path] = []
    skipped: list[Skipped] = []
    for item in iter_document_paths(paths):
        if isinstance(item, ReadError):
            skipped.append(Skipped(item.path or "", item.message))
        else:
            files.append(item)
    return files, skipped


def extract_paths(
    paths: Sequence[Path],
    *,
    workers: int = 1,
    scheduler: str | None = None,
    on_result: Callable[[DocumentResult], None] | None = None,
) -> tuple[list[DocumentResult], list[Skipped]]:
    """Read and extract every document under ``paths``.

    :param paths: files or folders (folders are walked in sorted order).
    :param workers: local processes for extraction (1 = in this process).
    :param scheduler: address of a Dask distributed scheduler; overrides ``workers``.
    :param on_result: called once per document as results arrive (progress display).
    :returns: results sorted by path (so the output does not depend on completion order)
        and the paths that could not even be listed.
    """
    from hemekg.parallel import map_documents

    files, skipped = list_documents(paths)
    results: list[DocumentResult] = []
    for result in map_documents(extract_file, files, workers=workers, scheduler=scheduler):
        results.append(result)
        if on_result is not None:
            on_result(result)
    results.sort(key=lambda r: r.path)
    return results, skipped


def select_statements(
    statements: Iterable[Statement], *, min_confidence: float = 0.0
) -> list[Statement]:
    """The statements that may be asserted: not negated, confident enough."""
    return [s for s in statements if not s.negated and s.confidence >= min_confidence]


def write_statements_jsonl(statements: Iterable[Statement], path: Path) -> Path:
    """Every extracted statement (negated ones too) as JSON lines, in a stable order."""
    ordered = sorted(
        statements, key=lambda s: (s.document, s.start, s.predicate, s.subject.id, s.object.id)
    )
    with atomic_open(path) as handle:
        for statement in ordered:
            handle.write(json.dumps(statement.to_json(), ensure_ascii=False, sort_keys=True) + "\n")
    return path


@dataclass(frozen=True, slots=True)
class BuildOptions:
    """What ``hemekg build`` does, beyond the input paths."""

    out_dir: Path = DEFAULT_OUT_DIR
    min_confidence: float = 0.0
    workers: int = 1
    scheduler: str | None = None
    curation_dir: Path | None = None
    validate: bool = True
    reason: bool = True


@dataclass
class BuildResult:
    """Everything a build produced, for the summary and the exit code."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    asserted: list[Statement] = field(default_factory=list)
    graph: Graph | None = None
    conforms: bool | None = None
    validation_text: str = ""
    consistent: bool | None = None
    reasoner_text: str = ""
    curation_messages: list[str] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True when every document was built, the graph conforms and the ontology is consistent."""
        return not self.skipped and self.conforms is not False and self.consistent is not False

    def summary(self) -> dict[str, Any]:
        """Counts for the terminal summary and ``build/summary.json``."""
        from collections import Counter

        entity_types: dict[str, str] = {}
        for statement in self.asserted:
            entity_types[statement.subject.id] = str(statement.subject.type)
            entity_types[statement.object.id] = str(statement.object.type)
        return {
            "documents": len(self.documents),
            "skipped": [{"path": s.path, "reason": s.reason} for s in self.skipped],
            "statements_extracted": len(self.statements),
            "statements_negated": sum(1 for s in self.statements if s.negated),
            "statements_asserted": len(self.asserted),
            "triples": len(self.graph) if self.graph is not None else 0,
            "entities_by_type": dict(sorted(Counter(entity_types.values()).items())),
            "statements_by_predicate": dict(
                sorted(Counter(str(s.predicate) for s in self.asserted).items())
            ),
            "conforms": self.conforms,
            "consistent": self.consistent,
            "outputs": sorted(p.name for p in self.outputs),
        }


class _Timer:
    def __init__(self, timings: dict[str, float], name: str) -> None:
        self.timings, self.name = timings, name

    def __enter__(self) -> None:
        self.start = time.perf_counter()

    def __exit__(self, *exc: object) -> None:
        self.timings[self.name] = (
            self.timings.get(self.name, 0.0) + time.perf_counter() - self.start
        )


def build(
    paths: Sequence[Path] | None = None,
    options: BuildOptions | None = None,
    *,
    on_result: Callable[[DocumentResult], None] | None = None,
) -> BuildResult:
    """Build the knowledge graph and ontology of ``paths`` (default: the bundled corpus).

    Stages: read + extract, curation, graph, SHACL validation, exports, OWL + reasoner.
    Each output is written atomically into ``options.out_dir``.
    """
    from hemekg.build.graph import build_graph

    options = options or BuildOptions()
    paths = list(paths) if paths else [corpus_dir()]
    result = BuildResult()
    timings = result.timings
    out = options.out_dir

    with _Timer(timings, "read+extract"):
        doc_results, result.skipped = extract_paths(
            paths, workers=options.workers, scheduler=options.scheduler, on_result=on_result
        )
    for doc_result in doc_results:
        if doc_result.error is not None:
            result.skipped.append(
                Skipped(doc_result.path, doc_result.error.removeprefix(f"{doc_result.path}: "))
            )
        elif doc_result.document is not None:
            result.documents.append(doc_result.document)
            result.statements.extend(doc_result.statements)

    candidates = result.statements
    annotate: Callable[[Graph], None] | None = None
    if options.curation_dir is not None:
        from hemekg.curation import curate

        with _Timer(timings, "curate"):
            outcome = curate(candidates, options.curation_dir)
            candidates = list(outcome.statements)
            annotate = outcome.annotate
            result.curation_messages = list(outcome.messages)
    result.asserted = select_statements(candidates, min_confidence=options.min_confidence)

    with _Timer(timings, "graph"):
        graph = build_graph(result.asserted, result.documents)
        if annotate is not None:
            annotate(graph)
        result.graph = graph

    if options.validate:
        from hemekg.validate.shacl import validate_graph

        with _Timer(timings, "validate"):
            # Big graphs go through the sharded validator: same report, bounded cost.
            if len(graph) > SHARDED_VALIDATION_TRIPLES:
                from hemekg.store.validation import validate_sharded

                report = validate_sharded(graph, workers=options.workers)
            else:
                report = validate_graph(graph)
            result.conforms = report.conforms
            result.validation_text = report.to_text()
            with atomic_open(out / "shacl-report.ttl") as handle:
                handle.write(report.to_turtle())
            result.outputs.append(out / "shacl-report.ttl")

    with _Timer(timings, "export"):
        from hemekg.export import write_all

        result.outputs.extend(write_all(graph, out))
        result.outputs.append(write_statements_jsonl(result.statements, out / "statements.jsonl"))

    write_owl_outputs(result, options)
    write_summary(result, out)
    return result


def write_owl_outputs(result: BuildResult, options: BuildOptions) -> None:
    """The OWL view, SSSOM mappings, ontology page and (unless disabled) the HermiT run.

    Shared by the clean and the incremental build, so both write the same files.
    """
    from hemekg.build.docs import write_ontology_docs
    from hemekg.build.owl import owl_view, write_owl
    from hemekg.build.sssom import write_sssom

    assert result.graph is not None
    out = options.out_dir
    with _Timer(result.timings, "owl"):
        view = owl_view(result.graph)
        owl_paths = write_owl(result.graph, out, view=view)
        result.outputs.extend(owl_paths)
        result.outputs.append(write_sssom(result.graph, out / "hemekg.sssom.tsv"))
        result.outputs.append(write_ontology_docs(view, out / "ontology.html"))
    if options.reason:
        from hemekg.build.reasoner import check_consistency

        with _Timer(result.timings, "reason"):
            reasoner_report = check_consistency(owl_paths[0])
            result.consistent = reasoner_report.ok
            result.reasoner_text = reasoner_report.to_text()


def write_summary(result: BuildResult, out: Path, triples: int | None = None) -> Path:
    """``summary.json``: the build's counts, without timings (they vary run to run, and
    the outputs must be byte-identical for the same input)."""
    summary = result.summary()
    if triples is not None:
        summary["triples"] = triples
    path = out / "summary.json"
    with atomic_open(path) as handle:
        handle.write(json.dumps(summary, indent=2, sort_keys=True) + "\n")
    result.outputs.append(path)
    return path
