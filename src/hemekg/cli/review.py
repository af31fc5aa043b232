"""``hemekg review``: a build's statements as a table a curator marks accept / reject / add."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from hemekg.cli._common import EXIT_FAILURES, EXIT_OK, handle_errors, workers_option
from hemekg.errors import UsageError
from hemekg.model import Statement

__all__ = ["command"]


def _extract(paths: list[Path], workers: int) -> tuple[list[Statement], list[str]]:
    """Statements of ``paths`` (default: the bundled corpus) and one line per skipped file."""
    from hemekg.pipeline import extract_paths
    from hemekg.resources import corpus_dir

    results, skipped = extract_paths(paths or [corpus_dir()], workers=workers)
    problems = [f"{s.path}: {s.reason}" for s in skipped]
    statements: list[Statement] = []
    for result in results:
        if result.error is not None:
            problems.append(result.error)
        else:
            statements.extend(result.statements)
    return statements, problems


@click.command(
    "review",
    epilog="Exit codes: 0 table written; 1 written but documents were skipped; 2 could not run.",
)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Review table to write (.tsv or .csv) [default: TSV on stdout].",
)
@click.option(
    "--from",
    "from_jsonl",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Read the statements of a build (build/statements.jsonl) "
    "instead of extracting PATHS again.",
)
@click.option(
    "--overwrite",
    is_flag=True,
    help="Replace an existing table at -o instead of carrying its decisions over.",
)
@workers_option
@click.pass_context
@handle_errors
def command(
    ctx: click.Context,
    paths: tuple[Path, ...],
    output: Path | None,
    from_jsonl: Path | None,
    overwrite: bool,
    workers: int,
) -> None:
    """List a build's statements in a table to mark accept / reject / add.

    Extracts PATHS (files or folders; default: the bundled corpus), or reads --from.
    One row per statement, negated and low-confidence ones included, sorted by document
    and position, with empty decision / curator / note columns. Write accept, reject or
    add in 'decision' and keep the file in ./curation: the next build applies it.
    Re-running onto an existing table keeps its decisions (see docs/CURATION.md).
    """
    quiet = bool((ctx.find_root().obj or {}).get("quiet"))
    if from_jsonl is not None and paths:
        raise UsageError("give PATHS or --from, not both")
    if from_jsonl is not None:
        from hemekg.curation.jsonl import read_statements_jsonl

        statements: list[Statement] = read_statements_jsonl(from_jsonl)
        problems: list[str] = []
    else:
        statements, problems = _extract(list(paths), workers)
    for problem in problems:
        click.echo(f"hemekg: skipped {problem}", err=True)

    negated = sum(1 for s in statements if s.negated)
    if output is None:
        from hemekg.curation.table import render_review_table, review_row, sort_for_review

        rows = [review_row(s) for s in sort_for_review(statements)]
        click.echo(render_review_table(rows, "\t"), nl=False)
    else:
        from hemekg.curation.merge import write_review_table

        merged = write_review_table(statements, output, keep_decisions=not overwrite)
        if not quiet:
            carried = (
                f"; {merged.carried} decisions carried over, {merged.kept} rows kept "
                "(stale or hand-added)"
                if merged.carried or merged.kept
                else ""
            )
            click.echo(
                f"review        {len(statements)} statements ({negated} negated) "
                f"-> {output}{carried}",
                err=True,
            )
    sys.exit(EXIT_FAILURES if problems else EXIT_OK)
