"""hemekg: a knowledge-graph and OWL ontology builder for hematology documents.

Only the names in ``__all__`` are a stable API. ``load``, ``KnowledgeGraph`` and
``example_path`` are imported on first use, so the command line starts without rdflib and
networkx.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

__all__ = ["KnowledgeGraph", "__version__", "example_path", "load"]

if TYPE_CHECKING:
    from hemekg.api import KnowledgeGraph, example_path, load


def __getattr__(name: str) -> Any:
    if name in ("KnowledgeGraph", "example_path", "load"):
        from hemekg import api

        return getattr(api, name)
    raise AttributeError(f"module 'hemekg' has no attribute {name!r}")
