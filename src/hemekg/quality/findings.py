"""Quality findings and the report that renders them (table, TSV, JSON), like ROBOT ``report``."""

from __future__ import annotations

import io
import json
from collections import Counter
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

__all__ = ["Finding", "Level", "QualityReport"]


class Level(StrEnum):
    """How bad a finding is; ERROR makes ``hemekg report`` exit with 1."""

    ERROR = "ERROR"
    WARN = "WARN"
    INFO = "INFO"

    @property
    def rank(self) -> int:
        """0 for ERROR, 1 for WARN, 2 for INFO (sort order: worst first)."""
        return list(Level).index(self)


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem found on one node.

    :param level: ERROR, WARN or INFO.
    :param rule: the check's name (``missing_label``, ``dangling_reference``, ...).
    :param subject: the node (CURIE).
    :param label: its label ('' if none).
    :param property: the property involved (CURIE, '' if none).
    :param value: the offending value ('' if none).
    :param message: what is wrong, in one line.
    """

    level: Level
    rule: str
    subject: str
    label: str
    property: str
    value: str
    message: str

    def sort_key(self) -> tuple[Any, ...]:
        return (self.level.rank, self.rule, self.subject, self.property, self.value)


_COLUMNS = ("level", "rule", "subject", "label", "property", "value", "message")


@dataclass
class QualityReport:
    """Every finding of a quality run, worst first."""

    findings: list[Finding] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.findings = sorted(set(self.findings), key=Finding.sort_key)

    def counts(self) -> dict[str, int]:
        """Findings per level, every level listed."""
        counter = Counter(f.level for f in self.findings)
        return {level.value: counter.get(level, 0) for level in Level}

    @property
    def has_errors(self) -> bool:
        return any(f.level is Level.ERROR for f in self.findings)

    def summary(self) -> str:
        counts = self.counts()
        return "quality: " + ", ".join(f"{n} {level}" for level, n in counts.items())

    def to_rows(self) -> list[dict[str, str]]:
        return [{k: str(v) for k, v in asdict(f).items()} for f in self.findings]

    def to_tsv(self) -> str:
        """Tab-separated values with a header row (tabs and newlines in cells become spaces)."""
        out = io.StringIO()
        out.write("\t".join(_COLUMNS) + "\n")
        for row in self.to_rows():
            out.write("\t".join(" ".join(row[c].split()) for c in _COLUMNS) + "\n")
        return out.getvalue()

    def to_json(self) -> dict[str, Any]:
        return {"counts": self.counts(), "errors": self.has_errors, "findings": self.to_rows()}

    def to_json_text(self) -> str:
        return json.dumps(self.to_json(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"

    def to_table(self, max_width: int = 60) -> str:
        """An aligned plain-text table followed by the summary line."""
        if not self.findings:
            return self.summary()
        columns = ("level", "rule", "subject", "label", "value", "message")
        rows = [[_clip(row[c], max_width) for c in columns] for row in self.to_rows()]
        widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(columns)]
        lines = [
            "  ".join(c.upper().ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()
        ]
        lines += [
            "  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in rows
        ]
        lines.append(self.summary())
        return "\n".join(lines)


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
