"""Normalisation shared by lexicon keys and text: British spellings, plurals, hyphens, inversion."""

from __future__ import annotations

import pytest

from hemekg.extract.normalize import (
    fold_british,
    fold_token,
    invert,
    normalize,
    tokenize,
)


@pytest.mark.parametrize(
    ("british", "american"),
    [
        ("leukaemia", "leukemia"),
        ("anaemia", "anemia"),
        ("haemoglobin", "hemoglobin"),
        ("haematopoietic", "hematopoietic"),
        ("tumour", "tumor"),
        ("oedema", "edema"),
        ("oesophagus", "esophagus"),
        ("paediatric", "pediatric"),
        ("leucocyte", "leukocyte"),
        ("sulphonamide", "sulfonamide"),
    ],
)
def test_british_spellings_fold_to_american(british: str, american: str) -> None:
    assert fold_british(british) == american
    assert normalize(british) == normalize(american)


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("leukemias", "leukemia"),
        ("cells", "cell"),
        ("lymph nodes", "lymph node"),
        ("ovaries", "ovary"),
        ("testicles", "testicle"),
        ("testes", "testis"),
        ("bones", "bone"),
        ("viruses", "virus"),
        ("diseases", "disease"),
        ("causes", "cause"),
        ("children", "child"),
        ("women", "woman"),
        ("biopsies", "biopsy"),
        ("metastases", "metastasis"),
        ("masses", "mass"),
        ("headaches", "headache"),
    ],
)
def test_plurals_fold_per_token(plural: str, singular: str) -> None:
    assert normalize(plural) == normalize(singular)


@pytest.mark.parametrize("word", ["virus", "analysis", "mass", "diabetes", "genetics", "lupus"])
def test_words_ending_in_s_that_are_not_plurals_are_kept(word: str) -> None:
    assert fold_token(word) == word


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("bone-marrow", "bone marrow"),
        ("X-ray", "x ray"),
        ("chest X-rays", "chest x ray"),
        ("Stem-Cell Transplant", "stem cell transplants"),
        ("Hodgkin's lymphoma", "Hodgkin lymphoma"),
        ("PET/CT", "pet ct"),
    ],
)
def test_hyphens_spaces_case_and_punctuation_are_unified(one: str, other: str) -> None:
    assert normalize(one) == normalize(other)


def test_inverted_index_forms_are_turned_around() -> None:
    assert invert("leukemia, acute myeloid") == "acute myeloid leukemia"
    assert normalize(invert("Leukaemia, Acute Myeloid") or "") == normalize(
        "acute myeloid leukemia"
    )
    assert invert("acute myeloid leukemia") is None
    assert invert("a, b, c") is None
    assert invert("leukemia,") is None


def test_tokenize_keeps_offsets_into_the_text() -> None:
    text = "Leukaemias (AML) in the bone-marrow."
    tokens = tokenize(text)
    assert [t[2] for t in tokens] == ["leukemia", "aml", "in", "the", "bone", "marrow"]
    for start, end, _ in tokens:
        assert text[start:end].strip() == text[start:end]
        assert text[start:end].isalnum()
