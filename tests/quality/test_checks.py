"""Quality checks: each problem gives its finding at its level; a clean graph gives none."""

from __future__ import annotations

import json

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import OWL, RDF, RDFS

from hemekg.build.ontology import load_tbox
from hemekg.build.owl import owl_view
from hemekg.namespaces import HK, HKE, OBOINOWL
from hemekg.quality import CHECKS, Finding, Level, QualityReport, run_checks
from tests.validate.samples import sample_kg

LEUKEMIA = HKE.DOID_1240


def _rules(graph: Graph, level: Level | None = None) -> dict[str, list[Finding]]:
    found: dict[str, list[Finding]] = {}
    for finding in run_checks(graph).findings:
        if level is None or finding.level is level:
            found.setdefault(finding.rule, []).append(finding)
    return found


def test_sample_graph_has_no_errors_or_warnings() -> None:
    report = run_checks(sample_kg())
    assert not report.has_errors
    assert [f for f in report.findings if f.level is not Level.INFO] == []
    # leukemia is the top of the sample taxonomy; AML sits under it
    no_parent = {f.subject for f in report.findings if f.rule == "no_parent"}
    assert "hke:DOID_1240" in no_parent and "hke:DOID_9119" not in no_parent


def test_tbox_is_clean() -> None:
    report = run_checks(load_tbox())
    assert report.findings == []


@pytest.mark.parametrize("graph_of", [lambda g: g, owl_view], ids=["kg", "owl view"])
def test_missing_label_and_dangling_reference(graph_of) -> None:  # type: ignore[no-untyped-def]
    kg = sample_kg()
    ghost = HKE.HEMEKG_ghost
    kg.add((LEUKEMIA, HK.hasSymptom, ghost))  # an object nobody describes
    kg.remove((HKE.DOID_9119, RDFS.label, None))
    rules = _rules(graph_of(kg), Level.ERROR)
    (dangling,) = rules["dangling_reference"]
    assert dangling.subject == "hke:DOID_1240" and dangling.label == "leukemia"
    assert dangling.value == "hke:HEMEKG_ghost"
    assert dangling.property == "hk:hasSymptom"
    assert "no entity type and no label" in dangling.message
    missing = {f.subject for f in rules["missing_label"]}
    assert {"hke:DOID_9119", "hke:HEMEKG_ghost"} <= missing


def test_multiple_labels_per_language_is_an_error() -> None:
    kg = sample_kg()
    kg.add((LEUKEMIA, RDFS.label, Literal("leukaemia", lang="en")))
    kg.add((LEUKEMIA, RDFS.label, Literal("leucémie", lang="fr")))  # another language is fine
    (finding,) = _rules(kg)["multiple_labels"]
    assert finding.level is Level.ERROR
    assert finding.value == "leukaemia | leukemia"
    assert "language 'en'" in finding.message


def test_duplicate_label_is_a_warning() -> None:
    kg = sample_kg()
    kg.set((HKE.HP_0012378, RDFS.label, Literal("Leukemia", lang="en")))
    findings = _rules(kg)["duplicate_label"]
    assert {f.subject for f in findings} == {"hke:DOID_1240", "hke:HP_0012378"}
    assert all(f.level is Level.WARN for f in findings)


def test_missing_definition_of_a_tbox_term_and_untyped_subject() -> None:
    graph = load_tbox()
    graph.remove((HK.Disease, None, None))
    graph.add((HK.Disease, RDF.type, OWL.Class))
    graph.add((HK.Disease, RDFS.label, Literal("disease", lang="en")))
    (finding,) = _rules(graph)["missing_definition"]
    assert finding.subject == "hk:Disease" and finding.level is Level.WARN
    kg = sample_kg()
    kg.remove((LEUKEMIA, RDF.type, None))
    assert [f.subject for f in _rules(kg)["missing_type"]] == ["hke:DOID_1240"]


def test_invalid_xref_and_label_whitespace() -> None:
    kg = sample_kg()
    kg.add((LEUKEMIA, OBOINOWL.hasDbXref, Literal("not a curie")))
    kg.set((HKE.HP_0012378, RDFS.label, Literal(" fatigue", lang="en")))
    rules = _rules(kg, Level.WARN)
    assert rules["invalid_xref"][0].value == "not a curie"
    assert rules["label_whitespace"][0].subject == "hke:HP_0012378"


def test_renderings() -> None:
    kg = sample_kg()
    kg.add((LEUKEMIA, HK.hasSymptom, HKE.HEMEKG_ghost))
    report = run_checks(kg)
    table = report.to_table()
    assert table.splitlines()[0].split()[:3] == ["LEVEL", "RULE", "SUBJECT"]
    assert table.splitlines()[1].startswith("ERROR")  # worst first
    assert table.splitlines()[-1] == report.summary()
    tsv = report.to_tsv().splitlines()
    assert tsv[0] == "level\trule\tsubject\tlabel\tproperty\tvalue\tmessage"
    assert all(line.count("\t") == 6 for line in tsv)
    data = json.loads(report.to_json_text())
    assert data["errors"] is True
    assert data["counts"]["ERROR"] == sum(1 for f in data["findings"] if f["level"] == "ERROR")


def test_every_check_has_a_unique_name_and_fires_under_its_name() -> None:
    names = [c.name for c in CHECKS]
    assert len(names) == len(set(names))
    assert QualityReport([]).counts() == {"ERROR": 0, "WARN": 0, "INFO": 0}
