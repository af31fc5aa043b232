"""``hemekg export``: write a graph file in other formats (RDF, GraphML, CSV, KGX, HTML)."""

from __future__ import annotations

from pathlib import Path

import click

from hemekg.cli._common import EXIT_OK, graph_option, handle_errors, out_dir_option
from hemekg.errors import UsageError
from hemekg.export import OUTPUT_FILES, WRITERS, export, write_all
from hemekg.export.rdf import read_graph

__all__ = ["command"]


EPILOG = f"""\b
Formats (--format, repeatable; default: all):
  turtle   hemekg.ttl       jsonld   hemekg.jsonld (context: readable keys)
  nt       hemekg.nt        rdfxml   hemekg.rdf
  graphml  hemekg.graphml   csv      nodes.csv + edges.csv (Neo4j import headers)
  kgx      kgx_nodes.tsv + kgx_edges.tsv (Biolink)
  html     graph.html (interactive, works offline)
All outputs: {", ".join(OUTPUT_FILES)}.

\b
Examples:
  hemekg export -o exports
  hemekg export --graph other.nt --format graphml --format csv -o exports
  hemekg export --format html --screenshot docs/img/graph.png

\b
Exit codes: 0 written; 2 could not run (missing or invalid graph, unknown format,
unwritable folder, Chromium missing for --screenshot).
"""


@click.command("export", epilog=EPILOG)
@graph_option("The graph to export (Turtle, N-Triples, RDF/XML or JSON-LD).")
@click.option(
    "-f",
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(sorted(WRITERS)),
    help="Export only these formats (repeatable).",
)
@out_dir_option
@click.option(
    "--screenshot",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Also render graph.html in headless Chromium and save a PNG here.",
)
@click.pass_context
@handle_errors
def command(
    ctx: click.Context,
    graph_path: Path,
    formats: tuple[str, ...],
    out_dir: Path,
    screenshot: Path | None,
) -> None:
    """Export the knowledge graph to RDF serialisations, GraphML, CSV, KGX and HTML."""
    graph = read_graph(graph_path)
    if formats:
        written = [path for name in dict.fromkeys(formats) for path in export(graph, name, out_dir)]
    else:
        written = write_all(graph, out_dir)
    if screenshot is not None:
        from hemekg.export.browser import screenshot as take_screenshot

        page = out_dir / "graph.html"
        if page not in written:
            raise UsageError("--screenshot needs the html format (add --format html)")
        written.append(take_screenshot(page, screenshot))
    quiet = (ctx.find_root().obj or {}).get("quiet", False)
    if not quiet:
        for path in written:
            click.echo(f"wrote {path} ({path.stat().st_size:,} bytes)")
    ctx.exit(EXIT_OK)
