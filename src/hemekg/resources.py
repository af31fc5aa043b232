"""The only code that locates packaged data.

``ontology/``, ``shapes/``, ``queries/`` and ``corpus/`` are human-edited folders at the
top of the repository; ``src/hemekg/data/`` links to them, so the same files are found
from a source checkout, an editable install and a wheel.
"""

from __future__ import annotations

import hashlib
from functools import cache
from importlib.resources import files
from pathlib import Path

__all__ = [
    "corpus_dir",
    "data_dir",
    "lexicon_path",
    "ontology_dir",
    "package_digest",
    "queries_dir",
    "shapes_dir",
]


@cache
def data_dir() -> Path:
    """The package's data folder."""
    return Path(str(files("hemekg") / "data"))


def ontology_dir() -> Path:
    """Hand-written TBox in Turtle (``ontology/``)."""
    return data_dir() / "ontology"


def shapes_dir() -> Path:
    """SHACL shapes (``shapes/``)."""
    return data_dir() / "shapes"


def queries_dir() -> Path:
    """Named SPARQL queries (``queries/*.rq``)."""
    return data_dir() / "queries"


def corpus_dir() -> Path:
    """The bundled default corpus (``corpus/``)."""
    return data_dir() / "corpus"


def lexicon_path() -> Path:
    """The compact lexicon derived by ``scripts/build_lexicon.py``."""
    return data_dir() / "lexicon.tsv"


def package_digest(*parts: str) -> str:
    """SHA-256 over the code and tables of these parts of the installed package (folders,
    searched recursively, or single files; names relative to the package), with their
    paths: what caches and stored results made by this code depend on."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for name in parts:
        part = root / name
        found = sorted(part.rglob("*")) if part.is_dir() else [part]
        for path in found:
            if path.is_file() and path.suffix in {".py", ".tsv"}:
                digest.update(path.relative_to(root).as_posix().encode() + b"\0")
                digest.update(path.read_bytes())
    return digest.hexdigest()
