"""One exception hierarchy for the whole pipeline.

Every error a user can cause derives from :class:`HemekgError`, with one subclass per
pipeline stage, so the CLI can print a one-line message (no traceback) and choose the
exit code from the class alone. Each subclass also inherits the builtin it resembles,
so callers that already catch ``ValueError`` or ``OSError`` keep working.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "BuildError",
    "ExportError",
    "ExtractionError",
    "HemekgError",
    "HemekgWarning",
    "QueryError",
    "ReadError",
    "UsageError",
    "ValidationRunError",
]


class HemekgError(Exception):
    """Root of every error hemekg raises on purpose.

    :param message: what went wrong, in one line.
    :param path: the file the problem is about, if any; it is named in :meth:`__str__`.
    """

    def __init__(self, message: str, path: Path | str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class UsageError(HemekgError, ValueError):
    """A bad option or argument: the command could not start (exit code 2)."""


class ReadError(HemekgError, OSError):
    """A document could not be read: missing, empty, binary, undecodable, too large."""


class ExtractionError(HemekgError, RuntimeError):
    """Extraction failed on a document that was read correctly."""


class BuildError(HemekgError, RuntimeError):
    """The graph or the ontology could not be assembled."""


class ValidationRunError(HemekgError, RuntimeError):
    """Validation could not run at all (bad shapes file, unparsable data graph).

    Finding violations is *not* an error: that is a normal, non-conforming report.
    """


class QueryError(HemekgError, ValueError):
    """A SPARQL query is malformed, unknown, or was stopped by its timeout."""


class ExportError(HemekgError, OSError):
    """An output could not be written."""


class HemekgWarning(UserWarning):
    """An input flaw hemekg works around (mojibake repaired, boilerplate skipped, ...)."""
