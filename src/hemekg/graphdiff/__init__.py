"""Comparing two builds of the knowledge graph (``hemekg diff``).

Only the names in ``__all__`` are a stable API.
"""

from __future__ import annotations

from hemekg.graphdiff.compare import (
    DocumentChange,
    EntityChange,
    EntitySummary,
    EvidenceChange,
    GraphDiff,
    Relation,
    diff_graphs,
)
from hemekg.graphdiff.load import load_graph
from hemekg.graphdiff.render import diff_to_json, diff_to_text

__all__ = [
    "DocumentChange",
    "EntityChange",
    "EntitySummary",
    "EvidenceChange",
    "GraphDiff",
    "Relation",
    "diff_graphs",
    "diff_to_json",
    "diff_to_text",
    "load_graph",
]
