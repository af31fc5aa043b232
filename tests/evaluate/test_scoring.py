"""The scorer on tiny hand-made gold and produced sets."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from hemekg.evaluate import GoldFormatError, load_gold, load_gold_dir, score, scoring_key
from hemekg.model import Entity, EntityType, Predicate, Statement


def _gold(tmp_path: Path, triples: list[dict[str, str]], **extra: Any) -> Path:
    data = {
        "document": "doc.txt",
        "entities": [
            {"id": "leuk", "labels": ["leukemia"], "type": "Disease", "xrefs": ["DOID:1240"]},
            {"id": "bm", "labels": ["bone marrow"], "type": "AnatomicalStructure"},
            {"id": "wbc", "labels": ["white blood cell", "leukocyte"], "type": "CellType"},
            {"id": "anemia", "labels": ["anemia"], "type": "Disease"},
            {"id": "agran", "labels": ["agranulocytosis"], "type": "Disease"},
        ],
        "triples": triples,
        **extra,
    }
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def _record(
    s: tuple[str, str], p: str, o: tuple[str, str], negated: bool = False, doc: str = "doc.txt"
) -> dict[str, Any]:
    return {
        "subject": {"id": s[0], "label": s[1], "labels": [s[1]], "xrefs": [s[0]]},
        "predicate": p,
        "object": {"id": o[0], "label": o[1], "labels": [o[1]], "xrefs": [o[0]]},
        "document": doc,
        "sentence": "",
        "negated": negated,
    }


LEUK = ("DOID:1240", "leukemia")
BM = ("UBERON:0002371", "bone marrow")


@pytest.fixture
def gold(tmp_path: Path) -> Path:
    return _gold(
        tmp_path,
        [
            {"s": "leuk", "p": "originatesIn", "o": "bm"},
            {"s": "leuk", "p": "affects", "o": "wbc"},
        ],
        uncertain=[{"s": "anemia", "p": "affects", "o": "wbc", "note": "?"}],
        must_not=[{"s": "leuk", "p": "hasCause", "o": "agran"}],
    )


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("Leukaemia", "leukemia"),
        ("white blood cells", "white blood cell"),
        ("Anaemias", "anemia"),
        ("haematopoietic system", "hematopoietic system"),
        ("ovaries", "ovary"),
        ("chest X-ray", "chest x ray"),
        ("metastasis", "metastasis"),
        ("Acute Myeloid Leukaemias", "acute myeloid leukemia"),
        ("lymph nodes", "lymph node"),
        ("bloodstream", "bloodstream"),
        ("Anaemia, aplastic", "anemia aplastic"),
        ("mass", "mass"),
        ("ALL", "all"),
    ],
)
def test_scoring_key(label: str, key: str) -> None:
    assert scoring_key(label) == key


def test_match_by_xref_and_by_label(gold: Path) -> None:
    produced = [
        _record(("DOID:1240", "some other name"), "originatesIn", ("X:1", "bone marrows")),
        _record(("HEMEKG:leukaemia", "Leukaemia"), "affects", ("CL:0000738", "Leukocytes")),
    ]
    result = score(produced, [load_gold(gold)])
    assert (result.overall.correct, result.overall.produced, result.overall.found) == (2, 2, 2)
    assert result.overall.f1 == 1.0
    assert result.missed == [] and result.wrong == []


def test_predicate_must_be_equal_and_wrong_listed(gold: Path) -> None:
    result = score([_record(LEUK, "spreadsTo", BM)], [load_gold(gold)])
    assert result.overall.precision == 0.0
    assert [w.predicate for w in result.wrong] == ["spreadsTo"]
    assert len(result.missed) == 2


def test_uncertain_is_neutral_and_duplicates_once(gold: Path) -> None:
    produced = [
        _record(LEUK, "originatesIn", BM),
        _record(LEUK, "originatesIn", BM),
        _record(("DOID:2355", "anemia"), "affects", ("CL:0000738", "white blood cell")),
    ]
    result = score(produced, [load_gold(gold)])
    assert result.overall.produced == 1
    assert result.neutral == 1
    assert result.overall.precision == 1.0
    assert result.overall.recall == 0.5
    assert result.per_predicate["affects"].recall == 0.0


def test_negated_not_produced_and_must_not_reported(gold: Path) -> None:
    produced = [
        _record(LEUK, "originatesIn", BM, negated=True),
        _record(LEUK, "hasCause", ("DOID:12987", "agranulocytosis")),
    ]
    result = score(produced, [load_gold(gold)])
    assert result.overall.found == 0
    assert len(result.must_not) == 1 and result.must_not[0].predicate == "hasCause"
    assert result.overall.produced == 1  # the must_not statement is also a wrong one


def test_non_core_predicate_ignored_and_other_documents_ignored(gold: Path) -> None:
    produced = [
        _record(LEUK, "equivalentTo", BM),
        _record(LEUK, "originatesIn", BM, doc="other.txt"),
    ]
    result = score(produced, [load_gold(gold)])
    assert result.overall.produced == 0


def test_statement_objects_accepted(gold: Path) -> None:
    leuk = Entity("DOID:1240", "leukemia", EntityType.DISEASE)
    marrow = Entity("UBERON:0002371", "bone marrow", EntityType.ANATOMICAL_STRUCTURE)
    statement = Statement(leuk, Predicate.ORIGINATES_IN, marrow, "doc.txt", "s", 0, 1, "test", 0.9)
    assert score([statement], [load_gold(gold)]).overall.correct == 1


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("{not json", "not valid JSON"),
        ('{"entities": []}', "missing 'document'"),
        (
            '{"document": "d", "entities": [], "triples": [{"s": "a", "p": "x", "o": "b"}]}',
            "unknown entity",
        ),
    ],
)
def test_bad_gold_file_is_one_line_error(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(GoldFormatError) as info:
        load_gold(path)
    assert problem in str(info.value) and str(path) in str(info.value)


def test_empty_gold_dir(tmp_path: Path) -> None:
    with pytest.raises(GoldFormatError, match=r"no \*\.json"):
        load_gold_dir(tmp_path)
