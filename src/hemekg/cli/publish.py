"""``hemekg publish``: push a built graph to a SPARQL 1.1 Graph Store HTTP Protocol endpoint."""

from __future__ import annotations

import tempfile
from pathlib import Path

import click

from hemekg.cli._common import handle_errors

__all__ = ["command"]


@click.command(
    "publish",
    epilog="Exit codes: 0 published; 2 could not (bad file, endpoint refused or unreachable).",
)
@click.argument("source", type=click.Path(path_type=Path, exists=True))
@click.option(
    "--endpoint",
    required=True,
    metavar="URL",
    help="Graph Store endpoint, e.g. http://localhost:3030/ds/data (Fuseki), "
    "http://localhost:7878/store (Oxigraph).",
)
@click.option(
    "--graph",
    "graph_iri",
    metavar="IRI",
    default=None,
    help="Target named graph [default: the default graph].",
)
@click.option("--append", is_flag=True, help="POST (add to the graph) instead of PUT (replace it).")
@click.option(
    "--timeout",
    "timeout_s",
    type=click.FloatRange(1, 86400),
    default=300.0,
    show_default=True,
    help="Seconds to wait for the endpoint.",
)
@click.pass_context
@handle_errors
def command(
    ctx: click.Context,
    source: Path,
    endpoint: str,
    graph_iri: str | None,
    append: bool,
    timeout_s: float,
) -> None:
    """Publish SOURCE (a graph file such as build/graph.ttl, or a store folder) to URL."""
    from hemekg.serve import publish_graph
    from hemekg.store.oxigraph import GraphStore, is_store

    quiet = bool((ctx.find_root().obj or {}).get("quiet"))
    with tempfile.TemporaryDirectory(prefix="hemekg-publish-") as tmp:
        graph_file = source
        if source.is_dir():
            if not is_store(source):
                raise click.BadParameter(
                    "not a graph file or a hemekg store folder", param_hint="SOURCE"
                )
            with GraphStore(source) as store:
                graph_file = store.write_ntriples(Path(tmp) / "graph.nt")
        status = publish_graph(
            graph_file, endpoint, graph=graph_iri, replace=not append, timeout_s=timeout_s
        )
    if not quiet:
        target = graph_iri or "the default graph"
        click.echo(f"published {source} to {target} at {endpoint} (HTTP {status})")
