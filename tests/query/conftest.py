"""Fixtures for the query tests: the packaged example graph, loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from hemekg.api import example_path
from hemekg.query import SparqlGraph


@pytest.fixture(scope="session")
def example_file() -> Path:
    """Path of the packaged example graph (Turtle)."""
    return example_path()


@pytest.fixture(scope="session")
def sparql_graph(example_file: Path) -> SparqlGraph:
    """The example graph, with both engines ready."""
    graph = SparqlGraph.from_file(example_file)
    _ = graph.graph, graph.store
    return graph
