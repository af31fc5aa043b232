"""``build_incremental``: same outputs as a clean build, cached validation kept exact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hemekg.build.graph import build_graph
from hemekg.errors import UsageError
from hemekg.model import Statement
from hemekg.namespaces import HKE
from hemekg.pipeline import BuildOptions, select_statements, write_statements_jsonl
from hemekg.store.build import build_incremental
from hemekg.validate.shacl import validate_graph
from tests.scale.triple_lines import extract_lines, write_lines

DOCS = {
    "a.txt": ["leukemia | originatesIn | bone marrow", "leukemia | !treatedWith | chemotherapy"],
    "b.txt": ["anemia | hasSymptom | pallor", "acute lymphocytic leukemia | subClassOf | leukemia"],
    "c.txt": ["anemia | hasSymptom | chemotherapy"],  # a violation: object is a Treatment
}


def _corpus(tmp_path: Path) -> Path:
    """The files of :data:`DOCS` in ``tmp_path/docs``."""
    docs = tmp_path / "docs"
    for name, lines in DOCS.items():
        write_lines(docs, name, lines)
    return docs


def _build(docs: Path, out: Path, store: Path, full: bool = False):  # type: ignore[no-untyped-def]
    options = BuildOptions(out_dir=out, reason=False)
    return build_incremental([docs], options, store, job=extract_lines, full_exports=full)


def _clean(docs: Path, out: Path):  # type: ignore[no-untyped-def]
    results = [extract_lines(p) for p in sorted(docs.iterdir())]
    statements = [s for r in results for s in r.statements]
    graph = build_graph(select_statements(statements), [r.document for r in results if r.document])
    write_statements_jsonl(statements, out / "statements.jsonl")
    return graph, validate_graph(graph)


def test_incremental_outputs_equal_a_clean_build_after_each_change(tmp_path: Path) -> None:
    docs = _corpus(tmp_path)
    steps = [
        lambda: None,
        lambda: write_lines(
            docs, "c.txt", ["anemia | hasSymptom | fatigue"]
        ),  # fixes the violation
        lambda: (docs / "a.txt").unlink(),
        lambda: write_lines(
            docs, "d.txt", ["blood | subClassOf | leukemia", "leukemia | subClassOf | blood"]
        ),
    ]
    for number, change in enumerate(steps):
        change()
        out = tmp_path / f"out{number}"
        result = _build(docs, out, tmp_path / "store")
        graph, whole = _clean(docs, tmp_path / f"clean{number}")
        nt = sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())
        assert (out / "graph.nt").read_text(encoding="utf-8").splitlines() == nt
        assert (out / "statements.jsonl").read_bytes() == (
            tmp_path / f"clean{number}" / "statements.jsonl"
        ).read_bytes()
        assert result.conforms == whole.conforms, number
        assert result.validation_text == whole.to_text(), number
        summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
        assert summary["triples"] == len(nt) and summary["documents"] == len(list(docs.iterdir()))
    assert result.conforms is False and "cycle" in result.validation_text


def test_unchanged_rerun_extracts_nothing(tmp_path: Path) -> None:
    docs = _corpus(tmp_path)
    _build(docs, tmp_path / "out", tmp_path / "store")
    again = _build(docs, tmp_path / "out", tmp_path / "store")
    assert again.timings["read+extract+graph"] < 0.5 and len(again.documents) == 3


def test_full_exports_write_the_clean_build_files(tmp_path: Path) -> None:
    docs = _corpus(tmp_path)
    result = _build(docs, tmp_path / "out", tmp_path / "store", full=True)
    names = {p.name for p in result.outputs}
    assert {"statements.jsonl", "summary.json", "shacl-report.ttl"} <= names and len(names) > 5


def test_curation_is_refused_with_one_line(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="curation"):
        build_incremental(
            [tmp_path], BuildOptions(out_dir=tmp_path, curation_dir=tmp_path), tmp_path / "s"
        )


def test_statement_round_trips_through_json() -> None:
    statement = extract_lines.__globals__["Statement"]  # the record type the job builds
    from tests.conftest import make_statement

    original = make_statement()
    assert isinstance(original, statement)
    assert Statement.from_json(original.to_json()).to_json() == original.to_json()


TEXTS = {
    "leukemia.txt": "Leukemia\n\n"
    "Leukemia is a type of blood cancer that begins in the bone marrow. "
    "Symptoms of leukemia include fatigue, fever and pallor. "
    "Leukemia is treated with chemotherapy.\n",
    "anemia.md": "# Anemia\n\n"
    "Anemia is a condition in which the blood lacks healthy red blood cells. "
    "Common symptoms include fatigue and pallor.\n",
}


def test_real_pipeline_incremental_build_is_byte_identical_to_clean_build(tmp_path: Path) -> None:
    from hemekg.pipeline import build

    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in TEXTS.items():
        (docs / name).write_text(text, encoding="utf-8")
    for step in range(2):
        if step == 1:
            (docs / "anemia.md").write_text(
                TEXTS["anemia.md"] + "Anemia can be diagnosed by a blood test.\n", encoding="utf-8"
            )
        inc = build_incremental(
            [docs], BuildOptions(out_dir=tmp_path / f"inc{step}", reason=False), tmp_path / "store"
        )
        clean = build([docs], BuildOptions(out_dir=tmp_path / f"clean{step}", reason=False))
        assert inc.summary()["statements_extracted"] and inc.conforms == clean.conforms
        names = sorted(p.name for p in (tmp_path / f"clean{step}").iterdir() if p.is_file())
        assert names == sorted(p.name for p in (tmp_path / f"inc{step}").iterdir() if p.is_file())
        for name in names:
            assert (tmp_path / f"inc{step}" / name).read_bytes() == (
                tmp_path / f"clean{step}" / name
            ).read_bytes(), name


def _outputs_equal_clean(docs: Path, out: Path, tmp: Path, **options: object) -> None:
    """graph.nt, statements.jsonl and the summary counts equal a clean build's."""
    clean = tmp / "clean-check"
    clean.mkdir(parents=True, exist_ok=True)
    results = [extract_lines(p) for p in sorted(docs.rglob("*.txt"))]
    statements = [s for r in results for s in r.statements]
    asserted = select_statements(statements, **options)  # type: ignore[arg-type]
    graph = build_graph(asserted, [r.document for r in results if r.document])
    data = graph.serialize(format="nt", encoding="utf-8")
    expected = b"".join(line + b"\n" for line in sorted(set(data.split(b"\n")) - {b""}))
    assert (out / "graph.nt").read_bytes() == expected
    write_statements_jsonl(statements, clean / "statements.jsonl")
    assert (out / "statements.jsonl").read_bytes() == (clean / "statements.jsonl").read_bytes()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["triples"] == expected.count(b"\n")
    assert summary["statements_extracted"] == len(statements)
    assert summary["statements_asserted"] == len(asserted)


