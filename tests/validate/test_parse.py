"""Untrusted RDF is parsed safely, and bad input gives one clear error with a position."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from hemekg.errors import ValidationRunError
from hemekg.rdfformat import RdfFormat
from hemekg.validate import load_rdf, validate_file
from hemekg.validate.parse import guess_format

RDFXML_HEADER = '<?xml version="1.0"?>\n'


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text("TOP-SECRET-CONTENT")
    return path


def _rdfxml_with(doctype: str, value: str) -> str:
    return (
        f"{RDFXML_HEADER}{doctype}\n"
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"\n'
        '         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n'
        f'  <rdf:Description rdf:about="http://example.org/a"><rdfs:label>{value}</rdfs:label>'
        "</rdf:Description>\n</rdf:RDF>\n"
    )


@pytest.mark.parametrize("kind", ["SYSTEM", 'PUBLIC "-//x//y"'])
def test_xxe_never_reads_a_local_file(tmp_path: Path, secret: Path, kind: str) -> None:
    doctype = f'<!DOCTYPE rdf:RDF [ <!ENTITY xxe {kind} "{secret.as_uri()}"> ]>'
    path = tmp_path / "evil.rdf"
    path.write_text(_rdfxml_with(doctype, "&xxe;"))
    with pytest.raises(ValidationRunError, match="external entity at line 2") as caught:
        load_rdf(path)
    assert "TOP-SECRET" not in str(caught.value)
    assert str(path) in str(caught.value)


def test_external_parameter_entity_and_dtd_are_refused(tmp_path: Path, secret: Path) -> None:
    for doctype in (
        f'<!DOCTYPE rdf:RDF [ <!ENTITY % p SYSTEM "{secret.as_uri()}"> %p; ]>',
        f'<!DOCTYPE rdf:RDF SYSTEM "{secret.as_uri()}">',
    ):
        path = tmp_path / "evil.owl"
        path.write_text(_rdfxml_with(doctype, "x"))
        with pytest.raises(ValidationRunError, match="external entity"):
            load_rdf(path)


def test_internal_entities_as_protege_writes_them_are_fine(tmp_path: Path) -> None:
    doctype = '<!DOCTYPE rdf:RDF [ <!ENTITY ex "http://example.org/"> ]>'
    text = _rdfxml_with(doctype, "hello").replace('"http://example.org/a"', '"&ex;a"')
    path = tmp_path / "ok.owl"
    path.write_text(text)
    graph = load_rdf(path)
    assert (URIRef("http://example.org/a"), None, None) in graph


def test_python_sax_itself_does_not_expand_external_entities(tmp_path: Path, secret: Path) -> None:
    """Second line of defence, below our pre-check: the parser rdflib uses keeps them off."""
    doctype = f'<!DOCTYPE rdf:RDF [ <!ENTITY xxe SYSTEM "{secret.as_uri()}"> ]>'
    graph = Graph()
    try:
        graph.parse(data=_rdfxml_with(doctype, "&xxe;"), format="xml")
    except Exception:
        return  # refusing is fine too
    assert "TOP-SECRET" not in graph.serialize(format="nt")


@pytest.mark.parametrize(
    "document",
    [
        '{"@context": "https://example.org/context.jsonld", "@id": "http://example.org/a"}',
        '{"@context": ["https://example.org/c.jsonld", {"ex": "http://example.org/"}]}',
        '{"@context": {"@import": "https://example.org/c.jsonld"}}',
        '{"@graph": [{"@context": "https://example.org/nested.jsonld"}]}',
    ],
    ids=["string", "list", "import", "nested"],
)
def test_remote_jsonld_context_is_never_fetched(tmp_path: Path, document: str) -> None:
    path = tmp_path / "remote.jsonld"
    path.write_text(document)
    with pytest.raises(ValidationRunError, match=r"remote @context .*never fetches"):
        load_rdf(path)


def test_inline_jsonld_context_is_fine(tmp_path: Path) -> None:
    path = tmp_path / "inline.jsonld"
    path.write_text(
        '{"@context": {"ex": "http://example.org/"}, "@id": "ex:a", "ex:p": {"@id": "ex:b"}}'
    )
    graph = load_rdf(path)
    assert (
        URIRef("http://example.org/a"),
        URIRef("http://example.org/p"),
        URIRef("http://example.org/b"),
    ) in graph


def test_malformed_turtle_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.ttl"
    path.write_text('@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:a ex:b "open .\n')
    with pytest.raises(ValidationRunError, match=r"line 3, column \d+") as caught:
        load_rdf(path)
    assert str(caught.value).startswith(f"{path}: Turtle syntax error")
    assert "\n" not in str(caught.value)


def test_malformed_ntriples_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.nt"
    path.write_text("<http://a> <http://b> <http://c> .\n<http://a> <http://b> .\n")
    with pytest.raises(ValidationRunError, match="line 2"):
        load_rdf(path)


def test_malformed_rdfxml_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.rdf"
    path.write_text(
        RDFXML_HEADER + '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n<x\n'
    )
    with pytest.raises(ValidationRunError, match=r"line \d+, column \d+"):
        load_rdf(path)


def test_malformed_json_names_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonld"
    path.write_text('{\n  "@id": \n}')
    with pytest.raises(ValidationRunError, match="line 3, column 1"):
        load_rdf(path)


def test_missing_file_and_unknown_suffix(tmp_path: Path) -> None:
    with pytest.raises(ValidationRunError, match="no such file"):
        load_rdf(tmp_path / "absent.ttl")
    with pytest.raises(ValidationRunError, match=r"suffix '\.csv'"):
        load_rdf(tmp_path / "table.csv")
    with pytest.raises(ValidationRunError, match="unknown RDF format 'yaml'"):
        load_rdf(tmp_path / "x.ttl", "yaml")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.ttl"
    path.write_bytes(b'<http://a> <http://b> "caf\xe9" .\n')
    with pytest.raises(ValidationRunError, match="not UTF-8"):
        load_rdf(path)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("a.ttl", RdfFormat.TURTLE),
        ("a.nt", RdfFormat.NTRIPLES),
        ("a.owl", RdfFormat.RDFXML),
        ("a.RDF", RdfFormat.RDFXML),
        ("a.jsonld", RdfFormat.JSONLD),
    ],
)
def test_format_from_suffix(name: str, expected: RdfFormat) -> None:
    assert guess_format(Path(name)) is expected


@pytest.mark.parametrize("fmt", ["turtle", "nt", "xml", "json-ld"])
def test_every_format_round_trips_through_validation(kg: Graph, tmp_path: Path, fmt: str) -> None:
    suffix = {"turtle": ".ttl", "nt": ".nt", "xml": ".rdf", "json-ld": ".jsonld"}[fmt]
    path = tmp_path / f"kg{suffix}"
    path.write_text(kg.serialize(format=fmt))
    report = validate_file(path)
    assert report.conforms, report.to_text()


def test_explicit_format_overrides_the_suffix(kg: Graph, tmp_path: Path) -> None:
    path = tmp_path / "kg.data"
    path.write_text(kg.serialize(format="nt"))
    assert validate_file(path, "ntriples").conforms
