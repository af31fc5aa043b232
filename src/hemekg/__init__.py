"""hemekg: a knowledge-graph and OWL ontology builder for hematology documents.

Only the names in ``__all__`` are a stable API.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