def _build_nt(  # type: ignore[no-untyped-def]
    docs: Path, out: Path, store: Path, **options: object
):
    opts = BuildOptions(
        out_dir=out, reason=False, validate=False, **options  # type: ignore[arg-type]
    )
    return build_incremental([docs], opts, store, job=extract_lines, full_exports=False)


def test_graph_nt_is_patched_after_each_change(tmp_path: Path) -> None:
    docs = _corpus(tmp_path)
    out, store = tmp_path / "out", tmp_path / "store"
    assert not _build_nt(docs, out, store).graph_file_patched  # no graph.nt yet
    _outputs_equal_clean(docs, out, tmp_path)
    steps = [
        lambda: write_lines(docs, "c.txt", ["anemia | hasSymptom | fatigue"]),  # changed
        lambda: (docs / "a.txt").unlink(),  # removed: leukemia is still described by b.txt
        lambda: write_lines(docs, "d.txt", ["leukemia | subClassOf | blood"]),  # added
        lambda: (docs / "b.txt").unlink(),  # the last description of pallor goes
        lambda: write_lines(docs, "d.txt", ["blood | hasSymptom | pallor"]),  # pallor is back
    ]
    inodes = [_inodes(out)]
    for step in steps:
        step()
        assert _build_nt(docs, out, store).graph_file_patched
        _outputs_equal_clean(docs, out, tmp_path)
        inodes.append(_inodes(out))
    # each build writes into the files the build before the last one wrote, which the
    # store kept as spares (their pages are in memory already)
    assert inodes[2:] == inodes[:-2] and inodes[1] != inodes[0]
    assert sorted(p.name for p in store.glob("*.spare")) == ["graph.nt.spare",
                                                            "statements.jsonl.spare"]


