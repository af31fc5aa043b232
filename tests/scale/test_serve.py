"""The SPARQL endpoint and Graph Store publishing, over real servers on loopback ports."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from hemekg.cli import cli
from hemekg.errors import ExportError, UsageError
from hemekg.serve import free_port, publish_graph, serve
from hemekg.store import GraphStore, update_store
from tests.scale.triple_lines import extract_lines, write_lines

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
TURTLE = """@prefix hk: <https://w3id.org/hemekg/> .
@prefix hke: <https://w3id.org/hemekg/entity/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
hke:DOID_1240 a hk:Disease ; rdfs:label "leukemia"@en ; hk:originatesIn hke:UBERON_0002371 .
hke:UBERON_0002371 a hk:AnatomicalStructure ; rdfs:label "bone marrow"@en .
"""


def _get(url: str, query: str, accept: str) -> tuple[str, str]:
    full = f"{url}?{urllib.parse.urlencode({'query': query})}"
    request = urllib.request.Request(full, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=10) as response:
        return response.headers.get("Content-Type", ""), response.read().decode("utf-8")


def _post(url: str, query: str, accept: str) -> str:
    request = urllib.request.Request(
        url,
        data=query.encode(),
        method="POST",
        headers={"Content-Type": "application/sparql-query", "Accept": accept},
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        return str(response.read().decode("utf-8"))


def _count(url: str) -> int:
    _, body = _get(url, COUNT, "application/sparql-results+json")
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


@pytest.fixture
def graph_file(tmp_path: Path) -> Path:
    path = tmp_path / "graph.ttl"
    path.write_text(TURTLE, encoding="utf-8")
    return path


def test_serves_a_graph_file_with_content_negotiation(graph_file: Path) -> None:
    with serve(graph_file, port=0) as server:
        assert server.host == "127.0.0.1"
        assert _count(server.query_url) == 5
        ctype, body = _get(
            server.query_url,
            "SELECT ?l WHERE { ?s a <https://w3id.org/hemekg/Disease> ; "
            "<http://www.w3.org/2000/01/rdf-schema#label> ?l }",
            "text/csv",
        )
        assert ctype.startswith("text/csv") and body.splitlines() == ["l", "leukemia"]
        xml = _post(server.query_url, "ASK { ?s ?p ?o }", "application/sparql-results+xml")
        assert "<boolean>true</boolean>" in xml
        ctype, turtle = _get(
            server.query_url,
            "CONSTRUCT WHERE { ?s <https://w3id.org/hemekg/originatesIn> ?o }",
            "text/turtle",
        )
        assert ctype.startswith("text/turtle") and "originatesIn" in turtle


def test_updates_are_refused_on_the_read_only_endpoint(graph_file: Path) -> None:
    with serve(graph_file, port=0) as server:
        request = urllib.request.Request(
            f"{server.base_url}/update",
            data=b"INSERT DATA { <urn:a> <urn:b> <urn:c> }",
            method="POST",
            headers={"Content-Type": "application/sparql-update"},
        )
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(request, timeout=10)
        assert refused.value.code in {403, 404, 405}
        assert _count(server.query_url) == 5


def test_serves_the_graph_of_a_store_folder(tmp_path: Path) -> None:
    files = [
        write_lines(tmp_path / "docs", "a.txt", ["leukemia | originatesIn | bone marrow"]),
        write_lines(tmp_path / "docs", "b.txt", ["anemia | hasSymptom | pallor"]),
    ]
    with GraphStore(tmp_path / "store") as store:
        update_store(files, store, job=extract_lines)
        expected = len(store)
    with serve(tmp_path / "store", port=0) as server:
        _, body = _get(
            server.query_url,
            "SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
            "application/sparql-results+json",
        )
        assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == expected


def test_missing_source_and_non_store_folder_are_usage_errors(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="no such file"), serve(tmp_path / "nope.ttl", port=0):
        pass
    with pytest.raises(UsageError, match="not a hemekg store"), serve(tmp_path, port=0):
        pass


def test_publish_put_and_post_to_a_graph_store_endpoint(tmp_path: Path, graph_file: Path) -> None:
    GraphStore(tmp_path / "target").close()
    extra = tmp_path / "extra.nt"
    extra.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n", encoding="utf-8")
    with serve(tmp_path / "target", port=0, writable=True) as server:
        assert publish_graph(graph_file, server.store_url, graph="urn:hemekg:kg") in {200, 201, 204}
        assert publish_graph(graph_file, server.store_url, graph="urn:hemekg:kg") in {200, 201, 204}
        assert _count(server.query_url) == 5  # PUT replaced, did not duplicate
        publish_graph(extra, server.store_url, graph="urn:hemekg:kg", replace=False)
        assert _count(server.query_url) == 6
        publish_graph(extra, server.store_url)  # the default graph
        _, body = _get(
            server.query_url,
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:hemekg:kg> { ?s ?p ?o } }",
            "application/sparql-results+json",
        )
        assert json.loads(body)["results"]["bindings"][0]["n"]["value"] == "6"


def test_publish_cli_and_its_errors(tmp_path: Path, graph_file: Path) -> None:
    GraphStore(tmp_path / "target").close()
    runner = CliRunner()
    with serve(tmp_path / "target", port=0, writable=True) as server:
        result = runner.invoke(cli, ["publish", str(graph_file), "--endpoint", server.store_url])
        assert result.exit_code == 0, result.output
        assert "HTTP 20" in result.output and _count(server.query_url) == 5
    with serve(graph_file, port=0) as read_only:
        refused = runner.invoke(
            cli, ["publish", str(graph_file), "--endpoint", read_only.store_url]
        )
        assert refused.exit_code == 2 and "refused the graph" in refused.output
    with pytest.raises(ExportError, match="cannot reach"):
        publish_graph(graph_file, f"http://127.0.0.1:{free_port()}/store", timeout_s=5)
    bad = runner.invoke(cli, ["publish", str(graph_file), "--endpoint", "ftp://example.org/x"])
    assert bad.exit_code == 2 and "not an http(s) endpoint" in bad.output


def test_serve_command_runs_until_stopped(graph_file: Path) -> None:
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "hemekg", "serve", str(graph_file), "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/query"
        for _ in range(200):  # bounded: at most ~20 s
            try:
                assert _count(url) == 5
                break
            except (urllib.error.URLError, ConnectionError):
                time.sleep(0.1)
        else:
            pytest.fail("hemekg serve did not answer")
    finally:
        process.terminate()
        process.wait(timeout=20)
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()
        process.stderr.close()
    leftover = subprocess.run(["pgrep", "-f", f"127.0.0.1:{port}"], capture_output=True, text=True)
    assert leftover.stdout.strip() == "", "the oxigraph server outlived hemekg serve"
