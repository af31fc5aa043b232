"""Cue rules for the cells a disease affects: affects (cue.affects, cue.affects_state)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from hemekg.extract.context import SentenceView, Span, coordinated_after
from hemekg.extract.cues import (
    CELL,
    DISEASE,
    IC,
    Argument,
    Rule,
    clause_start,
    explicit_disease,
    objects_of,
    pair,
    subject_for,
)
from hemekg.extract.found import Found, RuleContext
from hemekg.model import Entity, Predicate

__all__ = ["RULES", "affects", "affects_state", "cell_changes", "cells_harmed"]


_CANCER_OF: Final = re.compile(
    r"\b(?:cancer|cancers|malignancy|malignancies|disease|disorder|neoplasm)\s+of\s+(?:the\s+)?(?:\w+\s+){0,2}?",
    IC,
)
_QUANTITY: Final = re.compile(
    r"\b(?:increase|increases|increased|decrease|decreases|decreased|drop|drops|reduction|reducing|reduced|"
    r"rise|lack|shortage|deficiency|low|lower|high|excess|overproduction|destruction|loss)\b"
    r"(?:\s+[\w-]+){0,3}?\s+(?:of|in)\s+(?:the\s+)?(?:number\s+of\s+|count\s+of\s+|level\s+of\s+|levels\s+of\s+)?"
    r"(?:(?:healthy|normal|mature|functioning)\s+)?"
    r"|\btoo\s+(?:many|few)\s+(?:healthy\s+|normal\s+|mature\s+)?"
    r"|\b(?:makes?|produces?)\s+(?:far\s+)?(?:fewer|less|more|not\s+enough)\s+(?:healthy\s+|normal\s+)?"
    r"|\b(?:can\s*n[o']?t|cannot|stops?|fails?\s+to|does\s*n[o']?t|is\s+unable\s+to)\s+"
    r"(?:make|making|produce|producing)\s+enough\s+(?:new\s+|healthy\s+|normal\s+)?"
    r"|\b(?:abnormal|cancerous|malignant)\s+"
    r"|\bproblems?\s+with\s+(?:the\s+)?",
    IC,
)
_ENOUGH_CUES: Final = ("enough", "enough new", "enough healthy", "enough normal")
#: a quantity cue that governs a whole list ("low numbers of red blood cells, platelets and ...").
_LOW_NUMBERS: Final = re.compile(
    r"\b(?:numbers?|counts?|levels?)\s+of\b|\btoo\s+(?:many|few)\b", IC
)
_LEADING_ANAPHOR: Final = re.compile(r"^\s*(?:it|this\s+(?:disease|condition|disorder))\b", IC)
_NUMBER_CHANGES: Final = re.compile(r"\bnumber\s+of\s+", IC)
_CHANGE_AFTER: Final = re.compile(
    r"^\s+(?:decreases|drops|falls|increases|rises|goes\s+down|goes\s+up)\b", IC
)
_MALIGNANT: Final = re.compile(
    r"\b(?:become|becomes|turn|turns|are|grow|grows)\s+(?:malignant|cancerous|leuk[a]?emic|abnormal)\b|\bdegenerate\b",
    IC,
)
_STATE: Final = re.compile(
    r"^\s*(?:[-*\u2022]\s*)?(?:in|with)\s+(?:the\s+case\s+of\s+|people\s+with\s+|patients\s+with\s+)?",
    IC,
)
_MAKES: Final = re.compile(
    r"\b(?:makes?|produces?|made|produced|creates?|forms?|does\s*n[o']?t\s+make|does\s*n[o']?t\s+produce|"
    r"stops?\s+making|stops?\s+producing|can\s*n[o']?t\s+make|cannot\s+make|fails?\s+to\s+(?:make|produce)|"
    r"destroys?|attacks?)\b",
    IC,
)


_AFFECTS_VERB: Final = re.compile(
    r"\b(?:affects?|affecting|damages?|attacks?|destroys?|targets?|involves?)\s+(?:the\s+|your\s+)?",
    IC,
)


_CELLS_HARMED: Final = re.compile(
    r"\s+(?:are|is|get|gets|become|becomes)\s+(?:\w+\s+)?(?:destroyed|attacked|damaged|broken\s+down|"
    r"killed|removed)\b",
    IC,
)


def cells_harmed(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "X is a condition in which red blood cells are destroyed faster than ...": X
    affects those cells (the disease named before them, else the topic by anaphora)."""
    for span, entity in view.after(0, CELL):
        if span.generic():
            continue
        harmed = _CELLS_HARMED.match(view.text, span.end)
        if harmed is None:
            continue
        subject = explicit_disease(view, 0, span.start) or subject_for(
            view, span.start, DISEASE, context
        )
        yield from pair(
            subject, Predicate.AFFECTS, [Argument.of(span, entity)], "cue.affects", span.end
        )


