"""Cue rules for normal blood formation: produces, developsInto."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from hemekg.extract.context import SentenceView, coordinated_after
from hemekg.extract.cues import (
    ANATOMY,
    CELL,
    IC,
    Argument,
    Rule,
    T,
    clause_start,
    objects_of,
    pair,
)
from hemekg.extract.found import Found, RuleContext
from hemekg.model import Predicate

__all__ = ["RULES", "develops_into", "produces"]


_PRODUCE: Final = re.compile(
    r"\b(?:produces?|produced|producing|production|makes?|made|making|forms?|formed|generates?|generated|"
    r"manufactures?|creates?|created)\b",
    IC,
)
_CELL_PRONOUN: Final = re.compile(r"^\s*(?:they|these(?:\s+cells)?|those(?:\s+cells)?)\b", IC)
_PASSIVE: Final = re.compile(r"^(?:produced|made|formed|generated|created|form)$", IC)
_IN_AFTER: Final = re.compile(r"^\s+in\s+(?:the\s+|your\s+|our\s+)?", IC)
_STATE_WORDS: Final = re.compile(
    r"\b(?:abnormal|immature|too\s+many|too\s+few|cancer|cancerous|malignant|leuk[a]?emic|not\s+enough"
    # "makes antibodies that attack red blood cells": the cells are not what is made
    r"|that|which|attack\w*|destroy\w*|against)\b",
    IC,
)


def produces(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "The bone marrow makes <cells>", "<cells> are made in the bone marrow" (not in
    sentences about a disease state)."""
    if any(s.entity.type is T.DISEASE and not s.generic() for s in view.spans):
        return  # a disease state, not normal production (see cue.affects_state)
    for match in _PRODUCE.finditer(view.text):
        anatomy: Argument | None = None
        cells: list[Argument] = []
        inside = _IN_AFTER.match(view.text[match.end() :])
        if inside is not None:
            after = [
                (s, e)
                for s, e in view.after(match.end(), ANATOMY)
                if s.start == match.end() + inside.end()
            ]
            if after:
                anatomy = Argument.of(*after[0])
                cells = [
                    Argument.of(s, e)
                    for s, e in view.before(match.start(), CELL, clause_start(view, match.start()))
                    if not s.generic()
                ][-1:]
                if not cells and view.previous_cell is not None and _CELL_PRONOUN.match(view.text):
                    cells = [Argument(view.previous_cell, "", None, True, True)]
        if anatomy is None:
            before = [(s, e) for s, e in view.before(match.start(), ANATOMY) if not s.generic()]
            if not before:
                continue
            anatomy = Argument.of(*before[0])
            if _PASSIVE.match(match.group()):
                cells = [
                    Argument.of(s, e)
                    for s, e in view.before(match.start(), CELL, (anatomy.start or 0))
                    if not s.generic()
                ][-1:]
            else:
                found = coordinated_after(view, match.end(), CELL, first_within=30)
                cells = [
                    Argument.of(s, e)
                    for s, e in found
                    if not s.generic() and not _STATE_WORDS.search(view.text, match.end(), s.start)
                ]
        yield from pair(anatomy, Predicate.PRODUCES, cells, "cue.produces", match.start())


_DEVELOP_INTO: Final = re.compile(
    r"\b(?:develops?|developed|developing|matures?|matured|maturing|differentiates?|differentiated|grows?|turns?|"
    r"becomes?|gives?\s+rise)\s+(?:in)?to\b|\bgive\s+rise\s+to\b|\bprecursors?\s+(?:of|to)\b",
    IC,
)
_DEVELOP_FROM: Final = re.compile(
    r"\b(?:develops?|developed|arises?|arise|derived|derive|comes?|originates?|originate)\s+from\b",
    IC,
)
_DIFFERENTIATE: Final = re.compile(r"\bdifferentiat\w*|\bseparated\b", IC)
#: "A stem cell may become a myeloid stem cell", "becomes a lymphoblast and then a
#: lymphocyte": "become" between two cell names.
_BECOME: Final = re.compile(r"\b(?:becomes?|became|go(?:es)?\s+on\s+to\s+become)\s+", IC)
_AND_THEN: Final = re.compile(r"\s*,?\s+(?:and\s+)?then\s+(?:into\s+)?", IC)


def _becomes(view: SentenceView) -> Iterator[Found]:
    """ "<cell> becomes <cell> (and then <cell>)" in a sentence on normal blood
    formation: no disease named and no "too many / abnormal" before the verb."""
    if any(s.entity.type is T.DISEASE and not s.generic() for s in view.spans):
        return
    for match in _BECOME.finditer(view.text):
        if _STATE_WORDS.search(view.text, 0, match.start()):
            continue
        sources = [
            Argument.of(s, e)
            for s, e in view.before(match.start(), CELL, clause_start(view, match.start()))
            if not s.generic() and not view.in_parentheses(s)
        ]
        targets = objects_of(coordinated_after(view, match.end(), CELL, first_within=15))
        if not sources or not targets:
            continue
        yield from pair(
            sources[-1], Predicate.DEVELOPS_INTO, targets, "cue.develops_into", match.start()
        )
        last = targets[-1]
        then = (
            _AND_THEN.match(view.text, last.start + len(last.text))
            if last.start is not None
            else None
        )
        if then is not None:
            later = objects_of(coordinated_after(view, then.end(), CELL, first_within=40))
            yield from pair(
                last, Predicate.DEVELOPS_INTO, later[:1], "cue.develops_into", then.start()
            )


def develops_into(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "<cells> develop into <cells>", "<cells> develop from <cells>", "precursors of"."""
    for match in _DEVELOP_INTO.finditer(view.text):
        sources = [
            Argument.of(s, e)
            for s, e in view.before(match.start(), CELL, clause_start(view, match.start()))
            if not s.generic()
        ]
        targets = objects_of(coordinated_after(view, match.end(), CELL, first_within=30))
        nearest = match.group().lower().startswith("precursor")
        yield from pair(
            (sources[-1] if nearest else sources[0]) if sources else None,
            Predicate.DEVELOPS_INTO,
            targets,
            "cue.develops_into",
            match.start(),
        )
    for match in _DEVELOP_FROM.finditer(view.text):
        products = [
            Argument.of(s, e)
            for s, e in view.before(match.start(), CELL, clause_start(view, match.start()))
            if not s.generic()
        ]
        sources = objects_of(coordinated_after(view, match.end(), CELL, first_within=30))
        for source in sources:
            yield from pair(
                source, Predicate.DEVELOPS_INTO, products[:1], "cue.develops_into", match.start()
            )
    yield from _becomes(view)
    differentiates = _DIFFERENTIATE.search(view.text)
    if differentiates is not None:
        match = differentiates
        sources = [
            Argument.of(s, e) for s, e in view.before(match.start(), CELL) if not s.generic()
        ]
        targets = [Argument.of(s, e) for s, e in view.after(match.end(), CELL) if not s.generic()]
        yield from pair(
            sources[-1] if sources else None,
            Predicate.DEVELOPS_INTO,
            targets,
            "cue.develops_into",
            match.start(),
        )


RULES: Final[tuple[Rule, ...]] = (
    ("cue.produces", _PRODUCE, produces),
    (
        "cue.develops_into",
        re.compile(
            _DEVELOP_INTO.pattern
            + "|"
            + _DEVELOP_FROM.pattern
            + "|"
            + _DIFFERENTIATE.pattern
            + "|"
            + _BECOME.pattern,
            IC,
        ),
        develops_into,
    ),
)
