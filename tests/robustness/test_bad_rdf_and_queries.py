"""Bad RDF and bad queries to ``hemekg validate`` and ``hemekg query``.

- malformed Turtle: one-line error with line and column, exit 2;
- RDF/XML with external entities (XXE): a secret file the entity points to is never read
  (its access time stays put) and never printed;
- JSON-LD with a remote ``@context``: never fetched (a local HTTP server counts requests),
  a clear error, exit 2;
- a SPARQL syntax error: message with the position, exit 2;
- a query that would run for ever: stopped by ``--timeout``, exit 2, within a bounded time.
"""

from __future__ import annotations

import http.server
import os
import re
import subprocess
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.robustness._support import invoke, run_script

SECRET = "hemekg-secret-7f3c1b"
GOOD_TURTLE = (
    "@prefix hk: <https://w3id.org/hemekg/> .\n"
    "@prefix hke: <https://w3id.org/hemekg/entity/> .\n"
    "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
    'hke:DOID_1240 a hk:Disease ; rdfs:label "leukemia"@en .\n'
)
#: the error sits on line 5, where a subject has a predicate but no object.
MALFORMED_TURTLE = GOOD_TURTLE + "hke:DOID_1240 rdfs:label .\n"
POSITION = re.compile(r"line (\d+),? column (\d+)")


def _command(kind: str, path: Path) -> list[str | Path]:
    """``hemekg validate PATH`` or a trivial ``hemekg query`` over PATH."""
    if kind == "validate":
        return ["validate", path]
    return ["query", "--graph", path, "SELECT * WHERE { ?s ?p ?o }", "--timeout", "60"]


def _one_error_line(stderr: str) -> str:
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, f"expected one line on stderr, got:\n{stderr}"
    assert lines[0].startswith("hemekg: error: "), lines[0]
    return lines[0]


# --- malformed Turtle ------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["validate", "query"])
def test_malformed_turtle_gives_line_and_column_and_exit_2(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text(MALFORMED_TURTLE, encoding="utf-8")
    result = invoke(_command(kind, path), cwd=tmp_path)
    assert result.exit_code == 2, result.output
    line = _one_error_line(result.stderr)
    assert "broken.ttl" in line
    position = POSITION.search(line)
    assert position, f"no 'line L, column C' in {line!r}"
    assert int(position.group(1)) == 5, line


# --- XXE -------------------------------------------------------------------------------


@dataclass
class Secret:
    """A file holding :data:`SECRET` whose access time shows whether anything read it."""

    path: Path
    atime_works: bool = field(default=False)

    def arm(self) -> None:
        """Set the access time far in the past; a read moves it to now (relatime, strictatime)."""
        stat = self.path.stat()
        os.utime(self.path, (1, stat.st_mtime))

    def was_read(self) -> bool:
        return self.path.stat().st_atime > 1


@pytest.fixture
def secret(tmp_path: Path) -> Secret:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET + "\n", encoding="utf-8")
    probe = Secret(tmp_path / "probe.txt")
    probe.path.write_text("probe\n", encoding="utf-8")
    probe.arm()
    probe.path.read_text(encoding="utf-8")
    guarded = Secret(path, atime_works=probe.was_read())
    guarded.arm()
    return guarded


def _rdfxml(doctype: str, value: str = "&xxe;") -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f"{doctype}\n"
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"\n'
        '         xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#">\n'
        '  <rdf:Description rdf:about="https://w3id.org/hemekg/entity/DOID_1240">\n'
        f"    <rdfs:label>{value}</rdfs:label>\n"
        "  </rdf:Description>\n"
        "</rdf:RDF>\n"
    )


