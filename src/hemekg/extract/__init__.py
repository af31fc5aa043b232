"""Extraction: lexicon look-up, mentions, abbreviations, relations, negation -> Statements.

:func:`extract_document` is what the build pipeline calls. Extractors are plug-ins
(:class:`~hemekg.extract.base.Extractor`) registered by name in :data:`EXTRACTORS`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hemekg.errors import UsageError
from hemekg.extract.base import Extractor
from hemekg.extract.engine import RuleExtractor, sort_statements
from hemekg.model import Document, Statement

if TYPE_CHECKING:
    from hemekg.extract.lexicon import Lexicon

__all__ = ["EXTRACTORS", "Extractor", "RuleExtractor", "extract_document", "get_extractor"]

#: extractor name -> class; ``hemekg extract --extractor NAME`` picks one.
EXTRACTORS: dict[str, type[Extractor]] = {RuleExtractor.name: RuleExtractor}


def get_extractor(name: str, lexicon: Lexicon | None = None) -> Extractor:
    """An extractor instance by registry name.

    :raises UsageError: unknown name.
    """
    try:
        factory = EXTRACTORS[name]
    except KeyError:
        raise UsageError(
            f"unknown extractor {name!r} (known: {', '.join(sorted(EXTRACTORS))})"
        ) from None
    if factory is RuleExtractor:
        return RuleExtractor(lexicon)
    return factory()


def extract_document(
    doc: Document, lexicon: Lexicon | None = None, extractor: str = "rules"
) -> list[Statement]:
    """All statements of one document (negated ones included, flagged).

    Sorted by document, evidence start, predicate, subject id, object id; a statement
    repeated within one evidence sentence is kept once.
    """
    return sort_statements(get_extractor(extractor, lexicon).extract(doc))
