"""``build_incremental``: same outputs as a clean build, cached validation kept exact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hemekg.build.graph import build_graph
from hemekg.errors import UsageError
from hemekg.pipeline import BuildOptions, select_statements, write_statements_jsonl
from hemekg.model import Statement
from hemekg.store.build import build_incremental
from hemekg.validate.shacl import validate_graph
from tests.scale.triple_lines import extract_lines, write_lines

DOCS = {
    "a.txt": ["leukemia | originatesIn | bone marrow", "leukemia | !treatedWith | chemotherapy"],
    "b.txt": ["anemia | hasSymptom | pallor", "acute lymphocytic leukemia | subClassOf | leukemia"],
    "c.txt": ["anemia | hasSymptom | chemotherapy"],  # a violation: object is a Treatment
}


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
    docs = tmp_path / "docs"
    for name, lines in DOCS.items():
        write_lines(docs, name, lines)
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
    docs = tmp_path / "docs"
    for name, lines in DOCS.items():
        write_lines(docs, name, lines)
    _build(docs, tmp_path / "out", tmp_path / "store")
    again = _build(docs, tmp_path / "out", tmp_path / "store")
    assert again.timings["read+extract+graph"] < 0.5 and len(again.documents) == 3


def test_full_exports_write_the_clean_build_files(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for name, lines in DOCS.items():
        write_lines(docs, name, lines)
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
    "leukemia.txt": "Leukemia\n\nLeukemia is a type of blood cancer that begins in the bone marrow. "
    "Symptoms of leukemia include fatigue, fever and pallor. "
    "Leukemia is treated with chemotherapy.\n",
    "anemia.md": "# Anemia\n\nAnemia is a condition in which the blood lacks healthy red blood cells. "
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
