"""``hemekg extract``: statements of documents as JSON Lines, one JSON array, or TSV."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

import click

from hemekg.cli._common import fail
from hemekg.errors import HemekgError
from hemekg.model import Statement

__all__ = ["TSV_COLUMNS", "command", "write_statements"]

TSV_COLUMNS = (
    "id",
    "document",
    "subject_id",
    "subject_label",
    "predicate",
    "object_id",
    "object_label",
    "confidence",
    "negated",
    "extractor",
    "start",
    "end",
    "sentence",
)


def _tsv_cell(value: object) -> str:
    return str(value).replace("\t", " ").replace("\n", " ")


def write_statements(statements: Iterable[Statement], fmt: str, out: TextIO) -> int:
    """Write statements in ``jsonl``, ``json`` or ``tsv``; returns how many were written."""
    count = 0
    if fmt == "json":
        records = [s.to_json() for s in statements]
        out.write(json.dumps(records, ensure_ascii=False, indent=2) + "\n")
        return len(records)
    if fmt == "tsv":
        out.write("\t".join(TSV_COLUMNS) + "\n")
    for statement in statements:
        if fmt == "jsonl":
            out.write(json.dumps(statement.to_json(), ensure_ascii=False) + "\n")
        else:
            row = (
                statement.id,
                statement.document,
                statement.subject.id,
                statement.subject.label,
                str(statement.predicate),
                statement.object.id,
                statement.object.label,
                f"{statement.confidence:.3f}",
                str(statement.negated).lower(),
                statement.extractor,
                statement.start,
                statement.end,
                statement.sentence,
            )
            out.write("\t".join(_tsv_cell(v) for v in row) + "\n")
        count += 1
    return count


@click.command("extract")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "json", "tsv"]),
    default="jsonl",
    show_default=True,
)
@click.option("--no-negated", is_flag=True, help="Hide negated / hypothetical statements.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), default=0.0, show_default=True)
@click.option(
    "--extractor",
    "extractor_name",
    default="rules",
    show_default=True,
    help="Registered extractor name.",
)
@click.pass_context
def command(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str,
    no_negated: bool,
    min_confidence: float,
    extractor_name: str,
) -> None:
    """Extract statements from PATHS (files or folders; default: the bundled corpus).

    Each statement is printed as `Statement.to_json()` gives it; negated ones carry
    "negated": true. A document that cannot be read is reported on stderr (one line) and
    the others are still extracted; the exit code is then 1.
    """
    from hemekg.extract import EXTRACTORS, extract_document, get_extractor
    from hemekg.read import iter_document_paths, read_document
    from hemekg.resources import corpus_dir

    verbose = (ctx.obj or {}).get("verbose", 0)
    if extractor_name not in EXTRACTORS:
        fail(f"unknown extractor {extractor_name!r} (known: {', '.join(sorted(EXTRACTORS))})")
    get_extractor(extractor_name)
    failures = 0
    statements: list[Statement] = []
    for item in iter_document_paths(list(paths) or [corpus_dir()]):
        try:
            if isinstance(item, HemekgError):
                raise item
            document = read_document(item)
            found = extract_document(document, extractor=extractor_name)
        except HemekgError as error:
            if verbose:
                raise
            failures += 1
            click.echo(f"hemekg: error: {error}", err=True)
            continue
        statements.extend(
            s for s in found if (not no_negated or not s.negated) and s.confidence >= min_confidence
        )
    out = click.get_text_stream("stdout")
    write_statements(statements, fmt, out)
    if failures:
        sys.exit(1)
