"""``hemekg serve``: a read-only SPARQL 1.1 endpoint over a store folder or a graph file."""

from __future__ import annotations

import signal
import time
from pathlib import Path

import click

from hemekg.cli._common import handle_errors

__all__ = ["command"]


def _stop(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


@click.command("serve", epilog="Exit codes: 0 stopped normally; 2 could not start.")
@click.argument("source", type=click.Path(path_type=Path))
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to bind (loopback by default; anything else exposes the graph).",
)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=7878,
    show_default=True,
    help="TCP port (0 = any free port).",
)
@click.option(
    "--timeout",
    "timeout_s",
    type=click.FloatRange(1, 3600),
    default=30.0,
    show_default=True,
    help="Seconds a query may run before it is stopped.",
)
@click.pass_context
@handle_errors
def command(ctx: click.Context, source: Path, host: str, port: int, timeout_s: float) -> None:
    """Serve SOURCE (a store folder from `hemekg build --incremental`, or a graph file such
    as build/graph.ttl) as a read-only SPARQL 1.1 endpoint until Ctrl-C.

    Queries go to http://HOST:PORT/query (GET ?query= or POST); results in SPARQL JSON,
    XML, CSV or TSV, graphs in Turtle, N-Triples or RDF/XML, by the Accept header.
    Updates are refused.
    """
    from hemekg.serve import serve

    quiet = bool((ctx.find_root().obj or {}).get("quiet"))
    # SIGTERM must unwind like Ctrl-C so the server process is stopped, not orphaned.
    signal.signal(signal.SIGTERM, _stop)
    with serve(source, host=host, port=port, timeout_s=timeout_s) as server:
        if not quiet:
            click.echo(f"SPARQL endpoint {server.query_url} (read-only; Ctrl-C stops)")
        try:
            while server.process.poll() is None:
                time.sleep(0.5)
        except KeyboardInterrupt:
            return
    click.echo("hemekg: error: the SPARQL server stopped unexpectedly", err=True)
    ctx.exit(2)
