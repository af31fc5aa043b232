"""The project lexicon as an :data:`~hemekg.curation.entities.EntityLookup` for hand-added rows.

Kept apart so curation only pays for loading the lexicon when a decision file has
``add`` rows.
"""

from __future__ import annotations

from collections.abc import Sequence

from hemekg.curation.entities import EntityLookup
from hemekg.model import Entity

__all__ = ["lexicon_lookup"]


def lexicon_lookup() -> EntityLookup:
    """Look-up of a CURIE (exact id) or a label (every entity it names, best first)."""
    from hemekg.extract.lexicon import default_lexicon

    lexicon = default_lexicon()

    def lookup(reference: str) -> Sequence[Entity]:
        if reference in lexicon:
            return [lexicon.get(reference)]
        return lexicon.lookup(reference)

    return lookup
