"""Incremental validation: after each change, the report equals a full validation's.

Each step changes, adds or removes one document so that a violation of each kind
appears or disappears: a subClassOf cycle closed and opened across documents (global
constraint), subClassOf between types and a malformed id (SPARQL constraints of bounded
reach), a wrong object type and two English labels from two documents (SHACL Core).
Only the nodes within reach of the changed triples are re-checked.
"""

from __future__ import annotations

import dataclasses
from itertools import pairwise
from pathlib import Path

import pytest
from rdflib.namespace import RDFS

from hemekg.build.graph import build_graph
from hemekg.model import Entity, EntityType
from hemekg.pipeline import BuildOptions, DocumentResult, select_statements
from hemekg.store import build as store_build
from hemekg.store.build import build_incremental
from hemekg.store.change_scope import constraint_reach, focus_scope
from hemekg.store.sparql_constraints import is_global, sparql_constraints
from hemekg.validate.shacl import default_shapes, validate_graph
from tests.scale.triple_lines import extract_lines, write_lines

#: entities the shared test extractor does not have: a second English label for
#: anemia (DOID:2355), and a disease with a malformed DOID xref.
SPECIAL = {
    "anaemia": Entity("DOID:2355", "anaemia", EntityType.DISEASE),
    "odd disease": Entity("DOID:0050001", "odd disease", EntityType.DISEASE, ("DOID:12x",)),
}


def extract_special(path: Path) -> DocumentResult:
    """:func:`extract_lines` with the :data:`SPECIAL` entities."""
    result = extract_lines(path)
    statements = tuple(
        dataclasses.replace(
            s,
            subject=SPECIAL.get(s.subject.label, s.subject),
            object=SPECIAL.get(s.object.label, s.object),
        )
        for s in result.statements
    )
    return dataclasses.replace(result, statements=statements)


BASE = {
    "a.txt": ["leukemia | originatesIn | bone marrow", "leukemia | hasSymptom | fatigue"],
    "b.txt": ["acute lymphocytic leukemia | subClassOf | leukemia", "anemia | hasSymptom | pallor"],
    "c.txt": ["leukemia | subClassOf | blood disease"],
}

#: (description, file, new lines or None to remove it, expected text in the report)
STEPS: list[tuple[str, str, list[str] | None, str | None]] = [
    (
        "a cycle closed by a third document",
        "c.txt",
        [
            "leukemia | subClassOf | blood disease",
            "blood disease | subClassOf | acute lymphocytic leukemia",
        ],
        "cycle",
    ),
    (  # no rdfs:subClassOf triple changed: the cycle check runs for the scope alone
        "a change beside the cycle, which stands",
        "a.txt",
        ["leukemia | originatesIn | bone marrow", "leukemia | hasSymptom | pallor"],
        "cycle",
    ),
    (  # a subClassOf edge that closes no cycle, from a node without results: the
        # components stand, and so does every cycle result (steady_predicates)
        "a subclass edge beside the cycle, which stands",
        "f.txt",
        ["anemia | subClassOf | blood disease"],
        "cycle",
    ),
    ("that subclass edge removed beside the cycle, which stands", "f.txt", None, "cycle"),
    ("the cycle opened by another document", "b.txt", ["anemia | hasSymptom | pallor"], None),
    ("the cycle closed again", "b.txt", BASE["b.txt"], "cycle"),
    ("the document closing it removed", "c.txt", None, None),
    (
        "a wrong object type and subClassOf across types",
        "d.txt",
        ["anemia | hasSymptom | chemotherapy", "leukemia | subClassOf | bone marrow"],
        "share no entity type",
    ),
    ("both fixed", "d.txt", ["anemia | hasSymptom | fatigue"], None),
    (
        "a second English label and a malformed id from a new document",
        "e.txt",
        ["anaemia | hasSymptom | pallor", "odd disease | hasSymptom | fatigue"],
        "malformed DOID id",
    ),
    ("that document removed", "e.txt", None, None),
]


def _whole(store: Path):  # type: ignore[no-untyped-def]
    """pyshacl over the whole union graph of the store (the full validation's answer).

    Not a clean build's graph: documents naming one entity with two labels give both
    in the union (the point of the uniqueLang case), where a clean build keeps one.
    """
    from hemekg.store import GraphStore

    with GraphStore(store) as opened:
        return validate_graph(opened.to_rdflib())


