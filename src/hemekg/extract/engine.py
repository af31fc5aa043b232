"""The rule-based extractor: spans, topic, cue rules, lists, negation, confidence.

Per document: mentions are found once per sentence (with every candidate entity),
classifying modifiers widen them ("organic leukopenia"), the topic tracker assigns each
sentence its topic disease (a heading without a disease brings the page's topic back),
then each cue rule runs on the sentences its prefilter matches, list leads (or, for a
cue-less lead, the section heading) are paired with their items, and the name-composition
rule runs over the document's names (not navigation: link lists and their headings; not
names used only as symptoms). Each relation is then checked for negation
(:mod:`negation`), scored (:mod:`confidence`), and duplicates within one sentence are
merged.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, ClassVar

from hemekg.extract.base import Extractor
from hemekg.extract.confidence import confidence
from hemekg.extract.context import SentenceView, Span, TopicTracker, publisher_name
from hemekg.extract.found import Found, RuleContext, fits
from hemekg.extract.glosses import drop_glosses
from hemekg.extract.inner_names import find_inner_names, inverted_title, merge_inner
from hemekg.extract.lists import list_relations, orphan_items
from hemekg.extract.negation import find_negation, retracted_by_next
from hemekg.extract.normalize import normalize
from hemekg.extract.relations import RELATION_RULES
from hemekg.extract.taxonomy import TAXONOMY_RULES, modifier_spans, name_composition
from hemekg.model import Document, Entity, EntityType, Predicate, SentenceKind, Statement

if TYPE_CHECKING:
    from hemekg.extract.lexicon import Lexicon

__all__ = ["RuleExtractor", "build_views", "sort_statements"]

_RULES = (*TAXONOMY_RULES, *RELATION_RULES)
_CARE_PREDICATES = frozenset({Predicate.TREATED_WITH, Predicate.DIAGNOSED_BY})
T = EntityType
#: entity types a rule cannot do without: it is skipped on sentences lacking one of them.
_NEEDS: dict[str, frozenset[EntityType]] = {
    "cue.spreads_to": frozenset({T.ANATOMICAL_STRUCTURE}),
    "cue.affects": frozenset({T.CELL_TYPE}),
    "cue.affects_state": frozenset({T.CELL_TYPE, T.DISEASE}),
    "cue.has_symptom": frozenset({T.PHENOTYPE}),
    "cue.diagnosed_by": frozenset({T.DIAGNOSTIC_PROCEDURE}),
    "cue.treated_with": frozenset({T.TREATMENT}),
    "cue.produces": frozenset({T.ANATOMICAL_STRUCTURE}),
    "cue.develops_into": frozenset({T.CELL_TYPE}),
    "hearst.apposition": frozenset({T.DISEASE}),
}


def _keys(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: cheap prefilter: a rule runs only on sentences holding one of its words or 5-letter
#: stems (a set intersection), before its own regular expressions look closer.
_KEYWORDS: dict[str, frozenset[str]] = {
    "hearst.type_of": _keys(
        "type types kind kinds form forms subty sort sorts varie varia class categ group family"
    ),
    "hearst.copula": _keys("is are"),
    "hearst.apposition": _keys("a an"),
    "hearst.types_include": _keys("types kinds forms subty categ class varia varie"),
    "hearst.such_as": _keys("such"),
    "hearst.including": _keys("including especially particularly"),
    "hearst.and_other": _keys("other"),
    "hearst.divided_into": _keys("divid class categ group split separ subdi sorte"),
    "hearst.n_types": _keys("type types kind kinds form forms categ groups subty"),
    "hearst.can_be": _keys("can may might"),
    "hearst.called": _keys("called known named"),
    "cue.originates_in": _keys("begin began start origi arise arose devel form forms forme occur"),
    "cue.spreads_to": _keys("sprea trave move moves invad penet metas infil reach go goes enter"),
    "cue.affects": _keys(
        "cance malig disea disor neopl incre decre drop drops reduc rise lack short defic low "
        "lower high exces overp destr loss too probl becom turn turns are grow grows degen numbe "
        "fewer less enough when "
        "affec damag attac targe invol"
    ),
    "cue.affects_state": _keys("in with"),
    "cue.has_cause": _keys(
        "cause resul conse compl trigg induc devel due stem stems linke lead leads broug occur "
        "appea start happe begin passe inher run runs arise arises evolv progr"
    ),
    "cue.has_risk_factor": _keys("risk risks likely"),
    "cue.produces": _keys("produ make makes made makin form forms forme gener manuf creat"),
    "cue.develops_into": _keys(
        "devel matur diffe grow grows turn turns becom give gives precu arise arises deriv come "
        "comes origi separ"
    ),
}
_WORDS = re.compile(r"[a-z]+")


def _sentence_keys(lower: str) -> set[str]:
    words = _WORDS.findall(lower)
    return {*words, *(w[:5] for w in words)}


_CELLS_AFTER = re.compile(r"\s+cells?\b", re.IGNORECASE)


_COMPOUND_MODIFIER_AFTER = re.compile(r"-(?:associated|related|induced)\b", re.IGNORECASE)


def _spans(text: str, lexicon: Lexicon, abbreviations: dict[str, Entity]) -> list[Span]:
    from hemekg.extract.entities import find_mention_candidates

    spans = []
    for group in find_mention_candidates(text, lexicon, abbreviations):
        first = group[0]
        if first.entity.type is EntityType.DISEASE and _CELLS_AFTER.match(text, first.end):
            continue  # "cancer cells", "leukemia cells": cells, not the disease
        if _COMPOUND_MODIFIER_AFTER.match(text, first.end):
            continue  # "HIV-associated lymphoma": part of the subtype's modifier
        if "," in first.text:
            # An index-style inversion ("leukemias, acute") in running text is nearly always
            # an enumeration ("two types of leukemias, acute and chronic"): keep the head only.
            head = first.text.split(",", 1)[0]
            candidates = tuple(lexicon.lookup(head))
            if candidates:
                spans.append(Span(head, first.start, first.start + len(head), candidates, True))
                continue
        candidates = tuple(dict.fromkeys(m.entity for m in group))
        spans.append(Span(first.text, first.start, first.end, candidates, first.exact))
    return spans


def _continues_item(doc: Document, index: int) -> bool:
    """Whether sentence ``index`` is a second sentence of the list item before it: no
    line break or markup between them in the source."""
    if index == 0:
        return False
    sentence, before = doc.sentences[index], doc.sentences[index - 1]
    if sentence.kind is not SentenceKind.LIST_ITEM or before.kind is not SentenceKind.LIST_ITEM:
        return False
    gap = doc.source[before.end : sentence.start]
    return sentence.block == before.block and "\n" not in gap and "<" not in gap


def build_views(
    doc: Document, lexicon: Lexicon, context: RuleContext
) -> tuple[list[SentenceView], list[tuple[int, Found]]]:
    """Sentence views with spans, modifiers applied and topics set; and the modifier relations."""
    from hemekg.extract.abbreviations import find_abbreviations

    texts = [s.text for s in doc.sentences]
    abbreviations = find_abbreviations(texts, lexicon)
    inner = find_inner_names([doc.title, *texts] if doc.title else texts, lexicon, context)
    tracker = TopicTracker()
    title = doc.title if doc.title and not publisher_name(doc.title) else ""
    title_span = inverted_title(title, lexicon) if title else None
    if title_span is not None:
        tracker.start((title_span,))
    else:
        tracker.start(
            merge_inner(title, _spans(title, lexicon, abbreviations), inner, lexicon)
            if title
            else ()
        )
    views: list[SentenceView] = []
    found: list[tuple[int, Found]] = []
    for index, sentence in enumerate(doc.sentences):
        spans = drop_glosses(
            sentence.text,
            merge_inner(
                sentence.text, _spans(sentence.text, lexicon, abbreviations), inner, lexicon
            ),
        )
        view = SentenceView(index, sentence, spans)
        view.previous = doc.sentences[index - 1].text if index else ""
        view.continues = _continues_item(doc, index)
        if views and views[-1].spans and views[-1].spans[0].start <= 2:
            view.previous_cell = views[-1].spans[0].typed((EntityType.CELL_TYPE,))
        if view.spans:
            view.spans, widened = modifier_spans(view, context)
            found.extend((index, f) for f in widened)
        view.topic = tracker.see(view)
        views.append(view)
    context.document_topic = tracker.document
    return views, found


def _lift(found: Found, context: RuleContext) -> Found | None:
    """A statement about a minted subtype, also recorded for its parent ("organic
    leukopenia is the result of X" -> leukopenia hasCause X), at lower confidence."""
    parent = context.parent_of.get(found.subject.id)
    if (
        parent is None
        or found.predicate is Predicate.SUB_CLASS_OF
        or not fits(parent, found.predicate, found.object)
    ):
        return None
    from dataclasses import replace

    return replace(found, subject=parent, lifted=True)


def _statements(
    doc: Document, views: Sequence[SentenceView], found: Iterable[tuple[int, Found]]
) -> Iterator[Statement]:
    for index, item in found:
        view = views[index]
        if item.evidence is not None:
            text, start, end = item.evidence
            following = views[index + 1].text if index + 1 < len(views) else None
        else:
            text, start, end = view.text, view.sentence.start, view.sentence.end
            following = views[index + 1].text if index + 1 < len(views) else None
        negated = False
        if item.negatable:
            negated = bool(
                find_negation(
                    text, item.cue_start, max(item.end, item.cue_start), item.subject_start
                )
                or retracted_by_next(following)
            )
        yield Statement(
            subject=item.subject,
            predicate=item.predicate,
            object=item.object,
            document=doc.id,
            sentence=text,
            start=start,
            end=end,
            extractor=item.extractor,
            confidence=confidence(
                item.extractor,
                exact=item.exact,
                new_entity=item.new_entity,
                anaphora=item.anaphora,
                lifted=item.lifted,
                list_distance=item.list_distance,
            ),
            negated=negated,
            subject_text=item.subject_text,
            object_text=item.object_text,
        )


def sort_statements(statements: Iterable[Statement]) -> list[Statement]:
    """Deterministic order; duplicates within one evidence sentence merged.

    Of duplicates, a negated one wins (the text denies it somewhere in the sentence),
    then the highest confidence, then the extractor name.
    """
    best: dict[tuple[str, int, str, str, str], Statement] = {}
    for statement in statements:
        key = (
            statement.document,
            statement.start,
            str(statement.predicate),
            statement.subject.id,
            statement.object.id,
        )
        current = best.get(key)
        rank = (statement.negated, statement.confidence, statement.extractor)
        if current is None or rank > (current.negated, current.confidence, current.extractor):
            best[key] = statement
    return [best[key] for key in sorted(best)]


class RuleExtractor(Extractor):
    """The cue-pattern extractor (:mod:`.taxonomy`, :mod:`.relations`, :mod:`.lists`)."""

    name: ClassVar[str] = "rules"
    version: ClassVar[str] = "1"

    def __init__(self, lexicon: Lexicon | None = None) -> None:
        if lexicon is None:
            from hemekg.extract.lexicon import default_lexicon

            lexicon = default_lexicon()
        self.lexicon = lexicon

    def extract(self, doc: Document) -> Iterator[Statement]:
        context = RuleContext(self.lexicon)
        views, found = build_views(doc, self.lexicon, context)
        for view in views:
            if not view.spans and view.topic is None:
                continue
            present = {candidate.type for span in view.spans for candidate in span.candidates}
            words = _sentence_keys(view.lower)
            for name, prefilter, rule in _RULES:
                needs = _NEEDS.get(name)
                if needs is not None and not needs <= present:
                    continue
                keywords = _KEYWORDS.get(name)
                if keywords is not None and keywords.isdisjoint(words):
                    continue
                if keywords is not None or prefilter.search(view.text):
                    found.extend((view.index, item) for item in rule(view, context))
        found.extend((_lead_index(views, item), item) for item in list_relations(views, context))
        if context.class_only:
            found = [
                (index, item)
                for index, item in found
                if item.predicate not in _CARE_PREDICATES
                or (index, item.object.id) not in context.class_only
            ]
        symptom_forms = frozenset(
            normalize(item.object_text)
            for _, item in found
            if item.predicate is Predicate.HAS_SYMPTOM and item.object_text
        )
        found.extend(name_composition(views, context, _navigation(views), symptom_forms))
        lifted = [(index, up) for index, item in found if (up := _lift(item, context)) is not None]
        yield from _statements(doc, views, [*found, *lifted])


def _navigation(views: Sequence[SentenceView]) -> frozenset[int]:
    """Sentences that are navigation, not text: list items with no lead (link lists) and
    the headings of such lists ("To Learn More About Lymphoma")."""
    orphans = orphan_items(views)
    headings = {
        view.index
        for view in views
        if view.sentence.kind is SentenceKind.HEADING and view.index + 1 in orphans
    }
    return orphans | headings


def _lead_index(views: Sequence[SentenceView], item: Found) -> int:
    """Index of the sentence a list relation's evidence starts with (its lead)."""
    assert item.evidence is not None
    start = item.evidence[1]
    for view in views:
        if view.sentence.start == start:
            return view.index
    return 0
