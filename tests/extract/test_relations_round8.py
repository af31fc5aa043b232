"""Rules added in the second generalisation pass (rounds 6-8), on texts of our own.

Names written around a parenthesis ("<long form> (ABBR) <head>", "<word> (gloss) <head>"),
titles in index order, "cancers of the <place>", the relative clause of a definition,
descriptive adjectives in a definition's class, treatments and tests classified by an
apposition, "such as", "including" or "and other", a list lead ending "can cause:", a
marrow making "normal numbers" of cells, and production verbs whose object is the target
of another noun. See ``test_relations.make_document`` for the line syntax.
"""

from __future__ import annotations

import pytest

from hemekg.extract import extract_document
from hemekg.extract.inner_names import find_inner_names, inverted_title, merge_inner
from hemekg.extract.lexicon import default_lexicon
from tests.extract.test_relations import make_document, triples

Triple = tuple[str, str, str]

PRESENT: list[tuple[list[str], list[Triple]]] = [
    (  # an abbreviation inside the name, then the short name with its head
        [
            "Chronic neutrophilic (CN) leukemia is an uncommon kind of chronic leukemia.",
            "CN leukemia is treated with hydroxyurea.",
        ],
        [
            ("chronic neutrophilic leukemia", "subClassOf", "chronic leukemia"),
            ("chronic neutrophilic leukemia", "treatedWith", "hydroxyurea"),
        ],
    ),
    (  # a gloss between a word and the head noun
        ["Mastocytosis can cause belly (abdominal) pain and flushing."],
        [("mastocytosis", "hasSymptom", "Abdominal pain")],
    ),
    (  # the relative clause on a definition's class describes the subject
        ["Hairy cell leukemia is a rare leukemia that occurs mostly in middle-aged men."],
        [("hairy cell leukemia", "affectsPopulation", "men")],
    ),
    (  # a descriptive adjective in the class a definition gives
        ["Aplastic anemia is a serious, acquired disease of the blood."],
        [("aplastic anemia", "subClassOf", "hematopoietic system disease")],
    ),
    (  # "<noun> of the <place>" names the lexicon's "<place> <noun>"
        ["Myelofibrosis and other cancers of the bone marrow can cause anemia."],
        [("myelofibrosis", "subClassOf", "bone marrow cancer")],
    ),
    (  # treatment classes: apposition, "a type of", "such as" with all its items
        [
            "Myelodysplastic syndrome may be treated with decitabine or with azacitidine, "
            "a hypomethylating agent.",
            "Polycythemia vera is treated with drugs such as hydroxyurea, anagrelide or "
            "interferon.",
        ],
        [
            ("azacitidine", "subClassOf", "hypomethylating agents"),
            ("anagrelide", "subClassOf", "medicine"),
            ("interferon", "subClassOf", "medicine"),
        ],
    ),
    (  # "Y, including X and Z"
        [
            "Fanconi anemia raises the risk of some cancers, including acute myeloid leukemia "
            "and head and neck cancer."
        ],
        [("acute myeloid leukemia", "subClassOf", "cancer")],
    ),
    (  # a lead "..., which can cause:" lists consequences, not causes
        [
            "Thalassemia leads to anemia, which can cause:",
            "- pale skin",
            "- shortness of breath",
        ],
        [("thalassemia", "hasSymptom", "Pallor")],
    ),
]

ABSENT: list[tuple[list[str], list[Triple]]] = [
    (
        ["Hairy cell leukemia is a rare leukemia that occurs mostly in middle-aged men."],
        [("leukemia", "affectsPopulation", "men")],
    ),
    (
        ["Aplastic anemia is a serious, acquired disease of the blood."],
        [("acquired hematopoietic system disease", "subClassOf", "hematopoietic system disease")],
    ),
    (
        ["Acute promyelocytic leukemia is treated with tretinoin, a kind of vitamin A."],
        [("acute promyelocytic leukemia", "treatedWith", "vitamin A")],
    ),
    (  # a list with articles is no apposition
        ["Tests include a blood test, a bone marrow biopsy and a CT scan."],
        [("blood test", "subClassOf", "bone marrow biopsy")],
    ),
    (
        [
            "Thalassemia leads to anemia, which can cause:",
            "- pale skin",
        ],
        [("thalassemia", "hasCause", "Pallor"), ("anemia", "hasCause", "Pallor")],
    ),
    (
        ["In pure red cell aplasia, the marrow still makes normal numbers of platelets."],
        [("pure red-cell aplasia", "affects", "platelet")],
    ),
    (
        ["The immune system makes antibodies that destroy red blood cells."],
        [("immune system", "produces", "erythrocyte")],
    ),
]


@pytest.mark.parametrize(("lines", "expected"), PRESENT)
def test_round8_rule_finds(lines: list[str], expected: list[Triple]) -> None:
    found = triples(list(extract_document(make_document(*lines))))
    assert set(expected) <= found, sorted(found)


@pytest.mark.parametrize(("lines", "unwanted"), ABSENT)
def test_round8_rule_avoids(lines: list[str], unwanted: list[Triple]) -> None:
    found = triples(list(extract_document(make_document(*lines))))
    assert not set(unwanted) & found, sorted(found)


def test_inner_abbreviation_unknown_to_the_lexicon_is_minted_under_its_head() -> None:
    lexicon = default_lexicon()
    names = find_inner_names(["Quxtral eosinophilic (QE) leukemia is rare."], lexicon)
    assert len(names) == 1
    name = names[0]
    assert (name.short, name.new) == ("QE", True)
    assert name.entity.label == "quxtral eosinophilic leukemia"
    assert name.entity.parent == lexicon.lookup("leukemia")[0].id


def test_inner_name_spans_cover_both_written_forms() -> None:
    lexicon = default_lexicon()
    text = "Quxtral eosinophilic (QE) leukemia differs from QE leukemias of dogs."
    names = find_inner_names([text], lexicon)
    spans = merge_inner(text, [], names, lexicon)
    assert [s.text for s in spans] == ["Quxtral eosinophilic (QE) leukemia", "QE leukemias"]
    assert {s.entity.id for s in spans} == {names[0].entity.id}


def test_no_inner_name_when_the_parenthesis_is_no_abbreviation_of_the_words() -> None:
    lexicon = default_lexicon()
    assert find_inner_names(["Some blood (XYZ) leukemia is rare."], lexicon) == []


@pytest.mark.parametrize(
    ("title", "label"),
    [
        ("Leukemia - Hairy Cell: Overview", "hairy cell leukemia"),
        ("Anemia, aplastic", "aplastic anemia"),
        ("Leukaemia \u2013 chronic lymphocytic", "chronic lymphocytic leukemia"),
    ],
)
def test_inverted_title_names_the_subtype(title: str, label: str) -> None:
    span = inverted_title(title, default_lexicon())
    assert span is not None and span.entity.label == label


def test_plain_title_is_not_inverted() -> None:
    assert inverted_title("Hairy cell leukemia - symptoms", default_lexicon()) is None


def test_inverted_title_gives_the_page_its_topic() -> None:
    doc = make_document(
        "# Symptoms",
        "Symptoms can include:",
        "- fatigue",
        title="Leukemia - Hairy Cell",
    )
    found = triples(list(extract_document(doc)))
    assert ("hairy cell leukemia", "hasSymptom", "Fatigue") in found, sorted(found)
    assert ("leukemia", "hasSymptom", "Fatigue") not in found