def test_each_change_reports_what_a_full_validation_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    checked: list[set[str] | None] = []
    changed: list[set[str] | None] = []
    real = store_build.validate_shards

    def spy(*args, **kwargs):  # type: ignore[no-untyped-def]
        checked.append(kwargs.get("members"))
        changed.append(kwargs.get("changed_predicates"))
        return real(*args, **kwargs)

    monkeypatch.setattr(store_build, "validate_shards", spy)
    docs = tmp_path / "docs"
    for name, lines in BASE.items():
        write_lines(docs, name, lines)
    options = BuildOptions(out_dir=tmp_path / "out", reason=False)
    store = tmp_path / "store"
    first = build_incremental([docs], options, store, job=extract_special, full_exports=False)
    texts: list[str] = []
    assert first.conforms and checked == [None]
    for description, name, lines, expected in STEPS:
        if lines is None:
            (docs / name).unlink()
        else:
            write_lines(docs, name, lines)
        result = build_incremental([docs], options, store, job=extract_special, full_exports=False)
        whole = _whole(store)
        assert result.validation_text == whole.to_text(), description
        assert result.conforms == whole.conforms, description
        texts.append(whole.to_text())
        if expected is None:
            assert whole.conforms, description
        else:
            assert expected in whole.to_text(), description
        members = checked[-1]
        assert members is not None, f"{description}: validated in full"
        assert len(members) < 40, (description, sorted(members))
        predicates = changed[-1]
        assert predicates, description
        if "beside the cycle" in description:
            assert str(RDFS.subClassOf) not in predicates
            if description.startswith("a change"):
                assert any(m.endswith("_1240>") for m in members)  # leukemia, on the cycle
        elif description.startswith("the cycle"):  # a removed edge on it, or one closing it
            assert str(RDFS.subClassOf) in predicates
    assert "one language-tagged rdfs:label" in " ".join(texts)  # the Core case was met


def test_a_cycle_broken_in_two_places_clears_the_nodes_between(tmp_path: Path) -> None:
    """Removing two edges of a five-class cycle: each removed edge now closes no cycle,
    but the node between them (disease e, touched by no change) loses its cycle result.
    The cycle check must then run over the whole taxonomy again."""
    docs = tmp_path / "docs"
    cycle = ["a", "b", "c", "d", "e", "a"]
    edges = [f"disease {x} | subClassOf | disease {y}" for x, y in pairwise(cycle)]
    write_lines(docs, "x.txt", [edges[0], edges[2]])  # a -> b, c -> d
    write_lines(docs, "y.txt", [edges[1], edges[3], edges[4]])  # b -> c, d -> e, e -> a
    options = BuildOptions(out_dir=tmp_path / "out", reason=False)
    store = tmp_path / "store"
    first = build_incremental([docs], options, store, job=extract_special, full_exports=False)
    assert "cycle" in first.validation_text
    (docs / "x.txt").unlink()
    again = build_incremental([docs], options, store, job=extract_special, full_exports=False)
    assert "cycle" not in again.validation_text
    assert again.validation_text == _whole(store).to_text()


def test_the_scope_of_an_unrelated_change_leaves_other_nodes_out(tmp_path: Path) -> None:
    """A changed triple about one entity reaches that entity and the provenance nodes
    annotating it, not the rest of the graph."""
    import pyoxigraph as ox

    docs = tmp_path / "docs"
    write_lines(docs, "a.txt", ["leukemia | hasSymptom | fatigue", "anemia | hasSymptom | pallor"])
    result = extract_special(docs / "a.txt")
    graph = build_graph(select_statements(result.statements), [result.document])
    dataset = ox.Store()
    dataset.load(graph.serialize(format="nt").encode(), ox.RdfFormat.N_TRIPLES)
    leukemia = "<https://w3id.org/hemekg/entity/DOID_1240>"
    changed = list(
        ox.parse(
            f'{leukemia} <http://www.w3.org/2000/01/rdf-schema#label> "leucemia"@en .'.encode(),
            ox.RdfFormat.N_TRIPLES,
        )
    )
    constraints = sparql_constraints(default_shapes())
    scope = focus_scope(
        dataset, changed, [constraint_reach(c.query) for c in constraints if not is_global(c)]
    )
    assert scope is not None and leukemia in scope
    assert "<https://w3id.org/hemekg/entity/DOID_2355>" not in scope
    assert len(scope) < len({str(q.subject) for q in dataset})


