"""Helpers for the curation tests: writing decision tables by hand."""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path

from hemekg.curation import REVIEW_COLUMNS


def write_decisions(
    path: Path, rows: Sequence[Mapping[str, str]], columns: Sequence[str] = REVIEW_COLUMNS
) -> Path:
    """Write ``rows`` as a decision table (CSV or TSV by suffix), as a curator would."""
    path.parent.mkdir(parents=True, exist_ok=True)
    delimiter = "\t" if path.suffix == ".tsv" else ","
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle,
            fieldnames=list(columns),
            delimiter=delimiter,
            lineterminator="\n",
            extrasaction="ignore",
        )
        writer.writeheader()
        for row in rows:
            writer.writerow(row)
    return path
