"""The library of named SPARQL queries shipped in ``queries/*.rq``.

Each file starts with a header of ``#`` comment lines::

    # title: Subtypes of a disease (transitive)
    # description: Every class below the disease in the taxonomy, with its label.
    # param: disease entity  The disease (CURIE, label or IRI), e.g. DOID:1240

A parameter is a SPARQL variable of the query (``?disease``). Given on the command line
as ``--param disease=DOID:1240``, it is bound before the query runs (the IRI written into
the pattern where that selects the same answers, see :mod:`hemekg.query.inline`; else
pyoxigraph ``substitutions``, rdflib ``initBindings``); left out, the variable stays free
and the query answers for every value. The kind says how the value is read:

* ``entity``: a CURIE (``DOID:1240``), an entity label or synonym (``leukemia``), or an IRI;
* ``predicate``: a core predicate local name (``hasSymptom``, ``subClassOf``) or an IRI;
* ``string``, ``integer``, ``decimal``: a literal of that type.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hemekg.errors import QueryError
from hemekg.resources import queries_dir

__all__ = [
    "PARAMETER_KINDS",
    "NamedQuery",
    "Parameter",
    "load_named_query",
    "named_queries",
    "named_query",
    "parse_param_options",
]

PARAMETER_KINDS = frozenset({"entity", "predicate", "string", "integer", "decimal"})
_HEADER = re.compile(r"^#\s*(title|description|param)\s*:\s*(.*?)\s*$")
_PARAM = re.compile(r"^([A-Za-z_][A-Za-z0-9_]*)\s+([a-z]+)\s*(.*)$")


@dataclass(frozen=True, slots=True)
class Parameter:
    """A variable of a named query that the user may bind."""

    name: str
    kind: str
    description: str


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A packaged query: its name (file stem), header fields and SPARQL text."""

    name: str
    title: str
    description: str
    parameters: tuple[Parameter, ...]
    text: str
    path: Path

    def parameter(self, name: str) -> Parameter:
        """The parameter called ``name``.

        :raises QueryError: the query has no such parameter.
        """
        for parameter in self.parameters:
            if parameter.name == name:
                return parameter
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise QueryError(f"query {self.name!r} has no parameter {name!r} (parameters: {known})")


def load_named_query(path: Path) -> NamedQuery:
    """Read one ``.rq`` file and its header.

    :raises QueryError: the header lacks a title or declares a malformed parameter.
    """
    text = path.read_text(encoding="utf-8")
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": []}
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        match = _HEADER.match(line)
        if match:
            fields[match.group(1)].append(match.group(2))
    if not fields["title"]:
        raise QueryError("named query has no '# title:' header line", path)
    parameters = []
    for declaration in fields["param"]:
        match = _PARAM.match(declaration)
        if not match or match.group(2) not in PARAMETER_KINDS:
            raise QueryError(
                f"bad '# param:' line {declaration!r} (want: NAME KIND DESCRIPTION, KIND one of "
                f"{', '.join(sorted(PARAMETER_KINDS))})", path)
        parameters.append(Parameter(match.group(1), match.group(2), match.group(3)))
    return NamedQuery(
        name=path.stem,
        title=fields["title"][0],
        description=" ".join(fields["description"]),
        parameters=tuple(parameters),
        text=text,
        path=path,
    )


@cache
def _library(folder: Path) -> dict[str, NamedQuery]:
    return {path.stem: load_named_query(path) for path in sorted(folder.glob("*.rq"))}


def named_queries(folder: Path | None = None) -> list[NamedQuery]:
    """Every named query of ``folder`` (default: the packaged ``queries/``), sorted by name."""
    return list(_library(Path(folder) if folder else queries_dir()).values())


def named_query(name: str, folder: Path | None = None) -> NamedQuery:
    """The named query ``name``.

    :raises QueryError: no query has that name.
    """
    library = _library(Path(folder) if folder else queries_dir())
    if name not in library:
        raise QueryError(
            f"no named query {name!r} (known: {', '.join(library) or 'none'}; "
            "see hemekg query --list)")
    return library[name]


def parse_param_options(options: tuple[str, ...] | list[str]) -> dict[str, str]:
    """``("disease=DOID:1240", ...)`` -> ``{"disease": "DOID:1240"}``.

    :raises QueryError: an option is not ``NAME=VALUE`` or a name is given twice.
    """
    values: dict[str, str] = {}
    for option in options:
        name, sep, value = option.partition("=")
        name = name.strip().lstrip("?$")
        if not sep or not name:
            raise QueryError(f"bad --param {option!r} (want NAME=VALUE, e.g. disease=DOID:1240)")
        if name in values:
            raise QueryError(f"--param {name} given twice")
        values[name] = value.strip()
    return values
