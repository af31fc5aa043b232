"""Reading ``build/statements.jsonl`` back into :class:`~hemekg.model.Statement` records.

``hemekg review --from build/statements.jsonl`` uses it to list a build's statements
without extracting again. The record is the one of :meth:`Statement.to_json`; the
statement id is recomputed and must match the stored one, which catches a hand-edited
or foreign file before its decisions are keyed on wrong ids.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hemekg.errors import UsageError
from hemekg.model import Statement

__all__ = ["read_statements_jsonl", "statement_from_json"]


def statement_from_json(record: dict[str, Any]) -> Statement:
    """The statement of one ``statements.jsonl`` record, its stored id checked.

    :raises KeyError, ValueError, TypeError: a missing or malformed field.
    """
    statement = Statement.from_json(record)
    if "id" in record and record["id"] != statement.id:
        raise ValueError(f"stored id {record['id']} does not match the statement ({statement.id})")
    return statement


def read_statements_jsonl(path: Path) -> list[Statement]:
    """Every statement of a ``statements.jsonl`` file, in file order.

    :raises UsageError: unreadable file, or a line that is not a statement record
        (the message names the file and line).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise UsageError(f"cannot read statements: not UTF-8 (byte {error.start})", path) from error
    except OSError as error:
        raise UsageError(f"cannot read statements: {error.strerror or error}", path) from error
    statements: list[Statement] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            statements.append(statement_from_json(json.loads(line)))
        except json.JSONDecodeError as error:
            raise UsageError(f"line {number}: not JSON: {error.msg}", path) from error
        except KeyError as error:
            raise UsageError(f"line {number}: statement record lacks {error}", path) from error
        except (ValueError, TypeError, AttributeError) as error:
            raise UsageError(f"line {number}: not a statement record: {error}", path) from error
    return statements
