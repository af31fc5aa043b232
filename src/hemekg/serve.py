"""A SPARQL 1.1 endpoint over the store or a built graph file, and Graph Store publishing.

The endpoint is the Oxigraph server (the ``oxigraph`` binary from PyPI, Rust, the same
engine as pyoxigraph): SPARQL 1.1 Protocol on ``/query`` with content negotiation (JSON,
XML, CSV, TSV results; Turtle, N-Triples, RDF/XML graphs), started read-only, bound to
loopback by default, with a per-query timeout. A store folder is served as is (its
default graph is the knowledge graph); a graph file is first loaded into a temporary
store. The default graph a query sees is the union of every graph of the store, so graphs
published into a writable endpoint's named graphs are queried together.

:func:`publish_graph` pushes a graph file to any SPARQL 1.1 Graph Store HTTP Protocol
endpoint (Fuseki, GraphDB, Virtuoso, Oxigraph) with ``PUT`` (replace) or ``POST`` (add)
on ``?graph=IRI`` or ``?default``.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hemekg.errors import ExportError, UsageError

__all__ = [
    "GRAPH_MEDIA_TYPES",
    "SparqlServer",
    "free_port",
    "oxigraph_binary",
    "publish_graph",
    "serve",
]

#: file suffix -> media type of the RDF serialisation (for loading and publishing).
GRAPH_MEDIA_TYPES: dict[str, str] = {
    ".ttl": "text/turtle",
    ".nt": "application/n-triples",
    ".nq": "application/n-quads",
    ".trig": "application/trig",
    ".jsonld": "application/ld+json",
    ".rdf": "application/rdf+xml",
    ".owl": "application/rdf+xml",
    ".xml": "application/rdf+xml",
}
_START_TIMEOUT_S = 30.0


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server binary.

    :raises UsageError: it is not installed (one line saying how to install it).
    """
    found = shutil.which("oxigraph")
    if found is None:
        raise UsageError("the SPARQL server needs the 'oxigraph' binary: pip install oxigraph")
    return found


def free_port(host: str = "127.0.0.1") -> int:
    """A TCP port free on ``host`` right now (for tests and ``--port 0``)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def _load_file(graph_file: Path, location: Path) -> None:
    """Load an RDF file into a fresh store folder with the oxigraph binary."""
    media_type = GRAPH_MEDIA_TYPES.get(graph_file.suffix.lower())
    if media_type is None:
        raise UsageError(
            "not a graph file or store folder "
            f"(known suffixes: {', '.join(sorted(GRAPH_MEDIA_TYPES))})",
            graph_file,
        )
    run = subprocess.run(
        [
            oxigraph_binary(),
            "load",
            "--location",
            str(location),
            "--file",
            str(graph_file),
            "--format",
            media_type,
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if run.returncode != 0:
        message = (run.stderr.strip().splitlines() or ["cannot load"])[-1]
        raise UsageError(f"cannot load into the server: {message}", graph_file)


@dataclass
class SparqlServer:
    """A running endpoint: ``query_url`` answers SPARQL 1.1 Protocol requests."""

    host: str
    port: int
    process: subprocess.Popen[bytes]

    @property
    def base_url(self) -> str:
        """``http://host:port``."""
        return f"http://{self.host}:{self.port}"

    @property
    def query_url(self) -> str:
        """The SPARQL query endpoint."""
        return f"{self.base_url}/query"

    @property
    def store_url(self) -> str:
        """The Graph Store Protocol endpoint (only writable when started with ``writable``)."""
        return f"{self.base_url}/store"


