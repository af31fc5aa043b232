"""The report in its three renderings: readable text, JSON, W3C RDF."""

from __future__ import annotations

import json

from rdflib import Graph
from rdflib.namespace import RDF, SH

from hemekg.model import Predicate
from hemekg.validate import validate_graph
from tests.validate.samples import (
    AML,
    BONE_MARROW,
    CHEMO,
    FATIGUE,
    LEUKEMIA,
    LYMPH_NODE,
    sample_kg,
    statement,
)

BAD = statement(LEUKEMIA, Predicate.HAS_SYMPTOM, BONE_MARROW, "Leukemia shows bone marrow.", 600)
BAD_DOMAIN = statement(BONE_MARROW, Predicate.HAS_SYMPTOM, FATIGUE, "Bone marrow feels tired.", 650)


def test_text_groups_by_shape_with_labels_and_sentences() -> None:
    report = validate_graph(sample_kg([BAD, BAD_DOMAIN]))
    text = report.to_text()
    assert text.startswith("SHACL: does not conform: 2 violation(s) from 2 shape(s)")
    assert "[Violation] hksh:HasSymptomShape / hk:hasSymptom: the object of hk:hasSymptom" in text
    assert '- hke:DOID_1240 "leukemia"  hk:hasSymptom hke:UBERON_0002371' in text
    assert 'evidence (sample_leukemia.txt): "Leukemia shows bone marrow."' in text
    assert '- hke:UBERON_0002371 "bone marrow"' in text
    assert '"Bone marrow feels tired."' in text


def test_conforming_text() -> None:
    assert validate_graph(sample_kg()).to_text() == "SHACL: conforms (0 results)"


def test_json_is_serialisable_and_complete() -> None:
    report = validate_graph(sample_kg([BAD]))
    data = json.loads(json.dumps(report.to_json()))
    assert data["conforms"] is False
    assert data["counts"] == {"Violation": 1}
    (result,) = data["results"]
    assert result["focus_node"] == "hke:DOID_1240"
    assert result["focus_label"] == "leukemia"
    assert result["path"] == "hk:hasSymptom"
    assert result["value"] == "hke:UBERON_0002371"
    assert result["source_sentence"] == BAD.sentence
    assert result["shape"] == "hksh:HasSymptomShape / hk:hasSymptom"


def test_graph_is_a_w3c_report_that_round_trips() -> None:
    report = validate_graph(sample_kg([BAD]))
    graph = report.to_graph()
    text = graph.serialize(format="longturtle")
    again = Graph().parse(data=text, format="turtle")
    (node,) = list(again.subjects(RDF.type, SH.ValidationReport))
    assert str(again.value(node, SH.conforms)) == "false"
    assert len(list(again.subjects(RDF.type, SH.ValidationResult))) == 1
    assert graph.serialize(format="longturtle") == report.to_graph().serialize(format="longturtle")


def test_violations_are_sorted_and_stable() -> None:
    first = validate_graph(sample_kg([BAD, BAD_DOMAIN])).violations
    second = validate_graph(sample_kg([BAD_DOMAIN, BAD])).violations
    assert first == second
    assert first == sorted(first, key=lambda v: v.sort_key())


def test_report_file_bytes_do_not_depend_on_the_run() -> None:
    """pyshacl labels result nodes afresh in every run, and longturtle orders results by
    those labels: with several results two runs would write different bytes. The report
    graph's labels come from content instead (as in the store build's report)."""
    extra = [
        BAD,
        BAD_DOMAIN,
        statement(AML, Predicate.HAS_SYMPTOM, LYMPH_NODE, "AML shows lymph nodes.", 700),
        statement(FATIGUE, Predicate.HAS_SYMPTOM, LEUKEMIA, "Fatigue feels leukemic.", 760),
        statement(LEUKEMIA, Predicate.HAS_SYMPTOM, CHEMO, "Leukemia shows chemotherapy.", 820),
    ]
    runs = [validate_graph(sample_kg(extra)) for _ in range(3)]
    texts = [report.to_turtle() for report in runs]
    raw = [
        report.results_graph.serialize(format="longturtle") for report in runs
    ]  # pyshacl's own labels: the case this guards against
    assert len(runs[0].violations) >= 4
    assert texts[0].count("sh:ValidationResult") == len(runs[0].violations)
    assert texts[0] == texts[1] == texts[2]
    assert len(set(raw)) > 1
    assert Graph().parse(data=texts[0], format="turtle").isomorphic(
        Graph().parse(data=raw[0], format="turtle")
    )
