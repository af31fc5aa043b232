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
        [("ruxolitinib", "subClassOf", "targeted therapy")],
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

PRESENT += [
    (
        ["ITP is rare.", "In adults it is usually chronic."],
        [("autoimmune thrombocytopenic purpura", "affectsPopulation", "adults")],
    ),
    (
        [
            "Hodgkin lymphoma is rare.",
            "Infection with the Epstein-Barr virus is also a risk factor.",
        ],
        [("Hodgkin's lymphoma", "hasRiskFactor", "Epstein-Barr virus infection")],
    ),
    (
        [
            "Iron deficiency anaemia is common.",
            "It happens when the body lacks iron, so the bone marrow makes fewer red blood cells.",
        ],
        [("iron deficiency anemia", "affects", "erythrocyte")],
    ),
]

PRESENT += [
    (
        [
            "Chronic myelomonocytic leukemia is a type of cancer that begins in the blood-forming "
            "cells of the bone marrow and invades the blood."
        ],
        [
            ("chronic myelomonocytic leukemia", "originatesIn", "bone marrow"),
            ("chronic myelomonocytic leukemia", "spreadsTo", "blood"),
        ],
    ),
    (
        [
            "Chronic myelomonocytic leukemia is rare.",
            "Previous treatment with chemotherapy may increase the risk.",
        ],
        [("chronic myelomonocytic leukemia", "hasRiskFactor", "prior chemotherapy")],
    ),
    (
        [
            "Sickle cell disease is inherited.",
            "It can also lead to serious complications such as stroke.",
        ],
        [("sickle cell disease", "hasSymptom", "Stroke")],
    ),
]

PRESENT += [
    (
        [
            "Sickle cell disease is inherited.",
            "With sickle cell disease, the red blood cells become hard and sticky.",
        ],
        [("sickle cell disease", "affects", "erythrocyte")],
    ),
]

PRESENT += [
    (
        [
            "Hemolytic anemia is common.",
            "There are two main types of hemolytic anemia: inherited and acquired.",
            "Sickle cell disease and thalassemia are inherited forms.",
            "Autoimmune hemolytic anemia is an acquired form in which the immune system attacks "
            "the red blood cells.",
        ],
        [
            ("sickle cell disease", "subClassOf", "inherited hemolytic anemia"),
            ("thalassemia", "subClassOf", "inherited hemolytic anemia"),
            ("autoimmune hemolytic anemia", "subClassOf", "acquired hemolytic anemia"),
        ],
    ),
    (
        [
            "Hemolytic anemia is a condition in which red blood cells are destroyed faster than "
            "the bone marrow can replace them."
        ],
        [("hemolytic anemia", "affects", "erythrocyte")],
    ),
    (
        ["Mantle cell lymphoma is rare.", "Most people are over 60 when they are diagnosed."],
        [("mantle cell lymphoma", "affectsPopulation", "older adults")],
    ),
    (
        [
            "Mantle cell lymphoma is rare.",
            "# Treatment",
            "Younger patients may go on to a stem cell transplant.",
        ],
        [("mantle cell lymphoma", "treatedWith", "stem cell transplant")],
    ),
    (  # a heading brings the page's topic back after a paragraph on a subtype
        [
            "Hemolytic anemia is common.",
            "Acquired hemolytic anemia can be caused by infections.",
            "# Symptoms",
            "Common signs and symptoms include fatigue and pale skin.",
        ],
        [
            ("hemolytic anemia", "hasSymptom", "Fatigue"),
            ("hemolytic anemia", "hasSymptom", "Pallor"),
        ],
    ),
]

PRESENT += [
    (
        [
            "Pernicious anaemia is rare.",
            "A deficiency can cause a wide range of problems, including:",
            "- extreme tiredness",
            "- mouth ulcers",
        ],
        [("pernicious anemia", "hasSymptom", "Fatigue")],
    ),
    (
        ["Pernicious anaemia is rare.", "It's more common in older adults."],
        [("pernicious anemia", "affectsPopulation", "older adults")],
    ),
    (
        [
            "PNH is rare.",
            "It develops when a stem cell in the bone marrow acquires a change in a gene.",
        ],
        [("paroxysmal nocturnal hemoglobinuria", "affects", "stem cell")],
    ),
    (
        [
            "Iron deficiency anaemia is common.",
            "If your anaemia is severe, it is treated with a blood transfusion.",
        ],
        [("iron deficiency anemia", "treatedWith", "blood transfusion")],
    ),
]

