"""A tiny line-based extractor for scale tests: one ``subject | predicate | object`` per line.

The store, the parallel runners and sharded validation must not depend on how the
extractor works, only on the records it returns; this one is deterministic, fast and
top-level (picklable), so it also runs on worker processes and Dask workers.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from hemekg.iris import project_id
from hemekg.model import Document, Entity, EntityType, Predicate, Statement
from hemekg.pipeline import DocumentResult

__all__ = ["ENTITIES", "extract_lines", "write_lines"]

ENTITIES: dict[str, Entity] = {
    e.label: e
    for e in (
        Entity("DOID:1240", "leukemia", EntityType.DISEASE, ("MONDO:0005059",), ("leukaemia",)),
        Entity("DOID:9952", "acute lymphocytic leukemia", EntityType.DISEASE),
        Entity("DOID:2355", "anemia", EntityType.DISEASE),
        Entity("UBERON:0002371", "bone marrow", EntityType.ANATOMICAL_STRUCTURE),
        Entity("UBERON:0000178", "blood", EntityType.ANATOMICAL_STRUCTURE),
        Entity("HP:0012378", "fatigue", EntityType.PHENOTYPE),
        Entity("HP:0000980", "pallor", EntityType.PHENOTYPE),
        Entity("HEMEKG:chemotherapy", "chemotherapy", EntityType.TREATMENT),
        Entity("CL:0000738", "white blood cell", EntityType.CELL_TYPE),
    )
}


def _entity(label: str) -> Entity:
    return ENTITIES.get(label) or Entity(project_id(label), label, EntityType.DISEASE)


def extract_lines(path: Path) -> DocumentResult:
    """Read ``path``; each line ``subject | predicate | object`` is one statement."""
    raw = Path(path).read_bytes()
    text = raw.decode("utf-8")
    if not text.strip():
        return DocumentResult(path=str(path), error=f"{path}: empty document")
    statements = []
    offset = 0
    for line in text.splitlines(keepends=True):
        parts = [p.strip() for p in line.split("|")]
        if len(parts) == 3:
            negated = parts[1].startswith("!")
            statements.append(
                Statement(
                    subject=_entity(parts[0]),
                    predicate=Predicate(parts[1].lstrip("!")),
                    object=_entity(parts[2]),
                    document=Path(path).name,
                    sentence=line.strip(),
                    start=offset,
                    end=offset + len(line.rstrip()),
                    extractor="test.lines",
                    confidence=0.9,
                    negated=negated,
                    subject_text=parts[0],
                    object_text=parts[2],
                )
            )
        offset += len(line)
    document = Document(
        id=Path(path).name,
        path=str(path),
        media_type="text/plain",
        source="",
        sha256=hashlib.sha256(raw).hexdigest(),
        sentences=(),
    )
    return DocumentResult(path=str(path), document=document, statements=tuple(statements))


def write_lines(folder: Path, name: str, lines: list[str]) -> Path:
    """Write a test document of statement lines and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path
