"""``hemekg review``: the table from a build's statements.jsonl, and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from hemekg.cli import cli
from hemekg.curation import read_statements_jsonl
from hemekg.curation.table import iter_table_rows
from hemekg.errors import UsageError
from hemekg.model import Statement
from hemekg.pipeline import write_statements_jsonl
from tests.curation._support import write_decisions


@pytest.fixture
def jsonl(tmp_path: Path, statements: list[Statement]) -> Path:
    return write_statements_jsonl(statements, tmp_path / "statements.jsonl")


def test_statements_jsonl_round_trip_keeps_ids(jsonl: Path, statements: list[Statement]) -> None:
    read = read_statements_jsonl(jsonl)
    assert sorted(s.id for s in read) == sorted(s.id for s in statements)
    by_id = {s.id: s for s in read}
    original = statements[0]
    again = by_id[original.id]
    assert (again.subject.id, again.subject.type, again.subject.label) == (
        original.subject.id,
        original.subject.type,
        original.subject.label,
    )
    assert again.confidence == original.confidence and again.negated == original.negated


def test_tampered_jsonl_is_refused_with_its_line(tmp_path: Path, jsonl: Path) -> None:
    lines = jsonl.read_text(encoding="utf-8").splitlines()
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        lines[0] + "\n" + lines[1].replace("Leukemia", "Lymphoma") + "\n", encoding="utf-8"
    )
    with pytest.raises(UsageError, match=r"bad\.jsonl: line 2: .*does not match"):
        read_statements_jsonl(bad)
    bad.write_text("{not json\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"bad\.jsonl: line 1: not JSON"):
        read_statements_jsonl(bad)


def test_review_from_jsonl_writes_the_table(
    tmp_path: Path, jsonl: Path, statements: list[Statement]
) -> None:
    out = tmp_path / "review.csv"
    result = CliRunner().invoke(cli, ["review", "--from", str(jsonl), "-o", str(out)])
    assert result.exit_code == 0, result.output
    rows = [r.values for r in iter_table_rows(out)]
    assert sorted(r["id"] for r in rows) == sorted(s.id for s in statements)
    assert "3 statements (1 negated)" in result.output


def test_review_refresh_keeps_decisions(
    tmp_path: Path, jsonl: Path, statements: list[Statement]
) -> None:
    out = tmp_path / "review.tsv"
    runner = CliRunner()
    assert runner.invoke(cli, ["review", "--from", str(jsonl), "-o", str(out)]).exit_code == 0
    rows = [r.values for r in iter_table_rows(out)]
    rows[0]["decision"] = "reject"
    write_decisions(out, rows)
    result = runner.invoke(cli, ["review", "--from", str(jsonl), "-o", str(out)])
    assert result.exit_code == 0 and "1 decisions carried over" in result.output
    assert next(iter_table_rows(out)).values["decision"] == "reject"


def test_review_to_stdout_is_tsv(jsonl: Path) -> None:
    result = CliRunner().invoke(cli, ["review", "--from", str(jsonl)])
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith("id\tsubject_id\tsubject_label\tpredicate") and len(lines) == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["review", "doc.txt", "--from", "s.jsonl"], "give PATHS or --from, not both"),
        (["review", "--from", "missing.jsonl"], "missing.jsonl: cannot read statements"),
    ],
)
def test_review_usage_errors_are_one_line_exit_2(
    tmp_path: Path, args: list[str], message: str
) -> None:
    runner = CliRunner()
    with runner.isolated_filesystem(temp_dir=tmp_path):
        Path("s.jsonl").write_text("", encoding="utf-8")
        result = runner.invoke(cli, args)
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert line.startswith("hemekg: error: ") and message in line


def test_review_bad_suffix_is_exit_2(tmp_path: Path, jsonl: Path) -> None:
    result = CliRunner().invoke(
        cli, ["review", "--from", str(jsonl), "-o", str(tmp_path / "r.xlsx")]
    )
    assert result.exit_code == 2 and "unsupported table suffix" in result.output
