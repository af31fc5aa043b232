"""Graph diff between two builds: statements, entities, evidence-only changes, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from hemekg.build.graph import build_graph
from hemekg.cli import cli
from hemekg.errors import UsageError
from hemekg.graphdiff import diff_graphs, diff_to_json, diff_to_text, load_graph
from hemekg.model import Document, Entity, EntityType, Predicate, Statement
from tests.conftest import BLOOD_CANCER, CHEMOTHERAPY, LEUKEMIA, make_statement

BLOOD = Entity("UBERON:0000178", "blood", EntityType.ANATOMICAL_STRUCTURE)


def _document(name: str, sha: str) -> Document:
    return Document(
        id=name, path=name, media_type="text/plain", source="", sha256=sha, sentences=()
    )


@pytest.fixture
def old_graph() -> Graph:
    return build_graph(
        [
            make_statement(),
            make_statement(
                LEUKEMIA,
                Predicate.SUB_CLASS_OF,
                BLOOD_CANCER,
                sentence="Leukemia is a type of blood cancer.",
                start=40,
            ),
        ],
        [_document("doc.txt", "a" * 64)],
    )


@pytest.fixture
def new_graph() -> Graph:
    """doc.txt edited: a treatment sentence added, the subClassOf sentence dropped, and
    the originatesIn fact now also stated in a second sentence."""
    return build_graph(
        [
            make_statement(),
            make_statement(sentence="Leukemias start in the marrow.", start=90),
            make_statement(
                LEUKEMIA,
                Predicate.TREATED_WITH,
                CHEMOTHERAPY,
                sentence="Leukemia is treated with chemotherapy.",
                start=60,
            ),
        ],
        [_document("doc.txt", "b" * 64)],
    )


def test_equal_graphs(old_graph: Graph) -> None:
    diff = diff_graphs(old_graph, old_graph)
    assert diff.equal
    assert diff_to_text(diff).startswith("graphs are equal")


def test_diff_after_one_document_changed(old_graph: Graph, new_graph: Graph) -> None:
    diff = diff_graphs(old_graph, new_graph)
    assert not diff.equal
    assert [str(r) for r in diff.added_relations] == ["leukemia treatedWith chemotherapy"]
    assert [str(r) for r in diff.removed_relations] == ["leukemia subClassOf hematologic cancer"]
    assert [str(e) for e in diff.added_entities] == [
        "chemotherapy (HEMEKG:chemotherapy, Treatment)"
    ]
    assert [str(e) for e in diff.removed_entities] == ["hematologic cancer (DOID:2531, Disease)"]
    (evidence,) = diff.evidence
    assert str(evidence.relation) == "leukemia originatesIn bone marrow"
    assert evidence.added == ("doc.txt: Leukemias start in the marrow.",) and not evidence.removed
    assert [str(d) for d in diff.documents] == ["doc.txt (content changed)"]

    text = diff_to_text(diff)
    assert "  treatedWith (+1 -0)\n    + leukemia treatedWith chemotherapy" in text
    assert "  subClassOf (+0 -1)\n    - leukemia subClassOf hematologic cancer" in text
    assert "    + chemotherapy (HEMEKG:chemotherapy, Treatment)" in text
    assert (
        "evidence only 1 statements" in text
        and "~ leukemia originatesIn bone marrow: +1 evidence" in text
    )
    assert "Leukemias start in the marrow." not in text
    assert "Leukemias start in the marrow." in diff_to_text(diff, evidence_details=True)


def test_json_groups_relations_by_predicate(old_graph: Graph, new_graph: Graph) -> None:
    data = json.loads(diff_to_json(diff_graphs(old_graph, new_graph)))
    assert data["equal"] is False
    assert data["relations"]["added"] == {
        "treatedWith": [
            {
                "subject": "DOID:1240",
                "subject_label": "leukemia",
                "predicate": "treatedWith",
                "object": "HEMEKG:chemotherapy",
                "object_label": "chemotherapy",
            }
        ]
    }
    assert list(data["relations"]["removed"]) == ["subClassOf"]
    assert data["entities"]["added"][0]["types"] == ["Treatment"]
    assert data["evidence_only"][0]["evidence_added"] == ["doc.txt: Leukemias start in the marrow."]


def test_entity_relabel_and_other_triples() -> None:
    renamed = Entity("UBERON:0002371", "marrow", EntityType.ANATOMICAL_STRUCTURE, (), ("medulla",))
    old = build_graph([make_statement()])
    new = build_graph([make_statement(obj=renamed)])
    diff = diff_graphs(old, new)
    assert not diff.added_relations and not diff.removed_relations
    assert [str(c) for c in diff.changed_entities] == [
        "bone marrow (UBERON:0002371, AnatomicalStructure) -> "
        "marrow (UBERON:0002371, AnatomicalStructure)"
    ]
    assert diff.other_added >= 1  # the new alternative label(s)


@pytest.mark.parametrize(
    ("suffix", "fmt"), [(".ttl", "turtle"), (".jsonld", "json-ld"), (".rdf", "xml"), (".nt", "nt")]
)
def test_cli_reads_any_format_and_exits_1_on_difference(
    tmp_path: Path, old_graph: Graph, new_graph: Graph, suffix: str, fmt: str
) -> None:
    old_path, new_path = tmp_path / f"old{suffix}", tmp_path / f"new{suffix}"
    old_graph.serialize(old_path, format=fmt, encoding="utf-8")
    new_graph.serialize(new_path, format=fmt, encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(cli, ["diff", str(old_path), str(new_path)])
    assert result.exit_code == 1, result.output
    assert "+ leukemia treatedWith chemotherapy" in result.output
    same = runner.invoke(cli, ["diff", str(old_path), str(old_path)])
    assert same.exit_code == 0 and "graphs are equal" in same.output


def test_cli_compares_across_formats_and_prints_json(tmp_path: Path, old_graph: Graph) -> None:
    old_graph.serialize(tmp_path / "a.ttl", format="turtle")
    old_graph.serialize(tmp_path / "b.data", format="nt", encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["diff", str(tmp_path / "a.ttl"), str(tmp_path / "b.data"), "--output", "json"]
    )
    assert result.exit_code == 2 and "give the format explicitly" in result.output
    (tmp_path / "b.data").rename(tmp_path / "b.nt")
    result = CliRunner().invoke(
        cli, ["diff", str(tmp_path / "a.ttl"), str(tmp_path / "b.nt"), "--output", "json"]
    )
    assert result.exit_code == 0 and json.loads(result.output)["equal"] is True


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "no such file"), ("this is not turtle <<<", "Turtle syntax error at line 1")],
)
def test_unreadable_input_is_exit_2_one_line(
    tmp_path: Path, old_graph: Graph, content: str | None, message: str
) -> None:
    good = tmp_path / "good.ttl"
    old_graph.serialize(good, format="turtle")
    bad = tmp_path / "bad.ttl"
    if content is not None:
        bad.write_text(content, encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", str(good), str(bad)])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith("hemekg: error: ") and "bad.ttl" in line and message in line
    with pytest.raises(UsageError):
        load_graph(bad)


def test_input_format_option_overrides_suffix(tmp_path: Path, old_graph: Graph) -> None:
    path = tmp_path / "graph.txt"
    old_graph.serialize(path, format="nt", encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", "--input-format", "ntriples", str(path), str(path)])
    assert result.exit_code == 0


def _statement_set(graph: Graph) -> set[str]:
    return {str(r) for r in diff_graphs(Graph(), graph).added_relations}


def test_diff_of_empty_old_lists_everything_as_added(new_graph: Graph) -> None:
    assert _statement_set(new_graph) == {
        "leukemia originatesIn bone marrow",
        "leukemia treatedWith chemotherapy",
    }


def test_spreads_to_relation_is_listed() -> None:
    statement: Statement = make_statement(LEUKEMIA, Predicate.SPREADS_TO, BLOOD)
    assert str(diff_graphs(Graph(), build_graph([statement])).added_relations[0]) == (
        "leukemia spreadsTo blood"
    )


def test_build_folders_stand_for_their_turtle(
    tmp_path: Path, old_graph: Graph, new_graph: Graph
) -> None:
    (tmp_path / "old").mkdir()
    (tmp_path / "new").mkdir()
    old_graph.serialize(tmp_path / "old" / "hemekg.ttl", format="turtle")
    new_graph.serialize(tmp_path / "new" / "hemekg.ttl", format="turtle")
    result = CliRunner().invoke(cli, ["diff", str(tmp_path / "old"), str(tmp_path / "new")])
    assert result.exit_code == 1 and "- leukemia subClassOf hematologic cancer" in result.output
    with pytest.raises(UsageError, match="not a build folder"):
        load_graph(tmp_path)


def test_moved_evidence_is_counted_not_listed(old_graph: Graph) -> None:
    from dataclasses import replace

    shifted = [
        replace(s, start=s.start + 10, end=s.end + 10)
        for s in (
            make_statement(),
            make_statement(
                LEUKEMIA,
                Predicate.SUB_CLASS_OF,
                BLOOD_CANCER,
                sentence="Leukemia is a type of blood cancer.",
                start=40,
            ),
        )
    ]
    new = build_graph(shifted, [_document("doc.txt", "a" * 64)])
    diff = diff_graphs(old_graph, new)
    assert not diff.added_relations and not diff.removed_relations
    assert all(change.moved_only for change in diff.evidence) and len(diff.evidence) == 2
    assert diff.evidence[0].properties == ("endOffset", "startOffset")
    text = diff_to_text(diff)
    assert "evidence only 2 statements with changed provenance (2 with moved offsets only)" in text
    assert "~ leukemia" not in text
    assert "~ leukemia originatesIn bone marrow: 1 re-annotated (endOffset, startOffset)" in (
        diff_to_text(diff, evidence_details=True)
    )


def test_curation_shows_as_re_annotation(tmp_path: Path, old_graph: Graph) -> None:
    from hemekg.curation import curate
    from tests.curation._support import write_decisions

    statement = make_statement()
    write_decisions(
        tmp_path / "d.tsv", [{"id": statement.id, "decision": "accept", "curator": "ada"}]
    )
    outcome = curate([statement], tmp_path)
    curated = build_graph(outcome.statements)
    outcome.annotate(curated)
    diff = diff_graphs(build_graph([statement]), curated)
    (change,) = diff.evidence
    assert change.properties == ("confidence", "curationStatus", "wasAttributedTo")
    assert not change.moved_only
    assert "re-annotated (confidence, curationStatus, wasAttributedTo)" in diff_to_text(diff)
    assert diff.other_added == 0  # the curator's description belongs to the re-annotation
