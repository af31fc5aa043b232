"""Sharded validation reports exactly the violations of one whole-graph pyshacl run."""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal
from rdflib.namespace import RDF, RDFS, XSD

from hemekg.build.graph import build_graph
from hemekg.iris import entity_iri
from hemekg.namespaces import HK, OBOINOWL
from hemekg.pipeline import select_statements
from hemekg.store import GraphStore, update_store
from hemekg.store.validation import (
    _RdflibSource,
    iter_shards,
    validate_sharded,
    validate_shards,
)
from hemekg.validate.shacl import validate_graph
from tests.scale.triple_lines import extract_lines, write_lines

DOCS = {
    "a.txt": [
        "leukemia | originatesIn | bone marrow",
        "leukemia | hasSymptom | fatigue",
        "acute lymphocytic leukemia | subClassOf | leukemia",
    ],
    "b.txt": [
        "anemia | hasSymptom | pallor",
        "anemia | hasSymptom | fatigue",
        "leukemia | subClassOf | blood disease",
    ],
    "c.txt": [
        "blood disease | subClassOf | acute lymphocytic leukemia",  # closes a cycle over 3 docs
        "acute lymphocytic leukemia | treatedWith | chemotherapy",
    ],
    "d.txt": [
        "anemia | hasSymptom | chemotherapy",  # wrong object type
        "leukemia | affects | white blood cell",
        "anemia | originatesIn | blood",
    ],
    "e.txt": [  # a cycle edge stated again: a record cites the first of its provenance nodes
        "leukemia | subClassOf | blood disease",
        "blood disease | subClassOf | acute lymphocytic leukemia",
    ],
}


def _files(tmp_path: Path) -> list[Path]:
    return [write_lines(tmp_path / "docs", name, lines) for name, lines in sorted(DOCS.items())]


def _graph(files: list[Path]) -> Graph:
    results = [extract_lines(p) for p in files]
    return build_graph(
        select_statements(s for r in results for s in r.statements),
        [r.document for r in results if r.document],
    )


def _inject(graph: Graph) -> None:
    """One error of each kind the shapes check, several spanning documents."""
    leukemia, blood = entity_iri("DOID:1240"), entity_iri("UBERON:0000178")
    graph.add((leukemia, RDFS.label, Literal("leucemia", lang="en")))  # second English label
    graph.remove((entity_iri("CL:0000738"), RDF.type, None))  # dangling: object without type
    graph.remove(
        (entity_iri("DOID:2355"), HK.originatesIn, blood)
    )  # provenance of a missing triple
    graph.add((entity_iri("HP:0012378"), OBOINOWL.hasDbXref, Literal("HP:12")))  # malformed id
    document = sorted(graph.subjects(RDF.type, HK.SourceDocument))[0]
    graph.set((document, HK.contentHash, Literal("not-a-hash")))
    some_statement = sorted(graph.subjects(HK.startOffset, None))[0]
    graph.set((some_statement, HK.startOffset, Literal(10_000, datatype=XSD.integer)))


def _rows(report) -> list[dict[str, object]]:  # type: ignore[no-untyped-def]
    return [asdict(v) for v in report.violations]


@pytest.mark.parametrize("shard_triples", [1, 12, 10_000])
def test_sharded_report_equals_the_whole_graph_report(tmp_path: Path, shard_triples: int) -> None:
    graph = _graph(_files(tmp_path))
    _inject(graph)
    whole = validate_graph(graph)
    shards = list(iter_shards(_RdflibSource(graph), shard_triples=shard_triples))
    assert (len(shards) > 3) == (shard_triples < 100)
    sharded = validate_sharded(graph, shard_triples=shard_triples)
    assert not whole.conforms and sharded.conforms == whole.conforms
    assert _rows(sharded) == _rows(whole)
    shapes = {v.shape for v in whole.violations}
    cycle = [v for v in whole.violations if "cycle" in v.message]
    assert len(cycle) == 3  # the cycle runs through three documents
    for expected in (
        "hksh:SubClassOfShape",
        "hksh:EntityLabelShape",
        "hksh:HasSymptomShape",
        "hksh:AffectsShape",
        "hksh:AxiomShape",
        "hksh:ExternalIdShape",
        "hksh:SourceDocumentShape",
    ):
        assert any(s.startswith(expected) for s in shapes), (expected, shapes)
    assert len(list(sharded.results_graph.subjects(RDF.type, None))) > len(whole.violations)


