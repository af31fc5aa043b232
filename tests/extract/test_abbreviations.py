"""Abbreviation definitions: "long form (ABBR)" and "ABBR (long form)", Schwartz-Hearst style."""

from __future__ import annotations

import pytest

from hemekg.extract.abbreviations import find_abbreviations, find_definitions, long_form_for
from hemekg.extract.lexicon import Lexicon, default_lexicon


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return default_lexicon()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Acute Myeloid Leukemia (AML) is a cancer.", [("AML", "Acute Myeloid Leukemia")]),
        ("It is called acute myelogenous leukemia (AML).", [("AML", "acute myelogenous leukemia")]),
        ("Counts of white blood cells (WBCs) drop.", [("WBCs", "white blood cells")]),
        ("The myelodysplastic syndromes (MDS) are rare.", [("MDS", "myelodysplastic syndromes")]),
        ("AML (acute myeloid leukemia) is fast.", [("AML", "acute myeloid leukemia")]),
        ("Bleeding (see below) is common.", []),
        ("Anemia (low red cells) is common.", []),
        ("A test (CBC) helps.", []),  # letters do not occur in the words before
    ],
)
def test_definitions(text: str, expected: list[tuple[str, str]]) -> None:
    assert find_definitions(text) == expected


def test_long_form_starts_on_a_word_that_begins_with_the_first_letter() -> None:
    words = ["patients", "with", "chronic", "lymphocytic", "leukemia"]
    assert long_form_for("CLL", words) == 2
    assert long_form_for("XYZ", words) is None


@pytest.mark.parametrize(
    ("text", "abbreviation", "expected"),
    [
        ("Acute Myeloid Leukemia (AML) is a cancer.", "AML", "DOID:9119"),
        ("acute myelogenous leukemia (AML)", "AML", "DOID:9119"),
        ("white blood cells (WBCs)", "WBCs", "CL:0000738"),
        ("white blood cells (WBCs)", "WBC", "CL:0000738"),
        ("Paroxysmal nocturnal hemoglobinuria (PNH) is rare.", "PNH", "DOID:0060284"),
        ("Immune thrombocytopenia (ITP) lowers platelets.", "ITP", "DOID:8924"),
        ("CMML (chronic myelomonocytic leukemia) is treated.", "CMML", "DOID:0080188"),
    ],
)
def test_defined_abbreviations_are_grounded(
    lexicon: Lexicon, text: str, abbreviation: str, expected: str
) -> None:
    assert find_abbreviations([text], lexicon)[abbreviation].id == expected


def test_ungroundable_long_forms_are_ignored_and_the_first_definition_wins(
    lexicon: Lexicon,
) -> None:
    texts = [
        "Quality of life scores (QOLS) improved.",
        "Chronic myeloid leukemia (CML) is slow.",
        "Cutaneous mastocytosis lesions (CML) differ.",
    ]
    found = find_abbreviations(texts, lexicon)
    assert "QOLS" not in found
    assert found["CML"].id == "DOID:8552"
