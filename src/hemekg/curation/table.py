"""The review table: one row per extracted statement, with columns a curator fills in.

The table is plain CSV or TSV (chosen by the file suffix) so a curator can edit it in a
spreadsheet or a text editor and keep it in git. Rows are sorted by document and
position, so regenerating the table after a rebuild gives a small, readable git diff.
Every statement is listed, negated ones and those a build's ``--min-confidence`` keeps
out of the graph too: the curator decides, the threshold only filters.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from hemekg.errors import UsageError
from hemekg.export.files import atomic_write_text
from hemekg.model import Statement

__all__ = [
    "CURATOR_COLUMNS",
    "REVIEW_COLUMNS",
    "TABLE_MEDIA_TYPES",
    "TableRow",
    "iter_table_rows",
    "render_review_table",
    "review_row",
    "sort_for_review",
    "table_delimiter",
    "write_table_rows",
]

#: The columns a curator fills in; empty in a freshly written table.
CURATOR_COLUMNS: tuple[str, ...] = ("decision", "curator", "note")

#: Every column of the review table, in order.
REVIEW_COLUMNS: tuple[str, ...] = (
    "id",
    "subject_id",
    "subject_label",
    "predicate",
    "object_id",
    "object_label",
    "confidence",
    "negated",
    "extractor",
    "sentence",
    "document",
    "start",
    "end",
    *CURATOR_COLUMNS,
)

#: suffix -> media type of the decision files hemekg reads and writes.
TABLE_MEDIA_TYPES: dict[str, str] = {".csv": "text/csv", ".tsv": "text/tab-separated-values"}


def table_delimiter(path: Path) -> str:
    """The field delimiter for ``path``: ``,`` for ``.csv``, a tab for ``.tsv``.

    :raises UsageError: any other suffix.
    """
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return ","
    if suffix == ".tsv":
        return "\t"
    raise UsageError(f"unsupported table suffix {suffix or '(none)'!r}: use .tsv or .csv", path)


def sort_for_review(statements: Iterable[Statement]) -> list[Statement]:
    """Statements in reading order (document, position), ties broken by ids: a stable order."""
    return sorted(
        statements,
        key=lambda s: (
            s.document,
            s.start,
            s.end,
            str(s.predicate),
            s.subject.id,
            s.object.id,
            s.id,
        ),
    )


def review_row(statement: Statement) -> dict[str, str]:
    """One statement as a row of the review table (curator columns empty)."""
    return {
        "id": statement.id,
        "subject_id": statement.subject.id,
        "subject_label": statement.subject.label,
        "predicate": str(statement.predicate),
        "object_id": statement.object.id,
        "object_label": statement.object.label,
        "confidence": f"{statement.confidence:.3f}",
        "negated": "true" if statement.negated else "false",
        "extractor": statement.extractor,
        "sentence": statement.sentence,
        "document": statement.document,
        "start": str(statement.start),
        "end": str(statement.end),
        "decision": "",
        "curator": "",
        "note": "",
    }


def render_review_table(
    rows: Sequence[Mapping[str, str]], delimiter: str, columns: Sequence[str] = REVIEW_COLUMNS
) -> str:
    """Rows as CSV/TSV text with a header; fields are quoted only when they must be."""
    buffer = io.StringIO()
    writer = csv.DictWriter(
        buffer,
        fieldnames=list(columns),
        delimiter=delimiter,
        lineterminator="\n",
        extrasaction="ignore",
        quoting=csv.QUOTE_MINIMAL,
    )
    writer.writeheader()
    for row in rows:
        writer.writerow({column: row.get(column, "") for column in columns})
    return buffer.getvalue()


def write_table_rows(rows: Sequence[Mapping[str, str]], path: Path) -> Path:
    """Write review rows to ``path`` (CSV or TSV by suffix), atomically; return the path.

    Columns are :data:`REVIEW_COLUMNS`, then any other column the rows carry (a curator's
    ``subject_type``, say), in order of first appearance, so no cell is lost.

    :raises UsageError: the suffix is neither ``.csv`` nor ``.tsv``.
    """
    columns = list(REVIEW_COLUMNS)
    for row in rows:
        columns.extend(c for c in row if c and c not in columns)
    return atomic_write_text(path, render_review_table(rows, table_delimiter(path), columns))


@dataclass(frozen=True, slots=True)
class TableRow:
    """A data row of a CSV/TSV table as read, with the line it starts on (for messages)."""

    line: int
    values: dict[str, str]

    def get(self, column: str) -> str:
        """The cell of ``column``, stripped; ``''`` when the column is absent or empty."""
        return (self.values.get(column) or "").strip()


def iter_table_rows(path: Path) -> Iterator[TableRow]:
    """Read a CSV/TSV table with a header row; blank lines are skipped.

    A UTF-8 byte-order mark (spreadsheets write one) is ignored. Header names are
    matched case-insensitively (they are lower-cased).

    :raises UsageError: unreadable or undecodable file, a missing header, a row with more
        cells than the header.
    """
    delimiter = table_delimiter(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(f"not UTF-8 text (byte {error.start})", path) from error
    except OSError as error:
        raise UsageError(f"cannot read: {error.strerror or error}", path) from error
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    header: list[str] | None = None
    previous_end = 0
    try:
        for cells in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            if header is None:
                header = [cell.strip().lower() for cell in cells]
                continue
            if len(cells) > len(header):
                raise UsageError(
                    f"line {line}: {len(cells)} cells but the header has {len(header)} columns",
                    path,
                )
            yield TableRow(line, dict(zip(header, cells, strict=False)))
    except csv.Error as error:
        raise UsageError(f"line {reader.line_num}: malformed table: {error}", path) from error
    if header is None:
        raise UsageError("empty table: no header row", path)
