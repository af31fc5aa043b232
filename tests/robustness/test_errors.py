"""One exception hierarchy: every error bad input causes is a ``HemekgError`` naming the file.

The CLI turns these into one-line messages and exit codes; here the library functions
behind each command are called directly on the same bad inputs, so an error that would
escape as a bare ``ValueError`` or ``UnicodeDecodeError`` (and print a traceback) fails.
"""

from __future__ import annotations

import inspect
import os
import threading
import warnings
from collections.abc import Callable
from pathlib import Path

import pytest

import hemekg.errors as errors_module
from hemekg.errors import (
    ExportError,
    HemekgError,
    HemekgWarning,
    QueryError,
    ReadError,
    ValidationRunError,
)
from tests.robustness._inputs import CASES, FIFO_CASE, BadDocument, Outcome, make_bad_corpus

ERROR_CLASSES = [
    obj
    for name in errors_module.__all__
    if inspect.isclass(obj := getattr(errors_module, name))
    and issubclass(obj, Exception)
    and not issubclass(obj, Warning)
    and obj is not HemekgError
]


def test_errors_module_exports_a_sorted_all() -> None:
    assert list(errors_module.__all__) == sorted(errors_module.__all__)


@pytest.mark.parametrize("error_class", ERROR_CLASSES, ids=lambda c: c.__name__)
def test_every_stage_error_derives_from_the_root_and_a_builtin(
    error_class: type[Exception],
) -> None:
    assert issubclass(error_class, HemekgError)
    builtins = [base for base in error_class.__mro__ if base.__module__ == "builtins"]
    assert any(
        base is not Exception and base is not BaseException and base is not object
        for base in builtins
    ), f"{error_class.__name__} inherits no specific builtin"


def test_one_subclass_per_stage() -> None:
    names = {cls.__name__ for cls in ERROR_CLASSES}
    assert {
        "ReadError",
        "ExtractionError",
        "BuildError",
        "ValidationRunError",
        "QueryError",
        "ExportError",
        "UsageError",
    } <= names


def test_warning_is_not_an_error() -> None:
    assert issubclass(HemekgWarning, UserWarning)
    assert not issubclass(HemekgWarning, HemekgError)


def test_error_message_names_the_file() -> None:
    error = ReadError("file is empty", Path("docs") / "a.txt")
    assert str(error) == f"{Path('docs') / 'a.txt'}: file is empty"
    assert error.message == "file is empty"
    assert "\n" not in str(error)


# --- readers -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bad_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("bad")
    return make_bad_corpus(tmp / "docs", fifo_folder=tmp / "docs")


READ_SKIPS = [case for case in (*CASES, FIFO_CASE) if case.outcome is Outcome.SKIP]


def _call_with_deadline(
    function: Callable[[Path], object], path: Path, seconds: float = 20
) -> BaseException | None:
    """Run ``function(path)`` in a thread and return what it raised (``None`` if nothing).

    Opening a FIFO for reading blocks until a writer appears; after ``seconds`` the test
    opens the write end itself so the thread ends, then fails.
    """
    outcome: list[BaseException | None] = []

    def target() -> None:
        try:
            function(path)
        except BaseException as error:  # recorded and checked by the test
            outcome.append(error)
        else:
            outcome.append(None)

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    if thread.is_alive():
        descriptor = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        os.close(descriptor)
        thread.join(5)
        raise AssertionError(f"{function.__name__} blocked on {path.name} for {seconds}s")
    return outcome[0]


def _read_with_deadline(path: Path, seconds: float = 20) -> BaseException | None:
    """:func:`_call_with_deadline` of ``read_document``."""
    from hemekg.read import read_document

    return _call_with_deadline(read_document, path, seconds)


@pytest.mark.parametrize("case", READ_SKIPS, ids=lambda c: c.name)
def test_read_document_raises_read_error_naming_the_file(
    bad_corpus: Path, case: BadDocument
) -> None:
    error = _read_with_deadline(bad_corpus / case.name)
    assert isinstance(error, ReadError), f"{case.name}: {error!r}"
    assert case.name in str(error)
    assert case.reason_matches(str(error)), str(error)
    assert "\n" not in str(error)


def test_read_document_on_a_folder_raises_read_error(bad_corpus: Path) -> None:
    error = _read_with_deadline(bad_corpus / "sub")
    assert isinstance(error, ReadError), repr(error)


@pytest.mark.parametrize(
    "case", [c for c in CASES if c.outcome is not Outcome.SKIP], ids=lambda c: c.name
)
def test_awkward_documents_read_or_raise_read_error(bad_corpus: Path, case: BadDocument) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", HemekgWarning)  # tolerated flaws may warn; not errors
        error = _read_with_deadline(bad_corpus / case.name)
    assert error is None or isinstance(error, ReadError), f"{case.name}: {error!r}"
    if case.outcome is Outcome.BUILD:
        assert error is None, f"{case.name} should be read: {error}"


def test_path_walk_reports_missing_and_looping_paths_as_read_errors(bad_corpus: Path) -> None:
    from hemekg.read import iter_document_paths

    missing = bad_corpus / "missing.txt"
    items = list(iter_document_paths([missing, bad_corpus / "loop_a.txt"]))
    assert len(items) == 2
    assert all(isinstance(item, ReadError) for item in items), items
    assert "missing.txt" in str(items[0])


def test_extraction_of_a_read_document_raises_nothing(bad_corpus: Path) -> None:
    from hemekg.extract import extract_document
    from hemekg.read import read_document

    statements = extract_document(read_document(bad_corpus / "good.txt"))
    assert statements, "the good page yields statements"


# --- validation input ----------------------------------------------------------------

