"""Relation cues on small texts of our own, with the real lexicon.

Lines starting with "# " are headings, "- " list items (consecutive items share a block).
"""

from __future__ import annotations

import pytest

from hemekg.errors import UsageError
from hemekg.extract import EXTRACTORS, Extractor, extract_document, get_extractor
from hemekg.model import PREDICATE_SIGNATURES, Document, Sentence, SentenceKind, Statement


def make_document(*lines: str, title: str = "", doc_id: str = "page.txt") -> Document:
    sentences, offset, block, previous = [], 0, 0, None
    section = ""
    for line in lines:
        if line.startswith("# "):
            kind, text = SentenceKind.HEADING, line[2:]
            section = text
        elif line.startswith("- "):
            kind, text = SentenceKind.LIST_ITEM, line[2:]
        else:
            kind, text = SentenceKind.TEXT, line
        if previous is not None and (kind != previous or kind is SentenceKind.HEADING):
            block += 1
        sentences.append(Sentence(text, offset, offset + len(text), kind, section, block))
        offset += len(text) + 1
        previous = kind
    source = "\n".join(line[2:] if line[:2] in ("# ", "- ") else line for line in lines)
    return Document(doc_id, doc_id, "text/plain", source, "0" * 64, tuple(sentences), title)


def triples(statements: list[Statement], negated: bool = False) -> set[tuple[str, str, str]]:
    return {
        (s.subject.label, str(s.predicate), s.object.label)
        for s in statements
        if s.negated is negated
    }


CASES = [
    # taxonomy
    (
        ["Multiple myeloma is a type of blood cancer."],
        ("multiple myeloma", "subClassOf", "hematologic cancer"),
    ),
    (
        ["Polycythemia vera is a kind of myeloproliferative neoplasm."],
        ("polycythemia vera", "subClassOf", "myeloproliferative neoplasm"),
    ),
    (
        ["Types of leukemia include hairy cell leukemia and chronic lymphocytic leukemia."],
        ("hairy cell leukemia", "subClassOf", "leukemia"),
    ),
    (["Anemias such as aplastic anemia need care."], ("aplastic anemia", "subClassOf", "anemia")),
    (
        ["Leukemia is classified as either lymphoblastic leukemia or myeloid leukemia."],
        ("myeloid leukemia", "subClassOf", "leukemia"),
    ),
    (
        ["There are two main types of lymphoma: Hodgkin and non-Hodgkin."],
        ("non-Hodgkin lymphoma", "subClassOf", "lymphoma"),
    ),
    (
        ["There are two types of leukemias, acute and chronic."],
        ("chronic leukemia", "subClassOf", "leukemia"),
    ),
    (
        ["Neutrophils (a kind of white blood cells) fight bacteria."],
        ("neutrophil", "subClassOf", "leukocyte"),
    ),
    (
        ["In myeloma, a cancer of the blood, plasma cells grow out of control."],
        ("multiple myeloma", "subClassOf", "hematologic cancer"),
    ),
    (
        ["Aplastic anemia is a rare disease of the bone marrow."],
        ("aplastic anemia", "subClassOf", "bone marrow disease"),
    ),
    (
        ["The main types of anemia are:", "- Aplastic anemia", "- Hemolytic anemia"],
        ("hemolytic anemia", "subClassOf", "anemia"),
    ),
    (["Myelofibrosis and myelodysplastic syndrome are both named here."], None),
    # other predicates
    (["Myeloma begins in the bone marrow."], ("multiple myeloma", "originatesIn", "bone marrow")),
    (["Lymphoma can spread to the spleen and the liver."], ("lymphoma", "spreadsTo", "liver")),
    (
        ["Chronic lymphocytic leukemia is a cancer of the lymphocytes."],
        ("chronic lymphocytic leukemia", "affects", "lymphocyte"),
    ),
    (
        ["In polycythemia vera, the bone marrow makes too many red blood cells."],
        ("polycythemia vera", "affects", "erythrocyte"),
    ),
    (["Symptoms of anemia include fatigue and pale skin."], ("anemia", "hasSymptom", "Pallor")),
    (
        ["Tests for leukemia include a bone marrow biopsy."],
        ("leukemia", "diagnosedBy", "bone marrow biopsy"),
    ),
    (
        ["Leukemia is treated with chemotherapy and a stem cell transplant."],
        ("leukemia", "treatedWith", "stem cell transplant"),
    ),
    (
        ["Causes of aplastic anemia include benzene and radiation exposure."],
        ("aplastic anemia", "hasCause", "benzene"),
    ),
    (
        ["Exposure to benzene increases the risk of leukemia."],
        ("leukemia", "hasRiskFactor", "benzene"),
    ),
    (["Leukemia can affect children and adults."], ("leukemia", "affectsPopulation", "adults")),
    (["Myeloma is more common in men."], ("multiple myeloma", "affectsPopulation", "men")),
    (["Platelets are made in the bone marrow."], ("bone marrow", "produces", "platelet")),
    (
        ["Stem cells develop into red blood cells and platelets."],
        ("stem cell", "developsInto", "platelet"),
    ),
    (["Blasts develop from stem cells."], ("stem cell", "developsInto", "blast")),
]


