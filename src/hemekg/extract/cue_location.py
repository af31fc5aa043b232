"""Cue rules for where a disease starts and spreads: originatesIn, spreadsTo."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from hemekg.extract.context import SentenceView, coordinated_after
from hemekg.extract.cues import (
    ANATOMY,
    CELL,
    DISEASE,
    IC,
    Rule,
    objects_of,
    pair,
    subject_for,
)
from hemekg.extract.found import Found, RuleContext
from hemekg.model import Predicate

__all__ = ["RULES", "originates_in", "spreads_to"]


_ORIGIN: Final = re.compile(
    r"\b(?:begins?|began|beginning|starts?|started|originates?|originated|arises?|arose|develops?|developed|"
    r"forms?|occurs?)\s+(?:mainly\s+|mostly\s+|usually\s+|first\s+|primarily\s+)?(?:in(?:side)?|from)\b",
    IC,
)


_IN_PLACE: Final = re.compile(r"\b(?:in|of|inside)\s+(?:a|an|the|your)\s+", IC)


#: "B cells, white blood cells that make antibodies": the second name glosses the first.
_GLOSS_GAP: Final = re.compile(r"\s*,\s*(?:the\s+|a\s+type\s+of\s+)?")


def originates_in(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "X begins in the bone marrow"; "X starts in / develops from <cells> (in the marrow)"
    gives X affects the cells, and originatesIn the place named right after them."""
    for match in _ORIGIN.finditer(view.text):
        subject = subject_for(view, match.start(), DISEASE, context)
        from_cells = match.group().lower().endswith("from")
        objects = (
            []
            if from_cells
            else objects_of(coordinated_after(view, match.end(), ANATOMY, first_within=25))
        )
        if not objects and not match.group().lower().startswith("occur"):
            # "starts in white blood cells called lymphocytes, usually in a lymph node"
            cells = objects_of(coordinated_after(view, match.end(), CELL, first_within=12))
            if (
                len(cells) > 1
                and cells[0].start is not None
                and cells[1].start is not None
                and _GLOSS_GAP.fullmatch(
                    view.text, cells[0].start + len(cells[0].text), cells[1].start
                )
            ):
                cells = cells[:1]  # "develops from B cells, white blood cells that ...": a gloss
            yield from pair(subject, Predicate.AFFECTS, cells[-1:], "cue.affects", match.start())
            if cells:
                last = cells[-1]
                after_cells = (last.start or match.end()) + len(last.text)
                for place in _IN_PLACE.finditer(view.text, after_cells, after_cells + 40):
                    objects = objects_of(
                        coordinated_after(view, place.end(), ANATOMY, first_within=2)
                    )
                    if objects:
                        break
        yield from pair(
            subject, Predicate.ORIGINATES_IN, objects[:1], "cue.originates_in", match.start()
        )


_SPREAD: Final = re.compile(
    r"\b(?:spread|spreads|spreading|travel|travels|move|moves|invade|invades|invading|penetrate|penetrates|"
    r"metastasi[sz]es?|infiltrates?|reach|reaches|go\s+into|goes\s+into|enter|enters|move\s+into)\b"
    r"(?:\s+(?:also\s+)?(?:to|into|throughout|through))?",
    IC,
)


_PREDICATE_NOMINAL: Final = re.compile(
    r"\b(?:is|are)\s+(?:a|an|the)?\s*(?:[\w-]+\s+){0,2}?(?:(?:type|kind|form)\s+of\s+)?$", IC
)


def spreads_to(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "X can spread to / invades / travels to <places>"."""
    for match in _SPREAD.finditer(view.text):
        subject = subject_for(view, match.start(), DISEASE, context, nearest=True)
        if (
            subject is not None
            and subject.start is not None
            and _PREDICATE_NOMINAL.search(view.text, 0, subject.start)
        ):
            # "X is a type of cancer that begins in ... and invades the blood": X spreads
            subject = subject_for(view, match.start(), DISEASE, context) or subject
        objects = objects_of(coordinated_after(view, match.end(), ANATOMY, first_within=40))
        yield from pair(subject, Predicate.SPREADS_TO, objects, "cue.spreads_to", match.start())


RULES: Final[tuple[Rule, ...]] = (
    ("cue.originates_in", _ORIGIN, originates_in),
    ("cue.spreads_to", _SPREAD, spreads_to),
)
