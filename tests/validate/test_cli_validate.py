"""``hemekg validate``: exit codes, text and JSON output, options."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from rdflib import Graph

from hemekg.cli import cli
from hemekg.model import Predicate
from tests.validate.samples import BONE_MARROW, LEUKEMIA, sample_kg, statement


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / "good.ttl"
    sample_kg().serialize(path, format="turtle")
    return path


@pytest.fixture
def bad(tmp_path: Path) -> Path:
    path = tmp_path / "bad.jsonld"
    wrong = statement(
        LEUKEMIA, Predicate.TREATED_WITH, BONE_MARROW, "Leukemia is treated with marrow."
    )
    path.write_text(sample_kg([wrong]).serialize(format="json-ld"))
    return path


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_conforming_file_exits_0(good: Path) -> None:
    code, out, _ = run("validate", str(good))
    assert code == 0
    assert out.strip() == f"{good}: SHACL: conforms (0 results)"


def test_violations_exit_1_with_readable_report(good: Path, bad: Path) -> None:
    code, out, _ = run("validate", str(good), str(bad))
    assert code == 1
    assert "object of hk:treatedWith must be a hk:Treatment" in out
    assert '"Leukemia is treated with marrow."' in out


def test_json_output(bad: Path) -> None:
    code, out, _ = run("validate", "--output", "json", str(bad))
    assert code == 1
    data = json.loads(out)
    assert data["conforms"] is False
    assert data["files"][0]["file"] == str(bad)
    assert data["files"][0]["results"][0]["path"] == "hk:treatedWith"


def test_input_format_option(good: Path, tmp_path: Path) -> None:
    path = tmp_path / "graph.data"
    path.write_text(Graph().parse(good).serialize(format="nt"))
    assert run("validate", str(path))[0] == 2
    assert run("validate", "--input-format", "ntriples", str(path))[0] == 0


def test_bad_file_exits_2_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.ttl"
    path.write_text("<http://a> <http://b> .\n")
    code, _, err = run("validate", str(path))
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith(f"hemekg: error: {path}: Turtle syntax error at line 1")


def test_custom_shapes(good: Path, tmp_path: Path) -> None:
    shapes = tmp_path / "strict.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n"
        "@prefix hk: <https://w3id.org/hemekg/> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetClass hk:Disease ;\n"
        "  sh:property [ sh:path skos:definition ; sh:minCount 1 ;\n"
        '    sh:message "needs a definition" ] .\n'
    )
    code, out, _ = run("validate", "--shapes", str(shapes), str(good))
    assert code == 1
    assert "needs a definition" in out


def test_malformed_shapes_file_exits_2(good: Path, tmp_path: Path) -> None:
    shapes = tmp_path / "broken-shapes.ttl"
    shapes.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<urn:s> a sh:NodeShape ;\n")
    code, _, err = run("validate", "--shapes", str(shapes), str(good))
    assert code == 2
    assert err.startswith(f"hemekg: error: {shapes}: Turtle syntax error at line")


def test_invalid_shacl_exits_2_with_one_line(good: Path, tmp_path: Path) -> None:
    shapes = tmp_path / "invalid.ttl"
    shapes.write_text(
        "@prefix sh: <http://www.w3.org/ns/shacl#> .\n@prefix hk: <https://w3id.org/hemekg/> .\n"
        "<urn:s> a sh:NodeShape ; sh:targetClass hk:Disease ;\n"
        '  sh:property [ sh:path hk:x ; sh:minCount "many" ] .\n'
    )
    code, _, err = run("validate", "--shapes", str(shapes), str(good))
    assert code == 2
    assert err.count("\n") == 1
    assert err.startswith("hemekg: error: SHACL validation could not run: ")
    assert "sh:minCount" in err


def test_installed_script_runs(good: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "hemekg", "-q", "validate", str(good)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
