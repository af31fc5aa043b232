"""N-Triples into rdflib through Oxigraph: the graph rdflib's own parser makes."""

from __future__ import annotations

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from hemekg.api import example_path
from hemekg.store.rdflib_bridge import add_ntriples

_TRICKY = (
    '<urn:a> <urn:p> "plain" .\n'
    '<urn:a> <urn:p> "tab\\t quote\\" newline\\n \\u00e9 \\U0001F9EC" .\n'
    '<urn:a> <urn:p> "chat"@en .\n'
    '<urn:a> <urn:p> "0.90"^^<http://www.w3.org/2001/XMLSchema#decimal> .\n'
    '<urn:a> <urn:p> "7"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
    "<urn:a> <urn:p> _:b1 .\n"
    "_:b1 <urn:p> _:b2 .\n"
    "_:b2 <urn:p> <urn:a> .\n"
)


def _both(text: str) -> tuple[Graph, Graph]:
    return Graph().parse(data=text, format="nt"), add_ntriples(Graph(), text)


def test_the_same_terms_as_rdflibs_parser() -> None:
    theirs, ours = _both(_TRICKY)
    assert len(ours) == len(theirs) == 8
    assert isomorphic(ours, theirs)
    ground = {t for t in theirs if not any(term.n3().startswith("_:") for term in t)}
    assert ground <= set(ours)  # terms equal, not just the shape


def test_a_built_graph_loads_the_same() -> None:
    text = Graph().parse(example_path()).serialize(format="nt")
    theirs, ours = _both(text)
    assert len(ours) > 100
    assert set(ours) == set(theirs)


@pytest.mark.parametrize("data", ["", "  \n", b"", []])
def test_empty_input_adds_nothing(data: str | bytes | list[str]) -> None:
    assert len(add_ntriples(Graph(), data)) == 0


def test_lines_bytes_and_text_agree() -> None:
    lines = _TRICKY.splitlines()
    graphs = [add_ntriples(Graph(), form) for form in (_TRICKY, _TRICKY.encode(), lines)]
    assert all(isomorphic(graphs[0], other) for other in graphs[1:])


def test_malformed_input_is_a_syntax_error() -> None:
    with pytest.raises(SyntaxError):
        add_ntriples(Graph(), "<urn:a> <urn:p> .\n")
