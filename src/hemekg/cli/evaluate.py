"""``hemekg evaluate``: score the extraction against gold annotation files."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from hemekg.cli._common import fail
from hemekg.errors import HemekgError

__all__ = ["command"]


@click.command("evaluate")
@click.option(
    "--gold",
    "gold_dir",
    required=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder of gold JSON files (docs/GUIDELINES.md format).",
)
@click.argument("documents", nargs=-1, type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option("--summary", is_flag=True, help="Text format: only the table, no missed/wrong lists.")
@click.pass_context
def command(
    ctx: click.Context, gold_dir: Path, documents: tuple[Path, ...], fmt: str, summary: bool
) -> None:
    """Precision, recall and F1 (overall and per predicate) of the extraction.

    DOCUMENTS default to the documents the gold files name, looked up in the bundled
    corpus or next to the gold folder. A produced must_not statement or an unreadable
    document makes the exit code 1.
    """
    from hemekg.evaluate import evaluate_paths, render_text

    verbose = (ctx.obj or {}).get("verbose", 0)
    try:
        run = evaluate_paths(gold_dir, documents)
    except HemekgError as error:
        if verbose:
            raise
        fail(str(error))
    for path, message in run.failures:
        click.echo(
            f"hemekg: error: {message if path in message else f'{path}: {message}'}", err=True
        )
    if fmt == "json":
        payload = run.evaluation.to_json()
        payload["failures"] = [{"path": p, "message": m} for p, m in run.failures]
        click.echo(json.dumps(payload, indent=2, sort_keys=False))
    else:
        click.echo(render_text(run.evaluation, details=not summary))
    if run.failures or run.evaluation.must_not:
        sys.exit(1)
