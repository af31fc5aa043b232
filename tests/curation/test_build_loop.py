"""The curation loop through the real pipeline and CLI: build, review, decide, rebuild, diff.

Runs ``hemekg build`` on two small documents written here (not the corpus), so it checks
that decisions reach the graph exactly as docs/CURATION.md says.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rdflib import Graph, Literal
from rdflib.namespace import OWL, PROV, RDF, RDFS

from hemekg.cli import cli
from hemekg.curation import curator_iri
from hemekg.curation.table import iter_table_rows
from hemekg.iris import entity_iri, statement_iri
from hemekg.model import Predicate
from hemekg.namespaces import HK, predicate_iri

TEXT = """Leukemia is a type of blood cancer that begins in the bone marrow.

Treatments for leukemia include chemotherapy and radiation therapy.

Symptoms of leukemia may include fever and fatigue.
"""
LEUKEMIA = entity_iri("DOID:1240")


def _run(args: list[str]) -> Result:
    result = CliRunner().invoke(cli, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result


def _graph(build_dir: Path) -> Graph:
    return Graph().parse(build_dir / "hemekg.ttl", format="turtle")


def _objects(graph: Graph, predicate: Predicate) -> set[str]:
    objects = graph.objects(LEUKEMIA, predicate_iri(predicate))
    return {str(graph.value(o, RDFS.label)) for o in objects}


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("loop")
    (root / "docs").mkdir()
    (root / "docs" / "leukemia.txt").write_text(TEXT, encoding="utf-8")
    result = _run(["build", str(root / "docs"), "-o", str(root / "b1"), "--no-reason"])
    assert result.exit_code == 0, result.output
    return root


def _review(root: Path, table: Path) -> list[dict[str, str]]:
    result = _run(["review", "--from", str(root / "b1" / "statements.jsonl"), "-o", str(table)])
    assert result.exit_code == 0, result.output
    return [row.values for row in iter_table_rows(table)]


def _write(table: Path, rows: list[dict[str, str]]) -> None:
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=list(rows[0]), delimiter="\t", lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(rows)


def _row(rows: list[dict[str, str]], predicate: str, object_label: str) -> dict[str, str]:
    return next(
        r for r in rows if r["predicate"] == predicate and r["object_label"] == object_label
    )


def _axioms(graph: Graph) -> set[str]:
    return {str(node).rsplit("/", 1)[-1] for node in graph.subjects(RDF.type, OWL.Axiom)}


def test_threshold_keeps_weak_statements_out_but_in_the_review(
    first_build: Path, tmp_path: Path
) -> None:
    root = first_build
    result = _run(
        [
            "build",
            str(root / "docs"),
            "-o",
            str(tmp_path / "b"),
            "--min-confidence",
            "0.9",
            "--no-reason",
        ]
    )
    assert result.exit_code == 0, result.output
    rows = _review(root, tmp_path / "review.tsv")
    strong = {r["id"] for r in rows if float(r["confidence"]) >= 0.9 and r["negated"] == "false"}
    weak = {r["id"] for r in rows if float(r["confidence"]) < 0.9}
    assert strong and weak  # the text has both, so the test can fail
    assert _axioms(_graph(tmp_path / "b")) == strong  # weak ones stay out of the graph...
    assert weak <= {r["id"] for r in rows}  # ...but are listed for the curator


def test_decisions_reach_the_rebuilt_graph_and_the_diff(first_build: Path, tmp_path: Path) -> None:
    root = first_build
    table = tmp_path / "curation" / "review.tsv"
    table.parent.mkdir()
    rows = _review(root, table)
    rejected = _row(rows, "treatedWith", "radiation therapy")
    candidates = [r for r in rows if r is not rejected and r["negated"] == "false"]
    accepted = min(candidates, key=lambda r: float(r["confidence"]))
    threshold = f"{min(1.0, float(accepted['confidence']) + 0.01):.3f}"
    rejected.update(decision="reject", curator="ada", note="not in this document's sense")
    accepted.update(decision="accept", curator="ada")
    rows.append(
        dict.fromkeys(rows[0], "")
        | {
            "subject_label": "leukemia",
            "predicate": "affectsPopulation",
            "object_label": "children",
            "decision": "add",
            "curator": "ada",
            "note": "Stated in the leaflet's title.",
        }
    )
    _write(table, rows)

    result = _run(
        [
            "build",
            str(root / "docs"),
            "-o",
            str(tmp_path / "b2"),
            "--curation",
            str(table.parent),
            "--min-confidence",
            threshold,
            "--no-reason",
        ]
    )
    assert result.exit_code == 0, result.output
    assert "1 accepted, 1 rejected, 1 added, 0 stale" in result.output
    graph = _graph(tmp_path / "b2")
    node = statement_iri(accepted["id"])
    assert accepted["id"] in _axioms(graph)  # the accept beats the threshold
    assert (node, HK.confidence, None) in graph
    assert (node, HK.curationStatus, Literal("accepted")) in graph
    assert (node, PROV.wasAttributedTo, curator_iri("ada")) in graph
    assert rejected["id"] not in _axioms(graph)
    assert _objects(graph, Predicate.AFFECTS_POPULATION) == {"children"}
    assert "SHACL conforms" in result.output

    diff = _run(["diff", str(root / "b1"), str(tmp_path / "b2")])
    assert diff.exit_code == 1
    assert "    - leukemia treatedWith radiation therapy" in diff.output
    assert "    + leukemia affectsPopulation children" in diff.output

    # The document is reworded: the rejected statement's sentence is gone.
    edited = tmp_path / "docs"
    edited.mkdir()
    (edited / "leukemia.txt").write_text(
        TEXT.replace("Treatments for leukemia include", "Leukemia treatments include"),
        encoding="utf-8",
    )
    result = _run(
        [
            "build",
            str(edited),
            "-o",
            str(tmp_path / "b3"),
            "--curation",
            str(table.parent),
            "--no-reason",
        ]
    )
    assert result.exit_code == 0, result.output
    assert f"review.tsv:{rows.index(rejected) + 2}: statement {rejected['id']}" in result.output
    assert "(leukemia treatedWith radiation therapy) no longer extracted" in result.output


def test_malformed_decision_file_stops_the_build_in_one_line(
    first_build: Path, tmp_path: Path
) -> None:
    (tmp_path / "cur").mkdir()
    (tmp_path / "cur" / "d.csv").write_text(
        "id,decision\n0123456789abcdef,maybe\n", encoding="utf-8"
    )
    result = _run(
        [
            "build",
            str(first_build / "docs"),
            "-o",
            str(tmp_path / "b"),
            "--curation",
            str(tmp_path / "cur"),
            "--no-reason",
        ]
    )
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith("hemekg: error: ") and "d.csv: line 2: unknown decision 'maybe'" in line


def test_review_extracts_paths_itself(first_build: Path, tmp_path: Path) -> None:
    out = tmp_path / "review.csv"
    result = _run(["review", str(first_build / "docs"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    from_build = _review(first_build, tmp_path / "from_build.csv")
    assert [r["id"] for r in iter_table_rows_values(out)] == [r["id"] for r in from_build]
    assert out.read_bytes() == (tmp_path / "from_build.csv").read_bytes()


def test_review_reports_skipped_documents_with_exit_1(first_build: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    result = _run(
        ["review", str(first_build / "docs"), str(missing), "-o", str(tmp_path / "r.tsv")]
    )
    assert result.exit_code == 1
    assert "hemekg: skipped" in result.output and "missing.txt" in result.output
    assert len(list(iter_table_rows(tmp_path / "r.tsv"))) == 6


def iter_table_rows_values(path: Path) -> list[dict[str, str]]:
    return [row.values for row in iter_table_rows(path)]
