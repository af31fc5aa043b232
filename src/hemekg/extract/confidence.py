"""Confidence of a statement, from the evidence that produced it.

``confidence = cue strength x grounding x resolution x distance``, clamped to [0.05, 0.99]:

* **cue strength** (:data:`CUE_STRENGTH`): how reliably the pattern states the relation;
  an explicit "X is a type of Y" is near-certain, a coordination read off a list lead or a
  name-composition rule less so, a symptom cue across the sentence least.
* **grounding**: 1.0 when both arguments matched a label or exact synonym
  (``Mention.exact``), :data:`LOOSE_GROUNDING` for each argument grounded loosely
  (related synonym, abbreviation) and :data:`NEW_ENTITY` for a project entity minted
  from the text.
* **resolution**: :data:`ANAPHORA` when the subject was a pronoun or anaphor ("It",
  "The cancer cells") resolved to the topic disease, :data:`LIFTED` when a statement
  stated for a subtype is also recorded for its parent.
* **distance**: list items further from their lead sentence lose :data:`LIST_DECAY` each.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "ANAPHORA",
    "CUE_STRENGTH",
    "DEFAULT_STRENGTH",
    "LIFTED",
    "LIST_DECAY",
    "LOOSE_GROUNDING",
    "NEW_ENTITY",
    "confidence",
]

DEFAULT_STRENGTH: Final = 0.7
LOOSE_GROUNDING: Final = 0.9
NEW_ENTITY: Final = 0.85
ANAPHORA: Final = 0.85
LIFTED: Final = 0.8
LIST_DECAY: Final = 0.01

#: extractor name (prefix before the first dot counts too) -> strength of its cue.
CUE_STRENGTH: Final[dict[str, float]] = {
    "hearst.type_of": 0.95,
    "hearst.types_include": 0.9,
    "hearst.divided_into": 0.9,
    "hearst.n_types": 0.9,
    "hearst.such_as": 0.75,
    "hearst.and_other": 0.75,
    "hearst.including": 0.75,
    "hearst.apposition": 0.8,
    "hearst.copula": 0.85,
    "hearst.list": 0.85,
    "hearst.list_lead": 0.6,
    "taxonomy.name_composition": 0.75,
    "taxonomy.modifier": 0.8,
    "cue.originates_in": 0.9,
    "cue.spreads_to": 0.85,
    "cue.affects": 0.8,
    "cue.affects_state": 0.75,
    "cue.has_symptom": 0.75,
    "cue.diagnosed_by": 0.75,
    "cue.treated_with": 0.8,
    "cue.has_cause": 0.85,
    "cue.has_risk_factor": 0.85,
    "cue.affects_population": 0.75,
    "cue.produces": 0.85,
    "cue.develops_into": 0.85,
    "list.": 0.8,
}


def _strength(extractor: str) -> float:
    if extractor in CUE_STRENGTH:
        return CUE_STRENGTH[extractor]
    for name, value in CUE_STRENGTH.items():
        if name.endswith(".") and extractor.startswith(name):
            return value
    return CUE_STRENGTH.get(extractor.rsplit(".", 1)[0], DEFAULT_STRENGTH)


def confidence(
    extractor: str,
    *,
    exact: bool = True,
    new_entity: bool = False,
    anaphora: bool = False,
    lifted: bool = False,
    list_distance: int = 0,
) -> float:
    """The confidence of one statement (see the module docstring for the formula).

    >>> confidence("hearst.type_of")
    0.95
    >>> round(confidence("cue.spreads_to", anaphora=True), 3)
    0.723
    """
    value = _strength(extractor)
    if not exact:
        value *= LOOSE_GROUNDING
    if new_entity:
        value *= NEW_ENTITY
    if anaphora:
        value *= ANAPHORA
    if lifted:
        value *= LIFTED
    value -= LIST_DECAY * max(0, list_distance)
    return round(min(0.99, max(0.05, value)), 4)
