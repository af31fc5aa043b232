"""The HTML documentation page of the ontology."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from rdflib import Literal
from rdflib.namespace import RDFS

from hemekg.build.docs import ontology_docs_html, write_ontology_docs
from hemekg.build.ontology import load_tbox
from hemekg.build.owl import owl_view
from hemekg.model import EntityType, Predicate
from hemekg.namespaces import HKE
from tests.validate.samples import sample_kg


class _Ids(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append(value)
            if name == "href" and value and value.startswith("#"):
                self.hrefs.append(value[1:])


def _parse(text: str) -> _Ids:
    parser = _Ids()
    parser.feed(text)
    return parser


def test_tbox_page_documents_every_type_and_relation() -> None:
    page = ontology_docs_html(load_tbox())
    parsed = _parse(page)
    assert {t.value for t in EntityType} <= set(parsed.ids)
    assert {p.value for p in Predicate if p is not Predicate.SUB_CLASS_OF} <= set(parsed.ids)
    assert {"evidenceText", "confidence", "SourceDocument"} <= set(parsed.ids)
    assert set(parsed.hrefs) <= set(parsed.ids)  # no dangling internal link
    assert len(parsed.ids) == len(set(parsed.ids))
    assert "https://creativecommons.org/licenses/by/4.0/" in page
    assert "pairwise disjoint" in page


def test_owl_view_page_lists_entities_and_escapes_text(tmp_path: Path) -> None:
    kg = sample_kg()
    kg.add((HKE.DOID_1240, RDFS.label, Literal("<script>alert(1)</script>", lang="fr")))
    path = write_ontology_docs(owl_view(kg), tmp_path / "ontology.html")
    page = path.read_text()
    parsed = _parse(page)
    assert "entity-DOID_1240" in parsed.ids
    assert "<script>" not in page
    assert "originates in</a> <em>some</em>" in page
    assert set(parsed.hrefs) <= set(parsed.ids)


def test_page_is_deterministic() -> None:
    assert ontology_docs_html(owl_view(sample_kg())) == ontology_docs_html(owl_view(sample_kg()))
