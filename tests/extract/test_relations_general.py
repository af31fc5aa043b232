"""Generalisation rules of the relation cues, on small texts of our own (real lexicon).

Each case is a phrasing seen on patient pages of other publishers: noun-phrase lists,
conditional risk, section-cued lists and sentences, subject aliases, cells that grow out
of control. See ``test_relations.make_document`` for the line syntax.
"""

from __future__ import annotations

import pytest

from hemekg.extract import extract_document
from tests.extract.test_relations import make_document, triples

Triple = tuple[str, str, str]

PRESENT: list[tuple[list[str], list[Triple]]] = [
    (
        [
            "Multiple myeloma is a type of blood cancer that develops from plasma cells in "
            "the bone marrow."
        ],
        [
            ("multiple myeloma", "affects", "plasma cell"),
            ("multiple myeloma", "originatesIn", "bone marrow"),
        ],
    ),
    (
        ["Hairy cell leukemia is a cancer that starts in the white blood cells."],
        [("hairy cell leukemia", "affects", "leukocyte")],
    ),
    (
        [
            "Aplastic anemia can be caused by radiation and chemotherapy treatments, exposure to "
            "toxic chemicals such as benzene, certain drugs, autoimmune disorders and viral "
            "infections such as hepatitis."
        ],
        [
            ("aplastic anemia", "hasCause", "ionizing radiation"),
            ("aplastic anemia", "hasCause", "prior chemotherapy"),
            ("aplastic anemia", "hasCause", "chemicals"),
            ("aplastic anemia", "hasCause", "benzene"),
            ("aplastic anemia", "hasCause", "certain medicines"),
            ("aplastic anemia", "hasCause", "autoimmune disease"),
            ("aplastic anemia", "hasCause", "viral infectious disease"),
            ("aplastic anemia", "hasCause", "hepatitis"),
        ],
    ),
    (
        [
            "Myelodysplastic syndrome is rare.",
            "Your risk is higher if you are over 60, are a man, or have a family history "
            "of the condition.",
        ],
        [
            ("myelodysplastic syndrome", "hasRiskFactor", "family history"),
            ("myelodysplastic syndrome", "affectsPopulation", "men"),
            ("myelodysplastic syndrome", "affectsPopulation", "older adults"),
        ],
    ),
    (
        [
            "Acute myeloid leukemia is a cancer.",
            "People with Down syndrome also have a higher risk.",
        ],
        [("acute myeloid leukemia", "hasRiskFactor", "Down syndrome")],
    ),
    (
        [
            "Thalassemia is rare.",
            "What are the symptoms?",
            "Symptoms start early.",
            "They can include:",
            "- tiredness",
            "- pale skin",
        ],
        [("thalassemia", "hasSymptom", "Fatigue"), ("thalassemia", "hasSymptom", "Pallor")],
    ),
    (
        [
            "Myelofibrosis is rare.",
            "# Signs and symptoms",
            "Check with your doctor if you have any of the following:",
            "- night sweats",
            "- weight loss",
        ],
        [
            ("myelofibrosis", "hasSymptom", "Night sweats"),
            ("myelofibrosis", "hasSymptom", "Weight loss"),
        ],
    ),
    (
        ["Myelofibrosis is rare.", "# Symptoms", "- night sweats", "- weight loss"],
        [("myelofibrosis", "hasSymptom", "Night sweats")],
    ),
    (
        ["Thalassemia is a blood disorder.", "This causes anaemia."],
        [("thalassemia", "hasSymptom", "Anemia")],
    ),
    (
        [
            "Hairy cell leukemia is rare.",
            "People with hairy cell leukemia often have low numbers of red blood cells, "
            "platelets and normal white blood cells.",
        ],
        [
            ("hairy cell leukemia", "affects", "erythrocyte"),
            ("hairy cell leukemia", "affects", "platelet"),
            ("hairy cell leukemia", "affects", "leukocyte"),
        ],
    ),
    (
        ["Multiple myeloma, also called plasma cell myeloma, is a blood cancer."],
        [("multiple myeloma", "subClassOf", "hematologic cancer")],
    ),
    (
        [
            "Acute myeloid leukemia is a cancer.",
            "How is it diagnosed?",
            "Your doctor will do a physical exam and order a complete blood count.",
        ],
        [
            ("acute myeloid leukemia", "diagnosedBy", "physical exam"),
            ("acute myeloid leukemia", "diagnosedBy", "complete blood count"),
        ],
    ),
    (
        [
            "Acute myeloid leukemia is a cancer.",
            "A bone marrow aspiration and biopsy confirms the diagnosis.",
        ],
        [("acute myeloid leukemia", "diagnosedBy", "bone marrow biopsy")],
    ),
    (
        ["Thalassemia is rare.", "It is passed on from parents to their children through genes."],
        [("thalassemia", "hasCause", "genetics")],
    ),
    (
        [
            "Acute myeloid leukemia is rare.",
            "AML happens when DNA changes occur in the bone marrow cells.",
        ],
        [("acute myeloid leukemia", "hasCause", "genetics")],
    ),
    (
        ["Hairy cell leukemia is rare.", "Most patients are middle-aged or older adults."],
        [("hairy cell leukemia", "affectsPopulation", "older adults")],
    ),
    (
        [
            "Non-Hodgkin lymphoma is a cancer.",
            "Diffuse large B-cell lymphoma and follicular lymphoma are two common types.",
        ],
        [
            ("diffuse large B-cell lymphoma", "subClassOf", "non-Hodgkin lymphoma"),
            ("follicular lymphoma", "subClassOf", "non-Hodgkin lymphoma"),
        ],
    ),
    (
        [
            "Non-Hodgkin lymphoma is rare.",
            "In non-Hodgkin lymphoma, white blood cells called lymphocytes start to "
            "multiply in an abnormal way.",
        ],
        [("non-Hodgkin lymphoma", "affects", "lymphocyte")],
    ),
    (
        ["Myelofibrosis is rare.", "Treatment may include targeted therapy such as ruxolitinib."],
        [("JAK inhibitors", "subClassOf", "targeted therapy")],
    ),
]

