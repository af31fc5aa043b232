"""The N-Triples rendering of the graph mapping equals rdflib's serialisation, byte for byte."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph

from hemekg.build.graph import build_graph, graph_ntriples
from hemekg.build.terms import NTRIPLES, RDFLIB
from hemekg.model import Document, Entity, EntityType, Predicate, Statement
from hemekg.pipeline import extract_file, list_documents, select_statements
from hemekg.resources import corpus_dir
from tests.conftest import BONE_MARROW, LEUKEMIA, make_statement

PAGES = Path(__file__).resolve().parents[1] / "data" / "pages"


def _rdflib_bytes(graph: Graph) -> bytes:
    """What rdflib writes for ``graph``, lines sorted (split on ``\\n`` only: a literal may
    hold other line separators, which are not line ends in N-Triples)."""
    data = graph.serialize(format="nt", encoding="utf-8")
    lines = sorted(line for line in data.split(b"\n") if line)
    return b"".join(line + b"\n" for line in lines)


def _assert_same(statements: list[Statement], documents: list[Document]) -> bytes:
    rendered = graph_ntriples(statements, documents)
    assert rendered == _rdflib_bytes(build_graph(statements, documents))
    return rendered


def _extracted(folder: Path) -> list[tuple[list[Statement], Document]]:
    files, skipped = list_documents([folder])
    assert files and not skipped
    results = [extract_file(path) for path in files]
    return [(list(r.statements), r.document) for r in results if r.document is not None]


@pytest.mark.parametrize("folder", [corpus_dir(), PAGES], ids=["seeds", "pages"])
def test_every_document_renders_as_rdflib_serialises_it(folder: Path) -> None:
    documents = _extracted(folder)
    assert len(documents) >= 5
    everything: list[Statement] = []
    for statements, document in documents:
        asserted = select_statements(statements)
        assert asserted, document.id  # a page without statements would prove little
        _assert_same(asserted, [document])
        everything.extend(asserted)
    # the whole folder as one graph: entities shared across documents described once
    _assert_same(everything, [document for _, document in documents])
    # a confidence threshold changes which statements go in, not how they are written
    _assert_same(select_statements(everything, min_confidence=0.85), [])


AWKWARD = [
    'a "quoted" word',
    "back\\slash and \\n not a newline",
    "line\nbreak",
    "carriage\rreturn\r\n",
    "tab\there",
    "non-ASCII: anémie, Größe, 白血病",
    "astral: \U0001f9ec \U0001d11e",
    "separators: \x0b\x0c\x1c\x85\u2028\u2029 end",
    "control \x00\x01\x7f",
    "",
]


@pytest.mark.parametrize("text", AWKWARD)
def test_awkward_literals_render_as_rdflib_serialises_them(text: str) -> None:
    odd = Entity("HEMEKG:odd", text or "x", EntityType.DISEASE, (), (text, f"{text}!"))
    statement = make_statement(
        odd, Predicate.HAS_SYMPTOM, LEUKEMIA, document=f"doc {text}.txt", sentence=text,
        confidence=0.5,
    )
    statement = Statement(**{**_fields(statement), "extractor": text, "object_text": text})
    document = Document(f"doc {text}.txt", "p", text or "text/plain", "", text, (), text)
    rendered = _assert_same([statement], [document])
    assert rendered.count(b"\n") == len(build_graph([statement], [document]))  # a line a triple


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(st.characters(blacklist_categories=("Cs",)), max_size=40),
    start=st.integers(min_value=-(10**12), max_value=10**12),
    confidence=st.floats(min_value=0, max_value=1),
    synonyms=st.lists(st.text(st.characters(blacklist_categories=("Cs",)), max_size=8), max_size=3),
)
def test_any_text_renders_as_rdflib_serialises_it(
    text: str, start: int, confidence: float, synonyms: list[str]
) -> None:
    entity = Entity("HEMEKG:thing", text or "thing", EntityType.PHENOTYPE, (), tuple(synonyms))
    statement = make_statement(LEUKEMIA, Predicate.HAS_SYMPTOM, entity, sentence=text,
                               start=start, confidence=confidence)
    document = Document(text or "d.txt", "p", "text/plain", "", text, ())
    _assert_same([statement], [document])


def test_terms_render_as_rdflib_writes_them() -> None:
    cases = [
        ("iri", ("https://w3id.org/hemekg/entity/DOID_1240",)),
        ("string", ('say "hi"\\\n\r\t',)),
        ("lang_string", ("leukaemia", "en")),
        ("lang_string", ("Leukämie", "de-AT")),
        ("integer", (0,)),
        ("integer", (-42,)),
        ("integer", (10**30,)),
        *[("decimal", (Decimal(f"{c:.3f}"),)) for c in (0, 0.0004, 0.5, 0.9, 0.9999, 1, 12.5)],
        ("decimal", (Decimal("1E+2"),)),
    ]
    for method, args in cases:
        expected = getattr(RDFLIB, method)(*args)
        graph = Graph()
        node = RDFLIB.iri("urn:s")
        graph.add((node, node, expected))
        line = graph.serialize(format="nt", encoding="utf-8").decode("utf-8").rstrip("\n")
        assert line == f"<urn:s> <urn:s> {getattr(NTRIPLES, method)(*args)} .", (method, args)


@pytest.mark.parametrize("bad", ['x"y', "a<b", "a>b", "a{b}", "a|b", "a\\b", "a^b", "a`b"])
def test_an_iri_rdflib_refuses_is_refused(bad: str) -> None:
    strange = Entity(f"DOID:{bad}", "strange", EntityType.DISEASE, (f"HP:{bad}",))
    statement = make_statement(strange, Predicate.ORIGINATES_IN, BONE_MARROW)
    with pytest.raises(Exception, match="does not look like a valid URI"):
        _rdflib_bytes(build_graph([statement]))
    with pytest.raises(ValueError, match="does not look like a valid URI"):
        graph_ntriples([statement])


def test_empty_graph_is_empty_bytes() -> None:
    assert graph_ntriples([]) == b""
    negated = make_statement()
    assert graph_ntriples([Statement(**{**_fields(negated), "negated": True})]) == b""


def _fields(statement: Statement) -> dict[str, object]:
    return {name: getattr(statement, name) for name in statement.__dataclass_fields__}
