"""``hemekg report``: output formats and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from hemekg.cli import cli
from hemekg.namespaces import HK, HKE
from tests.validate.samples import sample_kg


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_clean_graph_exits_0(tmp_path: Path) -> None:
    path = tmp_path / "kg.ttl"
    sample_kg().serialize(path, format="turtle")
    code, out, _ = run("report", str(path))
    assert code == 0
    assert out.strip().splitlines()[-1].startswith("quality: 0 ERROR, 0 WARN, ")


def test_errors_exit_1_in_every_format(tmp_path: Path) -> None:
    kg = sample_kg()
    kg.add((HKE.DOID_1240, HK.hasSymptom, HKE.HEMEKG_ghost))
    path = tmp_path / "kg.jsonld"
    path.write_text(kg.serialize(format="json-ld"))
    code, out, _ = run("report", str(path))
    assert code == 1 and "dangling_reference" in out
    code, out, _ = run("report", "--output", "tsv", str(path))
    assert code == 1 and out.startswith("level\trule\t")
    code, out, _ = run("report", "--output", "json", "--min-level", "INFO", str(path))
    assert code == 1
    data = json.loads(out)
    assert any(f["rule"] == "no_parent" for f in data["findings"])


def test_out_file(tmp_path: Path) -> None:
    path = tmp_path / "kg.ttl"
    sample_kg().serialize(path, format="turtle")
    target = tmp_path / "report.tsv"
    code, out, _ = run("report", "--output", "tsv", "-o", str(target), str(path))
    assert code == 0
    assert target.read_text().startswith("level\t")
    assert out.startswith("quality: ")


def test_missing_default_file_exits_2(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.chdir(tmp_path)
    code, _, err = run("report")
    assert code == 2
    assert err.strip() == f"hemekg: error: {Path('build') / 'hemekg.ttl'}: no such file"