def _inodes(out: Path) -> tuple[int, int]:
    return (out / "graph.nt").stat().st_ino, (out / "statements.jsonl").stat().st_ino


def test_the_edits_are_what_the_union_graph_gains_and_loses(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A document newly mentioning entities that other documents describe adds only its
    own lines: the entity descriptions were in the union already (validation would
    otherwise re-check every node near them). The edits are computed once per update."""
    from hemekg.store import build as store_build

    found: list[tuple[set[bytes], set[bytes]] | None] = []
    real = store_build.graph_file_edits

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        edits = real(*args, **kwargs)
        found.append(edits)
        return edits

    monkeypatch.setattr(store_build, "graph_file_edits", spy)
    docs = _corpus(tmp_path)
    out, store = tmp_path / "out", tmp_path / "store"
    _build_nt(docs, out, store)
    steps = [
        lambda: write_lines(docs, "d.txt", ["leukemia | originatesIn | bone marrow"]),
        lambda: write_lines(docs, "c.txt", ["anemia | hasSymptom | fatigue"]),
        lambda: (docs / "b.txt").unlink(),  # pallor's description leaves with it
        lambda: write_lines(docs, "d.txt", ["blood | hasSymptom | pallor"]),
    ]
    for number, step in enumerate(steps):
        before = set((out / "graph.nt").read_bytes().splitlines())
        step()
        found.clear()
        _build_nt(docs, out, store)
        after = set((out / "graph.nt").read_bytes().splitlines())
        assert len(found) == 1 and found[0] is not None
        added, removed = found[0]
        assert added == after - before, number
        assert removed == before - after, number
        if number == 0:  # leukemia and bone marrow were described: no entity line is new
            assert added and not any(line.startswith(b"<" + str(HKE).encode()) for line in added)


def test_lines_shared_by_documents_stay_until_the_last_one_goes(tmp_path: Path) -> None:
    """Two files named alike in two folders have the same document id: the same statement
    ids, provenance (with its decimal confidence, which the store keeps by value) and
    document description. Dropping one keeps every shared line."""
    docs = tmp_path / "docs"
    same = ["leukemia | originatesIn | bone marrow", "anemia | hasSymptom | pallor"]
    write_lines(docs / "x", "same.txt", same)
    write_lines(docs / "y", "same.txt", same)
    write_lines(docs, "other.txt", ["leukemia | hasSymptom | fatigue"])
    out, store = tmp_path / "out", tmp_path / "store"
    _build_nt(docs, out, store)
    _outputs_equal_clean(docs, out, tmp_path)
    before = (out / "graph.nt").read_bytes()
    assert b'"0.900"^^<http://www.w3.org/2001/XMLSchema#decimal>' in before
    (docs / "y" / "same.txt").unlink()
    assert _build_nt(docs, out, store).graph_file_patched
    _outputs_equal_clean(docs, out, tmp_path)
    assert (out / "graph.nt").read_bytes() == before  # x/same.txt holds every line still
    (docs / "x" / "same.txt").unlink()
    assert _build_nt(docs, out, store).graph_file_patched
    _outputs_equal_clean(docs, out, tmp_path)
    assert b"DOID_2355" not in (out / "graph.nt").read_bytes()


@pytest.mark.parametrize("damage", ["missing", "edited", "appended", "moved"])
def test_a_previous_graph_nt_not_as_written_is_rewritten_in_full(
    tmp_path: Path, damage: str
) -> None:
    docs = _corpus(tmp_path)
    out, store = tmp_path / "out", tmp_path / "store"
    _build_nt(docs, out, store)
    graph_nt = out / "graph.nt"
    data = graph_nt.read_bytes()
    if damage == "missing":
        graph_nt.unlink()
    elif damage == "edited":  # same size, one byte different: only the hash can tell
        index = data.index(b"leukemia")
        graph_nt.write_bytes(data[:index] + b"L" + data[index + 1 :])
    elif damage == "appended":
        graph_nt.write_bytes(data + b'<urn:x> <urn:y> "z" .\n')
    write_lines(docs, "c.txt", ["anemia | hasSymptom | fatigue"])
    if damage == "moved":
        out = tmp_path / "elsewhere"
    _build_nt(docs, out, store)
    _outputs_equal_clean(docs, out, tmp_path)


def test_a_build_killed_after_the_store_changed_does_not_patch_a_stale_graph_nt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hemekg.store import build as store_build

    docs = _corpus(tmp_path)
    out, store = tmp_path / "out", tmp_path / "store"
    _build_nt(docs, out, store)
    write_lines(docs, "c.txt", ["anemia | hasSymptom | fatigue"])

    def killed(*_: object, **__: object) -> None:
        raise KeyboardInterrupt

    with monkeypatch.context() as patch:
        patch.setattr(store_build, "graph_file_edits", killed)
        with pytest.raises(KeyboardInterrupt):
            _build_nt(docs, out, store)
    write_lines(docs, "a.txt", ["leukemia | originatesIn | blood"])
    _build_nt(docs, out, store)  # graph.nt on disk predates the killed run's change to c.txt
    _outputs_equal_clean(docs, out, tmp_path)


def _count_hashes(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the incremental store hashes from now on, in order."""
    from hemekg.store import incremental

    hashed: list[str] = []
    real = incremental.file_sha256

    def counting(path: Path) -> str:
        hashed.append(Path(path).name)
        return real(path)

    monkeypatch.setattr(incremental, "file_sha256", counting)
    return hashed


def test_unchanged_files_are_not_read_again_but_changes_are_seen(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from hemekg.store import incremental

    monkeypatch.setattr(incremental, "_RACY_NS", 0)  # files written just now count as settled
    docs = _corpus(tmp_path)
    out, store = tmp_path / "out", tmp_path / "store"
    _build_nt(docs, out, store)
    hashed = _count_hashes(monkeypatch)
    _build_nt(docs, out, store)
    assert hashed == []
    # same size, mtime set back: the ctime still moved, so the file is hashed and re-read
    target = docs / "c.txt"
    status = target.stat()
    data = target.read_bytes()
    target.write_bytes(data.replace(b"chemotherapy", b"chemotherapx"))
    assert target.stat().st_size == status.st_size
    os.utime(target, ns=(status.st_atime_ns, status.st_mtime_ns))
    _build_nt(docs, out, store)
    assert hashed == ["c.txt"]
    assert b"chemotherapx" in (out / "statements.jsonl").read_bytes()
    _outputs_equal_clean(docs, out, tmp_path)


def test_a_file_status_taken_right_after_a_write_is_not_trusted(tmp_path: Path) -> None:
    import time

    from hemekg.store.incremental import file_stat

    path = write_lines(tmp_path, "new.txt", ["anemia | hasSymptom | pallor"])
    assert file_stat(path, time.time_ns()) is None
    assert file_stat(path, time.time_ns() + 10**10) is not None


def test_files_that_settle_during_a_build_are_not_read_by_the_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A corpus written just before a build is too recent for its status to be kept when
    it is hashed; the end of the build (here, ten seconds later) records it, so the next
    build (ten seconds later too) reads no file."""
    from hemekg.store import incremental

    docs = _corpus(tmp_path)
    out, store = tmp_path / "out", tmp_path / "store"
    real_settled, real_stat = incremental.settled_stats, incremental.file_stat
    monkeypatch.setattr(
        incremental,
        "settled_stats",
        lambda paths, hashes, now: real_settled(paths, hashes, now + 10**10),
    )
    _build_nt(docs, out, store)
    monkeypatch.setattr(incremental, "settled_stats", real_settled)
    monkeypatch.setattr(incremental, "file_stat", lambda path, now: real_stat(path, now + 10**10))
    hashed = _count_hashes(monkeypatch)
    _build_nt(docs, out, store)
    assert hashed == []
    _outputs_equal_clean(docs, out, tmp_path)


def test_a_file_changed_after_its_hash_gets_no_settled_status(tmp_path: Path) -> None:
    import time

    from hemekg.store.incremental import file_sha256, settled_stats

    path = write_lines(tmp_path, "new.txt", ["anemia | hasSymptom | pallor"])
    later = time.time_ns() + 10**10
    assert settled_stats([path], {str(path): file_sha256(path)}, later) == [
        (str(path), f"{path.stat().st_size}:{path.stat().st_mtime_ns}:{path.stat().st_ctime_ns}")
    ]
    assert settled_stats([path], {str(path): "0" * 64}, later) == []
    assert settled_stats([path], {str(path): file_sha256(path)}, time.time_ns()) == []
    path.unlink()
    assert settled_stats([path], {str(path): "0" * 64}, later) == []


def test_a_new_confidence_threshold_rebuilds_every_document(tmp_path: Path) -> None:
    docs = _corpus(tmp_path)
    out, store = tmp_path / "out", tmp_path / "store"
    _build_nt(docs, out, store)
    result = _build_nt(docs, out, store, min_confidence=0.95)
    assert len(result.documents) == 3
    _outputs_equal_clean(docs, out, tmp_path, min_confidence=0.95)
    assert (out / "graph.nt").read_bytes().count(b"owl#Axiom") == 0


def test_a_changed_extractor_re_extracts_every_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stored graphs were made by the extractor of their time: an upgrade or a lexicon
    rebuild must not leave unchanged files with graphs a clean build would not make."""
    import hemekg.store.incremental as incremental

    docs = _corpus(tmp_path)
    out, store = tmp_path / "out", tmp_path / "store"
    _build_nt(docs, out, store)
    extracted: list[str] = []

    def counting_job(path: Path):  # type: ignore[no-untyped-def]
        extracted.append(path.name)
        return extract_lines(path)

    options = BuildOptions(out_dir=out, reason=False, validate=False)
    build_incremental([docs], options, store, job=counting_job, full_exports=False)
    assert extracted == []  # same extractor: nothing to redo
    monkeypatch.setattr(incremental, "extraction_fingerprint", lambda: "another extractor")
    build_incremental([docs], options, store, job=counting_job, full_exports=False)
    assert sorted(extracted) == sorted(DOCS)
    build_incremental([docs], options, store, job=counting_job, full_exports=False)
    assert sorted(extracted) == sorted(DOCS)  # recorded: the next run redoes nothing
    _outputs_equal_clean(docs, out, tmp_path)


def test_the_extraction_fingerprint_covers_the_lexicon() -> None:
    import hemekg.store.incremental as incremental
    from hemekg.resources import lexicon_path

    assert len(incremental.extraction_fingerprint()) == 64
    package = Path(incremental.__file__).parent.parent
    assert (package / "data" / "lexicon.tsv").resolve() == lexicon_path().resolve()
    assert {"data/lexicon.tsv", "extract", "read"} <= set(incremental._EXTRACTION_SOURCES)


def test_a_store_of_an_older_format_is_rebuilt(tmp_path: Path) -> None:
    import sqlite3

    docs = _corpus(tmp_path)
    out, store = tmp_path / "out", tmp_path / "store"
    _build_nt(docs, out, store)
    with sqlite3.connect(store / "manifest.sqlite") as db:
        db.execute("UPDATE meta SET value = '1' WHERE key = 'store-format'")
        db.execute("UPDATE documents SET ntriples = x'', statements = ''")
    write_lines(docs, "d.txt", ["blood | hasSymptom | pallor"])
    _build_nt(docs, out, store)
    _outputs_equal_clean(docs, out, tmp_path)


def test_a_store_of_the_named_graph_layout_is_rebuilt(tmp_path: Path) -> None:
    """Format 4 kept each document in a named graph and its manifest a ``graph`` column:
    opening it drops that manifest, and the next build empties the dataset and loads it
    afresh (no quad of the old graphs survives)."""
    import sqlite3

    import pyoxigraph as ox

    from hemekg.store.oxigraph import GraphStore

    docs = _corpus(tmp_path)
    out, store = tmp_path / "out", tmp_path / "store"
    (store / "oxigraph").mkdir(parents=True)
    old = ox.Store(str(store / "oxigraph"))
    stale = ox.Quad(ox.NamedNode("urn:x:s"), ox.NamedNode("urn:x:p"), ox.Literal("stale"),
                    ox.NamedNode("urn:x:graph"))
    old.add(stale)
    old.flush()
    del old
    with sqlite3.connect(store / "manifest.sqlite") as db:
        db.execute("CREATE TABLE documents (path TEXT PRIMARY KEY, sha256 TEXT NOT NULL,"
                   " graph TEXT NOT NULL, document TEXT NOT NULL, statements TEXT NOT NULL)")
        db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        db.execute("INSERT INTO meta VALUES ('store-format', '4')")
    _build_nt(docs, out, store)
    _outputs_equal_clean(docs, out, tmp_path)
    with GraphStore(store) as opened:
        assert stale not in opened.dataset
        assert not list(opened.dataset.named_graphs())


def test_graph_nt_keeps_rdflib_escapes_for_awkward_text(tmp_path: Path) -> None:
    """Oxigraph writes a tab as \\t and control characters as \\u escapes; rdflib writes
    them raw. graph.nt comes from the documents' own rendering, so it stays rdflib's."""
    docs = tmp_path / "docs"
    write_lines(docs, "odd.txt", [
        'leukemia | originatesIn | bone\tmarrow "quoted" \\ back\x01slash',
        "anemia | hasSymptom | pâleur \U0001f9ec\x7f end",
    ])
    out, store = tmp_path / "out", tmp_path / "store"
    _build_nt(docs, out, store)
    _outputs_equal_clean(docs, out, tmp_path)
    data = (out / "graph.nt").read_bytes()
    assert b'bone\tmarrow \\"quoted\\" \\\\ back\x01slash' in data
    assert "pâleur \U0001f9ec\x7f end".encode() in data


def _foreign(path: Path):  # type: ignore[no-untyped-def]
    """:func:`extract_lines`, but a.txt's statements name document "zz.txt"."""
    import dataclasses

    result = extract_lines(path)
    if Path(path).name != "a.txt":
        return result
    moved = tuple(dataclasses.replace(s, document="zz.txt") for s in result.statements)
    return dataclasses.replace(result, statements=moved)


def test_statements_naming_another_document_are_sorted_with_it(tmp_path: Path) -> None:
    docs = _corpus(tmp_path)
    out = tmp_path / "out"
    options = BuildOptions(out_dir=out, reason=False, validate=False)
    build_incremental([docs], options, tmp_path / "store", job=_foreign, full_exports=False)
    statements = [s for p in sorted(docs.iterdir()) for s in _foreign(p).statements]
    write_statements_jsonl(statements, tmp_path / "clean.jsonl")
    expected = (tmp_path / "clean.jsonl").read_bytes()
    assert (out / "statements.jsonl").read_bytes() == expected
    assert expected.rstrip(b"\n").rsplit(b"\n", 1)[-1].count(b'"document": "zz.txt"') == 1


def test_many_changed_documents_get_a_rewrite_not_a_patch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hemekg.store import incremental

    monkeypatch.setattr(incremental, "PATCH_LIMIT", 1)
    docs = _corpus(tmp_path)
    out, store = tmp_path / "out", tmp_path / "store"
    _build_nt(docs, out, store)
    write_lines(docs, "c.txt", ["anemia | hasSymptom | fatigue"])
    assert _build_nt(docs, out, store).graph_file_patched  # one document
    write_lines(docs, "c.txt", ["anemia | hasSymptom | pallor"])
    write_lines(docs, "d.txt", ["blood | hasSymptom | pallor"])
    assert not _build_nt(docs, out, store).graph_file_patched  # more than the limit
    _outputs_equal_clean(docs, out, tmp_path)


def test_graph_only_builds_through_the_store_and_writes_the_graph_files(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from hemekg.cli import cli
    from hemekg.pipeline import build

    docs = tmp_path / "docs"
    docs.mkdir()
    for name, text in TEXTS.items():
        (docs / name).write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    args = ["--quiet", "build", "--graph-only", "-o", str(out), str(docs)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    files = sorted(p.name for p in out.iterdir() if p.is_file())
    assert files == ["graph.nt", "shacl-report.ttl", "statements.jsonl", "summary.json"]
    assert (out / "store").is_dir()
    clean = build([docs], BuildOptions(out_dir=tmp_path / "clean", reason=False))
    assert clean.conforms
    assert (out / "graph.nt").read_bytes() == (tmp_path / "clean" / "hemekg.nt").read_bytes()
    for name in ("statements.jsonl", "shacl-report.ttl"):
        assert (out / name).read_bytes() == (tmp_path / "clean" / name).read_bytes(), name
