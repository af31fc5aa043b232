"""``hemekg report [FILE]``: quality report of a knowledge graph or ontology (like ROBOT report)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from hemekg.cli._common import EXIT_FAILURES, EXIT_OK, handle_errors, input_format_option
from hemekg.pipeline import DEFAULT_GRAPH

__all__ = ["command"]


@click.command(
    "report",
    epilog="Exit codes: 0 no ERROR finding; 1 at least one ERROR finding; 2 could not run "
    "(missing or malformed file, bad option).",
)
@click.argument("file", required=False, type=click.Path(path_type=Path), default=DEFAULT_GRAPH)
@input_format_option("Format of FILE [default: from its suffix].")
@click.option(
    "--output",
    "output",
    type=click.Choice(["table", "tsv", "json"]),
    default="table",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--min-level",
    type=click.Choice(["ERROR", "WARN", "INFO"]),
    default="WARN",
    show_default=True,
    help="List findings at this level or worse (the summary line counts every level).",
)
@click.option(
    "-o",
    "--out",
    "out_path",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Write the report to this file instead of standard output.",
)
@click.pass_context
@handle_errors
def command(
    ctx: click.Context,
    file: Path,
    input_format: str | None,
    output: str,
    min_level: str,
    out_path: Path | None,
) -> None:
    """Check FILE (default: build/hemekg.ttl; the OWL view works too) for missing, multiple
    and duplicate labels, missing definitions, dangling references, untyped entities and
    classes with no parent. Each finding has a level: ERROR, WARN or INFO.
    """
    from hemekg.export.files import atomic_write_text
    from hemekg.quality import Level, QualityReport, run_checks
    from hemekg.validate.parse import load_rdf

    quiet = bool((ctx.find_root().obj or {}).get("quiet"))
    report = run_checks(load_rdf(file, input_format))
    threshold = Level(min_level).rank
    shown = QualityReport([f for f in report.findings if f.level.rank <= threshold])
    text = {"table": shown.to_table, "tsv": shown.to_tsv, "json": shown.to_json_text}[output]()
    if output == "table":  # the table's last line is the summary: count every level there
        text = "\n".join([*text.splitlines()[:-1], report.summary()])
    if out_path is not None:
        atomic_write_text(out_path, text if text.endswith("\n") else text + "\n")
        click.echo(report.summary())
    elif quiet and output == "table":
        click.echo(report.summary())
    else:
        click.echo(text.rstrip("\n"))
    sys.exit(EXIT_FAILURES if report.has_errors else EXIT_OK)