def _xxe_documents(secret: Path) -> dict[str, bytes]:
    uri = secret.as_uri()
    dtd = secret.with_suffix(".dtd")
    dtd.write_text(f'<!ENTITY xxe SYSTEM "{uri}">\n', encoding="utf-8")
    general = _rdfxml(f'<!DOCTYPE rdf:RDF [<!ENTITY xxe SYSTEM "{uri}">]>')
    return {
        "general-entity": general.encode("utf-8"),
        "public-entity": _rdfxml(
            f'<!DOCTYPE rdf:RDF [<!ENTITY xxe PUBLIC "-//x//y" "{uri}">]>'
        ).encode(),
        "parameter-entity": _rdfxml(
            f'<!DOCTYPE rdf:RDF [<!ENTITY % ext SYSTEM "{dtd.as_uri()}"> %ext;]>'
        ).encode("utf-8"),
        "external-dtd": _rdfxml(f'<!DOCTYPE rdf:RDF SYSTEM "{dtd.as_uri()}">').encode("utf-8"),
        "utf-16": general.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode("utf-16"),
    }


XXE_VARIANTS = ["general-entity", "public-entity", "parameter-entity", "external-dtd", "utf-16"]


@pytest.mark.parametrize("kind", ["validate", "query"])
@pytest.mark.parametrize("variant", XXE_VARIANTS)
def test_xxe_never_reads_the_local_file(
    tmp_path: Path, secret: Secret, kind: str, variant: str
) -> None:
    path = tmp_path / "attack.rdf"
    path.write_bytes(_xxe_documents(secret.path)[variant])
    dtd = Secret(secret.path.with_suffix(".dtd"), atime_works=secret.atime_works)
    secret.arm()
    dtd.arm()
    result = invoke(
        [*_command(kind, path), *(["--format", "json"] if kind == "query" else [])], cwd=tmp_path
    )
    if secret.atime_works:  # checked first: the scan below reads the DTD itself
        assert not secret.was_read(), f"{variant}: the secret file was opened"
        assert not dtd.was_read(), f"{variant}: the external DTD was opened"
    everything = result.output + "".join(
        p.read_text(errors="replace")
        for p in tmp_path.rglob("*")
        if p.is_file() and p != secret.path
    )
    assert SECRET not in everything, f"{variant}: the secret leaked"
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2)
    if variant in ("general-entity", "public-entity", "parameter-entity"):
        assert result.exit_code == 2, result.output
        assert "entit" in _one_error_line(result.stderr).lower()


def test_xxe_through_the_installed_script(tmp_path: Path, secret: Secret) -> None:
    path = tmp_path / "attack.rdf"
    path.write_bytes(_xxe_documents(secret.path)["general-entity"])
    secret.arm()
    done = run_script(["validate", path], cwd=tmp_path, timeout=120)
    assert done.returncode == 2
    assert SECRET not in done.stdout + done.stderr
    if secret.atime_works:
        assert not secret.was_read()
    assert "attack.rdf" in _one_error_line(done.stderr)


# --- JSON-LD with a remote @context ------------------------------------------------------


@dataclass
class ContextServer:
    """A local HTTP server that would serve a JSON-LD context, counting every request."""

    url: str
    requests: list[str]


