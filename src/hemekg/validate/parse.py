"""Load untrusted RDF files safely, with one-line errors that say where the problem is.

``hemekg validate`` and ``hemekg report`` read files a user hands them, maybe from the web,
so parsing must never reach outside the file:

- RDF/XML with an *external* entity declaration (``<!ENTITY x SYSTEM "file:///etc/passwd">``,
  the XXE attack) is refused before the XML parser sees it; internal entities (the
  ``<!ENTITY owl "http://...">`` abbreviations Protégé writes) stay allowed. Python's SAX
  parser also keeps external entities off by default, a second line of defence.
- JSON-LD naming a remote ``@context`` (a URL instead of an inline object) or an
  ``@import`` is refused: rdflib would fetch it over the network.
- Syntax errors name the line and column.

Every failure is a :class:`hemekg.errors.ValidationRunError` naming the file.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rdflib import Graph

from hemekg.errors import UsageError, ValidationRunError
from hemekg.namespaces import bind_prefixes
from hemekg.rdfformat import RdfFormat

__all__ = ["RdfFormat", "guess_format", "load_rdf", "parse_rdf"]


#: an external entity (``<!ENTITY name SYSTEM "...">``, parameter entities too) or an
#: external DTD (``<!DOCTYPE rdf:RDF SYSTEM "...">``).
_EXTERNAL_ENTITY = re.compile(
    rb"<!(?:ENTITY\s+(?:%\s*)?|DOCTYPE\s+)[^\s>\[]+\s+(?:SYSTEM|PUBLIC)\b", re.IGNORECASE
)


def guess_format(path: Path) -> RdfFormat:
    """The RDF format of ``path`` from its suffix.

    >>> guess_format(Path("graph.ttl")).user_name
    'turtle'

    :raises ValidationRunError: the suffix is not an RDF one.
    """
    try:
        return RdfFormat.from_suffix(path)
    except UsageError as error:
        raise ValidationRunError(f"{error.message}; give the format explicitly", path) from None


def load_rdf(path: Path, fmt: RdfFormat | str | None = None) -> Graph:
    """Parse the RDF file ``path`` (format from ``fmt`` or its suffix) into a new graph.

    :raises ValidationRunError: the file is missing or unreadable, the format is unknown,
        the syntax is wrong (with line and column), or the file asks to read another
        file or a remote document.
    """
    path = Path(path)
    input_format = _coerce_format(fmt, path) if fmt is not None else guess_format(path)
    if path.exists() and not path.is_file() and not path.is_dir():
        # Reading a pipe or a device would block forever or never end.
        raise ValidationRunError("not a regular file (device, pipe or socket)", path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ValidationRunError("no such file", path) from None
    except IsADirectoryError:
        raise ValidationRunError("is a folder, not an RDF file", path) from None
    except OSError as error:
        raise ValidationRunError(f"cannot read: {error.strerror or error}", path) from None
    return parse_rdf(data, input_format, source=path)


def parse_rdf(data: bytes, fmt: RdfFormat | str, source: Path | str = "<data>") -> Graph:
    """Parse ``data`` safely (see the module docstring) into a new graph with our prefixes.

    :raises ValidationRunError: as :func:`load_rdf`.
    """
    input_format = _coerce_format(fmt, source)
    graph = bind_prefixes(Graph())
    try:
        if input_format is RdfFormat.RDFXML:
            _parse_rdfxml(graph, data, source)
        elif input_format is RdfFormat.JSONLD:
            _parse_jsonld(graph, data, source)
        elif input_format is RdfFormat.TURTLE:
            _parse_text(graph, data, "turtle", source)
        else:
            _parse_ntriples(graph, data, source)
    except ValidationRunError:
        raise
    except UnicodeDecodeError as error:
        raise ValidationRunError(f"not UTF-8 text (byte {error.start})", source) from None
    return graph


def _coerce_format(fmt: RdfFormat | str, source: Path | str) -> RdfFormat:
    if isinstance(fmt, RdfFormat):
        return fmt
    try:
        return RdfFormat.from_name(fmt)
    except UsageError as error:
        raise ValidationRunError(error.message, source) from None


def _parse_text(graph: Graph, data: bytes, rdflib_format: str, source: Path | str) -> None:
    from rdflib.plugins.parsers.notation3 import BadSyntax

    text = data.decode("utf-8")
    try:
        graph.parse(data=text, format=rdflib_format)
    except BadSyntax as error:
        raise ValidationRunError(_bad_syntax_message(error), source) from None
    except Exception as error:  # rdflib raises many kinds; all mean "bad input" here
        raise ValidationRunError(f"cannot parse Turtle: {_one_line(error)}", source) from None


def _bad_syntax_message(error: Any) -> str:
    """``line L, column C: why`` from rdflib's BadSyntax (which keeps the text and index)."""
    text = error._str
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    index = min(int(error._i), len(text))
    line = text.count("\n", 0, index) + 1
    column = index - (text.rfind("\n", 0, index) + 1) + 1
    return f"Turtle syntax error at line {line}, column {column}: {error._why}"


