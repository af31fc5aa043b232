"""Deterministic IRIs."""

from __future__ import annotations

import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

import hemekg.iris
from hemekg.iris import curie_from_entity_iri, entity_iri, external_iri, project_id, slugify


def test_doctests() -> None:
    assert doctest.testmod(hemekg.iris).failed == 0


@pytest.mark.parametrize(
    ("curie", "local"),
    [
        ("DOID:1240", "DOID_1240"),
        ("HEMEKG:stem_cell", "HEMEKG_stem_cell"),
        ("ICDO:9861/3", "ICDO_9861%2F3"),
    ],
)
def test_entity_iri(curie: str, local: str) -> None:
    iri = entity_iri(curie)
    assert str(iri).endswith("/entity/" + local)
    assert curie_from_entity_iri(iri) == curie


def test_external_iri_only_for_obo_prefixes() -> None:
    assert external_iri("UBERON:0002371") is not None
    assert external_iri("UMLS_CUI:C0023418") is None
    with pytest.raises(ValueError, match="not a CURIE"):
        external_iri("leukemia")


@given(st.text(min_size=1, max_size=40))
def test_slugs_are_safe_and_idempotent(text: str) -> None:
    slug = slugify(text)
    assert slug == slugify(slug)
    assert all(c.isascii() and (c.isalnum() or c == "_") for c in slug)
    assert project_id(text) == f"HEMEKG:{slug}"


@given(st.from_regex(r"[A-Z]{2,6}:[A-Za-z0-9_./-]{1,12}", fullmatch=True))
def test_entity_iri_round_trips(curie: str) -> None:
    assert curie_from_entity_iri(entity_iri(curie)) == curie
