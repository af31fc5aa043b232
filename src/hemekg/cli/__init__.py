"""The ``hemekg`` command line: a click group whose commands live one per module.

Commands are imported lazily, so ``hemekg --help`` and a quick ``hemekg extract`` do not
pay for rdflib plugins, owlready2 or Dask they never use.

Exit codes (every command): 0 success; 1 finished with failures (a document skipped,
SHACL violations, an inconsistent ontology, graphs differ); 2 could not run (bad
option, unreadable input file for validate/query, missing dependency).
"""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from hemekg import __version__

__all__ = ["cli", "main"]

#: command name -> module under hemekg.cli defining ``command``.
COMMAND_MODULES: dict[str, str] = {
    "build": "build",
    "extract": "extract",
    "evaluate": "evaluate",
    "validate": "validate",
    "report": "report",
    "query": "query",
    "export": "export",
    "serve": "serve",
    "publish": "publish",
    "review": "review",
    "diff": "diff",
}

EXIT_CODES_HELP = """\b
Exit codes:
  0  success
  1  finished with failures (skipped documents, violations, inconsistency, differences)
  2  could not run (bad option or argument, unreadable input, missing dependency)
"""


class LazyGroup(click.Group):
    """A group that imports a command's module only when the command is used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in COMMAND_MODULES if self._load(name) is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        return self._load(cmd_name)

    @staticmethod
    def _load(name: str) -> click.Command | None:
        module_name = COMMAND_MODULES.get(name)
        if module_name is None:
            return None
        try:
            module = importlib.import_module(f"hemekg.cli.{module_name}")
        except ModuleNotFoundError as error:
            if error.name == f"hemekg.cli.{module_name}":
                return None
            raise
        command: click.Command = module.command
        return command


@click.group(
    cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES_HELP
)
@click.version_option(__version__, prog_name="hemekg")
@click.option("-v", "--verbose", count=True, help="More detail; -v also shows tracebacks.")
@click.option("-q", "--quiet", is_flag=True, help="Only errors and the final summary line.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool) -> None:
    """hemekg: hematology documents in, a validated knowledge graph and OWL ontology out."""
    ctx.ensure_object(dict)
    ctx.obj["verbose"] = verbose
    ctx.obj["quiet"] = quiet


def main(argv: list[str] | None = None) -> Any:
    """Console-script entry point."""
    return cli.main(args=argv if argv is not None else sys.argv[1:], prog_name="hemekg")