def _parse_ntriples(graph: Graph, data: bytes, source: Path | str) -> None:
    text = data.decode("utf-8")
    try:
        graph.parse(data=text, format="nt")
    except Exception as error:
        line = _first_bad_ntriples_line(text)
        where = f" at line {line}, column 1" if line else ""
        raise ValidationRunError(
            f"N-Triples syntax error{where}: {_one_line(error)}", source
        ) from None


def _first_bad_ntriples_line(text: str) -> int | None:
    """N-Triples is line-based, so the first line that fails alone is the culprit."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            Graph().parse(data=line + "\n", format="nt")
        except Exception:
            return number
    return None


def _parse_rdfxml(graph: Graph, data: bytes, source: Path | str) -> None:
    from xml.sax import SAXParseException

    match = _EXTERNAL_ENTITY.search(data)
    if match:
        line = data.count(b"\n", 0, match.start()) + 1
        raise ValidationRunError(
            f"RDF/XML declares an external entity at line {line}; refusing to read files "
            "or URLs it points to",
            source,
        )
    try:
        graph.parse(data=data, format="xml")
    except SAXParseException as error:
        raise ValidationRunError(
            f"RDF/XML syntax error at line {error.getLineNumber()}, column "
            f"{(error.getColumnNumber() or 0) + 1}: {error.getMessage()}",
            source,
        ) from None
    except Exception as error:
        raise ValidationRunError(f"cannot parse RDF/XML: {_one_line(error)}", source) from None


def _parse_jsonld(graph: Graph, data: bytes, source: Path | str) -> None:
    text = data.decode("utf-8")
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ValidationRunError(
            f"JSON syntax error at line {error.lineno}, column {error.colno}: {error.msg}", source
        ) from None
    for remote in _remote_contexts(document):
        raise ValidationRunError(
            f"JSON-LD uses a remote @context {remote!r}; hemekg never fetches contexts: "
            "inline it in the file",
            source,
        )
    try:
        with warnings.catch_warnings():
            # rdflib's own JSON-LD parser uses its deprecated ConjunctiveGraph internally.
            warnings.simplefilter("ignore", DeprecationWarning)
            graph.parse(data=text, format="json-ld")
    except Exception as error:
        raise ValidationRunError(f"cannot parse JSON-LD: {_one_line(error)}", source) from None


def _remote_contexts(node: Any) -> Iterator[str]:
    """Every context reference in a JSON-LD document that would need a download."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "@context":
                yield from _context_references(value)
            elif key == "@import" and isinstance(value, str):
                yield value
            yield from _remote_contexts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _remote_contexts(item)


def _context_references(context: Any) -> Iterator[str]:
    if isinstance(context, str):
        yield context
    elif isinstance(context, list):
        for item in context:
            yield from _context_references(item)
    elif isinstance(context, dict) and isinstance(context.get("@import"), str):
        yield context["@import"]


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split()) or type(error).__name__
