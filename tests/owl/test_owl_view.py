"""The OWL view: class axioms with provenance annotations, deterministic bytes, DL-parsable."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

from hemekg.build.graph import build_graph
from hemekg.build.owl import OWL_ONTOLOGY_IRI, owl_view, write_owl
from hemekg.namespaces import HK, HKE, OBOINOWL
from tests.validate.samples import DOCUMENT, sample_kg, sample_statements

LEUKEMIA, AML, BONE_MARROW = HKE.DOID_1240, HKE.DOID_9119, HKE.UBERON_0002371


@pytest.fixture(scope="module")
def view() -> Graph:
    return owl_view(sample_kg(), "2026-01-15")


def _restriction_targets(view: Graph, cls: URIRef) -> set[tuple[object, object]]:
    return {
        (view.value(r, OWL.onProperty), view.value(r, OWL.someValuesFrom))
        for r in view.objects(cls, RDFS.subClassOf)
        if (r, RDF.type, OWL.Restriction) in view
    }


def test_entities_are_classes_under_their_type(view: Graph) -> None:
    assert (LEUKEMIA, RDF.type, OWL.Class) in view
    assert (LEUKEMIA, RDFS.subClassOf, HK.Disease) in view
    assert (BONE_MARROW, RDFS.subClassOf, HK.AnatomicalStructure) in view
    assert (LEUKEMIA, RDFS.label, Literal("leukemia", lang="en")) in view
    assert (LEUKEMIA, SKOS.altLabel, Literal("leukaemia", lang="en")) in view
    assert (LEUKEMIA, OBOINOWL.hasDbXref, Literal("MONDO:0005059")) in view
    assert (LEUKEMIA, SKOS.exactMatch, URIRef("http://purl.obolibrary.org/obo/DOID_1240")) in view


def test_taxonomy_and_existential_restrictions(view: Graph) -> None:
    assert (AML, RDFS.subClassOf, LEUKEMIA) in view
    targets = _restriction_targets(view, LEUKEMIA)
    assert (HK.originatesIn, BONE_MARROW) in targets
    assert (HK.treatedWith, HKE.HEMEKG_chemotherapy) in targets
    assert len(targets) == 8  # every non-taxonomy statement with leukemia as subject


def test_axioms_are_annotated_with_provenance(view: Graph) -> None:
    axioms = [
        a
        for a in view.subjects(OWL.annotatedSource, LEUKEMIA)
        if (a, HK.evidenceText, Literal("Leukemia begins in the bone marrow.")) in view
    ]
    (axiom,) = axioms
    assert view.value(axiom, OWL.annotatedProperty) == RDFS.subClassOf
    restriction = view.value(axiom, OWL.annotatedTarget)
    assert (LEUKEMIA, RDFS.subClassOf, restriction) in view
    assert view.value(restriction, OWL.onProperty) == HK.originatesIn
    assert view.value(axiom, PROV.wasDerivedFrom) == URIRef(
        "https://w3id.org/hemekg/document/sample_leukemia_txt"
    )
    assert view.value(axiom, HK.confidence) == Literal("0.900", datatype=XSD.decimal)
    assert view.value(axiom, HK.startOffset) is not None
    assert str(view.value(axiom, RDFS.seeAlso)).startswith("https://w3id.org/hemekg/statement/")


def test_one_annotated_axiom_per_occurrence() -> None:
    from hemekg.model import Predicate
    from tests.validate.samples import BONE_MARROW as BM
    from tests.validate.samples import LEUKEMIA as LK
    from tests.validate.samples import statement

    again = statement(LK, Predicate.ORIGINATES_IN, BM, "Leukemia starts in the marrow.", 900)
    view = owl_view(sample_kg([again]))
    sentences = {
        str(view.value(a, HK.evidenceText)) for a in view.subjects(OWL.annotatedSource, LEUKEMIA)
    }
    assert {"Leukemia begins in the bone marrow.", "Leukemia starts in the marrow."} <= sentences
    assert sum(1 for t in _restriction_targets(view, LEUKEMIA) if t[0] == HK.originatesIn) == 1
    restrictions = [
        r
        for r in view.objects(LEUKEMIA, RDFS.subClassOf)
        if view.value(r, OWL.onProperty) == HK.originatesIn
    ]
    assert len(restrictions) == 2  # two annotated axioms, each with its own sentence


def test_header_and_tbox_are_merged(view: Graph) -> None:
    assert list(view.subjects(RDF.type, OWL.Ontology)) == [OWL_ONTOLOGY_IRI]
    assert (
        str(view.value(OWL_ONTOLOGY_IRI, OWL.versionIRI))
        == "https://w3id.org/hemekg/releases/2026-01-15/hemekg.owl"
    )
    assert view.value(OWL_ONTOLOGY_IRI, DCTERMS.created) == Literal("2026-01-15", datatype=XSD.date)
    for prop in (DCTERMS.title, DCTERMS.description, DCTERMS.license):
        assert view.value(OWL_ONTOLOGY_IRI, prop) is not None
    assert (None, OWL.imports, None) not in view
    assert (HK.Disease, RDFS.label, Literal("disease", lang="en")) in view
    assert (HK.originatesIn, RDFS.domain, HK.Disease) in view
    assert any(view.subjects(RDF.type, OWL.AllDisjointClasses))


def test_two_writes_are_byte_identical(tmp_path: Path) -> None:
    statements = sample_statements()
    shuffled = list(statements)
    random.Random(7).shuffle(shuffled)
    first = write_owl(build_graph(statements, [DOCUMENT]), tmp_path / "a")
    second = write_owl(build_graph(shuffled, [DOCUMENT]), tmp_path / "b")
    assert [p.name for p in first] == ["hemekg.owl", "hemekg.owl.ttl"]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes()


def test_release_date_comes_from_source_date_epoch(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")  # 2023-11-14
    (owl, _ttl) = write_owl(sample_kg(), tmp_path)
    assert "releases/2023-11-14/hemekg.owl" in owl.read_text()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    (owl, _ttl) = write_owl(sample_kg(), tmp_path)
    assert "releases/2026-11-22/hemekg.owl" in owl.read_text()  # the fixed default


def test_written_files_parse_back_to_the_same_graph(tmp_path: Path, view: Graph) -> None:
    from rdflib.compare import isomorphic

    owl, ttl = write_owl(sample_kg(), tmp_path, "2026-01-15")
    assert isomorphic(Graph().parse(owl, format="xml"), view)
    assert isomorphic(Graph().parse(ttl, format="turtle"), view)


def test_horned_owl_reads_the_rdfxml(tmp_path: Path) -> None:
    """An OWL parser independent of rdflib sees the classes and the annotated axioms."""
    import pyhornedowl

    owl, _ = write_owl(sample_kg(), tmp_path, "2026-01-15")
    ontology = pyhornedowl.open_ontology(str(owl))
    classes = set(ontology.get_classes())
    assert {str(LEUKEMIA), str(AML), str(BONE_MARROW), str(HK.Disease)} <= classes
    assert (
        str(ontology.get_version_iri()) == "https://w3id.org/hemekg/releases/2026-01-15/hemekg.owl"
    )
    axioms = [str(a) for a in ontology.get_axioms_for_iri(str(AML))]
    assert any(
        a.startswith("SubClassOf(") and str(LEUKEMIA) in a and "AML is a type of leukemia." in a
        for a in axioms
    )
    leukemia = [str(a) for a in ontology.get_axioms_for_iri(str(LEUKEMIA))]
    assert any(
        "ObjectSomeValuesFrom" in a
        and str(HK.originatesIn) in a
        and "Leukemia begins in the bone marrow." in a
        for a in leukemia
    )


def test_bytes_do_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    """rdflib's stores iterate in hash order; the OWL files must not."""
    import os
    import subprocess
    import sys

    script = (
        "import sys; from pathlib import Path\n"
        "from hemekg.build.owl import write_owl\n"
        "from tests.validate.samples import sample_kg\n"
        "write_owl(sample_kg(), Path(sys.argv[1]), '2026-01-15')\n"
    )
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        subprocess.run(
            [sys.executable, "-c", script, str(out)],
            check=True,
            env=env,
            cwd=Path(__file__).parents[2],
        )
        outputs.append([(out / name).read_bytes() for name in ("hemekg.owl", "hemekg.owl.ttl")])
    assert outputs[0] == outputs[1]
