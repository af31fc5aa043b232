"""Curation decisions as read from the decision files of a curation folder.

A decision file is a review table (:mod:`hemekg.curation.table`) in which a curator
wrote ``accept``, ``reject`` or ``add`` in the ``decision`` column. Rows with an empty
decision are undecided and ignored. Any other text is an error naming the file and
line, because a typo silently ignored would let a rejected statement back into the graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from hemekg.curation.table import TABLE_MEDIA_TYPES, TableRow, iter_table_rows
from hemekg.errors import UsageError
from hemekg.model import Predicate

__all__ = [
    "Decision",
    "DecisionKind",
    "check_conflicts",
    "decision_files",
    "parse_predicate",
    "read_decision_file",
    "read_decisions",
]

_STATEMENT_ID = re.compile(r"^[0-9a-f]{16}$")


class DecisionKind(StrEnum):
    """What a curator decided about a row."""

    ACCEPT = "accept"
    REJECT = "reject"
    ADD = "add"


@dataclass(frozen=True, slots=True)
class Decision:
    """One decided row of a decision file.

    :param kind: accept, reject or add.
    :param file: the decision file, as found under the curation folder.
    :param line: the line the row starts on (1-based, the header is line 1).
    :param statement_id: the statement decided on (empty for ``add``).
    :param subject: subject CURIE (or, for ``add``, a label when no CURIE was given).
    :param predicate: the predicate as written (validated for ``add``).
    :param object: object CURIE (or label, as for ``subject``).
    :param subject_label: the subject's label as written in the row.
    :param object_label: the object's label as written in the row.
    :param curator: who decided (free text, e.g. a name or ORCID).
    :param note: the curator's note.
    :param subject_type: an explicit entity type for a hand-added subject (optional column).
    :param object_type: an explicit entity type for a hand-added object (optional column).
    """

    kind: DecisionKind
    file: Path
    line: int
    statement_id: str = ""
    subject: str = ""
    predicate: str = ""
    object: str = ""
    subject_label: str = ""
    object_label: str = ""
    curator: str = ""
    note: str = ""
    subject_type: str = ""
    object_type: str = ""

    @property
    def where(self) -> str:
        """``file:line`` for messages."""
        return f"{self.file}:{self.line}"

    def describe(self) -> str:
        """The triple in words, from the row's labels (falling back to its ids)."""
        subject = self.subject_label or self.subject or "?"
        obj = self.object_label or self.object or "?"
        return f"{subject} {self.predicate or '?'} {obj}"


def parse_predicate(text: str) -> Predicate | None:
    """A core predicate from its name, ignoring case, ``_``/``-``/spaces and an ``hk:`` prefix."""
    key = re.sub(r"[\s_-]", "", text.removeprefix("hk:")).casefold()
    if key == "rdfs:subclassof":
        return Predicate.SUB_CLASS_OF
    for predicate in Predicate:
        if predicate.value.casefold() == key:
            return predicate
    return None


def _decision_from_row(row: TableRow, path: Path) -> Decision | None:
    text = row.get("decision").casefold()
    if not text:
        return None
    try:
        kind = DecisionKind(text)
    except ValueError:
        allowed = ", ".join(k.value for k in DecisionKind)
        raise UsageError(
            f"line {row.line}: unknown decision {row.get('decision')!r} "
            f"(use {allowed}, or leave empty)",
            path,
        ) from None
    decision = Decision(
        kind=kind,
        file=path,
        line=row.line,
        statement_id=row.get("id").lower(),
        subject=row.get("subject_id") or row.get("subject"),
        predicate=row.get("predicate"),
        object=row.get("object_id") or row.get("object"),
        subject_label=row.get("subject_label"),
        object_label=row.get("object_label"),
        curator=row.get("curator"),
        note=row.get("note"),
        subject_type=row.get("subject_type"),
        object_type=row.get("object_type"),
    )
    if kind is DecisionKind.ADD:
        missing = [
            name
            for name, value in (
                ("subject_id or subject_label", decision.subject or decision.subject_label),
                ("predicate", decision.predicate),
                ("object_id or object_label", decision.object or decision.object_label),
            )
            if not value
        ]
        if missing:
            raise UsageError(f"line {row.line}: decision 'add' needs {', '.join(missing)}", path)
        if parse_predicate(decision.predicate) is None:
            allowed = ", ".join(p.value for p in Predicate)
            raise UsageError(
                f"line {row.line}: unknown predicate {decision.predicate!r} (use one of {allowed})",
                path,
            )
    elif not decision.statement_id:
        raise UsageError(
            f"line {row.line}: decision {kind.value!r} needs the statement id in column 'id'", path
        )
    elif not _STATEMENT_ID.match(decision.statement_id):
        raise UsageError(
            f"line {row.line}: {decision.statement_id!r} is not a statement id (16 hex digits)",
            path,
        )
    return decision


def read_decision_file(path: Path) -> list[Decision]:
    """The decided rows of one decision file, in file order.

    :raises UsageError: malformed table, no ``decision`` column, an unknown decision or
        predicate, an ``accept``/``reject`` row without a valid id, an ``add`` row
        without subject, predicate or object; the message names the file and line.
    """
    rows = iter_table_rows(path)
    decisions: list[Decision] = []
    first = True
    for row in rows:
        if first:
            first = False
            if "decision" not in row.values:
                raise UsageError("no 'decision' column in the header", path)
        decision = _decision_from_row(row, path)
        if decision is not None:
            decisions.append(decision)
    return decisions


def decision_files(folder: Path) -> list[Path]:
    """The decision files of a curation folder: every ``*.tsv`` and ``*.csv``, sorted by name.

    Sub-folders and other files (``README.md``) are ignored.

    :raises UsageError: ``folder`` does not exist or is not a folder.
    """
    if not folder.is_dir():
        raise UsageError("curation folder not found", folder)
    return sorted(
        (p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in TABLE_MEDIA_TYPES),
        key=lambda p: p.name,
    )


def read_decisions(folder: Path) -> list[Decision]:
    """Every decision of every decision file in ``folder`` (files in name order).

    :raises UsageError: see :func:`read_decision_file` and :func:`check_conflicts`.
    """
    decisions = [d for path in decision_files(folder) for d in read_decision_file(path)]
    check_conflicts(decisions)
    return decisions


def check_conflicts(decisions: Iterable[Decision]) -> None:
    """Refuse a statement that is both accepted and rejected: the curators must settle it.

    :raises UsageError: naming both rows.
    """
    first: dict[str, Decision] = {}
    for decision in decisions:
        if decision.kind is DecisionKind.ADD:
            continue
        earlier = first.setdefault(decision.statement_id, decision)
        if earlier.kind is not decision.kind:
            raise UsageError(
                f"line {decision.line}: statement {decision.statement_id} is "
                f"{decision.kind.value}ed here but {earlier.kind.value}ed at {earlier.where}",
                decision.file,
            )
