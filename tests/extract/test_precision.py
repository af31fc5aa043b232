"""Precision rules (issue 3): wrong statements of the blind rounds, on texts of our own.

A plain-language gloss in parentheses after a cell or test name ("a CT scan (a picture
of the inside of your body)") restates that name; it states no relation of its own,
unless the parenthesis classifies ("a type of") or is classified right after it. "In X,
the marrow makes <description> called <cells>": X affects the named cells only. See
``test_relations.make_document`` for the line syntax.
"""

from __future__ import annotations

import pytest

from hemekg.extract import extract_document
from tests.extract.test_relations import make_document, triples

Triple = tuple[str, str, str]

ABSENT: list[tuple[list[str], list[Triple]]] = [
    (  # a test's lay gloss grounds to a broader test: no second diagnosedBy
        [
            "# Polycythaemia vera",
            "# Tests",
            "Your doctor may arrange an echocardiogram (a scan of the heart).",
        ],
        [("polycythemia vera", "diagnosedBy", "imaging tests")],
    ),
    (  # a cell's lay gloss: the marrow makes stem cells, not blasts
        ["Normally the bone marrow makes blood stem cells (immature cells) that mature."],
        [("bone marrow", "produces", "blast")],
    ),
    (  # "makes <description> called <cells>": the description is not affected
        ["In CML, the marrow makes lots of immature white blood cells called myeloblasts."],
        [("chronic myeloid leukemia", "affects", "blast")],
    ),
]

PRESENT: list[tuple[list[str], list[Triple]]] = [
    (  # the named test itself is still found
        [
            "# Polycythaemia vera",
            "# Tests",
            "Your doctor may arrange an echocardiogram (a scan of the heart).",
        ],
        [("polycythemia vera", "diagnosedBy", "echocardiogram")],
    ),
    (  # a parenthesis classified right after it is no gloss
        ["Mast cells (immune cells), a type of white blood cell, live in the tissues."],
        [("mast cell", "subClassOf", "leukocyte")],
    ),
    (  # a parenthesis that classifies is read by the taxonomy rules
        ["The marrow makes too many neutrophils (a type of white blood cell)."],
        [("neutrophil", "subClassOf", "leukocyte")],
    ),
    (  # the cells named after "called" are what the disease affects
        ["In CML, the marrow makes lots of immature white blood cells called myeloblasts."],
        [("chronic myeloid leukemia", "affects", "myeloblast")],
    ),
]


@pytest.mark.parametrize(("lines", "unexpected"), ABSENT)
def test_precision_rule_avoids(lines: list[str], unexpected: list[Triple]) -> None:
    found = triples(list(extract_document(make_document(*lines))))
    for triple in unexpected:
        assert triple not in found, found


@pytest.mark.parametrize(("lines", "expected"), PRESENT)
def test_precision_rule_keeps(lines: list[str], expected: list[Triple]) -> None:
    found = triples(list(extract_document(make_document(*lines))))
    for triple in expected:
        assert triple in found, found