def _wait_until_up(server: SparqlServer, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            error = (server.process.stderr.read() if server.process.stderr else b"").decode(
                errors="replace"
            )
            raise UsageError(
                f"the SPARQL server stopped: {error.strip().splitlines()[-1:] or 'no message'}"
            )
        try:
            with socket.create_connection((server.host, server.port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise UsageError(f"the SPARQL server did not start within {timeout_s:.0f}s")


@contextlib.contextmanager
def serve(
    source: Path,
    *,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout_s: float = 30.0,
    writable: bool = False,
) -> Iterator[SparqlServer]:
    """Run the endpoint over ``source`` (a store folder or a graph file) until the block exits.

    :param host: address to bind; loopback unless the caller decides otherwise.
    :param port: TCP port; 0 picks a free one.
    :param timeout_s: queries running longer are stopped.
    :param writable: accept SPARQL Update and Graph Store writes (off: read-only).
    :raises UsageError: the source is missing or not RDF, the binary is missing, the port is taken.
    """
    from hemekg.store.oxigraph import DATASET_DIR, is_store

    if not source.exists():
        raise UsageError("no such file or folder", source)
    binary = oxigraph_binary()
    with contextlib.ExitStack() as stack:
        if source.is_dir():
            if not is_store(source):
                raise UsageError(
                    "not a hemekg store folder (made by hemekg build --incremental)", source
                )
            location = source / DATASET_DIR
        else:
            location = Path(
                stack.enter_context(tempfile.TemporaryDirectory(prefix="hemekg-serve-"))
            )
            _load_file(source, location)
        port = port or free_port(host)
        mode = "serve" if writable else "serve-read-only"
        args = [
            binary,
            mode,
            "--location",
            str(location),
            "--bind",
            f"{host}:{port}",
            "--timeout-s",
            str(max(1, round(timeout_s))),
            "--union-default-graph",
        ]
        process = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        server = SparqlServer(host, port, process)
        try:
            _wait_until_up(server, _START_TIMEOUT_S)
            yield server
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stderr is not None:
                process.stderr.close()


def publish_graph(
    graph_file: Path,
    endpoint: str,
    *,
    graph: str | None = None,
    replace: bool = True,
    timeout_s: float = 300.0,
) -> int:
    """Send ``graph_file`` to a SPARQL 1.1 Graph Store HTTP Protocol endpoint.

    :param endpoint: the Graph Store URL (e.g. ``http://localhost:3030/ds/data`` for Fuseki,
        ``http://localhost:7878/store`` for Oxigraph).
    :param graph: the target graph IRI; None targets the default graph (``?default``).
    :param replace: ``PUT`` (replace the graph) rather than ``POST`` (add to it).
    :returns: the HTTP status code (2xx).
    :raises UsageError: unknown file type or a non-HTTP endpoint.
    :raises ExportError: the endpoint refused the graph or could not be reached.
    """
    media_type = GRAPH_MEDIA_TYPES.get(graph_file.suffix.lower())
    if media_type is None:
        raise UsageError(f"unknown graph file type {graph_file.suffix!r}", graph_file)
    if media_type in {"application/n-quads", "application/trig"}:
        raise UsageError(
            "the Graph Store Protocol takes triples, not quads (use .nt or .ttl)", graph_file
        )
    parsed = urllib.parse.urlsplit(endpoint)
    if parsed.scheme not in {"http", "https"} or not parsed.netloc:
        raise UsageError(f"not an http(s) endpoint URL: {endpoint}")
    target = urllib.parse.urlencode({"graph": graph}) if graph else "default"
    separator = "&" if parsed.query else "?"
    url = f"{endpoint}{separator}{target}"
    try:
        data = graph_file.read_bytes()
    except OSError as error:
        raise UsageError(f"cannot read: {error.strerror or error}", graph_file) from error
    request = urllib.request.Request(
        url,
        data=data,
        method="PUT" if replace else "POST",
        headers={"Content-Type": media_type},
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout_s) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        body = error.read().decode("utf-8", errors="replace").strip().splitlines()
        detail = f": {body[0][:200]}" if body else ""
        raise ExportError(
            f"{endpoint} refused the graph: HTTP {error.code}{detail}", graph_file
        ) from error
    except (urllib.error.URLError, OSError) as error:
        reason = getattr(error, "reason", error)
        raise ExportError(f"cannot reach {endpoint}: {reason}", graph_file) from error
