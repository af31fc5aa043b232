"""extract_document on read documents, and the ``hemekg extract`` command."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from hemekg.cli import cli
from hemekg.extract import extract_document
from hemekg.read import read_document
from hemekg.resources import corpus_dir

PAGES = Path(__file__).parent.parent / "data" / "pages"


@pytest.fixture(scope="module")
def seed_paths() -> list[Path]:
    return sorted(corpus_dir().glob("*.txt"))


def test_deterministic_sorted_output(seed_paths: list[Path]) -> None:
    document = read_document(seed_paths[0])
    first = [s.to_json() for s in extract_document(document)]
    second = [s.to_json() for s in extract_document(document)]
    assert first == second and first
    keys = [
        (r["document"], r["start"], r["predicate"], r["subject"]["id"], r["object"]["id"])
        for r in first
    ]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)


def test_statement_shape_stable(seed_paths: list[Path]) -> None:
    record = extract_document(read_document(seed_paths[0]))[0].to_json()
    assert list(record) == [
        "id",
        "subject",
        "predicate",
        "object",
        "document",
        "sentence",
        "start",
        "end",
        "extractor",
        "confidence",
        "negated",
    ]
    assert set(record["subject"]) == {"id", "label", "labels", "type", "xrefs"}


@pytest.mark.parametrize("name", ["myeloma_nhs.md", "mds_mayo.html", "itp_childrens.md"])
def test_markdown_and_html_pages(name: str) -> None:
    document = read_document(PAGES / name)
    statements = extract_document(document)
    assert len(statements) >= 10
    for statement in statements:
        assert document.source[statement.start : statement.end].split()[0] in statement.sentence


def test_cli_jsonl_json_tsv(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Leukemia begins in the bone marrow.\n\n"
        "Some believe that mobile phones cause leukemia. This has not been proven.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    jsonl = runner.invoke(cli, ["extract", str(page)])
    assert jsonl.exit_code == 0, jsonl.output
    records = [json.loads(line) for line in jsonl.output.splitlines()]
    assert any(r["predicate"] == "originatesIn" and not r["negated"] for r in records)
    as_json = runner.invoke(cli, ["extract", "--format", "json", str(page)])
    assert json.loads(as_json.output) == records
    tsv = runner.invoke(cli, ["extract", "--format", "tsv", str(page)])
    assert tsv.output.splitlines()[0].startswith("id\tdocument\tsubject_id")
    assert len(tsv.output.splitlines()) == len(records) + 1


def test_cli_no_negated(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(
        "Myeloma does not spread to the brain. Myeloma begins in the bone marrow.\n",
        encoding="utf-8",
    )
    runner = CliRunner()
    everything = [
        json.loads(x) for x in runner.invoke(cli, ["extract", str(page)]).output.splitlines()
    ]
    hidden = [
        json.loads(x)
        for x in runner.invoke(cli, ["extract", "--no-negated", str(page)]).output.splitlines()
    ]
    assert any(r["negated"] for r in everything)
    assert hidden == [r for r in everything if not r["negated"]]


def test_cli_unreadable_document_reported_others_extracted(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Leukemia begins in the bone marrow.\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = CliRunner().invoke(cli, ["extract", str(empty), str(good)])
    assert result.exit_code == 1
    assert "empty.txt" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert '"originatesIn"' in result.stdout


def test_cli_default_corpus() -> None:
    result = CliRunner().invoke(cli, ["extract", "--format", "tsv", "--min-confidence", "0.9"])
    assert result.exit_code == 0
    rows = result.output.splitlines()[1:]
    assert rows and all(float(row.split("\t")[7]) >= 0.9 for row in rows)
