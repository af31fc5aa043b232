"""Turn what a user types (a CURIE, a label, a predicate name) into RDF terms.

Entities can be named three ways everywhere (CLI parameters and the Python API):
a CURIE of the knowledge graph (``DOID:1240``, ``HEMEKG:chemotherapy``), a label or
synonym (``leukemia``, ``leukaemia``; case-insensitive), or a full IRI (``<...>`` optional).
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, SKOS, XSD
from rdflib.term import Identifier

from hemekg.errors import QueryError
from hemekg.iris import entity_iri
from hemekg.model import Predicate
from hemekg.namespaces import HKE, predicate_iri
from hemekg.query.engine import SparqlGraph
from hemekg.query.named import NamedQuery

__all__ = ["bind_parameters", "parameter_value", "resolve_entity", "resolve_predicate"]

_CURIE = re.compile(r"^[A-Za-z][A-Za-z0-9_.-]*:[^/\s]\S*$")
_IRI = re.compile(r"^<?([a-z][a-z0-9+.-]*://[^>\s]+)>?$", re.I)
_LABEL_QUERY = """
SELECT DISTINCT ?entity WHERE {{
  {{ ?entity <{label}> ?name }} UNION {{ ?entity <{alt}> ?name }}
  FILTER(STRSTARTS(STR(?entity), "{ns}") && LCASE(STR(?name)) = LCASE({wanted}))
}} ORDER BY ?entity
"""


def _exists(graph: SparqlGraph, iri: URIRef) -> bool:
    result = graph.query(f"ASK {{ {{ {iri.n3()} ?p ?o }} UNION {{ ?s ?p {iri.n3()} }} }}")
    return bool(result.boolean)


def resolve_entity(graph: SparqlGraph, name: str | URIRef) -> URIRef:
    """The IRI of the entity called ``name`` (CURIE, label/synonym or IRI).

    An IRI is returned as is; a CURIE or a label must name an entity of the graph.

    :raises QueryError: no entity has that id or name, or a name is ambiguous.
    """
    if isinstance(name, URIRef):
        return name
    text = name.strip()
    iri_match = _IRI.match(text)
    if iri_match:
        return URIRef(iri_match.group(1))
    if _CURIE.match(text):
        candidate = entity_iri(text)
        if _exists(graph, candidate):
            return candidate
    query = _LABEL_QUERY.format(label=RDFS.label, alt=SKOS.altLabel, ns=HKE,
                                wanted=Literal(text).n3())
    found = [row["entity"] for row in graph.query(query)]
    if len(found) == 1:
        return URIRef(str(found[0]))
    if len(found) > 1:
        options = ", ".join(str(f).removeprefix(str(HKE)) for f in found[:5])
        raise QueryError(f"{text!r} names several entities ({options}); use a CURIE")
    raise QueryError(f"no entity {text!r} in the graph (give a CURIE such as DOID:1240, "
                     "a label, or an IRI)")


def resolve_predicate(name: str | URIRef) -> URIRef:
    """The IRI of a core predicate local name (``hasSymptom``), ``hk:``-prefixed name or IRI.

    :raises QueryError: not a core predicate and not an IRI.
    """
    if isinstance(name, URIRef):
        return name
    text = name.strip().removeprefix("hk:").removeprefix("rdfs:")
    iri_match = _IRI.match(text)
    if iri_match:
        return URIRef(iri_match.group(1))
    try:
        return predicate_iri(Predicate(text))
    except ValueError:
        known = ", ".join(p.value for p in Predicate)
        raise QueryError(f"unknown predicate {name!r} (known: {known})") from None


def parameter_value(graph: SparqlGraph, kind: str, value: str) -> Identifier:
    """The RDF term for a parameter ``value`` of the given kind (see :mod:`hemekg.query.named`).

    :raises QueryError: the value does not fit the kind.
    """
    if kind == "entity":
        return resolve_entity(graph, value)
    if kind == "predicate":
        return resolve_predicate(value)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"not an integer: {value!r}")
        return Literal(value.strip(), datatype=XSD.integer)
    if kind == "decimal":
        try:
            Decimal(value.strip())
        except InvalidOperation:
            raise QueryError(f"not a decimal number: {value!r}") from None
        return Literal(value.strip(), datatype=XSD.decimal)
    return Literal(value)


def bind_parameters(graph: SparqlGraph, query: NamedQuery,
                    values: dict[str, str]) -> dict[str, Identifier]:
    """Resolve ``--param`` values of a named query to variable bindings.

    :raises QueryError: unknown parameter name or a value that cannot be resolved.
    """
    bindings: dict[str, Identifier] = {}
    for name, value in sorted(values.items()):
        parameter = query.parameter(name)
        try:
            bindings[name] = parameter_value(graph, parameter.kind, value)
        except QueryError as error:
            raise QueryError(f"--param {name}: {error}") from None
    return bindings