@pytest.mark.parametrize(("lines", "expected"), CASES)
def test_cue(lines: list[str], expected: tuple[str, str, str] | None) -> None:
    found = triples(extract_document(make_document(*lines)))
    if expected is None:
        assert not {
            t
            for t in found
            if t[1] != "subClassOf" or ("syndrome" in t[0] and "myelofibrosis" in t[2])
        }
    else:
        assert expected in found, found


def test_anaphora_resolves_to_topic_with_lower_confidence() -> None:
    doc = make_document(
        "# Hairy cell leukemia", "Hairy cell leukemia is rare.", "It can spread to the spleen."
    )
    statements = [s for s in extract_document(doc) if str(s.predicate) == "spreadsTo"]
    assert [(s.subject.label, s.object.label) for s in statements] == [
        ("hairy cell leukemia", "spleen")
    ]
    direct = [
        s
        for s in extract_document(make_document("Hairy cell leukemia can spread to the spleen."))
        if str(s.predicate) == "spreadsTo"
    ]
    assert statements[0].confidence < direct[0].confidence


def test_list_under_cue_uses_topic() -> None:
    doc = make_document(
        "# Myelofibrosis",
        "Myelofibrosis is a bone marrow cancer.",
        "Symptoms can include:",
        "- fatigue",
        "- night sweats",
    )
    found = triples(extract_document(doc))
    assert {
        ("myelofibrosis", "hasSymptom", "Fatigue"),
        ("myelofibrosis", "hasSymptom", "Night sweats"),
    } <= found


def test_link_list_under_heading_is_no_taxonomy() -> None:
    doc = make_document("# Related Health Topics", "- Acute Myeloid Leukemia", "- Leukemia")
    assert not triples(extract_document(doc))


def test_signatures_never_violated() -> None:
    doc = make_document(
        "Chemotherapy can cause anemia.",
        "Radiation is used to treat lymphoma.",
        "Benzene increases the risk of leukemia.",
        "Children with leukemia feel tired.",
        "The bone marrow produces red blood cells.",
    )
    statements = extract_document(doc)
    assert statements
    for s in statements:
        domain, range_ = PREDICATE_SIGNATURES[s.predicate]
        assert s.subject.type in domain
        assert s.object.type == s.subject.type if range_ is None else s.object.type in range_


def test_type_chosen_by_predicate() -> None:
    doc = make_document(
        "Myelodysplastic syndrome can be caused by chemotherapy.",
        "Leukemia is treated with chemotherapy.",
    )
    by_predicate = {str(s.predicate): s.object.type.value for s in extract_document(doc)}
    assert by_predicate["hasCause"] == "Cause" and by_predicate["treatedWith"] == "Treatment"


def test_new_entities_get_parents() -> None:
    doc = make_document(
        "# What is neutropenia?",
        "It can be of two types: congenital and acquired.",
        "The acquired develops with:",
        "- viral infections",
        "Xylanoid syndrome is a rare disease of the bone marrow.",
    )
    statements = extract_document(doc)
    new = {s.subject.label: s for s in statements if s.subject.id.startswith("HEMEKG:")}
    assert (
        "acquired neutropenia" in new and new["acquired neutropenia"].subject.parent == "DOID:1227"
    )
    assert "xylanoid syndrome" in new and new["xylanoid syndrome"].subject.parent == "DOID:4961"
    causes = {t[2] for t in triples(statements) if t[:2] == ("acquired neutropenia", "hasCause")}
    assert any("viral" in c for c in causes), causes


def test_name_composition_only_for_named_parents() -> None:
    with_parent = triples(
        extract_document(
            make_document("Acute leukemia grows fast.", "Acute myeloid leukemia is common.")
        )
    )
    assert ("acute myeloid leukemia", "subClassOf", "acute leukemia") in with_parent
    alone = triples(extract_document(make_document("Acute myeloid leukemia is common.")))
    assert not any(t[1] == "subClassOf" for t in alone)


def test_order_and_duplicates() -> None:
    doc = make_document(
        "Leukemia is treated with chemotherapy; leukemia is treated with chemotherapy.",
        "Myeloma begins in the bone marrow.",
    )
    statements = extract_document(doc)
    keys = [(s.document, s.start, str(s.predicate), s.subject.id, s.object.id) for s in statements]
    assert keys == sorted(keys) and len(keys) == len(set(keys))
    assert all(0.05 <= s.confidence <= 0.99 for s in statements)


def test_extractor_registry() -> None:
    assert "rules" in EXTRACTORS and issubclass(EXTRACTORS["rules"], Extractor)
    extractor = get_extractor("rules")
    assert extractor.name == "rules" and extractor.version
    with pytest.raises(UsageError, match="unknown extractor"):
        get_extractor("nope")
