"""The records every stage exchanges."""

from __future__ import annotations

from dataclasses import replace

from hemekg.model import PREDICATE_SIGNATURES, EntityType, Predicate
from tests.conftest import BONE_MARROW, LEUKEMIA, make_statement


def test_every_predicate_has_a_signature() -> None:
    assert set(PREDICATE_SIGNATURES) == set(Predicate)


def test_statement_id_is_stable_and_depends_on_evidence_only() -> None:
    statement = make_statement()
    assert statement.id == make_statement().id
    assert len(statement.id) == 16
    # Confidence and extractor changes keep the id: decisions survive re-tuning.
    assert replace(statement, confidence=0.1, extractor="other").id == statement.id
    assert replace(statement, sentence="Leukemia starts in the bone marrow.").id != statement.id
    assert replace(statement, document="x.txt").id != statement.id


def test_statement_json_shape() -> None:
    record = make_statement().to_json()
    assert set(record) == {"id", "subject", "predicate", "object", "document", "sentence",
                           "start", "end", "extractor", "confidence", "negated"}
    assert record["predicate"] == "originatesIn"
    assert record["subject"] == {
        "id": "DOID:1240", "label": "leukemia", "labels": ["leukemia", "leukaemia"],
        "type": "Disease", "xrefs": ["DOID:1240", "MONDO:0005059"],
    }
    assert record["object"]["type"] == EntityType.ANATOMICAL_STRUCTURE.value


def test_entity_json_lists_surface_forms_once() -> None:
    labels = LEUKEMIA.to_json(("Leukaemia", "leukemia"))["labels"]
    assert labels == ["leukemia", "Leukaemia", "leukaemia"]
    assert BONE_MARROW.to_json()["xrefs"] == ["UBERON:0002371"]
