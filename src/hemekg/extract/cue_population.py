"""Cue rules for who a disease affects: affectsPopulation."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from hemekg.extract.context import SentenceView, coordinated_after
from hemekg.extract.cues import (
    DISEASE,
    IC,
    POPULATION,
    Argument,
    Rule,
    T,
    defining_relative,
    explicit_disease,
    objects_of,
    pair,
    subject_for,
)
from hemekg.extract.found import Found, RuleContext
from hemekg.model import Entity, Predicate

__all__ = ["RULES", "affects_population", "origin_populations", "population_lead"]


_AFFECT_POP: Final = re.compile(
    r"\b(?:can\s+|may\s+|mostly\s+|mainly\s+|usually\s+|often\s+)?(?:affects?|affecting|strikes?|develops?\s+in|"
    r"occurs?\s+(?:mostly\s+|mainly\s+|most\s+often\s+|more\s+often\s+)?in|"
    r"(?:is|'s|\u2019s|are)\s+(?:also\s+|much\s+|far\s+|slightly\s+|even\s+)?(?:more\s+|most\s+)?common\s+in|"
    # "is rare in adults but more common in children"
    r"(?:but|and)\s+(?:much\s+|far\s+)?(?:more|most)\s+common\s+in|"
    r"seen\s+in|diagnosed\s+in|found\s+in)\b",
    IC,
)
_TYPE_OF_BEFORE: Final = re.compile(r"\b(?:types?|forms?|kinds?)\s+of\s+$", IC)
_IN_BEFORE: Final = re.compile(r"\b(?:in|among|of)\s+(?:[a-z-]+\s+)?$", IC)
_POP_GETS: Final = re.compile(
    r"^\s+(?:[a-z]+\s+){0,2}?(?:with|who\s+have|who\s+get|can\s+get|get|develop|develops|can\s+develop|"
    r"have|has|are\s+diagnosed\s+with)\s+",
    IC,
)
_HAVE_A_TYPE: Final = re.compile(
    r"^\s+(?:\w+\s+){0,3}?(?:have|get|develop)\s+(?:an?\s+|the\s+)?([a-z]+)\s+(?:type|form|kind|variety)\b",
    IC,
)
_EITHER_TYPE: Final = re.compile(
    r"^(?:either|both|any|this|the)\s+(?:type|types|form|forms|kind|disease|condition)\b", IC
)


_MOST_ARE: Final = re.compile(
    r"\b(?:most|many|more\s+than\s+half\s+of|over\s+half\s+of|half\s+of|the\s+majority\s+of)\s+"
    r"(?:patients|people|cases|sufferers)\b(?:\s+[\w-]+){0,4}?\s+(?:are|were)\s+",
    IC,
)


_ORIGIN_PEOPLE: Final = re.compile(
    r"\s*(?:people|those|persons|families)\s+(?:of|from|with)\s+"
    r"(?P<names>[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?(?:\s*(?:,|\band\b|\bor\b)\s*[A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)*)"
    r"\s+(?P<head>origin|descent|heritage|ancestry|background|family\s+origin)s?\b"
)
_NAME_SPLIT: Final = re.compile(r"\s*(?:,|\band\b|\bor\b)\s*")


_OVER_AGE: Final = re.compile(
    r"(?:over|older\s+than|aged\s+over)\s+(?:the\s+age\s+of\s+)?[5-9]\d\b", IC
)


def origin_populations(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "X mainly affects people of Mediterranean, South Asian and Middle Eastern origin":
    one population per origin, minted from the text (the lexicon has no ethnic groups)."""
    from hemekg.iris import project_id

    for match in _AFFECT_POP.finditer(view.text):
        people = _ORIGIN_PEOPLE.match(view.text, match.end())
        if people is None:
            continue
        subject = subject_for(view, match.start(), DISEASE, context, nearest=True)
        objects = []
        for name in _NAME_SPLIT.split(people.group("names")):
            if not name:
                continue
            label = f"people of {name} {people.group('head').lower()}"
            entity = Entity(project_id(label), label, T.POPULATION)
            entity = context.new_entities.setdefault(entity.id, entity)
            objects.append(Argument(entity, name, people.start("names"), False, False, True))
        yield from pair(
            subject, Predicate.AFFECTS_POPULATION, objects, "cue.affects_population", match.start()
        )


