"""Deterministic IRIs for entities, statements and documents.

IRIs are minted from normalised ids, never from counters or hash seeds, so the same
input gives the same IRIs in every run and release, and graph diffs mean something.

>>> str(entity_iri("DOID:1240"))
'https://w3id.org/hemekg/entity/DOID_1240'
>>> str(external_iri("HP:0001945"))
'http://purl.obolibrary.org/obo/HP_0001945'
>>> project_id("Functional  Leukopenia")
'HEMEKG:functional_leukopenia'
"""

from __future__ import annotations

import re
import unicodedata

from rdflib import URIRef

from hemekg.namespaces import HKD, HKE, HKS

__all__ = [
    "OBO_PREFIXES",
    "curie_from_entity_iri",
    "document_iri",
    "entity_iri",
    "external_iri",
    "project_id",
    "slugify",
    "statement_iri",
]

PROJECT_PREFIX = "HEMEKG"
#: CURIE prefixes whose classes live at the OBO PURL.
OBO_PREFIXES = frozenset({"DOID", "HP", "MONDO", "UBERON", "CL", "NCIT", "OBI", "MAXO", "CHEBI"})
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_CURIE = re.compile(r"^([A-Za-z][A-Za-z0-9_.-]*):(\S+)$")


def slugify(text: str) -> str:
    """Lower-case ASCII snake_case of ``text`` (accents dropped), for project ids and file names."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return _NON_SLUG.sub("_", ascii_text.lower()).strip("_") or "unnamed"


def project_id(label: str) -> str:
    """The project CURIE for an entity no standard ontology names."""
    return f"{PROJECT_PREFIX}:{slugify(label)}"


def _split(curie: str) -> tuple[str, str]:
    match = _CURIE.match(curie)
    if not match:
        raise ValueError(f"not a CURIE: {curie!r}")
    return match.group(1), match.group(2)


def entity_iri(curie: str) -> URIRef:
    """The hemekg IRI of an entity: ``P:L`` -> ``hke:P_L`` (characters unsafe in IRIs escaped)."""
    prefix, local = _split(curie)
    safe_local = re.sub(r"[^A-Za-z0-9_.-]", lambda m: f"%{ord(m.group()):02X}", local)
    return HKE[f"{prefix}_{safe_local}"]


def curie_from_entity_iri(iri: str) -> str:
    """Inverse of :func:`entity_iri`."""
    local = str(iri).removeprefix(str(HKE))
    prefix, _, rest = local.partition("_")
    return f"{prefix}:{re.sub(r'%([0-9A-F]{2})', lambda m: chr(int(m.group(1), 16)), rest)}"


def external_iri(curie: str) -> URIRef | None:
    """The canonical IRI of an external id, or ``None`` when it has no resolvable IRI."""
    prefix, local = _split(curie)
    if prefix in OBO_PREFIXES:
        return URIRef(f"http://purl.obolibrary.org/obo/{prefix}_{local}")
    return None


def statement_iri(statement_id: str) -> URIRef:
    """IRI of a statement's provenance node (an ``owl:Axiom``)."""
    return HKS[statement_id]


def document_iri(document_id: str) -> URIRef:
    """IRI of a source document."""
    return HKD[slugify(document_id)]