@pytest.mark.parametrize("kind_node", ["iri", "blank node"])
@pytest.mark.parametrize("where", ["rdflib graph", "store"])
def test_a_node_typed_with_a_subclass_is_validated_through_the_taxonomy(
    tmp_path: Path, kind_node: str, where: str
) -> None:
    """A shard carries the rdfs:subClassOf lines above its nodes' types, not the whole
    taxonomy: a node whose type is a subclass of hk:Disease is a Disease to sh:class and
    to sh:targetClass in its shard as in the whole graph."""
    import pyoxigraph as ox

    from hemekg.store.rdflib_bridge import add_ntriples

    kind = entity_iri("TEST:kind") if kind_node == "iri" else BNode()
    case = entity_iri("TEST:case")
    added = [
        (kind, RDFS.subClassOf, HK.Disease),
        (case, RDF.type, kind),
        (case, HK.originatesIn, entity_iri("UBERON:0002371")),  # bone marrow
    ]
    files = _files(tmp_path)
    data: Graph | GraphStore
    if where == "store":
        data = GraphStore(tmp_path / "store")
        update_store(files, data, job=extract_lines)
        lines = "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in added)
        data.dataset.bulk_extend(ox.parse(lines.encode(), ox.RdfFormat.N_TRIPLES))
        graph = data.to_rdflib()
    else:
        graph = _graph(files)
        add_ntriples(graph, "".join(f"{s.n3()} {p.n3()} {o.n3()} .\n" for s, p, o in added))
        data = graph
    whole = validate_graph(graph)
    about_case = {v.shape for v in whole.violations if v.focus_node == "hke:TEST_case"}
    # a Disease by its type's superclass: it lacks a label, and is a fit subject of
    # originatesIn (no hksh:OriginatesInShape result)
    assert "hksh:EntityLabelShape" in about_case
    assert not any("OriginatesIn" in shape for shape in about_case)
    assert _rows(validate_sharded(data, shard_triples=1)) == _rows(whole)
    if isinstance(data, GraphStore):
        # re-checking the node alone (an incremental build): its shard still finds the
        # class above its type, though the store's subjects were never listed
        found = validate_shards(data, members={case.n3()}, shard_triples=1)
        assert {v.shape for v in found[case.n3()].violations} == about_case
        data.close()


def test_parallel_shards_give_the_same_report(tmp_path: Path) -> None:
    graph = _graph(_files(tmp_path))
    _inject(graph)
    assert _rows(validate_sharded(graph, shard_triples=40, workers=2)) == _rows(
        validate_graph(graph)
    )


def test_sharded_validation_over_the_store_equals_whole_graph(tmp_path: Path) -> None:
    files = _files(tmp_path)
    with GraphStore(tmp_path / "store") as store:
        update_store(files, store, job=extract_lines)
        whole = validate_graph(store.to_rdflib())
        sharded = validate_sharded(store, shard_triples=15)
    assert not whole.conforms
    assert _rows(sharded) == _rows(whole)


def test_a_clean_graph_conforms_in_shards(tmp_path: Path) -> None:
    files = [
        write_lines(
            tmp_path,
            "ok.txt",
            [
                "leukemia | originatesIn | bone marrow",
                "acute lymphocytic leukemia | subClassOf | leukemia",
            ],
        )
    ]
    graph = _graph(files)
    report = validate_sharded(graph, shard_triples=5)
    assert report.conforms and report.violations == [] and validate_graph(graph).conforms


def test_sparql_constraints_on_a_second_process_give_the_same_report(tmp_path: Path) -> None:
    """With workers, the SPARQL constraints run on another process reading the store
    read-only while this one runs the Core pre-filter: the report must not change."""
    files = _files(tmp_path)
    with GraphStore(tmp_path / "store") as store:
        update_store(files, store, job=extract_lines)
        whole = validate_graph(store.to_rdflib())
        parallel = validate_sharded(store, shard_triples=15, workers=2)
    assert not whole.conforms and any("cycle" in v.message for v in whole.violations)
    assert _rows(parallel) == _rows(whole)


def test_a_store_the_second_process_cannot_open_is_checked_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """RocksDB may fail to open a read-only view while the writer compacts (a listed file
    deleted meanwhile): the SPARQL constraints then run in this process, same report."""
    import multiprocessing

    import pyoxigraph as ox

    if multiprocessing.get_start_method() != "fork":
        pytest.fail("this test patches the second process through fork")
    files = _files(tmp_path)

    def cannot_open(_: str) -> ox.Store:
        raise RuntimeError("Corruption: IO error: No such file or directory: 000009.sst")

    with GraphStore(tmp_path / "store") as store:
        update_store(files, store, job=extract_lines)
        whole = validate_graph(store.to_rdflib())
        monkeypatch.setattr(ox.Store, "read_only", staticmethod(cannot_open))
        parallel = validate_sharded(store, shard_triples=15, workers=2)
    assert not whole.conforms and any("cycle" in v.message for v in whole.violations)
    assert _rows(parallel) == _rows(whole)
