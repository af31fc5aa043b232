"""What every command shares: one-line user errors, exit codes, the console."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from hemekg.errors import HemekgError

__all__ = [
    "EXIT_FAILURES",
    "EXIT_OK",
    "EXIT_USAGE",
    "fail",
    "graph_option",
    "handle_errors",
    "input_format_option",
    "out_dir_option",
    "workers_option",
]

EXIT_OK = 0
EXIT_FAILURES = 1
EXIT_USAGE = 2

F = TypeVar("F", bound=Callable[..., Any])


def fail(message: str, code: int = EXIT_USAGE) -> None:
    """Print ``hemekg: error: message`` on stderr and exit with ``code``."""
    click.echo(f"hemekg: error: {message}", err=True)
    sys.exit(code)


def handle_errors(func: F) -> F:
    """Turn a :class:`HemekgError` that stops a command into one line on stderr, exit code 2.

    A traceback is shown only with ``-v``; an unexpected exception is re-raised with
    ``-v`` and otherwise reported as an internal error, also in one line.
    """

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        ctx = click.get_current_context()
        verbose = (ctx.find_root().obj or {}).get("verbose", 0)
        try:
            return func(*args, **kwargs)
        except HemekgError as error:
            if verbose:
                traceback.print_exc()
            fail(str(error), EXIT_USAGE)
        except (KeyboardInterrupt, click.exceptions.Exit, click.ClickException, SystemExit):
            raise
        except Exception as error:
            if verbose:
                raise
            fail(
                f"internal error: {type(error).__name__}: {error} (run with -v for details)",
                EXIT_USAGE,
            )
        return None

    return wrapper  # type: ignore[return-value]


def input_format_option(help_text: str) -> Callable[[F], F]:
    """``-f/--input-format``: the RDF format of input files, one list for every command."""
    from hemekg.rdfformat import RdfFormat

    return click.option(
        "-f",
        "--input-format",
        "input_format",
        type=click.Choice(RdfFormat.user_names()),
        default=None,
        help=help_text,
    )


def workers_option(func: F) -> F:
    """``--workers N``: local processes for extraction."""
    return click.option(
        "--workers",
        type=click.IntRange(1, 256),
        default=1,
        show_default=True,
        help="Local processes for extraction.",
    )(func)


def graph_option(help_text: str) -> Callable[[F], F]:
    """``-g/--graph FILE``: the built graph a command reads (default ``build/hemekg.ttl``)."""
    from hemekg.pipeline import DEFAULT_GRAPH

    return click.option(
        "-g",
        "--graph",
        "graph_path",
        type=click.Path(path_type=Path, dir_okay=False),
        default=DEFAULT_GRAPH,
        show_default=True,
        help=help_text,
    )


def out_dir_option(func: F) -> F:
    """``-o/--out DIR``: the folder outputs are written to (default ``build``)."""
    from hemekg.pipeline import DEFAULT_OUT_DIR

    return click.option(
        "-o",
        "--out",
        "out_dir",
        type=click.Path(path_type=Path, file_okay=False),
        default=DEFAULT_OUT_DIR,
        show_default=True,
        help="Folder for the outputs.",
    )(func)