_WHEN_CELL_CHANGES: Final = re.compile(
    r"\b(?:develops?|happens?|occurs?|starts?|begins?|arises?)\s+when\s+(?:an?\s+|the\s+|one\s+|some\s+)?",
    IC,
)
_CELL_GETS_CHANGE: Final = re.compile(
    r"[^.;]{0,40}?\b(?:acquires?|develops?|gets?|has|undergoes?|picks\s+up)\s+(?:an?\s+)?(?:\w+\s+)?"
    r"(?:changes?|mutations?|damage|errors?)\b",
    IC,
)


def cell_changes(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "It develops when a stem cell in the bone marrow acquires a change in a gene":
    the disease affects that cell."""
    for match in _WHEN_CELL_CHANGES.finditer(view.text):
        cells = [(s, e) for s, e in view.after(match.end(), CELL) if s.start - match.end() <= 8][:1]
        if not cells or not _CELL_GETS_CHANGE.match(view.text, cells[0][0].end):
            continue
        subject = subject_for(view, match.start(), DISEASE, context)
        yield from pair(subject, Predicate.AFFECTS, objects_of(cells), "cue.affects", match.start())


def affects(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "cancer of the <cells>", "low numbers of <cells>", "<cells> become malignant",
    "X affects <cells>", "<cells> are destroyed", "develops when a <cell> acquires a change"."""
    yield from cells_harmed(view, context)
    yield from cell_changes(view, context)
    for match in _AFFECTS_VERB.finditer(view.text):
        cells = objects_of(coordinated_after(view, match.end(), CELL, first_within=12))
        if cells:
            subject = subject_for(view, match.start(), DISEASE, context)
            yield from pair(subject, Predicate.AFFECTS, cells, "cue.affects", match.start())
    for match in _CANCER_OF.finditer(view.text):
        cells = objects_of(coordinated_after(view, match.end(), CELL, first_within=12))
        subject = subject_for(view, match.start(), DISEASE, context)
        yield from pair(subject, Predicate.AFFECTS, cells, "cue.affects", match.start())
    disease = explicit_disease(view)
    if disease is None and view.topic is not None and _LEADING_ANAPHOR.match(view.text):
        disease = Argument(view.topic, "", None, True, True)
    if disease is not None:
        for match in _QUANTITY.finditer(view.text):
            cells = objects_of(coordinated_after(view, match.end(), CELL, first_within=6))
            if not _LOW_NUMBERS.search(match.group()):
                cells = cells[:1]  # "abnormal X and Y": only the first is qualified
            # "the marrow cannot make enough X" describes the disease: its "not" denies
            # nothing about the relation
            yield from pair(
                disease,
                Predicate.AFFECTS,
                cells,
                "cue.affects",
                match.start(),
                negatable=not match.group().lower().rstrip().endswith(_ENOUGH_CUES),
            )
        for match in _NUMBER_CHANGES.finditer(view.text):
            cells = objects_of(coordinated_after(view, match.end(), CELL, first_within=6))
            if (
                cells
                and cells[0].start is not None
                and _CHANGE_AFTER.match(view.text[cells[0].start + len(cells[0].text) :])
            ):
                yield from pair(disease, Predicate.AFFECTS, cells[:1], "cue.affects", match.start())
    for match in _MALIGNANT.finditer(view.text):
        cells = [
            Argument.of(span, entity)
            for span, entity in view.before(match.start(), CELL, clause_start(view, match.start()))
            if not span.generic()
        ]
        subject = explicit_disease(view) or subject_for(
            view, match.start(), DISEASE, context, require_anaphor=False
        )
        yield from pair(subject, Predicate.AFFECTS, cells[:1], "cue.affects", match.start())


_GROW_ABNORMALLY: Final = re.compile(
    r"\s*\)?\s*(?:\([^()]{0,30}\)\s*)?(?:start\s+to\s+|begin\s+to\s+|can\s+|may\s+)?"
    r"(?:multiply|grow|divide|build\s+up|become|becomes|die|break\s+down|clump|look\s+like|"
    r"are\s+(?:abnormal|misshapen|shaped|destroyed|not)|do\s*n[o']?t\s+work)\b",
    IC,
)
_CALLED_BETWEEN: Final = re.compile(r"\b(?:called|known\s+as|named)\b", IC)


#: "immature T cells called prolymphocytes": the cells after the cue are named next.
_CALLED_AFTER: Final = re.compile(r"\s*,?\s*\(?\s*(?:called|known\s+as|named)\s+", IC)


def _named(view: SentenceView, cells: list[tuple[Span, Entity]]) -> list[tuple[Span, Entity]]:
    """The cells a description names ("makes immature T cells called prolymphocytes"):
    the affected cells are the named ones, not the loose description before "called"."""
    if len(cells) < 2:
        return cells
    called = _CALLED_AFTER.match(view.text, cells[0][0].end)
    if called is None or called.end() != cells[1][0].start:
        return cells
    return cells[1:]


_NORMAL_AMOUNT: Final = re.compile(
    r"\s*(?:(?:quite\s+|fairly\s+)?(?:normal|healthy|usual)\s+(?:numbers?|amounts?|levels?|counts?)?"
    r"|(?:the\s+)?(?:right|usual|normal)\s+(?:numbers?|amounts?))\b",
    IC,
)


def affects_state(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "In X, the bone marrow makes abnormal white blood cells": X affects those cells.

    A description of the disease state, so a negation inside it ("doesn't make red blood
    cells") does not deny the relation between the disease and the cells.
    """
    lead = _STATE.match(view.text)
    if lead is None:
        return
    spans = [s for s in view.spans if s.start >= lead.end()]
    if not spans:
        return
    disease = spans[0].typed(DISEASE)
    if disease is None or spans[0].start - lead.end() > 2 or spans[0].generic():
        return
    subject = Argument.of(spans[0], disease)
    cells = coordinated_after(view, spans[0].end, CELL, first_within=30)
    if cells:
        grows = _GROW_ABNORMALLY.match(view.text, cells[-1][0].end)
        if grows is not None:
            # "In X, white blood cells called lymphocytes multiply in an abnormal way"
            called = _CALLED_BETWEEN.search(view.text, cells[0][0].end, cells[-1][0].start + 1)
            named = objects_of(
                [c for c in cells if c[0].start >= called.end()][:1] if called else cells
            )
            yield from pair(subject, Predicate.AFFECTS, named, "cue.affects_state", grows.start())
    for match in _MAKES.finditer(view.text, spans[0].end):
        if _NORMAL_AMOUNT.match(view.text, match.end()):
            continue  # "In X, the marrow still makes normal numbers of platelets": unaffected
        made = objects_of(
            _named(view, coordinated_after(view, match.end(), CELL, first_within=40))
        )
        yield from pair(
            subject, Predicate.AFFECTS, made, "cue.affects_state", match.start(), negatable=False
        )


RULES: Final[tuple[Rule, ...]] = (
    (
        "cue.affects",
        re.compile(
            r"\b(?:of|too|with|become|becomes|turns?|are|grow|degenerate|number|affects?|affecting|damages?|attacks?|destroys?|targets?|involves?|when)\b",
            IC,
        ),
        affects,
    ),
    ("cue.affects_state", _STATE, affects_state),
)
