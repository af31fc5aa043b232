"""HermiT on the OWL view: the sample is coherent; wrong extractions become unsatisfiable
classes that the report names, with the evidence of the statements involved."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import RDF

from hemekg.build.owl import write_owl
from hemekg.build.reasoner import check_consistency
from hemekg.errors import BuildError
from hemekg.model import Predicate
from hemekg.namespaces import HK, HKE
from tests.validate.samples import AML, CHEMO, LEUKEMIA, WBC, sample_kg, statement


def _reason(kg: Graph, tmp_path: Path):  # type: ignore[no-untyped-def]
    owl, _ = write_owl(kg, tmp_path)
    return check_consistency(owl)


def test_sample_ontology_is_consistent_and_coherent(tmp_path: Path) -> None:
    report = _reason(sample_kg(), tmp_path)
    assert report.consistent
    assert report.unsatisfiable == []
    assert report.ok
    assert report.to_text() == "OWL (HermiT): consistent, no unsatisfiable classes"


def test_entity_typed_disease_and_cell_type_is_unsatisfiable(tmp_path: Path) -> None:
    kg = sample_kg()
    kg.add((HKE.CL_0000738, RDF.type, HK.Disease))  # a wrong extraction typed it twice
    report = _reason(kg, tmp_path)
    assert report.consistent and not report.ok
    by_iri = {u.iri: u for u in report.unsatisfiable}
    # leukemia "affects some white blood cell", so it is dragged down too
    assert {"hke:CL_0000738", "hke:DOID_1240"} <= set(by_iri)
    item = by_iri["hke:CL_0000738"]
    assert item.is_root
    assert "hke:CL_0000738" in by_iri["hke:DOID_1240"].follows_from
    text = report.to_text()
    assert text.index("hke:CL_0000738") < text.index("hke:DOID_1240")  # the root comes first
    assert "follows from hke:CL_0000738" in text
    assert [u.iri for u in report.unsatisfiable if u.is_root] == ["hke:CL_0000738"]
    assert item.label == "white blood cell"
    assert item.types == ("hk:CellType", "hk:Disease")
    sentences = {s.sentence for s in item.statements}
    assert "The bone marrow produces white blood cells." in sentences
    assert all(s.document == "sample_leukemia.txt" for s in item.statements)
    assert 'hke:CL_0000738 "white blood cell"' in report.to_text()


def test_disease_under_a_treatment_is_unsatisfiable(tmp_path: Path) -> None:
    wrong = statement(AML, Predicate.SUB_CLASS_OF, CHEMO, "AML is a type of chemotherapy.", 700)
    report = _reason(sample_kg([wrong]), tmp_path)
    (item,) = report.unsatisfiable
    assert item.iri == "hke:DOID_9119"  # nothing else depends on AML
    culprit = [s for s in item.statements if s.sentence == wrong.sentence]
    assert culprit and culprit[0].predicate == "rdfs:subClassOf"
    assert culprit[0].object == 'hke:HEMEKG_chemotherapy "chemotherapy"'
    assert '"AML is a type of chemotherapy."' in report.to_text()


def test_range_clash_makes_the_subject_unsatisfiable(tmp_path: Path) -> None:
    wrong = statement(
        LEUKEMIA, Predicate.HAS_SYMPTOM, WBC, "Leukemia shows white blood cells.", 800
    )
    report = _reason(sample_kg([wrong]), tmp_path)
    assert "hke:DOID_1240" in {u.iri for u in report.unsatisfiable}
    item = next(u for u in report.unsatisfiable if u.iri == "hke:DOID_1240")
    assert any(
        s.sentence == wrong.sentence and s.predicate == "hk:hasSymptom" for s in item.statements
    )


def test_inconsistent_ontology_is_reported(tmp_path: Path) -> None:
    owl, _ = write_owl(sample_kg(), tmp_path)
    graph = Graph().parse(owl, format="xml")
    document = next(graph.subjects(RDF.type, HK.SourceDocument))
    graph.add((document, RDF.type, HK.Disease))
    graph.add((document, RDF.type, HK.CellType))  # an individual in two disjoint classes
    broken = tmp_path / "broken.owl"
    broken.write_text(graph.serialize(format="xml"))
    report = check_consistency(broken)
    assert report.consistent is False
    assert not report.ok
    assert "INCONSISTENT" in report.to_text()


def test_missing_java_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    owl, _ = write_owl(sample_kg(), tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    with pytest.raises(BuildError, match="needs Java"):
        check_consistency(owl)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(BuildError, match="no such OWL file"):
        check_consistency(tmp_path / "absent.owl")
