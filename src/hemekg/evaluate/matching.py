"""Entity matching for scoring, exactly as docs/GUIDELINES.md (Scoring) defines it.

A produced entity matches a gold entity when they share an xref (the primary id counts
as an xref) or a *normalised label*: lower case, punctuation dropped, a plural "s"
dropped, British spellings folded. The normalisation lives here, apart from the
lexicon's, so the score cannot drift when grounding code changes.

>>> scoring_key("Leukaemias")
'leukemia'
>>> scoring_key("White blood cells")
'white blood cell'
>>> scoring_key("chest X-ray")
'chest x ray'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["EntityKeys", "scoring_key"]

_PUNCT = re.compile(r"[^\w\s]|_")
_SPACE = re.compile(r"\s+")
#: British -> American spelling folds, applied to whole words in this order.
_BRITISH = (
    (re.compile(r"aemia"), "emia"),
    (re.compile(r"haem"), "hem"),
    (re.compile(r"aem"), "em"),
    (re.compile(r"paed"), "ped"),
    (re.compile(r"\boe"), "e"),
    (re.compile(r"oestr"), "estr"),
    (re.compile(r"ae"), "e"),
    (re.compile(r"our\b"), "or"),
    (re.compile(r"isation\b"), "ization"),
    (re.compile(r"ise\b"), "ize"),
    (re.compile(r"ised\b"), "ized"),
    (re.compile(r"tre\b"), "ter"),
)
_KEEP_S = ("ss", "us", "is", "ous")


def _singular(word: str) -> str:
    if len(word) <= 3 or not word.endswith("s") or word.endswith(_KEEP_S):
        return word
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    return word[:-1]


def scoring_key(label: str) -> str:
    """The guideline normalisation of a label: the form two labels are compared in."""
    text = unicodedata.normalize("NFKC", label).casefold()
    text = _SPACE.sub(" ", _PUNCT.sub(" ", text)).strip()
    words = []
    for word in text.split(" "):
        for pattern, replacement in _BRITISH:
            word = pattern.sub(replacement, word)
        words.append(_singular(word))
    return " ".join(words)


@dataclass(frozen=True, slots=True)
class EntityKeys:
    """What an entity can be matched on: its xrefs (primary id included) and label keys."""

    xrefs: frozenset[str]
    labels: frozenset[str]

    @classmethod
    def of(cls, xrefs: Iterable[str], labels: Iterable[str]) -> EntityKeys:
        """Keys from raw xrefs and labels (xrefs compared case-insensitively)."""
        return cls(
            frozenset(x.strip().upper() for x in xrefs if x and x.strip()),
            frozenset(k for k in (scoring_key(label) for label in labels if label) if k),
        )

    def matches(self, other: EntityKeys) -> bool:
        """True when the two share an xref or a normalised label."""
        return not self.xrefs.isdisjoint(other.xrefs) or not self.labels.isdisjoint(other.labels)
