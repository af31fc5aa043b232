"""Rules added in the third generalisation pass (rounds 6-9, recall), on texts of our own.

Causes said with "linked to", "trigger", "develop from", "runs in families" and of "most /
other cases"; gene symbols after "genes"; "<class> called X" for treatments and tests;
"<people> are affected more often than <others>"; a consequence named in a treatment
section; "other Y, such as X"; "one of a group of conditions called Y"; a physical
examination said with a verb; "the marrow cannot make enough <cells>"; a class in
apposition to a treatment; "any medicine". See ``test_relations.make_document`` for the
line syntax.
"""

from __future__ import annotations

import pytest

from hemekg.extract import extract_document
from tests.extract.test_relations import make_document, triples

Triple = tuple[str, str, str]

PRESENT: list[tuple[list[str], list[Triple]]] = [
    (  # "cases are linked to": the cases are the topic's
        [
            "# Pure red cell aplasia",
            "Pure red cell aplasia is uncommon.",
            "Some cases are linked to thymoma or lupus.",
        ],
        [("pure red-cell aplasia", "hasCause", "systemic lupus erythematosus")],
    ),
    (  # a name read first as a treatment is the cause when it is the verb's subject
        [
            "# Neutropenia",
            "Neutropenia has many causes.",
            "Certain medicines may trigger neutropenia.",
        ],
        [("neutropenia", "hasCause", "certain medicines")],
    ),
    (  # "develop from other Y, such as X": the examples are the causes
        [
            "# Myelofibrosis",
            "Myelofibrosis sometimes develops from other blood cancers, such as "
            "essential thrombocythaemia.",
        ],
        [("myelofibrosis", "hasCause", "essential thrombocythemia")],
    ),
    (  # "runs in families"
        ["# Thalassaemia", "Thalassaemia is a blood disorder.", "It often runs in families."],
        [("thalassemia", "hasCause", "genetics")],
    ),
    (  # "<class> called X" for a treatment
        ["Chronic myeloid leukaemia is often treated with a targeted drug called nilotinib."],
        [("nilotinib", "subClassOf", "targeted therapy")],
    ),
    (  # "<people> are affected more often than <others>"
        [
            "# Juvenile myelomonocytic leukaemia",
            "Juvenile myelomonocytic leukaemia is rare.",
            "Boys are affected more often than girls.",
        ],
        [("juvenile myelomonocytic leukemia", "affectsPopulation", "boys")],
    ),
    (  # a consequence named in the treatment section of another disease
        [
            "# Myelodysplastic syndrome",
            "Myelodysplastic syndrome is a group of cancers.",
            "# Treatment",
            "Some people need regular blood transfusions for their anaemia.",
        ],
        [("myelodysplastic syndrome", "treatedWith", "blood transfusion")],
    ),
    (  # "other Y, such as X" still classifies X
        [
            "Rarer myeloid cancers include other myeloproliferative neoplasms, "
            "such as polycythaemia vera."
        ],
        [("polycythemia vera", "subClassOf", "myeloproliferative neoplasm")],
    ),
    (  # "one of a group of conditions called Y", "belongs to a group of"
        [
            "Essential thrombocythaemia is one of a group of diseases called myeloproliferative "
            "neoplasms.",
            "Hairy cell leukaemia belongs to the group of chronic leukaemias.",
        ],
        [
            ("essential thrombocythemia", "subClassOf", "myeloproliferative neoplasm"),
            ("hairy cell leukemia", "subClassOf", "chronic leukemia"),
        ],
    ),
    (  # a physical examination said with a verb, in a diagnosis section
        [
            "# Aplastic anaemia",
            "Aplastic anaemia is a bone marrow failure.",
            "# Diagnosis",
            "The doctor will look at your skin and examine you.",
        ],
        [("aplastic anemia", "diagnosedBy", "physical exam")],
    ),
    (  # "the marrow cannot make enough <cells>"
        [
            "Pure red cell aplasia is a condition in which the bone marrow cannot make "
            "enough red blood cells."
        ],
        [("pure red-cell aplasia", "affects", "erythrocyte")],
    ),
    (  # a class in apposition classifies the treatment before it
        [
            "# Chronic lymphocytic leukaemia",
            "Chronic lymphocytic leukaemia is a blood cancer.",
            "# Treatment",
            "You may have:",
            "- obinutuzumab, a monoclonal antibody given by drip",
            "- chlorambucil or other chemotherapy tablets",
        ],
        [
            ("obinutuzumab", "subClassOf", "monoclonal antibodies"),
            ("chronic lymphocytic leukemia", "treatedWith", "obinutuzumab"),
        ],
    ),
    (  # single drugs are their own entities, under their class
        ["Autoimmune haemolytic anaemia is treated with steroids such as prednisolone."],
        [("prednisolone", "subClassOf", "corticosteroids")],
    ),
]

