"""Scoring of extracted statements against gold annotations (docs/GUIDELINES.md, Scoring).

``load_gold_dir`` reads the gold files, ``score`` compares produced statement records
with them, ``evaluate_paths`` does read + extract + score for ``hemekg evaluate``.
"""

from hemekg.evaluate.gold import (
    GoldDocument,
    GoldEntity,
    GoldFormatError,
    GoldTriple,
    load_gold,
    load_gold_dir,
)
from hemekg.evaluate.matching import EntityKeys, scoring_key
from hemekg.evaluate.report import render_text
from hemekg.evaluate.runner import EvaluationRun, evaluate_paths, resolve_documents
from hemekg.evaluate.scoring import CORE_PREDICATES, Counts, Evaluation, Finding, score

__all__ = [
    "CORE_PREDICATES",
    "Counts",
    "EntityKeys",
    "Evaluation",
    "EvaluationRun",
    "Finding",
    "GoldDocument",
    "GoldEntity",
    "GoldFormatError",
    "GoldTriple",
    "evaluate_paths",
    "load_gold",
    "load_gold_dir",
    "render_text",
    "resolve_documents",
    "score",
    "scoring_key",
]
