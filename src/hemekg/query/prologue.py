"""Let ad-hoc queries use the project prefixes (``hk:``, ``hke:``, ``rdfs:``...) undeclared.

The missing ``PREFIX`` declarations are put in front of the query's first line, so line
numbers in syntax errors stay right; :func:`query_with_prefixes` also moves the column
of an error on line 1 back to where the user's text has it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib.term import Identifier

from hemekg.errors import QueryError
from hemekg.namespaces import PREFIXES
from hemekg.query.engine import Engine, QueryResult, SparqlGraph

__all__ = ["add_prefixes", "query_with_prefixes"]

_DECLARED = re.compile(r"(?i)PREFIX\s+([A-Za-z][\w.-]*)?\s*:")
_POSITION = re.compile(r"at line (\d+), column (\d+)")


def add_prefixes(text: str) -> tuple[str, int]:
    """``text`` with PREFIX declarations for used-but-undeclared project prefixes.

    :returns: the new text and how many characters were added before the first line.
    """
    declared = {prefix.lower() for prefix in _DECLARED.findall(text)}
    missing = [
        f"PREFIX {prefix}: <{iri}>"
        for prefix, iri in PREFIXES.items()
        if prefix.lower() not in declared and re.search(rf"(?<![\w<:/#]){re.escape(prefix)}:", text)
    ]
    if not missing:
        return text, 0
    prologue = " ".join(missing) + " "
    return prologue + text, len(prologue)


def query_with_prefixes(graph: SparqlGraph, text: str,
                        bindings: Mapping[str, Identifier] | None = None,
                        engine: Engine | str = Engine.OXIGRAPH,
                        timeout: float | None = None) -> QueryResult:
    """Run ``text`` on ``graph`` after :func:`add_prefixes`; errors point into ``text``.

    :raises QueryError: as :meth:`SparqlGraph.query`.
    """
    full_text, shift = add_prefixes(text)
    try:
        return graph.query(full_text, bindings, engine=engine, timeout=timeout)
    except QueryError as error:
        match = _POSITION.search(error.message)
        if not match or match.group(1) != "1" or not shift:
            raise
        column = max(int(match.group(2)) - shift, 1)
        message = _POSITION.sub(f"at line 1, column {column}", error.message, count=1)
        raise QueryError(message, error.path) from error
