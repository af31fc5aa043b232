"""Fixtures for the export tests: the packaged example graph and a tiny hand-built one."""

from __future__ import annotations

import hashlib

import pytest
from rdflib import Graph

from hemekg.api import example_path
from hemekg.build.graph import build_graph
from hemekg.model import Document, Entity, EntityType, Predicate, Sentence, Statement


@pytest.fixture(scope="session")
def example_graph() -> Graph:
    """The example knowledge graph shipped for the API doctests (built by build_graph)."""
    return Graph().parse(example_path())


def _statements() -> list[Statement]:
    anemia = Entity("DOID:2355", "anemia", EntityType.DISEASE, ("MONDO:0002280",), ("anaemia",))
    pallor = Entity("HP:0000980", "pallor", EntityType.PHENOTYPE)
    iron = Entity("HEMEKG:iron_supplement", "iron supplement", EntityType.TREATMENT)
    sentence = "Anemia makes you pale; iron supplements help."
    return [
        Statement(anemia, Predicate.HAS_SYMPTOM, pallor, "a.txt", sentence, 0, 45, "t.sym", 0.7,
                  object_text="pale"),
        Statement(anemia, Predicate.TREATED_WITH, iron, "a.txt", sentence, 0, 45, "t.treat", 0.6),
        Statement(anemia, Predicate.TREATED_WITH, iron, "b.txt", "Iron helps anemia.", 3, 21,
                  "t.treat", 0.9),
    ]


@pytest.fixture()
def statements() -> list[Statement]:
    """Three statements: two relations, one of them found in two documents."""
    return _statements()


@pytest.fixture()
def tiny_graph() -> Graph:
    """The graph build_graph makes from :func:`statements`."""
    documents = [
        Document(name, name, "text/plain", text, hashlib.sha256(text.encode()).hexdigest(),
                 (Sentence(text, 0, len(text)),))
        for name, text in (("a.txt", "Anemia makes you pale; iron supplements help."),
                           ("b.txt", "So Iron helps anemia."))
    ]
    return build_graph(_statements(), documents)
