"""A generated knowledge graph of a chosen size, for the SPARQL and parser benchmarks.

Statements are drawn with a fixed seed between lexicon entities of the types each
predicate allows (hemekg.model.PREDICATE_SIGNATURES), the taxonomy follows the DOID
parents of the lexicon, and each synthetic document's part of the graph is made by the
same code as a real build (:func:`hemekg.store.incremental.document_ntriples`), so the
graph has the real shape: entity descriptions, direct triples, owl:Axiom provenance.
"""

from __future__ import annotations

import hashlib
import random
from collections import defaultdict
from pathlib import Path

from hemekg.model import PREDICATE_SIGNATURES, Document, Entity, EntityType, Predicate, Statement
from hemekg.pipeline import DocumentResult
from hemekg.store.incremental import document_ntriples

__all__ = ["generate_graph", "lexicon_entities"]

_STATEMENTS_PER_DOCUMENT = 12


def lexicon_entities(per_type: int = 400, *, seed: int = 7) -> dict[EntityType, list[Entity]]:
    """A fixed sample of lexicon entities per type (all DOID diseases, with parents)."""
    from hemekg.extract.lexicon import read_lexicon_rows
    from hemekg.resources import lexicon_path

    rows = defaultdict(list)
    for row in read_lexicon_rows(lexicon_path()):
        if row.indexed and row.label.isascii():
            rows[row.type].append(row)
    rng = random.Random(seed)
    sample: dict[EntityType, list[Entity]] = {}
    for kind, found in sorted(rows.items()):
        chosen = (
            found if kind is EntityType.DISEASE else rng.sample(found, min(per_type, len(found)))
        )
        sample[kind] = [
            Entity(
                r.id, r.label, kind, r.xrefs, r.synonyms[:3], r.parents[0] if r.parents else None
            )
            for r in chosen
        ]
    return sample


def generate_graph(path: Path, triples: int, *, seed: int = 11) -> tuple[int, int]:
    """Write at least ``triples`` distinct N-Triples lines to ``path`` (each triple once).

    :returns: (documents, triples written).
    """
    entities = lexicon_entities()
    diseases = entities[EntityType.DISEASE]
    by_id = {e.id: e for e in diseases}
    rng = random.Random(seed)
    predicates = [p for p in Predicate if p is not Predicate.SUB_CLASS_OF]
    written = documents = 0
    seen: set[int] = set()
    with open(path, "w", encoding="utf-8") as handle:
        while written < triples:
            doc_id = f"synthetic_{documents:07d}.txt"
            statements = []
            for index in range(_STATEMENTS_PER_DOCUMENT):
                subject = rng.choice(diseases)
                if index % 4 == 0 and subject.parent in by_id:
                    predicate, obj = Predicate.SUB_CLASS_OF, by_id[subject.parent]
                else:
                    predicate = rng.choice(predicates)
                    subjects, objects = PREDICATE_SIGNATURES[predicate]
                    subject = rng.choice(entities[rng.choice(sorted(subjects))])
                    kinds = sorted(objects) if objects is not None else [subject.type]
                    obj = rng.choice(entities[rng.choice(kinds)])
                sentence = f"{subject.label} {predicate.value} {obj.label} ({index})."
                statements.append(
                    Statement(
                        subject,
                        predicate,
                        obj,
                        doc_id,
                        sentence,
                        index * 80,
                        index * 80 + len(sentence),
                        "synthetic",
                        round(rng.uniform(0.5, 1.0), 3),
                        subject_text=subject.label,
                        object_text=obj.label,
                    )
                )
            document = Document(
                doc_id, doc_id, "text/plain", "", hashlib.sha256(doc_id.encode()).hexdigest(), ()
            )
            data = document_ntriples(DocumentResult(doc_id, document, tuple(statements)))
            for line in data.decode("utf-8").splitlines():
                key = hash(line)
                if key not in seen:
                    seen.add(key)
                    handle.write(line + "\n")
                    written += 1
            documents += 1
    return documents, written
