"""Refreshing a review table without losing the curator's work.

``hemekg review -o curation/review.tsv`` on a table that already holds decisions keeps
them: the decision, curator and note of every statement still extracted are copied onto
its fresh row; decided rows whose statement is gone and hand-added rows are kept as they
were, after the fresh rows, so the build can still report them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from hemekg.curation.table import (
    CURATOR_COLUMNS,
    iter_table_rows,
    review_row,
    sort_for_review,
    table_delimiter,
    write_table_rows,
)
from hemekg.model import Statement

__all__ = ["MergedTable", "merge_review_rows", "write_review_table"]


@dataclass(frozen=True, slots=True)
class MergedTable:
    """Rows for a refreshed review table and what was carried over.

    :param rows: fresh rows (with carried decisions) followed by the kept rows.
    :param carried: decided statements still extracted, whose decisions were copied.
    :param kept: rows kept as they were (stale decisions and hand-added rows).
    """

    rows: list[dict[str, str]]
    carried: int
    kept: int


def merge_review_rows(statements: Iterable[Statement], existing: Path | None) -> MergedTable:
    """Review rows for ``statements``, with the curator columns of ``existing`` carried over.

    :param existing: an earlier review table (``None`` or a missing file: nothing to carry).
    :raises UsageError: ``existing`` is not a readable table.
    """
    rows = [review_row(statement) for statement in sort_for_review(statements)]
    if existing is None or not existing.exists():
        return MergedTable(rows, 0, 0)
    fresh_ids = {row["id"] for row in rows}
    carried: dict[str, dict[str, str]] = {}
    kept: list[dict[str, str]] = []
    for old in iter_table_rows(existing):
        if not any(old.get(column) for column in CURATOR_COLUMNS):
            continue
        statement_id = old.get("id").lower()
        if statement_id in fresh_ids and old.get("decision").casefold() != "add":
            carried.setdefault(statement_id, {c: old.get(c) for c in CURATOR_COLUMNS})
        else:
            kept.append({column: value.strip() for column, value in old.values.items()})
    for row in rows:
        row.update(carried.get(row["id"], {}))
    return MergedTable([*rows, *kept], len(carried), len(kept))


def write_review_table(
    statements: Iterable[Statement], path: Path, *, keep_decisions: bool = True
) -> MergedTable:
    """Write the review table of ``statements`` to ``path`` (CSV or TSV by suffix).

    :param keep_decisions: carry the curator columns of the file already at ``path``
        over (see :func:`merge_review_rows`); ``False`` overwrites it.
    :raises UsageError: unsupported suffix, or an unreadable existing table.
    """
    table_delimiter(path)  # refuse a bad suffix before any work
    merged = merge_review_rows(statements, path if keep_decisions else None)
    write_table_rows(merged.rows, path)
    return merged
