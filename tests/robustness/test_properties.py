"""Property-based tests: arbitrary input never crashes a stage, and the graph stays closed.

- ``read_document`` on any text, HTML, Markdown or byte string raises nothing but ``ReadError``,
  and the sentences it returns point inside the decoded source;
- ``extract_document`` on whatever was read raises nothing and returns well-typed statements;
- every asserted statement's subject and object exist in the built graph with a label;
- ``hemekg validate`` on random graphs, random bytes and mutated Turtle ends with exit
  code 0, 1 or 2, never a traceback.

Example counts stay modest so the suite remains fast.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from hemekg.errors import HemekgWarning, ReadError
from hemekg.iris import entity_iri
from hemekg.model import PREDICATE_SIGNATURES, Document, Statement
from hemekg.namespaces import HK, HKE, bind_prefixes
from tests.robustness._support import invoke

SETTINGS = settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

#: words and phrases the lexicon and relation cues know, so random sentences yield statements.
VOCABULARY = [
    "leukemia",
    "acute myeloid leukemia",
    "chronic lymphocytic leukemia",
    "lymphoma",
    "anemia",
    "bone marrow",
    "blood",
    "lymph nodes",
    "white blood cells",
    "red blood cells",
    "platelets",
    "fatigue",
    "fever",
    "bruising",
    "infections",
    "chemotherapy",
    "radiation therapy",
    "stem cell transplant",
    "bone marrow biopsy",
    "complete blood count",
    "children",
    "adults",
    "is a type of",
    "begins in",
    "spreads to",
    "affects",
    "symptoms include",
    "is diagnosed with",
    "is treated with",
    "is caused by",
    "risk factors include",
    "does not",
    "may",
    "no",
    "not",
    "and",
    "or",
    ",",
    ".",
    "(",
    ")",
    ":",
    ";",
    "-",
    "ALL",
    "AML",
    "CLL",
]
sentences = st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=14).map(
    lambda words: " ".join(words).capitalize() + "."
)
hematology_text = st.lists(st.one_of(sentences, st.text(max_size=40)), min_size=1, max_size=8).map(
    "\n".join
)
any_text = st.one_of(st.text(max_size=400), hematology_text)
html_tags = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<script>",
        "</script>",
        "<style>",
        "</style>",
        "<ul><li>",
        "</li></ul>",
        "<h1>",
        "</h1>",
        "<br>",
        "<!--",
        "-->",
        "<a href='x'>",
        "</a>",
        "&amp;",
        "&#0;",
        "<![CDATA[",
        "]]>",
        "<table><tr><td>",
        "<",
        ">",
        "</",
        '<p class="',
        "<?xml ?>",
        "<!DOCTYPE html>",
    ]
)
any_html = st.lists(st.one_of(html_tags, sentences, st.text(max_size=30)), max_size=30).map("".join)
any_markdown = st.lists(
    st.one_of(
        sentences,
        st.sampled_from(
            ["# ", "## ", "* ", "1. ", "> ", "```", "[x](", ")", "![i](", "\n", "|", "---"]
        ),
        st.text(max_size=20),
    ),
    max_size=30,
).map("".join)


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("properties")


def _read(path: Path) -> Document | None:
    """``read_document(path)``; ``None`` for a ``ReadError``, anything else propagates."""
    from hemekg.read import read_document

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HemekgWarning)  # tolerated flaws warn; not a failure
        try:
            return read_document(path)
        except ReadError as error:
            assert path.name in str(error)
            assert "\n" not in str(error)
            return None


def _check_document(document: Document) -> None:
    assert document.sentences is not None
    previous_start = 0
    for sentence in document.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(document.source), sentence
        assert sentence.start >= previous_start, "sentences out of document order"
        previous_start = sentence.start
        assert sentence.text == " ".join(sentence.text.split()), "white space not folded"


def _check_statements(document: Document, statements: list[Statement]) -> None:
    for statement in statements:
        assert statement.document == document.id
        assert 0 <= statement.start <= statement.end <= len(document.source)
        assert 0.0 <= statement.confidence <= 1.0
        subjects, objects = PREDICATE_SIGNATURES[statement.predicate]
        assert statement.subject.type in subjects, statement
        assert statement.object.type in (
            objects if objects is not None else {statement.subject.type}
        )


def _extract(document: Document) -> list[Statement]:
    from hemekg.extract import extract_document

    statements = list(extract_document(document))
    _check_statements(document, statements)
    return statements


@SETTINGS
@given(
    content=st.one_of(
        any_text.map(lambda t: (".txt", t)),
        any_html.map(lambda t: (".html", t)),
        any_markdown.map(lambda t: (".md", t)),
    )
)
def test_read_and_extract_never_crash(workdir: Path, content: tuple[str, str]) -> None:
    suffix, text = content
    path = workdir / f"doc{suffix}"
    path.write_text(text, encoding="utf-8", errors="surrogatepass")
    document = _read(path)
    if document is not None:
        _check_document(document)
        _extract(document)


@SETTINGS
@given(data=st.binary(max_size=600), suffix=st.sampled_from([".txt", ".md", ".html", ".htm"]))
def test_read_of_arbitrary_bytes_raises_only_read_error(
    workdir: Path, data: bytes, suffix: str
) -> None:
    path = workdir / f"bytes{suffix}"
    path.write_bytes(data)
    document = _read(path)
    if document is not None:
        _check_document(document)
        _extract(document)


@SETTINGS
@given(text=st.lists(sentences, min_size=1, max_size=12).map("\n".join))
def test_every_statement_end_exists_in_the_graph_with_a_label(workdir: Path, text: str) -> None:
    from hemekg.build.graph import build_graph

    path = workdir / "page.txt"
    path.write_text(text, encoding="utf-8")
    document = _read(path)
    if document is None:
        return
    statements = _extract(document)
    graph = build_graph(statements, [document])
    for statement in statements:
        if statement.negated:
            continue
        for entity in (statement.subject, statement.object):
            node = entity_iri(entity.id)
            assert (node, RDF.type, None) in graph, f"{entity.id} has no type"
            labels = list(graph.objects(node, RDFS.label))
            assert len(labels) == 1 and str(labels[0]).strip(), f"{entity.id} labels: {labels}"


def test_the_vocabulary_strategy_reaches_the_graph(workdir: Path) -> None:
    """Guard against a vacuous property: plain sentences of the vocabulary do yield statements."""
    path = workdir / "guard.txt"
    path.write_text(
        "Acute myeloid leukemia is a type of leukemia.\nLeukemia begins in the bone marrow.\n"
    )
    document = _read(path)
    assert document is not None
    assert _extract(document)


# --- random RDF into hemekg validate -------------------------------------------------

_NODES = [
    HKE["DOID_1240"],
    HKE["UBERON_0002371"],
    HKE["HP_0012378"],
    URIRef("http://example.org/x"),
]
_PREDICATES = [RDF.type, RDFS.label, HK.originatesIn, HK.hasSymptom, RDFS.subClassOf, HK.confidence]
_OBJECTS = [
    *_NODES,
    HK.Disease,
    HK.AnatomicalStructure,
    HK.Phenotype,
    Literal("leukemia", lang="en"),
    Literal(""),
    Literal(1.5),
    Literal("x", lang="fr"),
]
random_graphs = st.lists(
    st.tuples(st.sampled_from(_NODES), st.sampled_from(_PREDICATES), st.sampled_from(_OBJECTS)),
    max_size=12,
)
VALID_TURTLE = (
    b"@prefix hk: <https://w3id.org/hemekg/> .\n@prefix hke: <https://w3id.org/hemekg/entity/> .\n"
    b"@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    b'hke:DOID_1240 a hk:Disease ; rdfs:label "leukemia"@en ;\n'
    b"    hk:originatesIn hke:UBERON_0002371 .\n"
    b'hke:UBERON_0002371 a hk:AnatomicalStructure ; rdfs:label "bone marrow"@en .\n'
)


def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    for position, delete, insert in edits:
        at = position % (len(data) + 1)
        data = data[:at] + insert + data[at + delete :]
    return data


mutated_turtle = st.lists(
    st.tuples(st.integers(0, 10_000), st.integers(0, 8), st.binary(max_size=4)),
    min_size=1,
    max_size=4,
).map(lambda edits: _mutate(VALID_TURTLE, edits))


def _validate(path: Path, cwd: Path) -> None:
    result = invoke(["validate", path], cwd=cwd)
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.output


@SETTINGS
@given(
    triples=random_graphs,
    fmt=st.sampled_from(
        [("turtle", ".ttl"), ("nt", ".nt"), ("xml", ".rdf"), ("json-ld", ".jsonld")]
    ),
)
def test_validate_of_random_graphs_never_crashes(
    workdir: Path, triples: list[tuple[URIRef, URIRef, object]], fmt: tuple[str, str]
) -> None:
    graph = bind_prefixes(Graph())
    for triple in triples:
        graph.add(triple)  # type: ignore[arg-type]
    path = workdir / f"random{fmt[1]}"
    path.write_text(graph.serialize(format=fmt[0]), encoding="utf-8")
    _validate(path, workdir)


@SETTINGS
@given(
    data=st.one_of(st.binary(max_size=300), mutated_turtle),
    suffix=st.sampled_from([".ttl", ".nt", ".rdf", ".jsonld"]),
)
def test_validate_of_random_bytes_and_mutated_turtle_never_crashes(
    workdir: Path, data: bytes, suffix: str
) -> None:
    path = workdir / f"mutated{suffix}"
    path.write_bytes(data)
    _validate(path, workdir)
