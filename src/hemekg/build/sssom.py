"""The entity-to-ontology mappings of the knowledge graph as an SSSOM TSV file.

Every hemekg entity is grounded to standard ids (``skos:exactMatch`` to OBO IRIs and
``oboInOwl:hasDbXref`` CURIEs). Publishing them as SSSOM lets mapping tools (sssom-py,
OAK, Ontology Lookup Service) consume them with their justification and metadata.

Justifications follow SEMAPV: the id an entity was minted from was found by
``semapv:LexicalMatching`` of the text against the lexicon; the other ids come from that
ontology's own cross-references, i.e. ``semapv:MappingChaining``.
"""

from __future__ import annotations

import io
import warnings
from datetime import date
from pathlib import Path
from typing import Any

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS, SKOS

from hemekg.build.ontology import LICENSE, release_date
from hemekg.export.files import atomic_open
from hemekg.iris import OBO_PREFIXES, curie_from_entity_iri
from hemekg.model import EntityType
from hemekg.namespaces import BASE, HKE, OBO, OBOINOWL, PREFIXES, entity_type_iri

__all__ = ["MAPPING_SET_ID", "SSSOM_FILE_NAME", "mapping_rows", "write_sssom"]

SSSOM_FILE_NAME = "hemekg.sssom.tsv"
MAPPING_SET_ID = BASE + SSSOM_FILE_NAME
_SEMAPV = "https://w3id.org/semapv/vocab/"
_TYPE_CLASSES = frozenset(entity_type_iri(t) for t in EntityType)


def mapping_rows(kg: Graph) -> list[dict[str, str]]:
    """One row per (entity, OBO id) pair, sorted; columns are SSSOM slot names."""
    rows = {}
    for entity in sorted(
        {s for s, o in kg.subject_objects(RDF.type) if o in _TYPE_CLASSES}, key=str
    ):
        if not isinstance(entity, URIRef) or not str(entity).startswith(str(HKE)):
            continue
        primary = curie_from_entity_iri(entity)
        label = _label(kg, entity)
        targets = {_obo_curie(o) for o in kg.objects(entity, SKOS.exactMatch)}
        targets |= {
            str(x)
            for x in kg.objects(entity, OBOINOWL.hasDbXref)
            if str(x).split(":", 1)[0] in OBO_PREFIXES
        }
        for target in sorted(t for t in targets if t):
            rows[(primary, target)] = {
                "subject_id": f"hke:{str(entity).removeprefix(str(HKE))}",
                "subject_label": label,
                "predicate_id": "skos:exactMatch",
                "object_id": target,
                "object_label": label if target == primary else "",
                "mapping_justification": "semapv:LexicalMatching"
                if target == primary
                else "semapv:MappingChaining",
                "subject_type": "owl class",
                "object_type": "owl class",
            }
    return [rows[key] for key in sorted(rows)]


def write_sssom(kg: Graph, path: Path, release: date | str | None = None) -> Path:
    """Write the mappings of ``kg`` as SSSOM TSV (embedded YAML metadata) to ``path``, atomically.

    :param release: the mapping set version and date (default as for the OWL view).
    :raises hemekg.errors.ExportError: the file cannot be written.
    """
    import pandas as pd
    from curies import Converter

    day = release_date(release).isoformat()
    rows = mapping_rows(kg)
    for row in rows:
        row["mapping_date"] = day
    columns = [
        "subject_id",
        "subject_label",
        "predicate_id",
        "object_id",
        "object_label",
        "mapping_justification",
        "subject_type",
        "object_type",
        "mapping_date",
    ]
    frame = pd.DataFrame(rows, columns=columns)
    used = {"hke", "skos", "semapv"} | {row["object_id"].split(":", 1)[0] for row in rows}
    prefix_map = {prefix: iri for prefix, iri in _prefix_map().items() if prefix in used}
    metadata: dict[str, Any] = {
        "mapping_set_id": MAPPING_SET_ID,
        "mapping_set_version": day,
        "mapping_set_title": "hemekg entity mappings",
        "mapping_set_description": "Mappings from hemekg knowledge-graph entities to the "
        "standard ontology classes they were grounded to.",
        "license": str(LICENSE),
        "mapping_date": day,
        "mapping_tool": "hemekg",
        "curie_map": prefix_map,
    }
    buffer = io.StringIO()
    if not rows:
        # sssom-py cannot condense an empty table: write its metadata and header ourselves.
        import yaml  # type: ignore[import-untyped,unused-ignore]  # PyYAML ships no type hints

        header = yaml.safe_dump(metadata, sort_keys=True).splitlines()
        buffer.write("".join(f"#{line}\n" for line in header))
        buffer.write("\t".join(columns) + "\n")
        with atomic_open(Path(path)) as handle:
            handle.write(buffer.getvalue())
        return Path(path)
    with warnings.catch_warnings():
        # sssom-py still uses pandas options that pandas 3 deprecates; not our users' concern.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", FutureWarning)
        from sssom.util import MappingSetDataFrame
        from sssom.writers import write_table

        msdf = MappingSetDataFrame.with_converter(
            Converter.from_prefix_map(prefix_map), frame, metadata
        )
        write_table(msdf, buffer)
    with atomic_open(Path(path)) as handle:
        handle.write(buffer.getvalue())
    return Path(path)


def _prefix_map() -> dict[str, str]:
    prefixes = {"hke": PREFIXES["hke"], "skos": str(SKOS), "semapv": _SEMAPV}
    for prefix in sorted(OBO_PREFIXES):
        prefixes[prefix] = f"{OBO}{prefix}_"
    return prefixes


def _obo_curie(iri: object) -> str:
    text = str(iri)
    if not text.startswith(str(OBO)):
        return ""
    prefix, _, local = text.removeprefix(str(OBO)).partition("_")
    return f"{prefix}:{local}" if prefix in OBO_PREFIXES and local else ""


def _label(kg: Graph, node: URIRef) -> str:
    labels = sorted(str(label) for label in kg.objects(node, RDFS.label))
    return labels[0] if labels else ""
