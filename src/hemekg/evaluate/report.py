"""Plain-text rendering of an :class:`~hemekg.evaluate.scoring.Evaluation`."""

from __future__ import annotations

from hemekg.evaluate.scoring import Counts, Evaluation

__all__ = ["render_text"]


def _row(name: str, counts: Counts) -> str:
    return (
        f"{name:<18} {counts.produced:>8} {counts.correct:>7} {counts.gold:>5} {counts.found:>5}"
        f" {counts.precision:>9.3f} {counts.recall:>7.3f} {counts.f1:>6.3f}"
    )


def render_text(evaluation: Evaluation, details: bool = True) -> str:
    """The per-predicate table, the must_not violations, then missed and wrong statements."""
    lines = [
        f"documents: {len(evaluation.documents)}",
        f"{'predicate':<18} {'produced':>8} {'correct':>7} {'gold':>5} {'found':>5}"
        f" {'precision':>9} {'recall':>7} {'F1':>6}",
    ]
    lines += [_row(name, counts) for name, counts in evaluation.per_predicate.items()]
    lines.append(_row("overall", evaluation.overall))
    lines.append(f"neutral (uncertain) statements: {evaluation.neutral}")
    lines.append(f"must_not violations: {len(evaluation.must_not)}")
    lines += [f"  ERROR {finding.line()}" for finding in evaluation.must_not]
    if details:
        lines.append(f"missed ({len(evaluation.missed)}):")
        lines += [f"  {finding.line()}" for finding in evaluation.missed]
        lines.append(f"wrong ({len(evaluation.wrong)}):")
        lines += [f"  {finding.line()}" for finding in evaluation.wrong]
    return "\n".join(lines)