@pytest.fixture
def context_server() -> Iterator[ContextServer]:
    requests: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            body = b'{"@context": {"label": "http://www.w3.org/2000/01/rdf-schema#label"}}'
            self.send_response(200)
            self.send_header("Content-Type", "application/ld+json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield ContextServer(f"http://127.0.0.1:{server.server_address[1]}/context.jsonld", requests)
    finally:
        server.shutdown()
        server.server_close()


def _remote_context_documents(url: str, local: Path) -> dict[str, str]:
    node = '"@id": "https://w3id.org/hemekg/entity/DOID_1240", "label": "leukemia"'
    return {
        "http-context": f'{{"@context": "{url}", {node}}}',
        "context-list": f'{{"@context": [{{"hk": "https://w3id.org/hemekg/"}}, "{url}"], {node}}}',
        "file-context": f'{{"@context": "{local.as_uri()}", {node}}}',
        "import": f'{{"@context": {{"@version": 1.1, "@import": "{url}"}}, {node}}}',
    }


@pytest.mark.parametrize("kind", ["validate", "query"])
@pytest.mark.parametrize("variant", ["http-context", "context-list", "file-context", "import"])
def test_remote_jsonld_context_is_never_fetched(
    tmp_path: Path, secret: Secret, context_server: ContextServer, kind: str, variant: str
) -> None:
    local_context = tmp_path / "context.jsonld"
    local_context.write_text('{"@context": {"label": "urn:' + SECRET + '"}}', encoding="utf-8")
    path = tmp_path / "remote.jsonld"
    path.write_text(
        _remote_context_documents(context_server.url, local_context)[variant], encoding="utf-8"
    )
    result = invoke(_command(kind, path), cwd=tmp_path)
    assert context_server.requests == [], f"{kind} fetched the remote context"
    assert SECRET not in result.output, f"{kind} read the local context file"
    assert result.exit_code == 2, result.output
    line = _one_error_line(result.stderr)
    assert "remote.jsonld" in line and "context" in line.lower(), line


# --- SPARQL ------------------------------------------------------------------------------


@pytest.fixture
def graph_file(tmp_path: Path) -> Path:
    path = tmp_path / "graph.ttl"
    lines = [GOOD_TURTLE]
    for index in range(300):
        lines.append(f'hke:HEMEKG_n{index} a hk:Phenotype ; rdfs:label "node {index}"@en .\n')
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_sparql_syntax_error_gives_its_position_and_exit_2(
    tmp_path: Path, graph_file: Path, engine: str
) -> None:
    # rdfs: is undeclared, so hemekg prepends a PREFIX line: the position must still be the user's.
    query = "SELECT ?s\nWHERE { ?s rdfs:label ?o . ?x ?y }"
    result = invoke(["query", "--graph", graph_file, "--engine", engine, query], cwd=tmp_path)
    assert result.exit_code == 2, result.output
    line = _one_error_line(result.stderr)
    position = POSITION.search(line)
    assert position, f"no position in {line!r}"
    assert int(position.group(1)) == 2, line


RUNAWAY = (
    "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?x ?o . "
    "FILTER(STR(?c) != STR(?o)) }"
)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_runaway_query_is_stopped_by_its_timeout(
    tmp_path: Path, graph_file: Path, engine: str
) -> None:
    started = time.monotonic()
    result = invoke(
        ["query", "--graph", graph_file, "--engine", engine, "--timeout", "1.5", RUNAWAY],
        cwd=tmp_path,
    )
    elapsed = time.monotonic() - started
    assert result.exit_code == 2, result.output
    assert "timeout" in _one_error_line(result.stderr).lower()
    assert elapsed < 30, f"the timeout took {elapsed:.1f} s to stop the query"


def test_runaway_query_through_the_installed_script(tmp_path: Path, graph_file: Path) -> None:
    started = time.monotonic()
    done = run_script(
        ["query", "--graph", graph_file, "--timeout", "1", RUNAWAY], cwd=tmp_path, timeout=120
    )
    elapsed = time.monotonic() - started
    assert done.returncode == 2, done.stderr
    assert "timeout" in _one_error_line(done.stderr).lower()
    assert elapsed < 30


# --- special files -----------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["validate", "query"])
def test_fifo_as_rdf_input_is_refused_without_blocking(tmp_path: Path, kind: str) -> None:
    """Opening a FIFO for reading waits for a writer for ever; it must be refused unopened."""
    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    try:
        done = run_script(_command(kind, fifo), cwd=tmp_path, timeout=30)
    except subprocess.TimeoutExpired:
        pytest.fail(f"hemekg {kind} blocked reading a FIFO")
    assert done.returncode == 2, done.stderr
    assert "pipe.ttl" in _one_error_line(done.stderr)


@pytest.mark.parametrize("kind", ["validate", "query"])
def test_binary_file_as_rdf_input_is_a_one_line_error(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "image.ttl"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    result = invoke(_command(kind, path), cwd=tmp_path)
    assert result.exit_code == 2, result.output
    assert "image.ttl" in _one_error_line(result.stderr)