def test_a_changed_relation_reaches_only_the_provenance_nodes_of_that_relation(
    tmp_path: Path,
) -> None:
    """``?source ?property ?target`` matched by a changed relation triple concerns the
    provenance nodes annotating that source, property and target, not every provenance
    node of the source (thousands, for a common disease)."""
    import pyoxigraph as ox

    docs = tmp_path / "docs"
    write_lines(
        docs,
        "a.txt",
        [
            "leukemia | hasSymptom | fatigue",
            "leukemia | originatesIn | bone marrow",
            "leukemia | hasSymptom | pallor",
        ],
    )
    result = extract_special(docs / "a.txt")
    graph = build_graph(select_statements(result.statements), [result.document])
    dataset = ox.Store()
    dataset.load(graph.serialize(format="nt").encode(), ox.RdfFormat.N_TRIPLES)
    entity = "https://w3id.org/hemekg/entity/"
    relation = f"<{entity}DOID_1240> <https://w3id.org/hemekg/hasSymptom> <{entity}HP_0000980> ."
    axioms = {
        str(q.subject)
        for q in dataset.quads_for_pattern(
            None, ox.NamedNode("http://www.w3.org/2002/07/owl#annotatedSource"), None
        )
    }
    pallor_axioms = {
        str(q.subject)
        for q in dataset.quads_for_pattern(
            None,
            ox.NamedNode("http://www.w3.org/2002/07/owl#annotatedTarget"),
            ox.NamedNode(f"{entity}HP_0000980"),
        )
    }
    assert len(axioms) == 3 and len(pallor_axioms) == 1
    changed = list(ox.parse(relation.encode(), ox.RdfFormat.N_TRIPLES))  # added or removed
    constraints = sparql_constraints(default_shapes())
    scope = focus_scope(
        dataset, changed, [constraint_reach(c.query) for c in constraints if not is_global(c)]
    )
    assert scope is not None
    assert pallor_axioms <= scope
    assert not (axioms - pallor_axioms) & scope


def test_reach_of_the_packaged_constraints() -> None:
    reaches = {
        str(c.messages[0])[:30]: constraint_reach(c.query)
        for c in sparql_constraints(default_shapes())
    }
    assert [k for k, v in reaches.items() if v is None] == ["rdfs:subClassOf cycle: {$this}"]
    provenance = reaches["the statement {$this} {?path} "]
    assert provenance is not None
    # a changed owl:annotatedTarget reaches the statement's subject through annotatedSource
    assert any(r.steps and r.steps[0].predicate.endswith("annotatedSource") for r in provenance)


def test_the_report_file_does_not_depend_on_the_run(tmp_path: Path) -> None:
    """Two clean store builds of the same documents, and an incremental build that comes
    back to them, write the same shacl-report.ttl bytes (several results: their order
    must not follow blank-node ids, which are fresh in every run)."""
    docs = tmp_path / "docs"
    for name, lines in BASE.items():
        write_lines(docs, name, lines)
    step_lines = {description: lines for description, _, lines, _ in STEPS}
    write_lines(docs, "d.txt", step_lines["a wrong object type and subClassOf across types"] or [])
    write_lines(docs, "c.txt", step_lines["a cycle closed by a third document"] or [])
    outputs = []
    for number in range(2):
        options = BuildOptions(out_dir=tmp_path / f"out{number}", reason=False)
        build_incremental(
            [docs], options, tmp_path / f"store{number}", job=extract_special, full_exports=False
        )
        outputs.append((tmp_path / f"out{number}" / "shacl-report.ttl").read_bytes())
    write_lines(docs, "e.txt", ["leukemia | hasSymptom | pallor"])
    options = BuildOptions(out_dir=tmp_path / "out0", reason=False)
    build_incremental([docs], options, tmp_path / "store0", job=extract_special, full_exports=False)
    (docs / "e.txt").unlink()
    build_incremental([docs], options, tmp_path / "store0", job=extract_special, full_exports=False)
    outputs.append((tmp_path / "out0" / "shacl-report.ttl").read_bytes())
    assert outputs[0].count(b"sh:ValidationResult") >= 4
    assert outputs[0] == outputs[1] == outputs[2]


def test_query_facts_kept_in_a_store_read_back_equal() -> None:
    """An incremental build reads each constraint's reach and predicates from the store
    instead of parsing the queries again: what it reads back is what parsing gives."""
    import json

    from hemekg.store import change_scope
    from hemekg.store import sparql_constraints as module
    from hemekg.store.change_scope import load_query_facts, query_facts_json
    from hemekg.store.sparql_constraints import query_predicates

    queries = [c.query for c in sparql_constraints(default_shapes())]
    parsed = {q: (constraint_reach(q), query_predicates(q)) for q in queries}
    text = query_facts_json(queries)
    saved_reaches, saved_predicates = dict(change_scope._REACHES), dict(module.PREDICATES)
    try:
        change_scope._REACHES.clear()
        module.PREDICATES.clear()
        assert load_query_facts(text, queries)
        assert set(change_scope._REACHES) == set(queries)  # nothing parsed: all read back
        assert {q: (constraint_reach(q), query_predicates(q)) for q in queries} == parsed
        stale = json.loads(text)
        stale["format"] = "0"
        assert not load_query_facts(json.dumps(stale), queries)
        assert not load_query_facts(text, [*queries, "SELECT ?this WHERE { ?this ?p ?o }"])
    finally:
        change_scope._REACHES.update(saved_reaches)
        module.PREDICATES.update(saved_predicates)
