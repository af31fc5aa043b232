"""``hemekg diff``: what changed between two builds of the knowledge graph."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from hemekg.cli._common import EXIT_FAILURES, EXIT_OK, handle_errors, input_format_option

__all__ = ["command"]


@click.command("diff", epilog="Exit codes: 0 graphs equal; 1 graphs differ; 2 could not run.")
@click.argument("old", type=click.Path(path_type=Path, dir_okay=True))
@click.argument("new", type=click.Path(path_type=Path, dir_okay=True))
@input_format_option("RDF format of both files [default: from each suffix].")
@click.option(
    "--output",
    "output_format",
    type=click.Choice(("text", "json")),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--evidence",
    "evidence_details",
    is_flag=True,
    help="List each added/removed evidence sentence, not only counts.",
)
@handle_errors
def command(
    old: Path, new: Path, input_format: str | None, output_format: str, evidence_details: bool
) -> None:
    """Show what changed between two builds: statements, entities, evidence.

    OLD and NEW are graph files (Turtle, JSON-LD, RDF/XML, N-Triples, ...) or build
    folders (their hemekg.ttl is read).

    Prints added (+) and removed (-) statements grouped by predicate, added and removed
    entities with labels and types, and, briefly, statements whose only change is their
    evidence (provenance).
    """
    from hemekg.graphdiff import diff_graphs, diff_to_json, diff_to_text, load_graph

    diff = diff_graphs(load_graph(old, input_format), load_graph(new, input_format))
    if output_format == "json":
        click.echo(diff_to_json(diff), nl=False)
    else:
        click.echo(diff_to_text(diff, evidence_details=evidence_details), nl=False)
    sys.exit(EXIT_OK if diff.equal else EXIT_FAILURES)
