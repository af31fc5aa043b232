"""write_all and the WRITERS table."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from hemekg.errors import UsageError
from hemekg.export import OUTPUT_FILES, WRITERS, export, write_all


def test_write_all_writes_every_file(tmp_path: Path, example_graph: Graph) -> None:
    written = write_all(example_graph, tmp_path / "build")
    assert [p.name for p in written] == list(OUTPUT_FILES)
    assert all(p.stat().st_size > 0 for p in written)
    assert sorted(p.name for p in (tmp_path / "build").iterdir()) == sorted(OUTPUT_FILES)
    assert isomorphic(Graph().parse(tmp_path / "build" / "hemekg.rdf", format="xml"),
                      example_graph)


def test_write_all_twice_gives_the_same_bytes(tmp_path: Path, example_graph: Graph) -> None:
    first = write_all(example_graph, tmp_path / "a")
    second = write_all(example_graph, tmp_path / "b")
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]


def test_export_by_name(tmp_path: Path, tiny_graph: Graph) -> None:
    assert [p.name for p in export(tiny_graph, "kgx", tmp_path)] == ["kgx_nodes.tsv",
                                                                    "kgx_edges.tsv"]
    with pytest.raises(UsageError, match="unknown export format 'png'"):
        export(tiny_graph, "png", tmp_path)
    assert sorted(WRITERS) == list(WRITERS)