_IN_POPULATION_LEAD: Final = re.compile(r"^\s*(?:in|among|for)\s+(?:most\s+|many\s+|some\s+)?", IC)
_ANAPHOR_AFTER: Final = re.compile(
    r"^\s*,?\s*(?:it|this\s+(?:disease|condition|disorder)|the\s+(?:disease|condition))\b", IC
)


def population_lead(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "In adults it is usually chronic", "In children, X is ...": a statement about the
    disease in that population, so the population is one it affects."""
    lead = _IN_POPULATION_LEAD.match(view.text)
    if lead is None:
        return
    first = next((s for s in view.spans if s.start >= lead.end()), None)
    if first is None or first.start != lead.end():
        return
    population = first.typed(POPULATION)
    if population is None:
        return
    rest = view.text[first.end :]
    disease = explicit_disease(view, first.end)
    if _ANAPHOR_AFTER.match(rest) and view.topic is not None:
        subject: Argument | None = Argument(view.topic, "", None, True, True)
    elif disease is not None and disease.start is not None and disease.start - first.end <= 3:
        subject = disease
    else:
        return
    yield from pair(
        subject,
        Predicate.AFFECTS_POPULATION,
        [Argument.of(first, population)],
        "cue.affects_population",
        first.start,
    )


#: "<people> are affected (about) twice as often as / more often than <others>": the
#: first people are a population the topic favours (the compared ones are not).
_MORE_AFFECTED: Final = re.compile(
    r"\s+(?:are|is)\s+(?:affected|diagnosed)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+)?"
    r"(?:more\s+(?:often|frequently|commonly)|twice\s+as\s+often|(?:two|three|\d+)\s+times\s+"
    r"(?:as\s+often|more\s+often))\b"
    r"|\s+(?:are|is)\s+(?:about\s+|around\s+)?(?:twice\s+as|(?:two|three|\d+)\s+times\s+as|more)\s+likely\s+to\s+"
    r"(?:get|develop|have|be\s+affected|be\s+diagnosed)\b(?!\s+(?:with\s+)?(?:an?\s+|the\s+)?[a-z]+\s+(?:type|form))",
    IC,
)

#: "more common in men than in women": the people after "than" are the compared ones
#: ("less common than in adults" favours the adults, so only "more ... than" counts).
_THAN_BEFORE: Final = re.compile(
    r"\bmore\s+(?:common|commonly|often|frequent|frequently|likely)\b[^.;]{0,60}?"
    r"\bthan\s+(?:in\s+|among\s+|for\s+)?(?:the\s+)?$",
    IC,
)

_ORIGIN_WORDS: Final = ("origin", "descent", "heritage", "ancestry", "background")


#: a sentence saying both sexes are affected alike names no population the disease favours.
_EVENLY: Final = re.compile(
    r"\b(?:equally|(?:in\s+)?equal\s+numbers|at\s+the\s+same\s+rate|just\s+as\s+often\s+as|"
    r"both\s+sexes|either\s+sex|regardless\s+of\s+sex|the\s+same\s+number\s+of)\b",
    IC,
)
_SEXES: Final = frozenset({"men", "women", "boys", "girls", "males", "females"})


def affects_population(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    """ "X affects / is more common in <people>", "<people> with X", "most patients are
    <people>", "In <people>, X ..."; people of an origin. "X affects males and females in
    equal numbers" says the disease favours neither sex: no sex is a population of it."""
    found = list(_affects_population(view, context))
    if found and _EVENLY.search(view.text) is not None:
        found = [f for f in found if f.object.label.lower() not in _SEXES]
    yield from found


def _affects_population(view: SentenceView, context: RuleContext) -> Iterator[Found]:
    if any(word in view.lower for word in _ORIGIN_WORDS):
        yield from origin_populations(view, context)
    for match in (
        _MOST_ARE.finditer(view.text)
        if any(word in view.lower for word in ("most", "many", "half", "majority"))
        else ()
    ):
        # "most patients are middle-aged or older adults"
        subject = explicit_disease(view, 0, match.start()) or subject_for(
            view, match.start(), DISEASE, context, require_anaphor=False
        )
        objects = objects_of(coordinated_after(view, match.end(), POPULATION, first_within=25))
        older = _OVER_AGE.match(view.text, match.end())
        if older is not None:
            objects += [
                Argument(e, older.group(), older.start(), False)
                for e in context.lookup("older adults")
                if e.type is T.POPULATION
            ][:1]
        yield from pair(
            subject, Predicate.AFFECTS_POPULATION, objects, "cue.affects_population", match.start()
        )
    populations = view.after(0, POPULATION)
    if not populations:
        return
    yield from population_lead(view, context)
    for match in _AFFECT_POP.finditer(view.text):
        subject = subject_for(view, match.start(), DISEASE, context, nearest=True)
        objects = objects_of(coordinated_after(view, match.end(), POPULATION, first_within=25))
        yield from pair(
            subject, Predicate.AFFECTS_POPULATION, objects, "cue.affects_population", match.start()
        )
    for span, entity in populations:
        population = Argument.of(span, entity)
        if span.start <= view.subject_position() + 1 and _MORE_AFFECTED.match(view.text, span.end):
            subject = explicit_disease(view, span.end) or subject_for(
                view, span.start, DISEASE, context, require_anaphor=False
            )
            yield from pair(
                subject,
                Predicate.AFFECTS_POPULATION,
                [population],
                "cue.affects_population",
                span.end,
            )
        if _IN_BEFORE.search(view.text, 0, span.start) and not _THAN_BEFORE.search(
            view.text, 0, span.start
        ):
            diseases = [
                Argument.of(s, e)
                for s, e in view.before(span.start, DISEASE)
                if not s.generic() and not view.in_parentheses(s)
            ]
            if (
                len(diseases) > 1
                and diseases[-1].start is not None
                and _TYPE_OF_BEFORE.search(view.text, 0, diseases[-1].start)
            ):
                # "AML is the most common type of acute leukemia in adults": said of AML
                diseases = diseases[:1]
            elif len(diseases) > 1 and defining_relative(
                view.text, diseases[-2], diseases[-1], span.start
            ):
                diseases = diseases[:-1]
            if diseases:
                yield from pair(
                    diseases[-1],
                    Predicate.AFFECTS_POPULATION,
                    [population],
                    "cue.affects_population",
                    span.start,
                )
        gets = _POP_GETS.match(view.text[span.end :])
        if gets is not None:
            position = span.end + gets.end()
            diseases = [
                Argument.of(s, e)
                for s, e in view.after(position, DISEASE)
                if s.start - position <= 25 and not s.generic()
            ]
            if not diseases and _EITHER_TYPE.match(view.text[position:]):
                # "either type" / "both types": the types of what the page is about
                topic = context.document_topic or view.topic
                diseases = [Argument(topic, "", None, True, True)] if topic is not None else []
                if topic is not None:
                    suffix = " " + topic.label.lower()
                    diseases += [
                        Argument(sub, "", None, True, True)
                        for _, sub in sorted(context.composed.items())
                        if sub.label.lower().endswith(suffix) and sub.type is T.DISEASE
                    ]
                for disease in diseases[1:]:
                    yield from pair(
                        disease,
                        Predicate.AFFECTS_POPULATION,
                        [population],
                        "cue.affects_population",
                        span.end,
                    )
            if diseases:
                kind = (
                    _HAVE_A_TYPE.match(view.text[diseases[0].start + len(diseases[0].text) :])
                    if diseases[0].start is not None
                    else None
                )
                if kind is not None:
                    subtype = next(
                        (
                            c
                            for c in context.lookup(f"{kind.group(1)} {diseases[0].entity.label}")
                            if c.type is T.DISEASE
                        ),
                        None,
                    )
                    if subtype is not None:
                        yield from pair(
                            Argument(subtype, kind.group(0).strip(), diseases[0].start, False),
                            Predicate.AFFECTS_POPULATION,
                            [population],
                            "cue.affects_population",
                            span.end,
                        )
            yield from pair(
                diseases[0] if diseases else None,
                Predicate.AFFECTS_POPULATION,
                [population],
                "cue.affects_population",
                span.end,
            )
        following = next((s for s in view.spans if s.start > span.start), None)
        if following is not None and following.start - span.end <= 1:
            named = following.typed(DISEASE)
            if named is not None and not following.generic():
                yield from pair(
                    Argument.of(following, named),
                    Predicate.AFFECTS_POPULATION,
                    [population],
                    "cue.affects_population",
                    span.start,
                )


RULES: Final[tuple[Rule, ...]] = (
    ("cue.affects_population", re.compile(r"\w"), affects_population),
)
