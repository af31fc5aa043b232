"""Validation of knowledge graphs against the hemekg SHACL shapes.

Only :mod:`hemekg.validate.shacl` imports pyshacl; callers get our own
:class:`ValidationReport`. :mod:`hemekg.validate.parse` loads untrusted RDF files safely.
"""

from hemekg.validate.parse import load_rdf
from hemekg.validate.report import ValidationReport, Violation
from hemekg.validate.shacl import validate_file, validate_graph

__all__ = [
    "ValidationReport",
    "Violation",
    "load_rdf",
    "validate_file",
    "validate_graph",
]
