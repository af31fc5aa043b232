"""Reading decision files: what is accepted, and one-line errors naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from hemekg.curation import DecisionKind, decision_files, read_decision_file, read_decisions
from hemekg.errors import UsageError
from tests.curation._support import write_decisions

ID_A = "0123456789abcdef"
ID_B = "fedcba9876543210"


def test_decided_rows_are_read_and_undecided_ones_ignored(tmp_path: Path) -> None:
    path = write_decisions(
        tmp_path / "d.tsv",
        [
            {
                "id": ID_A,
                "decision": "Accept ",
                "curator": "ada",
                "note": "ok",
                "subject_label": "leukemia",
                "predicate": "treatedWith",
                "object_label": "chemotherapy",
            },
            {"id": ID_B, "decision": ""},
            {"id": ID_B.upper(), "decision": "REJECT"},
            {
                "subject_id": "DOID:1240",
                "predicate": "treated_with",
                "object_label": "chemotherapy",
                "decision": "add",
                "note": "n",
            },
        ],
    )
    decisions = read_decision_file(path)
    assert [(d.kind, d.line) for d in decisions] == [
        (DecisionKind.ACCEPT, 2),
        (DecisionKind.REJECT, 4),
        (DecisionKind.ADD, 5),
    ]
    assert decisions[0].curator == "ada" and decisions[0].statement_id == ID_A
    assert decisions[0].describe() == "leukemia treatedWith chemotherapy"
    assert decisions[1].statement_id == ID_B
    assert decisions[2].subject == "DOID:1240" and decisions[2].statement_id == ""


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"id": ID_A, "decision": "acept"}, r"d\.tsv: line 2: unknown decision 'acept'"),
        ({"decision": "reject"}, r"d\.tsv: line 2: decision 'reject' needs the statement id"),
        ({"id": "3f2a", "decision": "accept"}, r"d\.tsv: line 2: '3f2a' is not a statement id"),
        (
            {"subject_id": "DOID:1240", "object_id": "HP:1", "decision": "add"},
            r"d\.tsv: line 2: decision 'add' needs predicate",
        ),
        (
            {
                "subject_id": "DOID:1240",
                "predicate": "cures",
                "object_id": "HP:1",
                "decision": "add",
            },
            r"d\.tsv: line 2: unknown predicate 'cures'",
        ),
    ],
)
def test_malformed_rows_name_file_and_line(
    tmp_path: Path, row: dict[str, str], message: str
) -> None:
    path = write_decisions(tmp_path / "d.tsv", [row])
    with pytest.raises(UsageError, match=message) as caught:
        read_decision_file(path)
    assert "\n" not in str(caught.value)


def test_table_without_decision_column_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("id,verdict\n0123456789abcdef,accept\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"d\.csv: no 'decision' column"):
        read_decision_file(path)


def test_extra_cells_are_refused_with_the_line(tmp_path: Path) -> None:
    path = tmp_path / "d.tsv"
    path.write_text("id\tdecision\n\n0123456789abcdef\taccept\tx\n", encoding="utf-8")
    with pytest.raises(UsageError, match=r"d\.tsv: line 3: 3 cells but the header has 2 columns"):
        read_decision_file(path)


def test_undecodable_file_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(b"id,decision\n\xff\xfe,accept\n")
    with pytest.raises(UsageError, match=r"d\.csv: not UTF-8"):
        read_decision_file(path)


def test_spreadsheet_byte_order_mark_and_header_case_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_bytes(f"\ufeffID,Decision\r\n{ID_A},reject\r\n".encode())
    assert [d.statement_id for d in read_decision_file(path)] == [ID_A]


def test_folder_holds_tsv_and_csv_files_only(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("# decisions\n", encoding="utf-8")
    write_decisions(tmp_path / "b.csv", [{"id": ID_A, "decision": "accept"}])
    write_decisions(tmp_path / "a.tsv", [{"id": ID_B, "decision": "reject"}])
    assert [p.name for p in decision_files(tmp_path)] == ["a.tsv", "b.csv"]
    assert [d.statement_id for d in read_decisions(tmp_path)] == [ID_B, ID_A]


def test_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="curation folder not found"):
        read_decisions(tmp_path / "nope")


def test_accept_and_reject_of_one_statement_conflict(tmp_path: Path) -> None:
    write_decisions(tmp_path / "a.tsv", [{"id": ID_A, "decision": "accept"}])
    write_decisions(tmp_path / "b.tsv", [{"id": ID_A, "decision": "reject"}])
    with pytest.raises(
        UsageError,
        match=r"b\.tsv: line 2: statement 0123456789abcdef is rejected "
        r"here but accepted at .*a\.tsv:2",
    ):
        read_decisions(tmp_path)
