"""RDF writers: format lookups, round trips compared as graphs, byte-identical output."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic

from hemekg.errors import ExportError, UsageError, ValidationRunError
from hemekg.export.rdf import context_path, jsonld_context, serialize_graph, write_graph
from hemekg.namespaces import bind_prefixes
from hemekg.rdfformat import RdfFormat


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("g.ttl", RdfFormat.TURTLE), ("g.jsonld", RdfFormat.JSONLD), ("g.nt", RdfFormat.NTRIPLES),
     ("g.rdf", RdfFormat.RDFXML), ("G.TTL", RdfFormat.TURTLE), (".owl", RdfFormat.RDFXML)],
)
def test_format_from_suffix(name: str, fmt: RdfFormat) -> None:
    assert RdfFormat.from_suffix(name) is fmt


def test_format_from_media_type() -> None:
    assert RdfFormat.from_media_type("text/turtle; charset=utf-8") is RdfFormat.TURTLE
    assert RdfFormat.from_media_type("application/ld+json") is RdfFormat.JSONLD
    with pytest.raises(UsageError, match="media type"):
        RdfFormat.from_media_type("text/csv")


def test_unknown_suffix_is_a_usage_error(tmp_path: Path, tiny_graph: Graph) -> None:
    with pytest.raises(UsageError, match=r"'\.csv'"):
        write_graph(tiny_graph, tmp_path / "g.csv")


@pytest.mark.parametrize("fmt", list(RdfFormat))
def test_round_trip_is_isomorphic(tmp_path: Path, example_graph: Graph, fmt: RdfFormat) -> None:
    path = write_graph(example_graph, tmp_path / f"g{fmt.suffix}")
    again = Graph().parse(path, format=fmt.plugin)
    assert len(again) == len(example_graph)
    assert isomorphic(again, example_graph)


def test_turtle_to_jsonld_to_turtle(tmp_path: Path, example_graph: Graph) -> None:
    ttl = write_graph(example_graph, tmp_path / "a.ttl")
    jsonld = write_graph(Graph().parse(ttl), tmp_path / "b.jsonld")
    ttl2 = write_graph(Graph().parse(jsonld, format="json-ld"), tmp_path / "c.ttl")
    assert isomorphic(Graph().parse(ttl2), example_graph)
    assert ttl.read_bytes() == ttl2.read_bytes()


def _shuffled(graph: Graph, seed: int) -> Graph:
    triples = list(graph)
    random.Random(seed).shuffle(triples)
    copy = bind_prefixes(Graph())
    for triple in triples:
        copy.add(triple)
    return copy


@pytest.mark.parametrize("fmt", list(RdfFormat))
def test_output_does_not_depend_on_insertion_order(example_graph: Graph, fmt: RdfFormat) -> None:
    outputs = {serialize_graph(_shuffled(example_graph, seed), fmt) for seed in range(4)}
    assert len(outputs) == 1


def test_output_does_not_depend_on_hash_seed(tmp_path: Path) -> None:
    script = (
        "import sys; from rdflib import Graph; from hemekg.api import example_path; "
        "from hemekg.export.rdf import serialize_graph; from hemekg.rdfformat import RdfFormat; "
        "g = Graph().parse(example_path()); "
        "sys.stdout.buffer.write(b''.join(serialize_graph(g, f) for f in RdfFormat))"
    )
    runs = {
        subprocess.run([sys.executable, "-c", script], capture_output=True, check=True,
                       env={"PYTHONHASHSEED": seed, "PATH": ""}).stdout
        for seed in ("1", "2")
    }
    assert len(runs) == 1


def test_ntriples_lines_are_sorted(example_graph: Graph) -> None:
    lines = serialize_graph(example_graph, RdfFormat.NTRIPLES).decode().splitlines()
    assert lines == sorted(lines)
    assert len(lines) == len(example_graph)


def test_jsonld_uses_readable_keys_and_sorted_arrays(example_graph: Graph) -> None:
    document = json.loads(serialize_graph(example_graph, RdfFormat.JSONLD))
    leukemia = next(n for n in document["@graph"] if n["id"] == "hke:DOID_1240")
    assert leukemia["label"] == "leukemia"
    assert leukemia["type"] == "Disease"
    assert leukemia["exactMatch"] == ["obo:DOID_1240", "obo:MONDO_0005059"]
    assert leukemia["hasDbXref"] == ["DOID:1240", "MONDO:0005059"]
    assert leukemia["originatesIn"] == "hke:UBERON_0002371"
    ids = [node["id"] for node in document["@graph"]]
    assert ids == sorted(ids)
    assert document["@context"] == jsonld_context()


def test_context_file_is_packaged_and_valid_json() -> None:
    context = json.loads(context_path().read_text(encoding="utf-8"))["@context"]
    for key in ("label", "altLabel", "exactMatch", "originatesIn", "evidenceText", "confidence"):
        assert key in context


def test_unserialisable_graph_gives_export_error(tmp_path: Path) -> None:
    graph = Graph()
    # RDF/XML cannot name a predicate whose IRI ends in a character no XML name can end with.
    graph.add((URIRef("urn:x:s"), URIRef("urn:x:p/"), Literal("o")))
    with pytest.raises(ExportError, match="RDFXML"):
        write_graph(graph, tmp_path / "g.rdf")
    assert not (tmp_path / "g.rdf").exists()


def test_write_is_atomic_and_creates_folders(tmp_path: Path, tiny_graph: Graph) -> None:
    path = write_graph(tiny_graph, tmp_path / "deep" / "er" / "g.ttl")
    assert path.read_bytes() == serialize_graph(tiny_graph, RdfFormat.TURTLE)
    assert [p.name for p in path.parent.iterdir()] == ["g.ttl"]


def test_read_graph_keeps_lexical_forms(tmp_path: Path, example_graph: Graph) -> None:
    from hemekg.export.rdf import read_graph

    for fmt in RdfFormat:
        path = write_graph(example_graph, tmp_path / f"g{fmt.suffix}")
        assert serialize_graph(read_graph(path), RdfFormat.TURTLE) == serialize_graph(
            example_graph, RdfFormat.TURTLE)
    with pytest.raises(UsageError, match="graph file not found"):
        read_graph(tmp_path / "none.ttl")
    (tmp_path / "bad.nt").write_text("<urn:a> <urn:b> .\n")
    with pytest.raises(ValidationRunError, match=r"bad\.nt: N-Triples syntax error at line 1"):
        read_graph(tmp_path / "bad.nt")
    # the safe loader: an external entity is refused before the XML parser sees it
    (tmp_path / "xxe.rdf").write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>')
    with pytest.raises(ValidationRunError, match=r"xxe\.rdf: .*external entit"):
        read_graph(tmp_path / "xxe.rdf")


def test_ntriples_keep_literals_with_unicode_line_breaks_whole() -> None:
    # \x85, \u2028 and \x0c end a line for str.splitlines but not for N-Triples
    graph = Graph()
    graph.add((URIRef("urn:s"), URIRef("urn:p"), Literal("a\u2028b\x85c\x0cd")))
    graph.add((URIRef("urn:s"), URIRef("urn:q"), Literal("plain")))
    data = serialize_graph(graph, RdfFormat.NTRIPLES)
    assert data.count(b"\n") == 2
    assert isomorphic(Graph().parse(data=data.decode("utf-8"), format="nt"), graph)