ABSENT: list[tuple[list[str], list[Triple]]] = [
    (  # an upper-case gene symbol after "genes" is no disease
        [
            "# Juvenile myelomonocytic leukaemia",
            "Most cases are caused by changes in genes such as NF1 or PTPN11.",
        ],
        [("juvenile myelomonocytic leukemia", "hasCause", "neurofibromatosis type 1")],
    ),
    (  # "a medicine called X" does not classify X as "medicine"
        ["Aplastic anaemia may be treated with a medicine called eltrombopag."],
        [("thrombopoietin receptor agonists", "subClassOf", "medicine")],
    ),
    (  # the compared people are not a population of the disease
        [
            "# Juvenile myelomonocytic leukaemia",
            "Juvenile myelomonocytic leukaemia is rare.",
            "Boys are affected more often than girls.",
        ],
        [("juvenile myelomonocytic leukemia", "affectsPopulation", "girls")],
    ),
    (  # the consequence itself is not what the section treats
        [
            "# Myelodysplastic syndrome",
            "Myelodysplastic syndrome is a group of cancers.",
            "# Treatment",
            "Some people need regular blood transfusions for their anaemia.",
        ],
        [("anemia", "treatedWith", "blood transfusion")],
    ),
    (  # the class of an example is not the cause
        [
            "# Myelofibrosis",
            "Myelofibrosis sometimes develops from other blood cancers, such as "
            "essential thrombocythaemia.",
        ],
        [("myelofibrosis", "hasCause", "hematologic cancer")],
    ),
    (  # examining the patient outside a diagnosis context is no test
        [
            "# Aplastic anaemia",
            "Aplastic anaemia is a bone marrow failure.",
            "# Treatment",
            "Your doctor will examine you at each visit during treatment.",
        ],
        [("aplastic anemia", "diagnosedBy", "physical exam")],
    ),
    (  # a class in apposition is no treatment of its own; "any medicine" is none
        [
            "# Chronic lymphocytic leukaemia",
            "Chronic lymphocytic leukaemia is a blood cancer.",
            "# Treatment",
            "You may have:",
            "- obinutuzumab, a monoclonal antibody given by drip",
            "Do not take any medicine without asking your team.",
        ],
        [
            ("chronic lymphocytic leukemia", "treatedWith", "monoclonal antibodies"),
            ("chronic lymphocytic leukemia", "treatedWith", "medicine"),
        ],
    ),
]


@pytest.mark.parametrize(("lines", "expected"), PRESENT)
def test_round9_rule_finds(lines: list[str], expected: list[Triple]) -> None:
    found = triples(extract_document(make_document(*lines)))
    assert set(expected) <= found, sorted(found)


@pytest.mark.parametrize(("lines", "unexpected"), ABSENT)
def test_round9_rule_avoids(lines: list[str], unexpected: list[Triple]) -> None:
    found = triples(extract_document(make_document(*lines)))
    assert not set(unexpected) & found, sorted(found)
