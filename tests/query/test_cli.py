"""``hemekg query`` from the command line (CliRunner, plus real subprocesses)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from hemekg.cli import cli


@pytest.fixture()
def graph_file(tmp_path: Path, example_file: Path) -> Path:
    target = tmp_path / "kg.ttl"
    shutil.copy(example_file, target)
    return target


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_list_names_every_query_and_parameter() -> None:
    code, out, _ = _run("query", "--list")
    assert code == 0
    assert "subtypes" in out and "--param disease=<entity>" in out
    assert "evidence" in out and "--param predicate=<predicate>" in out


def test_named_query_with_parameter(graph_file: Path) -> None:
    code, out, _ = _run("query", "subtypes", "--graph", str(graph_file),
                        "--param", "disease=DOID:1240")
    assert code == 0
    assert "acute myeloid leukemia [DOID:9119]" in out
    assert out.rstrip().endswith("(4 rows)")


def test_adhoc_query_without_prefix_lines(graph_file: Path) -> None:
    code, out, _ = _run("query", "-g", str(graph_file), "--format", "csv",
                        "SELECT ?s WHERE { ?s hk:originatesIn hke:UBERON_0002371 }")
    assert code == 0
    assert out.splitlines() == ["s", "https://w3id.org/hemekg/entity/DOID_1240"]


def test_query_from_file_to_json_output(tmp_path: Path, graph_file: Path) -> None:
    rq = tmp_path / "q.rq"
    rq.write_text("PREFIX hk: <https://w3id.org/hemekg/>\nASK { ?d a hk:Disease }\n")
    out_file = tmp_path / "answer.json"
    code, out, _ = _run("query", "-f", str(rq), "-g", str(graph_file), "--format", "json",
                        "-o", str(out_file))
    assert code == 0 and out == ""
    assert json.loads(out_file.read_text()) == {"head": {}, "boolean": True}


def test_construct_to_turtle(graph_file: Path) -> None:
    code, out, _ = _run("query", "-g", str(graph_file), "--format", "turtle",
                        "CONSTRUCT { ?s rdfs:subClassOf ?o } WHERE { ?s rdfs:subClassOf ?o }")
    assert code == 0
    assert "hke:DOID_9119 rdfs:subClassOf hke:DOID_12603 ." in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["SELECT ?s WHERE { ?s rdfs:label }"], "SPARQL syntax error at line 1, column 33"),
        (["nope"], "no named query 'nope'"),
        (["symptoms", "-p", "disease=unicorn"], "no entity 'unicorn'"),
        (["symptoms", "-p", "size=3"], "has no parameter 'size'"),
        (["SELECT * WHERE { ?s ?p ?o }", "-p", "a=b"], "--param works with named queries"),
        ([], "give exactly one of QUERY"),
    ],
)
def test_errors_are_one_line_and_exit_2(graph_file: Path, args: list[str], message: str) -> None:
    code, out, err = _run("query", "-g", str(graph_file), *args)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err + out


def test_missing_graph_names_the_file(tmp_path: Path) -> None:
    code, _, err = _run("query", "-g", str(tmp_path / "none.ttl"), "subtypes")
    assert code == 2
    assert "none.ttl: graph file not found" in err


def test_explosive_query_times_out_promptly(graph_file: Path) -> None:
    explosive = ("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . "
                 "?j ?k ?l . ?m ?n2 ?o . ?p ?q ?r }")
    started = time.monotonic()
    completed = subprocess.run(
        [sys.executable, "-m", "hemekg", "query", "--timeout", "1", "-g", str(graph_file),
         explosive],
        capture_output=True, text=True, timeout=60, check=False)
    elapsed = time.monotonic() - started
    assert completed.returncode == 2
    assert "query stopped by its timeout after 1 s" in completed.stderr
    assert elapsed < 10


def test_installed_script_runs(graph_file: Path) -> None:
    script = shutil.which("hemekg")
    if script is None:
        pytest.skip("the hemekg console script is not on PATH")
    completed = subprocess.run([script, "query", "predicate_counts", "-g", str(graph_file)],
                               capture_output=True, text=True, timeout=60, check=False)
    assert completed.returncode == 0, completed.stderr
    assert "hk:hasSymptom" in completed.stdout
