"""Text and JSON renderings of a :class:`~hemekg.graphdiff.compare.GraphDiff`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from itertools import groupby

from hemekg.graphdiff.compare import GraphDiff, Relation

__all__ = ["diff_to_json", "diff_to_text"]


def _relation_lines(added: Sequence[Relation], removed: Sequence[Relation]) -> list[str]:
    """``+``/``-`` lines grouped under their predicate, predicates in name order."""
    signed = sorted(
        [(r.predicate, "+", r) for r in added] + [(r.predicate, "-", r) for r in removed]
    )
    lines: list[str] = []
    for predicate, items in groupby(signed, key=lambda item: item[0]):
        group = list(items)
        plus = sum(1 for _, sign, _ in group if sign == "+")
        lines.append(f"  {predicate} (+{plus} -{len(group) - plus})")
        lines.extend(f"    {sign} {relation}" for _, sign, relation in group)
    return lines


def diff_to_text(diff: GraphDiff, *, evidence_details: bool = False) -> str:
    """A readable report: relations by predicate, entities, then evidence-only changes briefly.

    Evidence-only changes are brief: statements whose evidence merely moved (offsets
    changed because text above it was edited) are only counted.

    :param evidence_details: list every evidence-only change, with each added, removed or
        re-annotated evidence sentence.
    """
    old_size, new_size = diff.sizes
    if diff.equal:
        return f"graphs are equal ({old_size} triples)\n"
    lines = [f"triples       {old_size} -> {new_size}"]
    added, removed = diff.added_relations, diff.removed_relations
    lines.append(f"statements    +{len(added)} -{len(removed)}")
    lines += _relation_lines(added, removed)
    lines.append(
        f"entities      +{len(diff.added_entities)} -{len(diff.removed_entities)}"
        + (f" ~{len(diff.changed_entities)}" if diff.changed_entities else "")
    )
    lines += [f"    + {entity}" for entity in diff.added_entities]
    lines += [f"    - {entity}" for entity in diff.removed_entities]
    lines += [f"    ~ {change}" for change in diff.changed_entities]
    if diff.evidence:
        moved = sum(1 for change in diff.evidence if change.moved_only)
        lines.append(
            f"evidence only {len(diff.evidence)} statements with changed provenance"
            + (f" ({moved} with moved offsets only)" if moved else "")
        )
        for change in diff.evidence:
            if change.moved_only and not evidence_details:
                continue
            lines.append(f"    ~ {change}")
            if evidence_details:
                lines += [f"        + {text}" for text in change.added]
                lines += [f"        - {text}" for text in change.removed]
                lines += [f"        ~ {text}" for text in change.changed]
    if diff.documents:
        lines.append("documents     " + "; ".join(str(d) for d in diff.documents))
    if diff.other_added or diff.other_removed:
        lines.append(
            f"other triples +{diff.other_added} -{diff.other_removed} "
            "(alternative labels, cross-references, ...)"
        )
    return "\n".join(lines) + "\n"


def diff_to_json(diff: GraphDiff) -> str:
    """The diff as indented, key-sorted JSON (stable for the same two graphs)."""
    return json.dumps(diff.to_json(), indent=2, sort_keys=True, ensure_ascii=False) + "\n"
