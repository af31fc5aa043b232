"""Curation: review tables, decisions that survive rebuilds, and their mark on the graph.

The loop: ``hemekg review -o curation/review.tsv`` lists a build's statements; a curator
writes ``accept``, ``reject`` or ``add`` in the ``decision`` column; the next
``hemekg build`` calls :func:`curate` on the extracted statements, which drops rejected
ones, keeps accepted ones (at confidence 1.0, marked ``hk:curationStatus "accepted"``),
adds hand-written ones and reports decisions whose statement disappeared.
See docs/CURATION.md. Only the names in ``__all__`` are a stable API.
"""

from __future__ import annotations

from hemekg.curation.apply import (
    ACCEPTED,
    ADDED,
    CURATION_EXTRACTOR,
    CurationOutcome,
    apply_decisions,
    curate,
    curator_iri,
)
from hemekg.curation.decisions import (
    Decision,
    DecisionKind,
    decision_files,
    read_decision_file,
    read_decisions,
)
from hemekg.curation.jsonl import read_statements_jsonl
from hemekg.curation.merge import MergedTable, write_review_table
from hemekg.curation.table import REVIEW_COLUMNS, review_row

__all__ = [
    "ACCEPTED",
    "ADDED",
    "CURATION_EXTRACTOR",
    "REVIEW_COLUMNS",
    "CurationOutcome",
    "Decision",
    "DecisionKind",
    "MergedTable",
    "apply_decisions",
    "curate",
    "curator_iri",
    "decision_files",
    "read_decision_file",
    "read_decisions",
    "read_statements_jsonl",
    "review_row",
    "write_review_table",
]
