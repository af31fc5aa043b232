"""Quality report of a knowledge graph or ontology (missing or duplicate labels, dangling
references, orphan classes, ...), in the spirit of ROBOT's ``report`` command."""

from hemekg.quality.checks import CHECKS, Check, run_checks
from hemekg.quality.findings import Finding, Level, QualityReport

__all__ = ["CHECKS", "Check", "Finding", "Level", "QualityReport", "run_checks"]
