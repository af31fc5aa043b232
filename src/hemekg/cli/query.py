"""``hemekg query``: SPARQL over the built graph, ad hoc, from a file, or by name."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from hemekg.cli._common import EXIT_OK, graph_option, handle_errors
from hemekg.errors import QueryError, UsageError
from hemekg.export.files import atomic_write_text
from hemekg.query import (
    DEFAULT_TIMEOUT,
    FORMATS,
    Engine,
    SparqlGraph,
    bind_parameters,
    named_queries,
    named_query,
    parse_param_options,
    render,
)
from hemekg.query.prologue import query_with_prefixes

__all__ = ["command"]

_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")

EPILOG = """\b
Examples:
  hemekg query --list
  hemekg query subtypes --param disease=DOID:1240
  hemekg query symptoms -p disease=leukemia --format csv
  hemekg query evidence -p subject=leukemia -p predicate=originatesIn
  hemekg query 'SELECT ?s ?o WHERE { ?s rdfs:subClassOf ?o }'
  hemekg query -f my_query.rq --format json

\b
Parameters (named queries): --param NAME=VALUE, repeatable. An entity is given as a
CURIE (DOID:1240), a label or synonym (leukemia), or an IRI; a predicate by its local
name (hasSymptom). An omitted parameter leaves the variable free (all answers).
Ad-hoc queries may omit PREFIX lines for the project prefixes (hk, hke, rdfs, skos, ...).

\b
Exit codes: 0 answered (also when there are no rows); 2 could not run (syntax error with
its line and column, unknown query or parameter, missing graph, timeout).
"""


def _list_queries() -> str:
    lines = []
    for query in named_queries():
        lines.append(f"{query.name:<18} {query.title}")
        for parameter in query.parameters:
            lines.append(
                f"{'':<18}   --param {parameter.name}=<{parameter.kind}>  {parameter.description}"
            )
    return "\n".join(lines) + "\n"


@click.command("query", epilog=EPILOG)
@click.argument("query", required=False)
@click.option(
    "-f",
    "--file",
    "query_file",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Read the SPARQL query from a .rq file.",
)
@graph_option("The graph to query (Turtle, N-Triples, RDF/XML or JSON-LD).")
@click.option(
    "-p",
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="Bind a parameter of a named query (repeatable).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="table",
    show_default=True,
    help="table, csv, tsv, json (SPARQL results); turtle, nt, jsonld (CONSTRUCT).",
)
@click.option(
    "--engine",
    type=click.Choice([e.value for e in Engine]),
    default="oxigraph",
    show_default=True,
    help="SPARQL engine.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0.01),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    metavar="SECONDS",
    help="Stop the query after this long.",
)
@click.option(
    "-o",
    "--out",
    "out_path",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the answer to a file instead of stdout.",
)
@click.option("--list", "list_only", is_flag=True, help="List the named queries and exit.")
@click.option("--show", is_flag=True, help="Print the SPARQL text of a named query and exit.")
@click.pass_context
@handle_errors
def command(
    ctx: click.Context,
    query: str | None,
    query_file: Path | None,
    graph_path: Path,
    params: tuple[str, ...],
    fmt: str,
    engine: str,
    timeout: float,
    out_path: Path | None,
    list_only: bool,
    show: bool,
) -> None:
    """Run a SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query over the knowledge graph.

    QUERY is the name of a packaged query (see --list) or the text of a SPARQL query;
    use -f to read one from a file.
    """
    if list_only:
        click.echo(_list_queries(), nl=False)
        ctx.exit(EXIT_OK)
    if (query is None) == (query_file is None):
        raise UsageError("give exactly one of QUERY (a name or SPARQL text) or -f FILE")
    named = None
    if query_file is not None:
        try:
            text = query_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise QueryError(f"cannot read the query: {error}", query_file) from error
    elif query is not None and _NAME.match(query):
        named = named_query(query)
        text = named.text
    else:
        text = query or ""
    if show:
        click.echo(text, nl=not text.endswith("\n"))
        ctx.exit(EXIT_OK)
    values = parse_param_options(params)
    if values and named is None:
        raise UsageError("--param works with named queries only (see hemekg query --list)")
    # one query (and its look-ups): a facts view would cost more than it saves
    graph = SparqlGraph.from_file(graph_path, facts_view=False)
    bindings = bind_parameters(graph, named, values) if named is not None else {}
    result = query_with_prefixes(graph, text, bindings, engine=engine, timeout=timeout)
    output = render(result, fmt, graph)
    if out_path is not None:
        atomic_write_text(out_path, output)
    else:
        sys.stdout.write(output)
    verbose = (ctx.find_root().obj or {}).get("verbose", 0)
    if verbose:
        click.echo(f"hemekg: {len(result)} results in {result.seconds:.3f} s ({engine})", err=True)