PRESENT += [
    (
        [
            "Anaemia is common.",
            "The most common cause of vitamin B12 deficiency in the UK is pernicious anaemia, "
            "an autoimmune condition that stops your body absorbing vitamin B12.",
        ],
        [("vitamin B12 deficiency", "hasCause", "pernicious anemia")],
    ),
]

PRESENT += [
    (
        ["Aplastic anemia is rare.", "This condition can lead to infections and bleeding."],
        [
            ("aplastic anemia", "hasSymptom", "infections"),
            ("aplastic anemia", "hasSymptom", "Abnormal bleeding"),
        ],
    ),
]

PRESENT += [
    (
        [
            "Thalassaemia is rare.",
            "The main types are alpha thalassaemia and beta thalassaemia.",
            "Beta thalassaemia major is the most severe form.",
        ],
        [("beta-thalassemia major", "subClassOf", "beta thalassemia")],
    ),
    (
        [
            "Non-Hodgkin lymphoma is rare.",
            "More than half of people with the condition are over 65.",
        ],
        [("non-Hodgkin lymphoma", "affectsPopulation", "older adults")],
    ),
    (
        [
            "Waldenstrom macroglobulinemia is rare.",
            "Treatment may include targeted therapy such as ibrutinib.",
        ],
        [("lymphoplasmacytic lymphoma", "treatedWith", "targeted therapy")],
    ),
]

PRESENT += [
    (
        ["Aplastic anemia is rare.", "Some forms are inherited, such as Fanconi anemia."],
        [("Fanconi anemia", "subClassOf", "aplastic anemia")],
    ),
    (
        [
            "Chronic lymphocytic leukemia is rare.",
            "Exposure to certain chemicals, such as Agent Orange, may increase the risk of CLL.",
        ],
        [("chronic lymphocytic leukemia", "hasRiskFactor", "Agent Orange")],
    ),
]

ABSENT: list[tuple[list[str], list[Triple]]] = [
    (  # "women who have heavy periods" describes the people, it is no symptom
        ["Iron deficiency anaemia is common.", "It is common in women who have heavy periods."],
        [("iron deficiency anemia", "hasSymptom", "Menorrhagia")],
    ),
    (  # "blood-forming cells" is one modifier, not "blood" + "cells"
        [
            "CMML is a cancer that begins in the blood-forming cells.",
            "Healthy blood cells are crowded out.",
        ],
        [("hematopoietic cell", "subClassOf", "blood cell")],
    ),
    (  # a disease named after a verb cue is an object, not the subject
        ["Aplastic anemia is rare.", "This condition can lead to infections and bleeding."],
        [("infectious disease", "hasSymptom", "Abnormal bleeding")],
    ),
    (  # an apposition after the only item is not a second item
        [
            "Anaemia is common.",
            "The most common cause of vitamin B12 deficiency in the UK is pernicious anaemia, "
            "an autoimmune condition that stops your body absorbing vitamin B12.",
        ],
        [("vitamin B12 deficiency", "hasCause", "autoimmune disease")],
    ),
    (  # "can cause problems, including:" lists consequences, not causes
        [
            "Pernicious anaemia is rare.",
            "A deficiency can cause a wide range of problems, including:",
            "- extreme tiredness",
        ],
        [("pernicious anemia", "hasCause", "extreme tiredness")],
    ),
    (  # "inherited forms" names a subtype, not a genetic cause
        [
            "Hemolytic anemia is common.",
            "There are two main types of hemolytic anemia: inherited and acquired.",
            "Sickle cell disease and thalassemia are inherited forms.",
        ],
        [("sickle cell disease", "hasCause", "genetics")],
    ),
    (  # a clinical state is no subtype
        [
            "Mantle cell lymphoma is rare.",
            "For relapsed mantle cell lymphoma, ibrutinib is an option.",
        ],
        [("relapsed mantle cell lymphoma", "subClassOf", "mantle cell lymphoma")],
    ),
    (
        [
            "Hemolytic anemia is common.",
            "Acquired hemolytic anemia can be caused by infections.",
            "# Symptoms",
            "Common signs and symptoms include fatigue and pale skin.",
        ],
        [("acquired hemolytic anemia", "hasSymptom", "Fatigue")],
    ),
    (  # "pain medicines": the bare head "medicine" would be wrong
        [
            "Sickle cell disease is inherited.",
            "Treatments include hydroxyurea, pain medicines and antibiotics.",
        ],
        [("sickle cell disease", "treatedWith", "medicine")],
    ),
    (  # the predicate nominal "cancer" is not what spreads
        [
            "Chronic myelomonocytic leukemia is a type of cancer that begins in the bone marrow "
            "and invades the blood."
        ],
        [("cancer", "spreadsTo", "blood")],
    ),
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
