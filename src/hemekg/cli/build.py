"""``hemekg build``: documents in, validated knowledge graph and OWL ontology out."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from hemekg.cli._common import EXIT_FAILURES, EXIT_OK, handle_errors, out_dir_option, workers_option
from hemekg.pipeline import BuildOptions, BuildResult, build
from hemekg.progress import build_progress, count_documents
from hemekg.resources import corpus_dir

__all__ = ["command"]

DEFAULT_CURATION_DIR = Path("curation")


def _print_summary(result: BuildResult, elapsed: float, quiet: bool) -> None:
    summary = result.summary()
    echo = click.echo
    for skipped in result.skipped:
        echo(f"hemekg: skipped {skipped.path}: {skipped.reason}", err=True)
    if not quiet:
        echo(f"documents     {summary['documents']} built, {len(result.skipped)} skipped")
        echo(
            "entities      " + ", ".join(f"{k} {v}" for k, v in summary["entities_by_type"].items())
        )
        echo(
            f"statements    {summary['statements_asserted']} asserted, "
            f"{summary['statements_negated']} negated (not asserted), "
            f"{summary['statements_extracted']} extracted"
        )
        for predicate, count in summary["statements_by_predicate"].items():
            echo(f"  {predicate:<18} {count}")
        echo(f"triples       {summary['triples']}")
        for message in result.curation_messages:
            echo(f"curation      {message}")
    if result.conforms is False:
        echo(result.validation_text, err=True)
    if result.consistent is False:
        echo(result.reasoner_text, err=True)
    shacl = {True: "conforms", False: "VIOLATIONS", None: "not run"}[result.conforms]
    owl = {
        True: "consistent, all classes satisfiable",
        False: "INCONSISTENT or unsatisfiable classes",
        None: "not run",
    }[result.consistent]
    echo(f"validation    SHACL {shacl}; OWL (HermiT) {owl}")
    if not quiet:
        timing = ", ".join(f"{k} {v:.2f}s" for k, v in sorted(result.timings.items()))
        echo(f"time          {elapsed:.2f}s ({timing})")
        out_dir = result.outputs[0].parent if result.outputs else None
        echo(f"outputs       {len(result.outputs)} files in {out_dir}")


@click.command(
    "build",
    epilog="Exit codes: 0 built and valid; 1 documents skipped, SHACL "
    "violations or an inconsistent ontology; 2 could not run.",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@out_dir_option
@click.option(
    "--min-confidence",
    type=click.FloatRange(0.0, 1.0),
    default=0.0,
    show_default=True,
    help="Keep statements below this confidence out of the graph.",
)
@workers_option
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    default=None,
    help="Run extraction on this Dask distributed scheduler (tcp://host:port).",
)
@click.option(
    "--curation",
    "curation_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Folder of curation decisions [default: ./curation if present].",
)
@click.option("--no-reason", is_flag=True, help="Skip the HermiT consistency check.")
@click.option(
    "--incremental",
    is_flag=True,
    help="Re-extract only new and changed documents; state kept in --store.",
)
@click.option(
    "--store",
    "store_dir",
    type=click.Path(path_type=Path, file_okay=False),
    default=None,
    help="Store folder for --incremental [default: OUT/store].",
)
@click.option(
    "--graph-only",
    is_flag=True,
    help="Build through the store (as --incremental) and write only graph.nt (sorted "
    "N-Triples), statements.jsonl, the SHACL report and summary.json: no other exports and "
    "no OWL view, which take most of a large corpus's build.",
)
@click.pass_context
@handle_errors
def command(
    ctx: click.Context,
    paths: tuple[Path, ...],
    out_dir: Path,
    min_confidence: float,
    workers: int,
    scheduler: str | None,
    curation_dir: Path | None,
    no_reason: bool,
    incremental: bool,
    store_dir: Path | None,
    graph_only: bool,
) -> None:
    """Build the knowledge graph of PATHS (files or folders; default: the bundled corpus).

    Writes Turtle, JSON-LD, N-Triples, RDF/XML, GraphML, CSV/KGX tables, the OWL
    ontology for Protégé, the SHACL report, statements.jsonl and graph.html into -o;
    with --graph-only, graph.nt, statements.jsonl, the SHACL report and summary.json.
    """
    quiet = bool((ctx.find_root().obj or {}).get("quiet"))
    incremental = incremental or graph_only
    # Curation applies to the whole statement set, which an incremental build never holds.
    if curation_dir is None and DEFAULT_CURATION_DIR.is_dir() and not incremental:
        curation_dir = DEFAULT_CURATION_DIR
    options = BuildOptions(
        out_dir=out_dir,
        min_confidence=min_confidence,
        workers=workers,
        scheduler=scheduler,
        curation_dir=curation_dir,
        reason=not no_reason,
    )
    started = time.perf_counter()
    inputs = list(paths) or [corpus_dir()]
    result: BuildResult
    with build_progress(count_documents(inputs), quiet=quiet) as on_result:
        if incremental:
            from hemekg.store.build import build_incremental

            store = store_dir or out_dir / "store"
            result = build_incremental(
                inputs, options, store, on_result=on_result, full_exports=not graph_only
            )
        else:
            result = build(inputs, options, on_result=on_result)
    _print_summary(result, time.perf_counter() - started, quiet)
    sys.exit(EXIT_OK if result.ok else EXIT_FAILURES)
