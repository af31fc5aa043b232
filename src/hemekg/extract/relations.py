"""Cue rules for the non-taxonomic predicates of the core vocabulary, by family.

Each rule is ``(name, prefilter, function)``: the prefilter is one compiled regular
expression, and the function only runs on sentences it matches, so most sentences cost
one regex search per rule. Functions yield :class:`~hemekg.extract.found.Found` records;
the signature check (:func:`hemekg.extract.found.fits`) keeps only typed pairs the
predicate allows, choosing among a span's candidates ("radiation" as a Treatment after
"treated with", as a Cause after "caused by"). Shared helpers are in :mod:`.cues`,
noun-phrase lists ("exposure to toxic chemicals such as benzene, certain drugs") in
:mod:`.items`.

Rules (module, name: predicate, cues):

* cue_location, cue.originates_in: originatesIn, "begins / starts / develops / arises in";
  "starts in / develops from <cells> (in the marrow)" also gives affects
* cue_location, cue.spreads_to: spreadsTo, "spread(s) to / into", "travel to", "invade"
* cue_affects, cue.affects: affects, "cancer of the <cells>", "increase / lack / low
  numbers of <cells>", "problems with <cells>", "<cells> become malignant", "X affects <cells>"
* cue_affects, cue.affects_state: affects, "In X, the bone marrow makes (abnormal) <cells>",
  "In X, <cells> called Y multiply / grow out of control"
* cue_symptoms, cue.has_symptom: hasSymptom, "symptoms include", "Y is its main symptom",
  "the child feels tired / looks pale", "results in bruising", "This causes anaemia"
* cue_care, cue.diagnosed_by: diagnosedBy, "diagnosis of X is made based on", "tests for X
  include", any test named under a diagnosis heading or after "How is X diagnosed?"
* cue_care, cue.treated_with: treatedWith, "treatments may include", "X is treated with",
  treatments named under a treatment heading; a therapy's own name is no cue
* cue_causes, cue.has_cause: hasCause, "caused by", "is the result / consequence of",
  "results from", "happens when", "causes of X include", "<cause> can cause X",
  "is passed on / inherited" (genetics)
* cue_causes, cue.has_risk_factor: hasRiskFactor, "increases the risk of", "risk factors
  (for X) include", "people with X have a higher risk", "your risk is higher if you ..."
* cue_population, cue.affects_population: affectsPopulation, "X can affect children and
  adults", "X in children", "children with X", "most patients are older adults", "people of
  Mediterranean origin"
* cue_production, cue.produces: produces, "the bone marrow produces / makes X"
* cue_production, cue.develops_into: developsInto, "stem cells develop into X", "X develop
  from Y", "Y, precursors of X", "differentiate"
"""

from __future__ import annotations

from typing import Final

from hemekg.extract import (
    cue_affects,
    cue_care,
    cue_causes,
    cue_location,
    cue_population,
    cue_production,
    cue_symptoms,
)
from hemekg.extract.cues import Rule

__all__ = ["RELATION_RULES", "Rule"]

#: every relation cue rule, in the order they run.
RELATION_RULES: Final[tuple[Rule, ...]] = (
    *cue_location.RULES,
    *cue_affects.RULES,
    *cue_symptoms.RULES,
    *cue_care.RULES,
    *cue_causes.RULES,
    *cue_population.RULES,
    *cue_production.RULES,
)
