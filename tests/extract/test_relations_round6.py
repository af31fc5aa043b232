"""Rules added after the round-6 unseen pages, on small texts of our own (real lexicon).

Symptoms named in prose under a symptoms heading; a list lead naming two diseases or the
disease another one turns into; both sexes "in equal numbers"; "is also more common in";
"X is one of the Y"; a list item's own patient verb not taking the page topic; "should not
be" after a treatment; drug names that are members of a class, not synonyms of it.
See ``test_relations.make_document`` for the line syntax.
"""

from __future__ import annotations

import pytest

from hemekg.extract import extract_document
from tests.extract.test_relations import make_document, triples

Triple = tuple[str, str, str]

PRESENT: list[tuple[list[str], list[Triple]]] = [
    (
        [
            "Pure red cell aplasia is a rare disorder.",
            "# Signs and symptoms",
            "Most children look well, but some have pallor and shortness of breath on exertion.",
        ],
        [
            ("pure red-cell aplasia", "hasSymptom", "Pallor"),
            ("pure red-cell aplasia", "hasSymptom", "Dyspnea"),
        ],
    ),
    (
        [
            "Polycythemia vera is a slow-growing blood cancer.",
            "Doctors check for essential thrombocythemia or polycythemia vera with these tests:",
            "- a full blood count",
            "- a bone marrow biopsy",
        ],
        [
            ("polycythemia vera", "diagnosedBy", "complete blood count"),
            ("essential thrombocythemia", "diagnosedBy", "complete blood count"),
            ("essential thrombocythemia", "diagnosedBy", "bone marrow biopsy"),
        ],
    ),
    (
        [
            "Myelodysplastic syndrome is a group of disorders.",
            "Signs that myelodysplastic syndrome has turned into acute myeloid leukemia include:",
            "- fever",
            "- bone pain",
        ],
        [
            ("acute myeloid leukemia", "hasSymptom", "Fever"),
            ("acute myeloid leukemia", "hasSymptom", "Bone pain"),
        ],
    ),
    (
        ["Hairy cell leukemia is also more common in Black people."],
        [("hairy cell leukemia", "affectsPopulation", "Black people")],
    ),
    (
        ["Aplastic anemia is one of the bone marrow failure syndromes."],
        [("aplastic anemia", "subClassOf", "bone marrow failure syndrome")],
    ),
    (
        [
            "Acute promyelocytic leukemia is treated with all-trans retinoic acid and "
            "arsenic trioxide."
        ],
        [
            ("acute promyelocytic leukemia", "treatedWith", "all-trans retinoic acid"),
            ("acute promyelocytic leukemia", "treatedWith", "arsenic trioxide"),
        ],
    ),
]

ABSENT: list[tuple[list[str], list[Triple]]] = [
    (
        ["Sickle cell disease affects men and women in equal numbers."],
        [
            ("sickle cell disease", "affectsPopulation", "men"),
            ("sickle cell disease", "affectsPopulation", "women"),
        ],
    ),
    (
        [
            "Myelodysplastic syndrome is a group of disorders.",
            "Signs that myelodysplastic syndrome has turned into acute myeloid leukemia include:",
            "- feeling very tired",
        ],
        [("myelodysplastic syndrome", "hasSymptom", "Fatigue")],
    ),
    (
        [
            "Hemophilia is a bleeding disorder.",
            "# Treatment",
            "Aspirin should not be taken by people with this condition.",
        ],
        [("hemophilia", "treatedWith", "aspirin")],
    ),
    (
        ["Acute promyelocytic leukemia is treated with arsenic trioxide."],
        [("acute promyelocytic leukemia", "treatedWith", "all-trans retinoic acid")],
    ),
    (
        ["Multiple myeloma can be treated within clinical trials."],
        [("multiple myeloma", "treatedWith", "clinical trials")],
    ),
]


@pytest.mark.parametrize(("lines", "expected"), PRESENT)
def test_round6_rule_finds(lines: list[str], expected: list[Triple]) -> None:
    found = triples(list(extract_document(make_document(*lines))))
    assert set(expected) <= found, sorted(found)


@pytest.mark.parametrize(("lines", "unwanted"), ABSENT)
def test_round6_rule_avoids(lines: list[str], unwanted: list[Triple]) -> None:
    found = triples(list(extract_document(make_document(*lines))))
    assert not set(unwanted) & found, sorted(found)


def test_symptoms_heading_does_not_govern_list_items_or_other_sections() -> None:
    lines = [
        "Pure red cell aplasia is a rare disorder.",
        "# Treatment",
        "Some children with pallor need a blood transfusion.",
    ]
    found = triples(list(extract_document(make_document(*lines))))
    assert ("pure red-cell aplasia", "hasSymptom", "Pallor") not in found
