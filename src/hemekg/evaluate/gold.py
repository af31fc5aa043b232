"""Gold annotation files (docs/GUIDELINES.md, "File format"): loading and checking.

A malformed gold file is a user error: :class:`GoldFormatError` names the file and the
problem in one line, so ``hemekg evaluate`` never shows a traceback for it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hemekg.errors import HemekgError
from hemekg.evaluate.matching import EntityKeys

__all__ = [
    "GoldDocument",
    "GoldEntity",
    "GoldFormatError",
    "GoldTriple",
    "load_gold",
    "load_gold_dir",
]


class GoldFormatError(HemekgError, ValueError):
    """A gold file is missing, not JSON, or does not follow the guidelines' format."""


@dataclass(frozen=True, slots=True)
class GoldEntity:
    """An annotated entity: gold-file id, labels (preferred first), type, xrefs."""

    id: str
    labels: tuple[str, ...]
    type: str
    xrefs: tuple[str, ...]

    @property
    def keys(self) -> EntityKeys:
        """What a produced entity is matched against."""
        return EntityKeys.of(self.xrefs, self.labels)


@dataclass(frozen=True, slots=True)
class GoldTriple:
    """One annotated statement (a triple, a ``must_not`` or an ``uncertain`` item)."""

    subject: GoldEntity
    predicate: str
    object: GoldEntity
    evidence: str = ""
    note: str = ""

    def label(self) -> str:
        """``subject predicate object`` with gold ids, for reports."""
        return f"{self.subject.id} {self.predicate} {self.object.id}"


@dataclass(frozen=True, slots=True)
class GoldDocument:
    """The gold annotation of one document."""

    document: str
    path: str
    entities: Mapping[str, GoldEntity]
    triples: tuple[GoldTriple, ...]
    must_not: tuple[GoldTriple, ...]
    uncertain: tuple[GoldTriple, ...]


def _require(condition: bool, message: str, path: Path) -> None:
    if not condition:
        raise GoldFormatError(message, path)


def _entity(raw: Any, path: Path) -> GoldEntity:
    _require(isinstance(raw, dict), "each entity must be an object", path)
    ident, labels = raw.get("id"), raw.get("labels")
    _require(isinstance(ident, str) and bool(ident), "an entity has no 'id'", path)
    _require(
        isinstance(labels, list) and bool(labels) and all(isinstance(x, str) for x in labels),
        f"entity {ident!r} needs a non-empty 'labels' list of strings",
        path,
    )
    xrefs = raw.get("xrefs") or []
    _require(isinstance(xrefs, list), f"entity {ident!r}: 'xrefs' must be a list", path)
    return GoldEntity(ident, tuple(labels), str(raw.get("type", "")), tuple(str(x) for x in xrefs))


def _triples(
    raw: Any, section: str, entities: Mapping[str, GoldEntity], path: Path
) -> tuple[GoldTriple, ...]:
    if raw is None:
        return ()
    _require(isinstance(raw, list), f"'{section}' must be a list", path)
    triples = []
    for item in raw:
        _require(isinstance(item, dict), f"each item of '{section}' must be an object", path)
        s, p, o = item.get("s"), item.get("p"), item.get("o")
        _require(
            isinstance(p, str) and bool(p), f"an item of '{section}' has no predicate 'p'", path
        )
        for ref in (s, o):
            _require(ref in entities, f"'{section}' refers to unknown entity {ref!r}", path)
        triples.append(
            GoldTriple(
                entities[s],
                p,
                entities[o],
                str(item.get("evidence", "")),
                str(item.get("note", "")),
            )
        )
    return tuple(triples)


def load_gold(path: Path | str) -> GoldDocument:
    """Read one gold JSON file.

    :raises GoldFormatError: unreadable file, invalid JSON, or a broken reference.
    """
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise GoldFormatError(f"cannot read gold file ({error.strerror or error})", path) from error
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise GoldFormatError(f"not valid JSON ({error})", path) from error
    _require(isinstance(data, dict), "a gold file must hold one JSON object", path)
    document = data.get("document")
    _require(
        isinstance(document, str) and bool(document), "missing 'document' (the file name)", path
    )
    raw_entities = data.get("entities")
    _require(isinstance(raw_entities, list), "missing 'entities' list", path)
    entities: dict[str, GoldEntity] = {}
    for raw in raw_entities:
        entity = _entity(raw, path)
        _require(entity.id not in entities, f"duplicate entity id {entity.id!r}", path)
        entities[entity.id] = entity
    return GoldDocument(
        document=document,
        path=str(path),
        entities=entities,
        triples=_triples(data.get("triples"), "triples", entities, path),
        must_not=_triples(data.get("must_not"), "must_not", entities, path),
        uncertain=_triples(data.get("uncertain"), "uncertain", entities, path),
    )


def load_gold_dir(directory: Path | str) -> list[GoldDocument]:
    """Every ``*.json`` gold file of a folder, sorted by file name.

    :raises GoldFormatError: the folder is missing, holds no gold file, or a file is bad.
    """
    directory = Path(directory)
    if not directory.is_dir():
        raise GoldFormatError("gold folder not found", directory)
    files = sorted(directory.glob("*.json"))
    if not files:
        raise GoldFormatError("no *.json gold file in this folder", directory)
    golds = [load_gold(file) for file in files]
    seen: dict[str, str] = {}
    for gold in golds:
        if gold.document in seen:
            raise GoldFormatError(
                f"document {gold.document!r} is also annotated in {seen[gold.document]}", gold.path
            )
        seen[gold.document] = gold.path
    return golds
