"""curate(): rejected statements never reach the graph, accepted ones are marked, hand-added
ones carry their own provenance, and decisions outlive rebuilds or are reported stale."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import PROV, RDF, RDFS

from hemekg.build.graph import build_graph
from hemekg.curation import ACCEPTED, ADDED, REVIEW_COLUMNS, curate, curator_iri
from hemekg.errors import UsageError
from hemekg.iris import document_iri, entity_iri, statement_iri
from hemekg.model import Entity, EntityType, Predicate, Statement
from hemekg.namespaces import HK, predicate_iri
from hemekg.pipeline import select_statements
from tests.conftest import BLOOD_CANCER, BONE_MARROW, LEUKEMIA, make_statement
from tests.curation._support import write_decisions


def _decide(
    statement: Statement, decision: str, curator: str = "", note: str = ""
) -> dict[str, str]:
    return {
        "id": statement.id,
        "subject_label": statement.subject.label,
        "predicate": str(statement.predicate),
        "object_label": statement.object.label,
        "decision": decision,
        "curator": curator,
        "note": note,
    }


def _add(subject: str, predicate: str, obj: str, **extra: str) -> dict[str, str]:
    return {
        "subject_id": subject,
        "predicate": predicate,
        "object_id": obj,
        "decision": "add",
        "curator": "ada",
        **extra,
    }


def _asserted(
    outcome_statements: tuple[Statement, ...], min_confidence: float = 0.0
) -> list[Statement]:
    return select_statements(outcome_statements, min_confidence=min_confidence)


def test_empty_folder_changes_nothing(tmp_path: Path, statements: list[Statement]) -> None:
    (tmp_path / "README.md").write_text("decisions go here\n", encoding="utf-8")
    outcome = curate(statements, tmp_path)
    assert list(outcome.statements) == statements
    assert outcome.messages == ()
    graph = build_graph(_asserted(outcome.statements))
    before = len(graph)
    outcome.annotate(graph)
    assert len(graph) == before


def test_rejected_statement_never_reaches_the_graph(
    tmp_path: Path, statements: list[Statement]
) -> None:
    write_decisions(tmp_path / "d.tsv", [_decide(statements[1], "reject", "ada")])
    outcome = curate(statements, tmp_path)
    assert statements[1].id not in {s.id for s in outcome.statements}
    assert outcome.rejected == {statements[1].id}
    graph = build_graph(_asserted(outcome.statements))
    outcome.annotate(graph)
    assert (statement_iri(statements[1].id), None, None) not in graph
    assert (entity_iri("DOID:1240"), RDFS.subClassOf, entity_iri("DOID:2531")) not in graph
    assert outcome.messages[0].startswith("0 accepted, 1 rejected, 0 added, 0 stale")


def test_accepted_statement_is_marked_and_attributed(
    tmp_path: Path, statements: list[Statement]
) -> None:
    write_decisions(tmp_path / "d.tsv", [_decide(statements[0], "accept", "Ada Lovelace")])
    outcome = curate(statements, tmp_path)
    graph = build_graph(_asserted(outcome.statements))
    outcome.annotate(graph)
    node = statement_iri(statements[0].id)
    agent = URIRef("https://w3id.org/hemekg/curator/ada_lovelace")
    assert (node, HK.curationStatus, Literal(ACCEPTED)) in graph
    assert (node, PROV.wasAttributedTo, agent) in graph
    assert (agent, RDF.type, PROV.Agent) in graph
    assert (agent, RDFS.label, Literal("Ada Lovelace")) in graph
    other = statement_iri(statements[1].id)
    assert (other, HK.curationStatus, None) not in graph


def test_accept_beats_the_confidence_threshold(tmp_path: Path) -> None:
    weak = make_statement(confidence=0.3)
    also_weak = make_statement(
        LEUKEMIA,
        Predicate.SUB_CLASS_OF,
        BLOOD_CANCER,
        confidence=0.3,
        sentence="Leukemia, a blood cancer, ...",
    )
    write_decisions(tmp_path / "d.csv", [_decide(weak, "accept")])
    outcome = curate([weak, also_weak], tmp_path)
    kept = _asserted(outcome.statements, min_confidence=0.9)
    assert [s.id for s in kept] == [weak.id]
    assert kept[0].confidence == 1.0


def test_decisions_survive_a_rebuild_with_new_offsets_and_confidence(
    tmp_path: Path, statements: list[Statement]
) -> None:
    write_decisions(tmp_path / "d.tsv", [_decide(statements[1], "reject")])
    # The document gained a paragraph above, and the extractor's scoring changed.
    rebuilt = [replace(s, start=s.start + 500, end=s.end + 500, confidence=0.5) for s in statements]
    outcome = curate(rebuilt, tmp_path)
    assert statements[1].id not in {s.id for s in outcome.statements}
    assert not any("no longer extracted" in m for m in outcome.messages)


def test_decision_on_a_vanished_statement_is_reported(
    tmp_path: Path, statements: list[Statement]
) -> None:
    write_decisions(
        tmp_path / "decisions.tsv",
        [
            {"id": "", "decision": ""},
            _decide(statements[1], "reject", "ada"),
        ],
    )
    reworded = replace(statements[1], sentence="Leukemia is a kind of blood cancer.")
    outcome = curate([statements[0], reworded], tmp_path)
    assert reworded in outcome.statements  # a new sentence is a new statement, undecided
    assert len(outcome.stale) == 1
    assert outcome.messages[-1] == (
        f"{tmp_path / 'decisions.tsv'}:3: statement {statements[1].id} "
        "(leukemia subClassOf hematologic cancer) no longer extracted; 'reject' not applied"
    )


def test_rejecting_a_negated_statement_is_fine(tmp_path: Path, statements: list[Statement]) -> None:
    write_decisions(tmp_path / "d.tsv", [_decide(statements[2], "reject")])
    outcome = curate(statements, tmp_path)
    assert len(outcome.messages) == 1 and "1 rejected" in outcome.messages[0]


def test_accepting_a_negated_statement_keeps_it_out_and_says_so(
    tmp_path: Path, statements: list[Statement]
) -> None:
    write_decisions(tmp_path / "d.tsv", [_decide(statements[2], "accept")])
    outcome = curate(statements, tmp_path)
    assert statements[2].id not in {s.id for s in _asserted(outcome.statements)}
    assert "is negated in its text" in outcome.messages[1]


def test_hand_added_statement_has_curation_provenance(
    tmp_path: Path, statements: list[Statement]
) -> None:
    write_decisions(
        tmp_path / "manual.tsv",
        [_add("DOID:2531", "originatesIn", "bone marrow", note="Textbook, ch. 3.")],
    )
    outcome = curate(statements, tmp_path)
    (added,) = outcome.added
    assert (added.subject, added.object) == (BLOOD_CANCER, BONE_MARROW)  # the build's own entities
    assert (added.extractor, added.document, added.confidence) == ("curation", "manual.tsv", 1.0)
    assert added.sentence == "Textbook, ch. 3."
    graph = build_graph(_asserted(outcome.statements))
    outcome.annotate(graph)
    node = statement_iri(added.id)
    assert (
        entity_iri("DOID:2531"),
        predicate_iri(Predicate.ORIGINATES_IN),
        entity_iri("UBERON:0002371"),
    ) in graph
    assert (node, HK.curationStatus, Literal(ADDED)) in graph
    assert (node, PROV.wasAttributedTo, curator_iri("ada")) in graph
    assert (node, PROV.wasDerivedFrom, document_iri("manual.tsv")) in graph
    assert (document_iri("manual.tsv"), RDF.type, HK.SourceDocument) in graph
    assert (document_iri("manual.tsv"), HK.mediaType, Literal("text/tab-separated-values")) in graph


def test_hand_added_evidence_defaults_to_the_curator(tmp_path: Path) -> None:
    write_decisions(tmp_path / "m.csv", [_add("DOID:1240", "originatesIn", "UBERON:0002371")])
    (added,) = curate([], tmp_path).added
    assert added.sentence == "added by ada"


def test_hand_added_labels_are_grounded_with_the_lexicon(tmp_path: Path) -> None:
    write_decisions(
        tmp_path / "m.tsv",
        [
            {
                "subject_label": "leukaemia",
                "predicate": "treatedWith",
                "object_label": "chemotherapy",
                "decision": "add",
                "note": "n",
            },
        ],
    )
    (added,) = curate([], tmp_path).added
    assert added.subject.id == "DOID:1240"
    assert added.object.type is EntityType.TREATMENT  # the Treatment sense, not the Cause one


def test_unknown_curie_with_a_label_gets_its_type_from_the_prefix(tmp_path: Path) -> None:
    write_decisions(
        tmp_path / "m.tsv",
        [_add("DOID:1240", "affects", "CL:9999999", object_label="made-up cell")],
    )
    (added,) = curate([make_statement()], tmp_path, lookup=lambda _: []).added
    assert added.object == Entity("CL:9999999", "made-up cell", EntityType.CELL_TYPE)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            _add("DOID:1240", "treatedWith", "no such thing zz"),
            r"m\.tsv: line 2: object 'no such thing zz'",
        ),
        (
            _add("DOID:1240", "treatedWith", "HEMEKG:zz"),
            r"m\.tsv: line 2: object HEMEKG:zz is unknown",
        ),
        (_add("DOID:1240", "hasSymptom", "UBERON:0002371"), r"m\.tsv: line 2: .*does not fit"),
        (
            _add("HEMEKG:zz", "subClassOf", "DOID:1240", subject_label="zz"),
            r"m\.tsv: line 2: cannot tell the type of subject HEMEKG:zz",
        ),
        (
            _add(
                "HEMEKG:zz", "subClassOf", "DOID:1240", subject_label="zz", subject_type="Illness"
            ),
            r"m\.tsv: line 2: unknown subject_type 'Illness'",
        ),
    ],
)
def test_ungroundable_hand_added_rows_are_errors(
    tmp_path: Path, row: dict[str, str], message: str
) -> None:
    write_decisions(tmp_path / "m.tsv", [row], [*REVIEW_COLUMNS, "subject_type"])
    with pytest.raises(UsageError, match=message):
        curate([make_statement()], tmp_path, lookup=lambda _: [])


def test_explicit_type_column_places_a_project_entity(tmp_path: Path) -> None:
    write_decisions(
        tmp_path / "m.tsv",
        [
            _add(
                "HEMEKG:smoldering_leukemia",
                "subClassOf",
                "DOID:1240",
                subject_label="smoldering leukemia",
                subject_type="disease",
            )
        ],
        [*REVIEW_COLUMNS, "subject_type"],
    )
    (added,) = curate([make_statement()], tmp_path, lookup=lambda _: []).added
    assert added.subject.type is EntityType.DISEASE


def test_curator_iri_forms() -> None:
    assert (
        str(curator_iri("https://orcid.org/0000-0002-1825-0097"))
        == "https://orcid.org/0000-0002-1825-0097"
    )
    assert str(curator_iri("https://example.org/people/ada")) == "https://example.org/people/ada"
    assert str(curator_iri("Zoë K.")) == "https://w3id.org/hemekg/curator/zoe_k"


def test_curated_graph_conforms_to_the_shapes(tmp_path: Path, statements: list[Statement]) -> None:
    from hemekg.model import Document
    from hemekg.validate.shacl import validate_graph

    write_decisions(
        tmp_path / "m.tsv",
        [
            _decide(statements[0], "accept", "ada"),
            _add("DOID:2531", "originatesIn", "UBERON:0002371", note="Textbook."),
        ],
    )
    outcome = curate(statements, tmp_path)
    documents = [
        Document(name, name, "text/plain", "", "a" * 64, ()) for name in ("doc.txt", "other.txt")
    ]
    graph = build_graph(_asserted(outcome.statements), documents)
    outcome.annotate(graph)
    report = validate_graph(graph)
    assert report.conforms, report.to_text()
