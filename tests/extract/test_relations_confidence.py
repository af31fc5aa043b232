"""Confidence from evidence, and the coordination reader the cues share."""

from __future__ import annotations

import pytest

from hemekg.extract.confidence import CUE_STRENGTH, confidence
from hemekg.extract.context import SentenceView, Span, coordinated_after
from hemekg.model import Entity, EntityType, Sentence


def test_explicit_cue_beats_weak_cue() -> None:
    assert confidence("hearst.type_of") > confidence("hearst.list_lead")
    assert confidence("hearst.type_of") > confidence("taxonomy.name_composition")


@pytest.mark.parametrize(
    "evidence",
    [
        {"exact": False},
        {"new_entity": True},
        {"anaphora": True},
        {"lifted": True},
        {"list_distance": 3},
    ],
)
def test_weaker_evidence_lowers_confidence(evidence: dict[str, object]) -> None:
    assert confidence("cue.spreads_to", **evidence) < confidence("cue.spreads_to")  # type: ignore[arg-type]


def test_bounds_and_unknown_extractor() -> None:
    assert (
        0.05 <= confidence("something.else", exact=False, anaphora=True, list_distance=100) <= 0.99
    )
    assert all(0 < value <= 1 for value in CUE_STRENGTH.values())


def _view(text: str, names: dict[str, EntityType]) -> SentenceView:
    spans = []
    for name, kind in names.items():
        start = text.index(name)
        spans.append(Span(name, start, start + len(name), (Entity(f"X:{name}", name, kind),)))
    spans.sort(key=lambda s: s.start)
    return SentenceView(0, Sentence(text, 0, len(text)), spans)


CELL = EntityType.CELL_TYPE
ANATOMY = EntityType.ANATOMICAL_STRUCTURE


def test_coordination_skips_relative_clauses() -> None:
    text = (
        "Stem cells develop into red cells that carry oxygen through the body, "
        "white cells that fight infections, and platelets that help clotting."
    )
    view = _view(
        text,
        {
            "Stem cells": CELL,
            "red cells": CELL,
            "body": ANATOMY,
            "white cells": CELL,
            "infections": EntityType.PHENOTYPE,
            "platelets": CELL,
        },
    )
    found = coordinated_after(view, text.index("into") + 4, {CELL})
    assert [span.text for span, _ in found] == ["red cells", "white cells", "platelets"]


def test_coordination_parentheses() -> None:
    text = (
        "It can travel to the brain and spinal cord (the central nervous system) "
        "and the fluid (around the liver)."
    )
    view = _view(
        text,
        {
            "brain": ANATOMY,
            "spinal cord": ANATOMY,
            "central nervous system": ANATOMY,
            "liver": ANATOMY,
        },
    )
    found = coordinated_after(view, text.index("to") + 2, {ANATOMY})
    assert [span.text for span, _ in found] == ["brain", "spinal cord", "central nervous system"]


def test_coordination_stops_at_other_clause() -> None:
    text = "Myeloma affects plasma cells; the spleen is spared."
    view = _view(text, {"plasma cells": CELL, "spleen": ANATOMY})
    assert [
        s.text for s, _ in coordinated_after(view, text.index("affects") + 7, {CELL, ANATOMY})
    ] == ["plasma cells"]
