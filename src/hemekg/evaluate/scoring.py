"""The scorer of docs/GUIDELINES.md (Scoring), over produced statement records.

It reads the records ``hemekg extract`` prints (``Statement.to_json()``), so any
extractor's output can be scored, and:

* drops negated records (they are not "produced");
* counts each (document, subject id, predicate, object id) once;
* a record matches a gold triple when the predicate local names are equal and subject
  and object each share an xref or a normalised label with the gold entity;
* a record matching no triple but an ``uncertain`` item is neutral (left out of both counts);
* precision = matched / produced records with a core predicate; recall = matched gold
  triples / gold triples; micro-averaged over all documents;
* a record matching a ``must_not`` item is reported on its own, as an error.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

from hemekg.evaluate.gold import GoldDocument, GoldTriple
from hemekg.evaluate.matching import EntityKeys
from hemekg.model import Predicate, Statement

__all__ = ["CORE_PREDICATES", "Counts", "Evaluation", "Finding", "score"]

CORE_PREDICATES: frozenset[str] = frozenset(str(p) for p in Predicate)


@dataclass(slots=True)
class Counts:
    """Produced, correct, gold and found counts, with the derived measures."""

    produced: int = 0
    correct: int = 0
    gold: int = 0
    found: int = 0

    @property
    def precision(self) -> float:
        return self.correct / self.produced if self.produced else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict[str, Any]:
        return {
            "produced": self.produced,
            "correct": self.correct,
            "gold": self.gold,
            "found": self.found,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class Finding:
    """A missed gold triple, a wrong produced statement or a must_not violation."""

    document: str
    subject: str
    predicate: str
    object: str
    evidence: str = ""
    extractor: str = ""

    def to_json(self) -> dict[str, str]:
        return {
            "document": self.document,
            "subject": self.subject,
            "predicate": self.predicate,
            "object": self.object,
            "evidence": self.evidence,
            "extractor": self.extractor,
        }

    def line(self) -> str:
        via = f" [{self.extractor}]" if self.extractor else ""
        return f"{self.document}: {self.subject} {self.predicate} {self.object}{via}"


@dataclass(slots=True)
class Evaluation:
    """The outcome of :func:`score`."""

    overall: Counts = field(default_factory=Counts)
    per_predicate: dict[str, Counts] = field(default_factory=dict)
    neutral: int = 0
    missed: list[Finding] = field(default_factory=list)
    wrong: list[Finding] = field(default_factory=list)
    must_not: list[Finding] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "overall": self.overall.to_json(),
            "per_predicate": {p: c.to_json() for p, c in sorted(self.per_predicate.items())},
            "neutral": self.neutral,
            "must_not": [f.to_json() for f in self.must_not],
            "missed": [f.to_json() for f in self.missed],
            "wrong": [f.to_json() for f in self.wrong],
        }


@dataclass(frozen=True, slots=True)
class _Produced:
    document: str
    subject_id: str
    subject_label: str
    subject: EntityKeys
    predicate: str
    object_id: str
    object_label: str
    object: EntityKeys
    evidence: str
    extractor: str

    def matches(self, triple: GoldTriple) -> bool:
        return (
            self.predicate == triple.predicate
            and self.subject.matches(triple.subject.keys)
            and self.object.matches(triple.object.keys)
        )

    def finding(self) -> Finding:
        return Finding(
            self.document,
            self.subject_label,
            self.predicate,
            self.object_label,
            self.evidence,
            self.extractor,
        )


def _entity_keys(raw: Mapping[str, Any]) -> EntityKeys:
    return EntityKeys.of(
        [raw.get("id", ""), *raw.get("xrefs", [])], [raw.get("label", ""), *raw.get("labels", [])]
    )


def _records(produced: Iterable[Statement | Mapping[str, Any]]) -> Iterable[Mapping[str, Any]]:
    for item in produced:
        yield item.to_json() if isinstance(item, Statement) else item


def _document_key(name: str) -> str:
    return PurePath(name).name


def _collect(produced: Iterable[Statement | Mapping[str, Any]]) -> dict[str, list[_Produced]]:
    """Positive records grouped by document, each (subject, predicate, object) once."""
    merged: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for record in _records(produced):
        if record.get("negated"):
            continue
        subject, obj = record["subject"], record["object"]
        key = (
            _document_key(str(record.get("document", ""))),
            subject["id"],
            str(record["predicate"]),
            obj["id"],
        )
        slot = merged.setdefault(key, {"s": [], "o": [], "sx": [], "ox": [], "record": record})
        slot["s"] += [subject.get("label", ""), *subject.get("labels", [])]
        slot["o"] += [obj.get("label", ""), *obj.get("labels", [])]
        slot["sx"] += [subject["id"], *subject.get("xrefs", [])]
        slot["ox"] += [obj["id"], *obj.get("xrefs", [])]
    grouped: dict[str, list[_Produced]] = defaultdict(list)
    for (document, s_id, predicate, o_id), slot in sorted(merged.items()):
        record = slot["record"]
        grouped[document].append(
            _Produced(
                document,
                s_id,
                record["subject"].get("label", s_id),
                EntityKeys.of(slot["sx"], slot["s"]),
                predicate,
                o_id,
                record["object"].get("label", o_id),
                EntityKeys.of(slot["ox"], slot["o"]),
                str(record.get("sentence", "")),
                str(record.get("extractor", "")),
            )
        )
    return grouped


def score(
    produced: Iterable[Statement | Mapping[str, Any]], golds: Sequence[GoldDocument]
) -> Evaluation:
    """Score produced statements (records or :class:`Statement`) against gold documents.

    Only documents that have a gold file are scored; statements of other documents are
    ignored.
    """
    by_document = _collect(produced)
    result = Evaluation(documents=[g.document for g in golds])
    per: dict[str, Counts] = defaultdict(Counts)
    for gold in golds:
        statements = by_document.get(_document_key(gold.document), [])
        found: set[int] = set()
        for triple in gold.triples:
            per[triple.predicate].gold += 1
        for statement in statements:
            for triple in gold.must_not:
                if statement.matches(triple):
                    result.must_not.append(statement.finding())
                    break
            if statement.predicate not in CORE_PREDICATES:
                continue
            hits = [i for i, triple in enumerate(gold.triples) if statement.matches(triple)]
            if hits:
                found.update(hits)
                per[statement.predicate].produced += 1
                per[statement.predicate].correct += 1
            elif any(statement.matches(item) for item in gold.uncertain):
                result.neutral += 1
            else:
                per[statement.predicate].produced += 1
                result.wrong.append(statement.finding())
        for index, triple in enumerate(gold.triples):
            if index in found:
                per[triple.predicate].found += 1
            else:
                result.missed.append(
                    Finding(
                        gold.document,
                        triple.subject.id,
                        triple.predicate,
                        triple.object.id,
                        triple.evidence,
                    )
                )
    result.per_predicate = dict(sorted(per.items()))
    for counts in per.values():
        result.overall.produced += counts.produced
        result.overall.correct += counts.correct
        result.overall.gold += counts.gold
        result.overall.found += counts.found
    return result
