"""The review table: columns, stable order, CSV/TSV, and refreshing without losing decisions."""

from __future__ import annotations

from pathlib import Path

import pytest

from hemekg.curation import REVIEW_COLUMNS, review_row, write_review_table
from hemekg.curation.table import iter_table_rows
from hemekg.errors import UsageError
from hemekg.model import Predicate, Statement
from tests.conftest import BONE_MARROW, CHEMOTHERAPY, LEUKEMIA, make_statement
from tests.curation._support import write_decisions


def _rows(path: Path) -> list[dict[str, str]]:
    return [row.values for row in iter_table_rows(path)]


def test_row_has_every_column_and_empty_curator_cells(statements: list[Statement]) -> None:
    row = review_row(statements[2])
    assert tuple(row) == REVIEW_COLUMNS
    assert row["id"] == statements[2].id
    assert row["negated"] == "true"
    assert row["subject_label"] == "leukemia" and row["object_id"] == "HEMEKG:chemotherapy"
    assert (row["decision"], row["curator"], row["note"]) == ("", "", "")


@pytest.mark.parametrize("suffix", [".tsv", ".csv"])
def test_table_lists_every_statement_in_reading_order(
    tmp_path: Path, statements: list[Statement], suffix: str
) -> None:
    low = make_statement(
        LEUKEMIA,
        Predicate.TREATED_WITH,
        CHEMOTHERAPY,
        start=5,
        sentence='Leukemia is treated with "chemo", sometimes.',
        confidence=0.2,
    )
    path = tmp_path / f"review{suffix}"
    write_review_table([*reversed(statements), low], path)
    rows = _rows(path)
    assert [r["id"] for r in rows] == [
        statements[0].id,
        low.id,
        statements[1].id,
        statements[2].id,
    ]  # doc.txt at 0, 5, 40; then other.txt
    assert rows[1]["confidence"] == "0.200"  # listed even under any --min-confidence
    assert rows[1]["sentence"] == 'Leukemia is treated with "chemo", sometimes.'
    assert rows[3]["negated"] == "true"
    header = path.read_text(encoding="utf-8").splitlines()[0]
    assert header.split("\t" if suffix == ".tsv" else ",") == list(REVIEW_COLUMNS)


def test_same_statements_give_byte_identical_tables(
    tmp_path: Path, statements: list[Statement]
) -> None:
    first, second = tmp_path / "a.tsv", tmp_path / "b.tsv"
    write_review_table(statements, first)
    write_review_table(list(reversed(statements)), second)
    assert first.read_bytes() == second.read_bytes()


def test_unsupported_suffix_is_a_usage_error(tmp_path: Path, statements: list[Statement]) -> None:
    with pytest.raises(UsageError, match=r"review\.xlsx: unsupported table suffix"):
        write_review_table(statements, tmp_path / "review.xlsx")


def test_refresh_keeps_decisions_stale_rows_and_hand_added_rows(
    tmp_path: Path, statements: list[Statement]
) -> None:
    path = tmp_path / "review.tsv"
    write_review_table(statements, path)
    rows = _rows(path)
    rows[0].update(decision="accept", curator="ada", note="textbook fact")
    rows[1].update(decision="reject", curator="ada")
    hand = dict.fromkeys(REVIEW_COLUMNS, "") | {
        "subject_id": "DOID:1240",
        "predicate": "originatesIn",
        "object_id": "UBERON:0002371",
        "decision": "add",
        "curator": "ada",
        "note": "from the textbook",
    }
    write_decisions(path, [*rows, hand])
    # Rebuild: the subClassOf sentence changed wording, so statements[1] is no longer extracted.
    reworded = make_statement(
        LEUKEMIA,
        Predicate.ORIGINATES_IN,
        BONE_MARROW,
        start=80,
        sentence="Leukemia starts in the marrow.",
    )
    merged = write_review_table([statements[0], statements[2], reworded], path)
    assert (merged.carried, merged.kept) == (1, 2)
    after = _rows(path)
    by_id = {r["id"]: r for r in after}
    assert by_id[statements[0].id]["decision"] == "accept"
    assert by_id[statements[0].id]["note"] == "textbook fact"
    assert by_id[reworded.id]["decision"] == ""
    assert by_id[statements[1].id]["decision"] == "reject"  # stale row kept for the build to report
    assert after[-1]["decision"] == "add" and after[-1]["note"] == "from the textbook"


def test_overwrite_drops_old_decisions(tmp_path: Path, statements: list[Statement]) -> None:
    path = tmp_path / "review.csv"
    write_review_table(statements, path)
    rows = _rows(path)
    rows[0]["decision"] = "reject"
    write_decisions(path, rows)
    write_review_table(statements, path, keep_decisions=False)
    assert all(r["decision"] == "" for r in _rows(path))


def test_extra_curator_columns_survive_a_refresh(
    tmp_path: Path, statements: list[Statement]
) -> None:
    path = tmp_path / "review.tsv"
    hand = {
        "subject_id": "HEMEKG:x",
        "subject_label": "x",
        "subject_type": "Disease",
        "predicate": "treatedWith",
        "object_id": "HEMEKG:chemotherapy",
        "decision": "add",
    }
    write_decisions(path, [hand], [*REVIEW_COLUMNS, "subject_type"])
    write_review_table(statements, path)
    assert _rows(path)[-1]["subject_type"] == "Disease"
