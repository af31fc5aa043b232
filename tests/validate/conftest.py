"""Fixtures of the validation tests."""

from __future__ import annotations

import pytest
from rdflib import Graph

from tests.validate.samples import sample_kg


@pytest.fixture
def kg() -> Graph:
    """A conforming knowledge graph built from the sample statements."""
    return sample_kg()
