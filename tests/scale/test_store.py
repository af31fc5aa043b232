"""Incremental builds on the Oxigraph store equal clean builds and touch only what changed."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from hemekg.build.graph import build_graph
from hemekg.errors import BuildError
from hemekg.pipeline import select_statements
from hemekg.store import GraphStore, update_store
from hemekg.store.oxigraph import restore_confidence
from tests.scale.triple_lines import extract_lines, write_lines

DOCS = {
    "a.txt": ["leukemia | originatesIn | bone marrow", "leukemia | hasSymptom | fatigue"],
    "b.txt": [
        "anemia | hasSymptom | pallor",
        "anemia | hasSymptom | fatigue",
        "leukemia | !treatedWith | chemotherapy",
    ],
    "c.txt": [
        "acute lymphocytic leukemia | subClassOf | leukemia",
        "acute lymphocytic leukemia | treatedWith | chemotherapy",
    ],
}


def _corpus(folder: Path, docs: dict[str, list[str]]) -> list[Path]:
    return [write_lines(folder, name, lines) for name, lines in sorted(docs.items())]


def _clean_graph_nt(files: list[Path]) -> set[str]:
    """The N-Triples lines of the graph a clean build makes of ``files``."""
    results = [extract_lines(p) for p in files]
    statements = [s for r in results for s in r.statements]
    graph = build_graph(select_statements(statements), [r.document for r in results if r.document])
    return {line for line in graph.serialize(format="nt").splitlines() if line.strip()}


def _counting_job(calls: list[str]):  # type: ignore[no-untyped-def]
    def job(path: Path):  # type: ignore[no-untyped-def]
        calls.append(Path(path).name)
        return extract_lines(path)

    return job


def test_first_update_equals_clean_build(tmp_path: Path) -> None:
    files = _corpus(tmp_path / "docs", DOCS)
    store = GraphStore(tmp_path / "store")
    update = update_store(files, store, job=extract_lines)
    assert update.added == [str(p) for p in files] and not update.changed
    assert set(store.sorted_ntriples()) == _clean_graph_nt(files)
    assert len(store.to_rdflib()) == len(_clean_graph_nt(files))


def test_one_change_reextracts_only_that_document(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    files = _corpus(docs, DOCS)
    store = GraphStore(tmp_path / "store")
    update_store(files, store, job=extract_lines)
    write_lines(docs, "b.txt", ["anemia | hasSymptom | pallor", "anemia | originatesIn | blood"])
    calls: list[str] = []
    update = update_store(files, store, job=_counting_job(calls))
    assert calls == ["b.txt"]
    assert update.changed == [str(docs / "b.txt")] and len(update.unchanged) == 2
    assert set(store.sorted_ntriples()) == _clean_graph_nt(files)
    # no-op run: nothing extracted, nothing touched
    calls.clear()
    again = update_store(files, store, job=_counting_job(calls))
    assert calls == [] and again.touched == []


def test_removed_document_statements_disappear(tmp_path: Path) -> None:
    files = _corpus(tmp_path / "docs", DOCS)
    store = GraphStore(tmp_path / "store")
    update_store(files, store, job=extract_lines)
    remaining = [p for p in files if p.name != "c.txt"]
    update = update_store(remaining, store, job=extract_lines)
    assert update.removed == [str(files[2])]
    lines = store.sorted_ntriples()
    assert set(lines) == _clean_graph_nt(remaining)
    assert not any("DOID_9952" in line for line in lines)
    assert len(store) == len(lines)


def test_store_persists_across_reopen_and_keeps_statements(tmp_path: Path) -> None:
    files = _corpus(tmp_path / "docs", DOCS)
    store = GraphStore(tmp_path / "store")
    update_store(files, store, job=extract_lines)
    expected = store.sorted_ntriples()
    del store
    reopened = GraphStore(tmp_path / "store")
    assert reopened.sorted_ntriples() == expected
    assert sorted(reopened.manifest()) == sorted(str(p) for p in files)
    records = list(reopened.statements_json())
    assert len(records) == sum(len(v) for v in DOCS.values())
    assert sum(1 for r in records if r["negated"]) == 1


def test_document_that_breaks_loses_its_graph(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    files = _corpus(docs, DOCS)
    store = GraphStore(tmp_path / "store")
    update_store(files, store, job=extract_lines)
    (docs / "a.txt").write_text("", encoding="utf-8")
    update = update_store(files, store, job=extract_lines)
    assert [s.path for s in update.skipped] == [str(docs / "a.txt")]
    assert set(store.sorted_ntriples()) == _clean_graph_nt(files[1:])


def test_unopenable_store_is_a_one_line_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    with pytest.raises(BuildError, match="cannot open the store"):
        GraphStore(blocker)


def test_write_ntriples_is_byte_stable(tmp_path: Path) -> None:
    files = _corpus(tmp_path / "docs", DOCS)
    outputs = []
    for run in range(2):
        store = GraphStore(tmp_path / f"store{run}")
        update_store(list(reversed(files)), store, job=extract_lines)
        outputs.append(store.write_ntriples(tmp_path / f"out{run}.nt").read_bytes())
    assert outputs[0] == outputs[1] and outputs[0]


@pytest.mark.parametrize("run_lines", [1, 7, 1_000_000])
def test_external_sort_writes_the_sorted_distinct_graph(tmp_path: Path, run_lines: int) -> None:
    files = _corpus(tmp_path / "docs", DOCS)
    with GraphStore(tmp_path / "store") as store:
        update_store(files, store, job=extract_lines)
        expected = "".join(line + "\n" for line in store.sorted_ntriples())
        count = store.export_ntriples(tmp_path / "out" / "graph.nt", run_lines=run_lines)
        assert count == len(store) == len(expected.splitlines())
    assert (tmp_path / "out" / "graph.nt").read_text(encoding="utf-8") == expected
    assert expected.splitlines() == sorted(_clean_graph_nt(files))
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["graph.nt"]  # no spill left


def _quads(store: GraphStore) -> list[str]:
    """Every quad of the dataset as an N-Triples line (repeats kept)."""
    return sorted(restore_confidence(f"{q.triple} .") for q in store.dataset)


def test_every_triple_is_stored_once_and_shared_lines_go_with_their_last_document(
    tmp_path: Path,
) -> None:
    docs = tmp_path / "docs"
    files = _corpus(docs, DOCS)
    with GraphStore(tmp_path / "store") as store:
        update_store(files, store, job=extract_lines)
        # leukemia and fatigue are described by a.txt and b.txt/c.txt: one copy each
        assert _quads(store) == store.sorted_ntriples()
        for remaining in (files[1:], files[2:], []):
            update_store(remaining, store, job=extract_lines)
            assert _quads(store) == sorted(_clean_graph_nt(remaining))
        assert not list(store.dataset)


def test_an_update_that_died_before_settling_is_repaired(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    files = _corpus(docs, DOCS)
    with GraphStore(tmp_path / "store") as store:
        update_store(files, store, job=extract_lines)
    write_lines(docs, "b.txt", ["anemia | hasSymptom | pallor", "blood | hasSymptom | pallor"])

    def dies(self: GraphStore) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(GraphStore, "settle", dies)
        with GraphStore(tmp_path / "store") as store, pytest.raises(KeyboardInterrupt):
            update_store(files[:2], store, job=extract_lines)  # c.txt removed, b.txt changed
    with GraphStore(tmp_path / "store") as store:
        assert store.repair()  # counts not settled: rebuilt from the stored documents
        assert not store.repair()
        assert _quads(store) == sorted(_clean_graph_nt(files[:2]))
        update_store(files, store, job=extract_lines)
        assert _quads(store) == sorted(_clean_graph_nt(files))


def test_lines_loaded_without_their_manifest_rows_do_not_outlive_a_killed_update(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A batch is bulk-loaded before its manifest rows are written: an update killed in
    between leaves lines no row accounts for. The next update reloads the dataset from
    the manifest, so they are gone even when the file changed meanwhile."""
    docs = tmp_path / "docs"
    files = _corpus(docs, DOCS)
    with GraphStore(tmp_path / "store") as store:
        update_store(files, store, job=extract_lines)
    write_lines(docs, "b.txt", ["anemia | hasSymptom | pallor", "blood | hasSymptom | bruising"])
    real_load = ox.Store.bulk_load

    def load_then_die(self: ox.Store, *args: object, **kwargs: object) -> None:
        real_load(self, *args, **kwargs)
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(ox.Store, "bulk_load", load_then_die)
        with GraphStore(tmp_path / "store") as store, pytest.raises(KeyboardInterrupt):
            update_store(files, store, job=extract_lines)
    with GraphStore(tmp_path / "store") as store:
        assert any("bruising" in line for line in _quads(store))  # loaded, never recorded
    write_lines(docs, "b.txt", ["anemia | hasSymptom | pallor"])
    with GraphStore(tmp_path / "store") as store:
        update = update_store(files, store, job=extract_lines)
        assert update.touched == [str(docs / "b.txt")]  # its row went before the load
        assert _quads(store) == sorted(_clean_graph_nt(files))
        assert not any("bruising" in line for line in _quads(store))


@pytest.mark.parametrize("where", ["none", "all", "first", "middle", "last"])
def test_entity_lines_are_split_from_a_documents_own_lines(where: str) -> None:
    from hemekg.store.shared import split_lines

    entity = [f"<https://w3id.org/hemekg/entity/X_{n}> <urn:p> <urn:o> .".encode() for n in "ab"]
    before = [b"<https://w3id.org/hemekg/document/d> <urn:p> <urn:o> ."]
    after = [b"<urn:z> <p> <o> ."]
    lines = {"none": before + after, "all": entity, "first": entity + after,
             "middle": before + entity + after, "last": before + entity}[where]
    own, shared = split_lines(b"".join(line + b"\n" for line in lines))
    assert shared == [line for line in lines if line in entity]
    assert own == b"".join(line + b"\n" for line in lines if line not in entity)