PRESENT += [
    (
        ["Thalassemia is rare.", "A stem cell or bone marrow transplant is the only cure."],
        [
            ("thalassemia", "treatedWith", "stem cell transplant"),
            ("thalassemia", "treatedWith", "bone marrow transplant"),
        ],
    ),
    (
        ["AML is the most common type of acute leukemia in adults."],
        [("acute myeloid leukemia", "affectsPopulation", "adults")],
    ),
    (
        [
            "Thalassemia is rare.",
            "Thalassaemia mainly affects people of Mediterranean, South Asian and Middle Eastern "
            "origin.",
        ],
        [
            ("thalassemia", "affectsPopulation", "people of Mediterranean origin"),
            ("thalassemia", "affectsPopulation", "people of South Asian origin"),
            ("thalassemia", "affectsPopulation", "people of Middle Eastern origin"),
        ],
    ),
]

ABSENT: list[tuple[list[str], list[Triple]]] = [
    (  # a new clause after the list: not a cause
        [
            "Agranulocytosis is a consequence of chemotherapy, and severe leukopenia is "
            "its main symptom."
        ],
        [("agranulocytosis", "hasCause", "leukopenia")],
    ),
    (  # "occurs in ... cells" is where a change happens, not the cells the disease affects
        [
            "Acute myeloid leukemia is rare.",
            "AML happens when DNA changes occur in the bone marrow cells.",
        ],
        [("acute myeloid leukemia", "affects", "bone marrow cell")],
    ),
    (  # the population of a superlative belongs to the sentence's subject
        ["AML is the most common type of acute leukemia in adults."],
        [("acute leukemia", "affectsPopulation", "adults")],
    ),
    (  # a non-restrictive relative clause ends the list of affected cells
        [
            "AML is a cancer.",
            "It affects myeloid cells, which normally develop into red blood cells and platelets.",
        ],
        [
            ("acute myeloid leukemia", "affects", "platelet"),
            ("acute myeloid leukemia", "affects", "erythrocyte"),
        ],
    ),
    (  # a risk factor in "people with X" does not become the topic
        [
            "Acute myeloid leukemia is a cancer.",
            "People with Down syndrome also have a higher risk.",
            "Tests include a bone marrow biopsy.",
        ],
        [("Down syndrome", "diagnosedBy", "bone marrow biopsy")],
    ),
    (  # the name of a therapy is no treatment cue ("radiation therapy" as a risk factor)
        [
            "Acute myeloid leukemia is rare.",
            "Risk factors include smoking, previous chemotherapy or radiation therapy and "
            "blood disorders.",
        ],
        [("hematopoietic system disease", "treatedWith", "radiation therapy")],
    ),
    (  # a class named with its examples: the examples are the treatments
        [
            "Essential thrombocythemia is rare.",
            "Treatment may include medicines that lower the platelet count, such as hydroxyurea.",
        ],
        [("essential thrombocythemia", "treatedWith", "medicine")],
    ),
    (  # the example given for a condition is not itself listed
        [
            "Non-Hodgkin lymphoma is rare.",
            "Your risk is higher if you have a weakened immune system, for example because "
            "of medicines taken after an organ transplant.",
        ],
        [("non-Hodgkin lymphoma", "hasRiskFactor", "certain medicines")],
    ),
    (  # "lymphomas" is broader than the topic, never its subclass
        [
            "Non-Hodgkin lymphoma is a cancer.",
            "They can be grouped into high-grade (aggressive) lymphomas and low-grade lymphomas.",
        ],
        [("lymphoma", "subClassOf", "non-Hodgkin lymphoma")],
    ),
    (  # only the first example of a treatment class; the next item is a treatment of its own
        [
            "Waldenstrom macroglobulinemia is rare.",
            "It may include targeted therapy such as ibrutinib, immunotherapy with "
            "rituximab, or plasmapheresis.",
        ],
        [
            ("immunotherapy", "subClassOf", "targeted therapy"),
            ("plasmapheresis", "subClassOf", "targeted therapy"),
        ],
    ),
    (  # "Symptoms include frequent infections": a symptom does not name the disease class
        [
            "Aplastic anemia can be caused by viral infections.",
            "People with aplastic anemia get infections easily.",
        ],
        [("viral infectious disease", "subClassOf", "infectious disease")],
    ),
    (  # a lead with its own subject but no cue does not inherit one from sentences before
        [
            "The stem cells can develop into red blood cells.",
            "With bone marrow disease, there are problems:",
            "- In aplastic anemia, the marrow fails",
        ],
        [("bone marrow disease", "hasSymptom", "aplastic anemia")],
    ),
]


@pytest.mark.parametrize(("lines", "expected"), PRESENT)
def test_general_cue_finds(lines: list[str], expected: list[Triple]) -> None:
    found = triples(extract_document(make_document(*lines)))
    assert set(expected) <= found, sorted(found)


@pytest.mark.parametrize(("lines", "unwanted"), ABSENT)
def test_general_cue_avoids(lines: list[str], unwanted: list[Triple]) -> None:
    found = triples(extract_document(make_document(*lines)))
    assert not set(unwanted) & found, sorted(found)


def test_name_composition_needs_the_parent_named_as_a_disease() -> None:
    named = triples(
        extract_document(
            make_document(
                "Aplastic anemia can be caused by viral infections.", "Infections are dangerous."
            )
        )
    )
    assert ("viral infectious disease", "subClassOf", "infectious disease") in named
