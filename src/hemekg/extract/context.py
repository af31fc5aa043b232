"""What the relation cues work on: typed spans per sentence, and the document's topic.

A :class:`Span` is a mention with *all* the entities its surface form can name (the
lexicon keeps "chemotherapy" as a Treatment and as a Cause), so a cue can pick the
candidate whose type fits its predicate's signature. :class:`SentenceView` holds one
sentence with its spans; :class:`TopicTracker` follows the disease a document or section
is about, to which pronouns and anaphors ("It", "The cancer cells") resolve.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Final

from hemekg.extract.normalize import normalize
from hemekg.model import Entity, EntityType, Sentence

__all__ = [
    "ANAPHOR",
    "GENERIC_LABELS",
    "SentenceView",
    "Span",
    "TopicTracker",
    "coordinated_after",
    "is_generic",
]

#: entity names too general to be a subject, an object of a location cue or a parent
#: in name composition ("disease", "organ", "cell").
GENERIC_LABELS: Final[frozenset[str]] = frozenset(
    normalize(x)
    for x in (
        "disease",
        "disorder",
        "condition",
        "illness",
        "syndrome",
        "organ",
        "organs",
        "tissue",
        "body",
        "cell",
        "part",
        "parts",
        "system",
        "anatomical structure",
        "multicellular organism",
        "material anatomical entity",
        "anatomical entity",
        "cancer cell",
        "tumor cell",
        "neoplasm",
        "treatment",
        "therapy",
        "test",
        "tests",
        "symptom",
        "sign",
        "person",
        "people",
        "patient",
        "patients",
        "abnormality",
        "abnormal cell",
        "fluid",
        "blood component",
        "body fluid",
    )
)

#: a pronoun or anaphoric noun phrase standing for the topic disease.
ANAPHOR: Final = re.compile(
    r"\b(?:it|its|they|them|their|this|these|those|such|the\s+(?:disease|illness|condition|disorder|"
    r"cancer|malignancy|cancer\s+cells?|leuk[a]?emic\s+cells?|abnormal\s+cells?|malignant\s+cells?|"
    r"cells|blasts?|tumou?r)|cancer\s+cells?|leuk[a]?emia\s+cells?|this\s+(?:disease|condition|"
    r"disorder|illness|cancer|type)"
    r"|(?:most|many|some|other|rare|a\s+few|the\s+remaining)\s+cases)\b",
    re.IGNORECASE,
)


_GENERIC_CACHE: dict[tuple[str, str], bool] = {}


def is_generic(entity: Entity, surface: str = "") -> bool:
    """True for names too general to carry a relation ("disease", "organs")."""
    key = (entity.label, surface)
    value = _GENERIC_CACHE.get(key)
    if value is None:
        value = normalize(entity.label) in GENERIC_LABELS or (
            bool(surface) and normalize(surface) in GENERIC_LABELS
        )
        if len(_GENERIC_CACHE) < 100_000:
            _GENERIC_CACHE[key] = value
    return value


@dataclass(frozen=True, slots=True)
class Span:
    """A mention with every entity its surface form names, best first.

    :param new: the entity was minted from the text (a project entity).
    """

    text: str
    start: int
    end: int
    candidates: tuple[Entity, ...]
    exact: bool = True
    new: bool = False

    @property
    def entity(self) -> Entity:
        return self.candidates[0]

    def typed(self, types: Collection[EntityType]) -> Entity | None:
        """The best candidate of one of ``types``, or ``None``."""
        for candidate in self.candidates:
            if candidate.type in types:
                return candidate
        return None

    def generic(self) -> bool:
        return is_generic(self.entity, self.text)


@dataclass(slots=True)
class SentenceView:
    """One sentence with its spans (sorted, non-overlapping) and its lower-cased text."""

    index: int
    sentence: Sentence
    spans: list[Span]
    lower: str = ""
    topic: Entity | None = None
    #: text of the sentence before (a cue there can govern this one:
    #: "Treatments vary. They involve X").
    previous: str = ""
    #: a further sentence of the list item before it ("<li>Platelets help clotting.
    #: Granulocytes are ...</li>"): no item of its own.
    continues: bool = False
    #: the cell type the previous sentence was about ("Neutrophils are ... They are made in ...").
    previous_cell: Entity | None = None

    def __post_init__(self) -> None:
        self.lower = self.sentence.text.lower()

    @property
    def text(self) -> str:
        return self.sentence.text

    def before(
        self, position: int, types: Collection[EntityType], start: int = 0
    ) -> list[tuple[Span, Entity]]:
        """Typed spans ending before ``position`` (and starting at or after ``start``)."""
        found = []
        for span in self.spans:
            if span.start >= start and span.end <= position:
                entity = span.typed(types)
                if entity is not None:
                    found.append((span, entity))
        return found

    def after(
        self, position: int, types: Collection[EntityType], end: int | None = None
    ) -> list[tuple[Span, Entity]]:
        """Typed spans starting at or after ``position`` (and ending before ``end``)."""
        stop = len(self.text) if end is None else end
        found = []
        for span in self.spans:
            if span.start >= position and span.end <= stop:
                entity = span.typed(types)
                if entity is not None:
                    found.append((span, entity))
        return found

    def in_parentheses(self, span: Span) -> bool:
        """True when ``span`` stands inside an open parenthesis."""
        head = self.text[: span.start]
        return head.count("(") > head.count(")")

    def subject_position(self) -> int:
        """Offset where the grammatical subject is expected (after "In X," / "With X,")."""
        match = _LEADING_PREPOSITION.match(self.text)
        return match.end() if match else 0


_LEADING_PREPOSITION: Final = re.compile(
    r"^\s*(?:[-*\u2022]\s*)?(?:in|with|for)\s+(?:the\s+case\s+of\s+)?", re.IGNORECASE
)
#: words allowed between two coordinated spans.
_COORDINATION: Final = re.compile(
    r"^\s*(?:,|;|\band\b|\bor\b|\bas\s+well\s+as\b|\band/or\b|\band\s+sometimes\b|\betc\b|\bthe\b|\ba\b|\ban\b|"
    r"\balso\b|\bother\b|\beven\b|\bsometimes\b|\boften\b|\bespecially\b|\bincluding\b|\bsuch\s+as\b|"
    r"\bcalled\b|\bnamed\b|\bknown\s+as\b|\bmainly\b|\bmostly\b|\bfrom\b|\bcertain\b|\bsome\b|\bwith\b|"
    r"\bnormal\b|\bhealthy\b|\s)*$",
    re.IGNORECASE,
)
_RELATIVE: Final = re.compile(r"\b(?:that|which|who|where|when|whose|to\s+\w+)\b", re.IGNORECASE)
_APPOSITION_GAP: Final = re.compile(r"^\s*,\s*an?\s+$", re.IGNORECASE)
_APPOSITION_END: Final = re.compile(
    r"\s*(?:that|which|who|in\s+which|where)\b|\s*,\s*(?!and\b|or\b)\w+\s+(?:is|are|can|may)\b",
    re.IGNORECASE,
)
_NON_RESTRICTIVE: Final = re.compile(r"^\s*,\s*(?:which|who)\b", re.IGNORECASE)
_HARD_STOP: Final = re.compile(
    r"[;.!?:]\s|[;.!?]$|\bbut\b|\bbecause\b|\bso\s+that\b|\bdue\s+to\b", re.IGNORECASE
)


def coordinated_after(
    view: SentenceView,
    position: int,
    types: Collection[EntityType],
    *,
    first_within: int = 60,
    stop: int | None = None,
) -> list[tuple[Span, Entity]]:
    """The coordinated list of typed spans after a cue: "X, Y and Z".

    The first span must start within ``first_within`` characters of ``position``;
    further spans are taken while only commas, "and", "or" and articles separate them.
    A relative clause ("red blood cells that carry oxygen, white blood cells ...") is
    skipped up to the next comma. Spans in parentheses count only when the parenthesis
    starts with them ("the brain (the central nervous system)").
    """
    text = view.text
    end = len(text) if stop is None else stop
    hard = _HARD_STOP.search(text, position, end)
    if hard:
        end = hard.start()
    found: list[tuple[Span, Entity]] = []
    cursor = position
    in_relative = False
    for span in view.spans:
        if span.start < position or span.end > end:
            continue
        gap = text[cursor : span.start]
        inside = view.in_parentheses(span) and text.rfind("(", 0, span.start) >= position
        if inside:
            opening = text.rfind("(", 0, span.start)
            if not re.fullmatch(
                r"\(\s*(?:the\s+|a\s+|an\s+)?", text[opening : span.start], re.IGNORECASE
            ) and not (found and found[-1][0].start > opening):
                continue
        elif not found:
            if span.start - position > first_within:
                break
        else:
            if _NON_RESTRICTIVE.match(gap):
                break  # "myeloid cells, which develop into red blood cells": the list ended
            if (
                len(found) == 1
                and _APPOSITION_GAP.match(gap)
                and _APPOSITION_END.match(text, span.end)
            ):
                break  # "pernicious anaemia, an autoimmune condition that ...": an apposition
            relative = _RELATIVE.search(gap)
            if relative or in_relative:
                comma = text.rfind(",", cursor + relative.end() if relative else cursor, span.start)
                if comma < 0:
                    in_relative = True  # a span inside the relative clause: skip it
                    cursor = span.end
                    continue
                in_relative = False
                gap = text[comma : span.start]
            if not _COORDINATION.match(gap.replace("(", " ").replace(")", " ")):
                break
        entity = span.typed(types)
        if entity is None:
            if found and not inside:
                break
            continue
        found.append((span, entity))
        cursor = span.end
    return found


@dataclass(slots=True)
class TopicTracker:
    """The disease the text is currently about, for anaphora and subject-less cues.

    The document topic is the first disease of the title (else of the first heading or
    sentence); a heading naming a disease starts a section topic; a sentence whose
    subject is a disease makes it the running topic.
    """

    document: Entity | None = None
    current: Entity | None = None
    history: list[Entity] = field(default_factory=list)

    def start(self, title_spans: Iterable[Span]) -> None:
        self.document = _first_disease(title_spans)
        self.current = self.document

    def see(self, view: SentenceView) -> Entity | None:
        """Update from one sentence; returns the topic that holds *in* that sentence."""
        from hemekg.model import SentenceKind

        disease = _subject_disease(view)
        if disease is not None:
            if self.document is None:
                self.document = disease
            self.current = disease
        elif view.sentence.kind is SentenceKind.HEADING and self.document is not None:
            # "## Symptoms" after a paragraph on a subtype: the section is about the page's
            # topic again, not the last disease named
            self.current = self.document
        return self.current or self.document


_DETERMINERS: Final = re.compile(
    r"^\s*(?:(?:the|a|an|this|these|those|most|many|some|all|people\s+with|patients\s+with|children\s+with)\s+)*\W*$",
    re.I,
)


_DEFINITE_HEAD: Final = re.compile(
    r"^\s*(?:the|this|that|these|such)\s+(?:cancer|cancers|malignancy|tumou?r|disease|condition|illness)\s*$",
    re.I,
)
_WITH_PREFIX: Final = re.compile(r"\bwith\s+", re.I)
_RISK: Final = re.compile(r"\brisk\b", re.I)
_IS_RISK_FACTOR: Final = re.compile(
    r"\b(?:is|are)\s+(?:also\s+)?(?:a|an|one)?\s*(?:\w+\s+)?risk\s+factors?\b"
    r"|\b(?:increases?|raises?)\s+(?:the|your|a\s+person's)\s+risk\b",
    re.I,
)
_NOT_TOPICS: Final = frozenset(normalize(x) for x in ("infectious disease", "infection", "disease"))


#: a publisher's name ("National Cancer Institute", "Leukaemia Care", "Cancer Research UK"):
#: the disease word in it is no topic of the page.
_PUBLISHER: Final = re.compile(
    r"^\s*(?:[A-Z][\w&'.-]*\s+|&\s+|of\s+|and\s+|for\s+|the\s+){0,5}"
    r"(?:Institute|Society|Foundation|Association|Trust|Research\s+UK|Network|Alliance|"
    r"Council|Care|Support|Clinic|Hospital|Centre|Center|Organi[sz]ation)"
    r"(?:\s+(?:of|for)\s+[A-Z][\w.]*(?:\s+[A-Z][\w.]*){0,3})?\s*$"
)


def publisher_name(text: str) -> bool:
    """Whether a title or heading line is just an organisation's name: a site header
    in plain text ("National Cancer Institute") would otherwise make "cancer" the
    topic of a page about a leukaemia."""
    return len(text) <= 80 and _PUBLISHER.match(text) is not None


def _first_disease(spans: Iterable[Span]) -> Entity | None:
    for span in spans:
        entity = span.typed((EntityType.DISEASE,))
        if entity is not None and not span.generic():
            return entity
    return None


def _subject_disease(view: SentenceView) -> Entity | None:
    from hemekg.model import SentenceKind

    if view.sentence.kind is SentenceKind.LIST_ITEM or (
        view.sentence.kind is SentenceKind.HEADING and publisher_name(view.text)
    ) or view.text.count(" | ") >= 2:  # a navigation bar ("Cancer Types | Research | ...")
        return None
    offset = view.subject_position()
    limit = offset + (60 if view.sentence.kind is SentenceKind.HEADING else 30)
    for span in view.spans:
        if span.start > limit:
            break
        if span.start < offset or view.in_parentheses(span):
            continue
        if view.sentence.kind is not SentenceKind.HEADING and not _DETERMINERS.match(
            view.text[offset : span.start]
        ):
            return None  # the sentence opens with another subject ("It can be caused by X")
        entity = span.typed((EntityType.DISEASE,))
        if entity is not None and not span.generic():
            if (
                _WITH_PREFIX.search(view.text, offset, span.start) and _RISK.search(view.text)
            ) or _IS_RISK_FACTOR.search(view.text, span.end):
                return None  # "People with Down syndrome have a higher risk": a risk factor
            if (
                _DEFINITE_HEAD.match(view.text[offset : span.end])
                or normalize(entity.label) in _NOT_TOPICS
            ):
                return None  # "The cancer can spread": refers back to the current topic
            return entity
        if view.sentence.kind is not SentenceKind.HEADING:
            return None  # the subject is something else
    return None


def pairs(items: Sequence[Span]) -> Iterable[tuple[Span, Span]]:
    """All ordered pairs of distinct spans (used for small per-document sets only)."""
    for a in items:
        for b in items:
            if a is not b:
                yield a, b
