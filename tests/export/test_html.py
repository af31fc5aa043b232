"""The interactive HTML view: self-contained, deterministic, and it renders in a real browser."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from rdflib import Graph

from hemekg.export.browser import dump_dom, find_chromium, screenshot
from hemekg.export.html import TYPE_COLOURS, graph_html, write_html


def _data(page: str) -> dict:
    match = re.search(r'<script id="hemekg-data" type="application/json">(.*?)</script>', page,
                      re.S)
    assert match
    return json.loads(match.group(1))


def test_page_is_self_contained(example_graph: Graph) -> None:
    page = graph_html(example_graph)
    assert not re.search(r"""<(script|link)[^>]+(src|href)=["']?https?:""", page)
    assert "vis.Network" in page
    assert page.count("</script>") == 3


def test_page_holds_entities_and_relations(tiny_graph: Graph) -> None:
    data = _data(graph_html(tiny_graph))
    assert [n["id"] for n in data["nodes"]] == ["DOID:2355", "HEMEKG:iron_supplement",
                                                "HP:0000980"]
    anemia = data["nodes"][0]
    assert anemia["label"] == "anemia"
    assert anemia["color"] == TYPE_COLOURS["Disease"]
    assert {e["label"] for e in data["edges"]} == {"hasSymptom", "treatedWith"}


def test_labels_cannot_break_out_of_the_script(tmp_path: Path) -> None:
    graph = Graph().parse(data="""
        @prefix hk: <https://w3id.org/hemekg/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
        <https://w3id.org/hemekg/entity/HEMEKG_x> a hk:Disease ;
            rdfs:label "</script><b>x</b>"@en .
        """, format="turtle")
    page = graph_html(graph)
    assert "</script><b>" not in page
    assert _data(page)["nodes"][0]["label"] == "</script><b>x</b>"


def test_page_is_deterministic(example_graph: Graph) -> None:
    reversed_graph = Graph()
    for triple in sorted(example_graph, reverse=True):
        reversed_graph.add(triple)
    assert graph_html(reversed_graph) == graph_html(example_graph)


def _require_chromium() -> None:
    if find_chromium() is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("Chromium is required under CI=true (run scripts/setup.sh)")
        pytest.skip("Chromium not installed (scripts/setup.sh installs it)")


@pytest.mark.slow
def test_nodes_render_in_headless_chromium(tmp_path: Path, example_graph: Graph) -> None:
    _require_chromium()
    page = write_html(example_graph, tmp_path / "graph.html")
    dom = dump_dom(page)
    assert 'data-rendered-nodes="20"' in dom
    assert re.search(r"<canvas[^>]*width=\"[1-9]", dom)
    png = screenshot(page, tmp_path / "graph.png", width=800, height=600)
    assert png.read_bytes().startswith(b"\x89PNG")
    # A blank page compresses to a few kB; a drawn graph with labels does not.
    assert png.stat().st_size > 20_000
