"""Negation, speculation and hypothesis detection (NegEx / ConText style).

A statement found by a relation cue is *negated* (kept for review with
``negated: true``, never asserted) when

* a **forward trigger** ("not", "no known", "it is not clear", "there is an opinion
  that", "unlikely", "mistakenly", ...) stands before the relation's cue or object in the
  same clause and its scope (up to :data:`SCOPE_TOKENS` words, stopped early by a
  **termination term** such as "but", "however", ";" or a comma) reaches the relation; or
* a **backward trigger** ("has not been proven", "is a myth", "is unlikely") follows the
  relation in the same clause; or
* the *next* sentence disowns this one ("To think so is delusion.", "However, such a
  version is considered at the hypothesis level.", "This has not been proven."):
  **retroactive triggers**, which negate every statement of the sentence before.

**Pseudo-triggers** ("not only", "no doubt", "not necessarily", "whether or not") are
masked first so they never fire. All lists are below, as data, so they can be shown
(``hemekg.extract.negation.TRIGGERS``) and extended.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

__all__ = [
    "BACKWARD_TRIGGERS",
    "FORWARD_TRIGGERS",
    "PSEUDO_TRIGGERS",
    "RETROACTIVE_TRIGGERS",
    "SCOPE_TOKENS",
    "TERMINATION_TERMS",
    "TRIGGERS",
    "WIDE_TRIGGERS",
    "NegationCue",
    "find_negation",
    "retracted_by_next",
]

#: words after a forward trigger that it can still govern.
SCOPE_TOKENS: Final = 8

#: speculation cues whose scope is the rest of the sentence, not a few words.
_WIDE_IN_ORDER: Final[tuple[str, ...]] = (
    "unknown whether",
    "it is not clear",
    "it is unclear",
    "unclear whether",
    "unclear what",
    "there is an opinion that",
    "some believe",
    "some people believe",
    "some think",
    "it is thought that",
    "it was thought",
    "hypothesis",
    "hypothesized",
    "hypothesised",
    "hypothetically",
    "speculated",
    "speculative",
    "theoretically",
    "unproven",
    "mistakenly",
    "wrongly",
    "erroneously",
    "falsely",
    "misconception",
    "myth",
    "contrary to popular belief",
    "is one and the same",
)
WIDE_TRIGGERS: Final[frozenset[str]] = frozenset(_WIDE_IN_ORDER)

#: negation, speculation and hypothesis cues that govern what follows them: the
#: narrow ones (a few words of scope) and then every wide one.
FORWARD_TRIGGERS: Final[tuple[str, ...]] = (
    "not",
    "no",
    "never",
    "none",
    "neither",
    "nor",
    "cannot",
    "can't",
    "don't",
    "doesn't",
    "didn't",
    "isn't",
    "aren't",
    "wasn't",
    "weren't",
    "won't",
    "without",
    "absence of",
    "free of",
    "rather than",
    "instead of",
    "no known",
    "no evidence",
    "no proof",
    "not known",
    "unlikely",
    "ruled out",
    "rule out",
    *_WIDE_IN_ORDER,
)

#: cues that negate what comes before them in the clause.
BACKWARD_TRIGGERS: Final[tuple[str, ...]] = (
    "has not been proven",
    "have not been proven",
    "has not been proved",
    "have not been proved",
    "has not been shown",
    "have not been shown",
    "has not been confirmed",
    "is unproven",
    "are unproven",
    "is unlikely",
    "are unlikely",
    "is a myth",
    "is a misconception",
    "is not true",
    "is delusion",
    "is a delusion",
    "remains a hypothesis",
    "remains unproven",
    "is only a hypothesis",
    "is speculative",
    "should not be",
    "must not be",
    "is not used",
    "are not used",
    "is not recommended",
    "are not recommended",
    "is not needed",
    "are not needed",
    "is not suitable",
    "are not suitable",
    "does not help",
    "do not help",
    "does not work",
    "do not work",
    "is not effective",
    "are not effective",
    "is ineffective",
    "are ineffective",
)

#: a sentence holding one of these disowns the sentence right before it.
RETROACTIVE_TRIGGERS: Final[tuple[str, ...]] = (
    "to think so is",
    "is delusion",
    "is a delusion",
    "is a myth",
    "is a misconception",
    "this is not true",
    "that is not true",
    "this is wrong",
    "this is false",
    "hypothesis level",
    "only a hypothesis",
    "remains a hypothesis",
    "is a hypothesis",
    "has not been proven",
    "have not been proven",
    "has not been proved",
    "not been confirmed",
    "no evidence",
    "is not supported",
    "is unproven",
    "is speculative",
)

#: look like triggers but negate nothing.
PSEUDO_TRIGGERS: Final[tuple[str, ...]] = (
    "not only",
    "no doubt",
    "not necessarily",
    "whether or not",
    "not just",
    "no longer",
    "not uncommon",
    "not unusual",
    "not rare",
    "no matter",
    "nothing but",
    "if not",
    "not always",
    "if you do not",
    "if left untreated",
    "not be prevented",
    "not be predicted",
    "cannot be prevented",
    "cannot be predicted",
)

#: stop the scope of a forward trigger.
TERMINATION_TERMS: Final[tuple[str, ...]] = (
    "but",
    "however",
    "although",
    "though",
    "yet",
    "except",
    "apart from",
    "whereas",
    "which",
    "who",
    "while",
    "because",
    "since",
    "as a result",
    "so",
    "then",
)

TRIGGERS: Final[dict[str, tuple[str, ...]]] = {
    "forward": FORWARD_TRIGGERS,
    "backward": BACKWARD_TRIGGERS,
    "retroactive": RETROACTIVE_TRIGGERS,
    "wide": tuple(sorted(WIDE_TRIGGERS)),
    "pseudo": PSEUDO_TRIGGERS,
    "termination": TERMINATION_TERMS,
}


def _alternation(phrases: Sequence[str]) -> str:
    ordered = sorted(phrases, key=len, reverse=True)
    return "|".join(re.escape(p).replace(r"\ ", r"\s+").replace("'", "['\u2019]") for p in ordered)


_FORWARD = re.compile(rf"\b(?:{_alternation(FORWARD_TRIGGERS)})\b|n['\u2019]t\b", re.IGNORECASE)
_BACKWARD = re.compile(rf"\b(?:{_alternation(BACKWARD_TRIGGERS)})\b", re.IGNORECASE)
_RETROACTIVE = re.compile(rf"\b(?:{_alternation(RETROACTIVE_TRIGGERS)})\b", re.IGNORECASE)
_PSEUDO = re.compile(rf"\b(?:{_alternation(PSEUDO_TRIGGERS)})\b", re.IGNORECASE)
_TERMINATION = re.compile(rf"[;:,]|\b(?:{_alternation(TERMINATION_TERMS)})\b", re.IGNORECASE)
_WORD = re.compile(r"\w+")
_POINTS_BACK = re.compile(
    r"^\W*(?:(?:however|but|yet|still|so\s+far|unfortunately|in\s+fact)\W+)?"
    r"(?:this|that|these|those|such|to\s+think\s+so|thinking\s+so|the\s+(?:idea|claim|theory|version|belief|opinion)|"
    r"this\s+(?:idea|claim|theory|version|belief|opinion)|neither|none)\b",
    re.IGNORECASE,
)
_WIDE_STOP = re.compile(r"\b(?:but|however|although|whereas)\b|[;]", re.IGNORECASE)
#: one cheap test before any of the above runs: most sentences have no trigger at all.
_PREFILTER = re.compile(
    r"\b(?:not?|n['\u2019]t|never|none|neither|nor|cannot|without|absence|free|rather|instead|"
    r"unknown|unclear|opinion|believe|think|thought|hypothe\w*|specul\w*|theoretically|"
    r"unproven|unlikely|mistakenly|wrongly|erroneously|falsely|misconception|myth|ruled?|"
    r"one and the same|delusion|proven|proved|shown|confirmed|evidence|true|wrong|false)\b"
    r"|n['\u2019]t\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def _may_negate(text: str) -> bool:
    """Whether ``text`` has any trigger at all (asked once per sentence, not once for
    each of its relations)."""
    return _PREFILTER.search(text) is not None


@dataclass(frozen=True, slots=True)
class NegationCue:
    """Why a statement is not asserted: the trigger text, its kind and offset in the sentence."""

    trigger: str
    kind: str
    start: int


#: "If steroids do not work, ...": a therapy that may fail is still a therapy, and the
#: "not" of the condition denies nothing in the main clause.
_FAILED_IF: Final = re.compile(
    r"\b(?:if|when|once|unless)\s+(?:[\w-]+\s+){1,5}?(?:(?:do|does|did)\s+not|don't|doesn't|didn't)"
    r"\s+(?:work|help|respond|improve|get\s+better)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=64)
def _masked(text: str) -> str:
    """``text`` with pseudo-triggers (and failed-therapy conditions) blanked out (same
    length, so offsets hold)."""
    blank = _PSEUDO.sub(lambda m: " " * len(m.group()), text)
    return _FAILED_IF.sub(lambda m: " " * len(m.group()), blank)


def _scope_end(text: str, start: int, wide: bool = False) -> int:
    """Offset where the scope of a forward trigger ending at ``start`` stops."""
    if wide:
        stop = _WIDE_STOP.search(text, start)
        return stop.start() if stop else len(text)
    limit = len(text)
    for count, word in enumerate(_WORD.finditer(text, start)):
        if count == SCOPE_TOKENS:
            limit = word.start()
            break
    stop = _TERMINATION.search(text, start, limit)
    return stop.start() if stop else limit


def find_negation(
    text: str, cue_start: int, end: int, subject_start: int | None = None
) -> NegationCue | None:
    """The trigger that denies or hedges a relation, or ``None``.

    :param text: the sentence.
    :param cue_start: where the relation's cue (or, without a cue, its object) begins.
    :param end: where the relation's last argument ends.
    :param subject_start: where the subject begins, if it is written in the sentence; a
        trigger between subject and object always counts.
    """
    if not _may_negate(text):
        return None
    masked = _masked(text)
    clause_start = 0
    for stop in re.finditer(r"[;.!?]", masked[:cue_start]):
        clause_start = stop.end()
    first = min(cue_start, subject_start) if subject_start is not None else cue_start
    for match in _FORWARD.finditer(masked, clause_start, end):
        wide = " ".join(match.group().lower().split()) in WIDE_TRIGGERS
        if match.start() >= first or _scope_end(masked, match.end(), wide) > cue_start:
            return NegationCue(match.group(), "forward", match.start())
    clause_end = re.search(r"[;.!?]", masked[end:])
    tail_end = end + clause_end.start() if clause_end else len(masked)
    backward = _BACKWARD.search(masked, end, tail_end)
    if backward and not _TERMINATION.search(masked, end, backward.start()):
        return NegationCue(backward.group(), "backward", backward.start())
    return None


def retracted_by_next(next_text: str | None) -> NegationCue | None:
    """The retroactive trigger with which the following sentence disowns a sentence.

    The following sentence must open by pointing back ("This ...", "To think so ...",
    "However, such a version ..."); "It is a myth that X" speaks of its own X instead.
    """
    if not next_text or not _POINTS_BACK.match(next_text):
        return None
    match = _RETROACTIVE.search(_masked(next_text))
    if match is None:
        return None
    return NegationCue(match.group(), "retroactive", match.start())