MALFORMED_TURTLE = (
    b'@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\nex:d ex:e "unterminated .\n'
)


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        pytest.param("bad.ttl", MALFORMED_TURTLE, r"line \d+, column \d+", id="turtle"),
        pytest.param("bad.nt", b"<http://a> <http://b> .\n", r"line 1", id="ntriples"),
        pytest.param("bad.jsonld", b'{"@id": "http://a", ', r"line \d+, column \d+", id="json"),
        pytest.param(
            "remote.jsonld",
            b'{"@context": "https://schema.org/", "@id": "http://a"}',
            r"remote @context",
            id="remote-context",
        ),
        pytest.param(
            "xxe.rdf",
            b'<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM '
            b'"file:///etc/hostname">]>\n<rdf:RDF '
            b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"/>',
            r"external entity",
            id="xxe",
        ),
        pytest.param(
            "latin1.ttl",
            '<http://a> <http://b> "caf\u00e9" .\n'.encode("latin-1"),
            r"UTF-8",
            id="not-utf8",
        ),
        pytest.param("graph.xyz", b"", r"suffix", id="unknown-suffix"),
    ],
)
def test_load_rdf_raises_validation_run_error(
    tmp_path: Path, name: str, data: bytes, expected: str
) -> None:
    from hemekg.validate.parse import load_rdf

    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ValidationRunError, match=expected) as caught:
        load_rdf(path)
    assert name in str(caught.value)


def test_load_rdf_of_a_fifo_raises_without_blocking(tmp_path: Path) -> None:
    from hemekg.validate.parse import load_rdf

    fifo = tmp_path / "pipe.ttl"
    os.mkfifo(fifo)
    error = _call_with_deadline(load_rdf, fifo, seconds=10)
    assert isinstance(error, ValidationRunError), repr(error)
    assert "pipe.ttl" in str(error)


def test_load_rdf_of_a_missing_file_is_a_validation_run_error(tmp_path: Path) -> None:
    from hemekg.validate.parse import load_rdf

    with pytest.raises(ValidationRunError, match="no such file"):
        load_rdf(tmp_path / "absent.ttl")


# --- outputs -------------------------------------------------------------------------


def test_atomic_write_into_an_impossible_folder_is_an_export_error(tmp_path: Path) -> None:
    from hemekg.export.files import atomic_write_text

    blocker = tmp_path / "blocker"
    blocker.write_text("a file, not a folder\n")
    with pytest.raises(ExportError) as caught:
        atomic_write_text(blocker / "out" / "graph.ttl", "x")
    assert "graph.ttl" in str(caught.value)


def test_query_error_is_a_value_error() -> None:
    assert issubclass(QueryError, ValueError)


# --- queries -------------------------------------------------------------------------


@pytest.fixture
def small_graph(tmp_path: Path) -> Path:
    path = tmp_path / "graph.nt"
    lines = [
        f"<https://w3id.org/hemekg/entity/HEMEKG_n{i}> "
        "<http://www.w3.org/2000/01/rdf-schema#label> "
        f'"node {i}" .\n'
        for i in range(200)
    ]
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        pytest.param("missing.ttl", None, "not found", id="missing"),
        pytest.param("broken.ttl", "<http://a> <http://b> .\n", r"line \d+", id="malformed-turtle"),
        pytest.param("broken.jsonld", '{"@id": ', r"line \d+", id="malformed-json"),
        pytest.param(
            "remote.jsonld",
            '{"@context": "http://127.0.0.1:9/ctx.jsonld", "@id": "http://a"}',
            r"remote @context",
            id="remote-context",
        ),
        pytest.param(
            "attack.rdf",
            '<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY x SYSTEM '
            '"file:///etc/hostname">]>\n<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/'
            '22-rdf-syntax-ns#"/>',
            r"(?i)entit",
            id="xxe",
        ),
    ],
)
def test_loading_a_bad_graph_for_queries_raises_query_error(
    tmp_path: Path, name: str, data: str | None, expected: str
) -> None:
    from hemekg.query import SparqlGraph

    path = tmp_path / name
    if data is not None:
        path.write_text(data, encoding="utf-8")
    with pytest.raises(QueryError, match=expected) as caught:
        SparqlGraph.from_file(path)
    assert name in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize("engine", ["oxigraph", "rdflib"])
def test_bad_and_runaway_queries_raise_query_error(small_graph: Path, engine: str) -> None:
    from hemekg.query import SparqlGraph

    graph = SparqlGraph.from_file(small_graph)
    with pytest.raises(QueryError, match=r"line \d+,? column \d+"):
        graph.query("SELECT ?s WHERE { ?s ?p }", engine=engine)
    runaway = (
        "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l . ?m ?n2 ?o }"
    )
    with pytest.raises(QueryError, match="timeout"):
        graph.query(runaway, engine=engine, timeout=0.5)


def test_unknown_named_query_raises_query_error() -> None:
    from hemekg.query import named_query

    with pytest.raises(QueryError):
        named_query("no_such_query_name")


def test_validate_file_raises_validation_run_error_on_bad_input(tmp_path: Path) -> None:
    from hemekg.validate import validate_file

    path = tmp_path / "broken.ttl"
    path.write_bytes(MALFORMED_TURTLE)
    with pytest.raises(ValidationRunError, match=r"line 3, column \d+"):
        validate_file(path)


def test_pipeline_turns_a_bad_document_into_a_result_error_not_an_exception(
    bad_corpus: Path,
) -> None:
    from hemekg.pipeline import extract_file

    result = extract_file(bad_corpus / "report_pdf.txt")
    assert result.document is None and result.error is not None
    assert "report_pdf.txt" in result.error and "binary" in result.error
