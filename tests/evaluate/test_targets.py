"""The extraction scored on the seed gold and on our own unseen-style pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hemekg.cli import cli
from hemekg.evaluate import evaluate_paths

DATA = Path(__file__).parent.parent / "data"


@pytest.fixture(scope="module")
def seeds():  # type: ignore[no-untyped-def]
    return evaluate_paths(DATA / "gold")


def test_seed_targets(seeds) -> None:  # type: ignore[no-untyped-def]
    overall = seeds.evaluation.overall
    assert not seeds.failures
    assert overall.precision >= 0.95
    assert overall.f1 >= 0.90
    assert seeds.evaluation.must_not == []


def test_unseen_pages_targets() -> None:
    run = evaluate_paths(DATA / "pages")
    overall = run.evaluation.overall
    assert len(run.evaluation.documents) >= 5 and not run.failures
    assert overall.precision >= 0.85
    assert overall.f1 >= 0.75
    assert run.evaluation.must_not == []


def test_cli_json_and_text(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["evaluate", "--gold", str(DATA / "pages"), "--format", "json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert set(payload) >= {"overall", "per_predicate", "must_not", "missed", "wrong"}
    assert payload["overall"]["f1"] >= 0.75
    text = runner.invoke(cli, ["evaluate", "--gold", str(DATA / "pages")])
    assert "overall" in text.output and "must_not violations: 0" in text.output


def test_cli_named_document_and_errors(tmp_path: Path) -> None:
    runner = CliRunner()
    one = runner.invoke(
        cli,
        [
            "evaluate",
            "--gold",
            str(DATA / "pages"),
            str(DATA / "pages" / "cml_hospital.txt"),
            "--format",
            "json",
        ],
    )
    assert json.loads(one.output)["documents"] == ["cml_hospital.txt"]
    missing = runner.invoke(cli, ["evaluate", "--gold", str(tmp_path)])
    assert missing.exit_code == 2 and "no *.json gold file" in missing.stderr
    stray = tmp_path / "stray.txt"
    stray.write_text("Leukemia.", encoding="utf-8")
    unannotated = runner.invoke(cli, ["evaluate", "--gold", str(DATA / "pages"), str(stray)])
    assert unannotated.exit_code == 2 and "no gold file annotates" in unannotated.stderr


def test_must_not_violation_exit_code(tmp_path: Path) -> None:
    page = tmp_path / "claim.txt"
    page.write_text("Mobile phones can cause leukemia.\n", encoding="utf-8")
    gold = {
        "document": "claim.txt",
        "entities": [
            {"id": "leukemia", "labels": ["leukemia"], "type": "Disease", "xrefs": ["DOID:1240"]},
            {"id": "phones", "labels": ["mobile phones", "mobile phone"], "type": "Cause"},
        ],
        "triples": [],
        "must_not": [{"s": "leukemia", "p": "hasCause", "o": "phones"}],
    }
    (tmp_path / "claim.json").write_text(json.dumps(gold), encoding="utf-8")
    result = CliRunner().invoke(cli, ["evaluate", "--gold", str(tmp_path), "--format", "json"])
    payload = json.loads(result.output)
    assert (result.exit_code == 1) is bool(payload["must_not"])
