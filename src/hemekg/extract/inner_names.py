"""Names written around a parenthesis, and page titles in index order.

Three shapes that a word-by-word lexicon match splits into the wrong entities:

* an abbreviation **inside** a name: "Large granular lymphocytic (LGL) leukemia", then
  "LGL leukemia" and "T-cell LGL leukemia". Without this, the span is "leukemia" widened
  by the word before the parenthesis ("lymphocytic leukemia"), so every statement of the
  page lands on the wrong disease. The long form is found by the Schwartz-Hearst rule
  (:func:`hemekg.extract.abbreviations.long_form_for`); the full name is the long form
  plus the word after the parenthesis, grounded with the lexicon, or minted under that
  word's entity when the lexicon lacks it (issue 3 item 5);
* a **gloss** inside a name: "Tummy (abdominal) pain" names abdominal pain, not "pain";
* a **place after the head noun**: "cancers of the bone marrow" names bone marrow
  cancer (when the lexicon has that name);
* an **inverted title**: "Leukemia - Large Granular Lymphocytic", "Anaemia, aplastic":
  the title gives the page's topic, so reading it as plain "leukemia" puts the whole page
  on the parent.

Everything here is per document and costs nothing on a sentence without a parenthesis
or a defined name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

from hemekg.extract.abbreviations import long_form_for
from hemekg.extract.context import Span
from hemekg.extract.new_entities import mint
from hemekg.model import Entity, EntityType

if TYPE_CHECKING:
    from hemekg.extract.found import RuleContext
    from hemekg.extract.lexicon import Lexicon

__all__ = ["InnerName", "find_inner_names", "inverted_title", "merge_inner"]

_WORD: Final = r"[A-Za-z][\w'\u2019-]*"
#: "(ABBR) head": a short form in parentheses with a word right after it ...
_PAREN_WORD: Final = re.compile(rf"\(\s*([A-Za-z0-9][\w/+-]{{1,9}})\s*\)[ \t]*({_WORD})")
#: ... and up to six words before it: the long form is among them
_WORDS_BEFORE: Final = re.compile(rf"((?:{_WORD}\s+){{1,6}})$")
#: "X (gloss) head": a one- or two-word gloss between a word and the head noun
_GLOSS: Final = re.compile(rf"\b({_WORD})\s+\(\s*({_WORD}(?:\s+{_WORD})?)\s*\)\s+$")
_TITLE: Final = re.compile(
    r"^\s*([A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*)?)\s*(?:[-\u2013\u2014,]\s+|,\s*)"
    r"([A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,3})\s*(?:$|[:|(\u2013\u2014-])"
)
_NAME_TYPES: Final = (EntityType.DISEASE, EntityType.PHENOTYPE)
#: general disease nouns a place can follow: "cancer of the bone marrow".
_OF_HEADS: Final = frozenset(
    [
        "cancer",
        "cancers",
        "disease",
        "diseases",
        "disorder",
        "disorders",
        "tumour",
        "tumours",
        "tumor",
        "tumors",
    ]
)
_OF_PLACE: Final = re.compile(r" of (?:the )?([a-z]+(?: [a-z]+){0,2})")


@dataclass(frozen=True, slots=True)
class InnerName:
    """A name with an abbreviation inside it, as the document defines it.

    :param long_words: the long form's words ("Large granular lymphocytic").
    :param short: the abbreviation as written ("LGL").
    :param head: the word after the parenthesis ("leukemia").
    :param entity: what the whole name denotes.
    :param new: the entity was minted (the lexicon lacks the name).
    """

    long_words: tuple[str, ...]
    short: str
    head: str
    entity: Entity
    new: bool
    pattern: re.Pattern[str]


def _is_short(candidate: str) -> bool:
    return 2 <= len(candidate) <= 10 and any(c.isupper() for c in candidate)


def _typed(candidates: Sequence[Entity]) -> Entity | None:
    for wanted in _NAME_TYPES:
        for candidate in candidates:
            if candidate.type is wanted:
                return candidate
    return None


def _singular(word: str) -> str:
    lower = word.lower()
    return lower[:-1] if lower.endswith("s") and not lower.endswith("ss") else lower


def _pattern(long_words: Sequence[str], short: str, head: str) -> re.Pattern[str]:
    """The name's written forms: "long (SHORT) head" and "SHORT head" (plural head too)."""
    long_part = r"\s+".join(re.escape(w) for w in long_words)
    stem = re.escape(_singular(head))
    head_part = rf"{stem}(?:s|es)?\b"
    return re.compile(
        rf"(?i:\b{long_part}\s*\(\s*){re.escape(short)}(?i:\s*\)\s*{head_part})"
        rf"|\b{re.escape(short)}(?i:[\s-]+{head_part})"
    )


def find_inner_names(
    texts: Sequence[str], lexicon: Lexicon, context: RuleContext | None = None
) -> list[InnerName]:
    """Names with an abbreviation inside them, defined in ``texts`` (first definition wins).

    The head after the parenthesis must name a disease or phenotype on its own (it is the
    name's parent); the full name is looked up, else minted under the head (and recorded
    in ``context``, when given, as a new entity).
    """
    found: dict[str, InnerName] = {}
    for text in texts:
        if "(" not in text:
            continue
        for match in _PAREN_WORD.finditer(text):
            short, head = match.group(1), match.group(2)
            if not _is_short(short) or short.lower() == head.lower() or short in found:
                continue
            before = _WORDS_BEFORE.search(text, max(0, match.start() - 120), match.start())
            if before is None:
                continue
            words = before.group(1).split()
            start = long_form_for(short, words)
            if start is None:
                continue
            long_words = words[start:]
            parent = _typed(lexicon.lookup(head))
            if parent is None or len(" ".join(long_words)) <= len(short):
                continue
            name = f"{' '.join(long_words)} {head}"
            entity = _typed(lexicon.lookup(name))
            new = entity is None
            if entity is None:
                label = f"{' '.join(long_words)} {_singular(head) if head[-1:] == 's' else head}"
                entity = mint(label, parent)
                if context is not None:
                    entity = context.new_entities.setdefault(entity.id, entity)
                    context.parent_of.setdefault(entity.id, parent)
            found[short] = InnerName(
                tuple(long_words), short, head, entity, new, _pattern(long_words, short, head)
            )
    return list(found.values())


def _gloss_span(text: str, span: Span, lexicon: Lexicon) -> Span | None:
    """ "Tummy (abdominal) pain": the gloss and the head name one entity of the span's type."""
    match = _GLOSS.search(text, 0, span.start)
    if match is None or match.end() != span.start:
        return None
    for name in (f"{match.group(2)} {span.text}", f"{match.group(1)} {span.text}"):
        candidates = [c for c in lexicon.lookup(name) if c.type is span.entity.type]
        if candidates and candidates[0].id != span.entity.id:
            return Span(text[match.start(1) : span.end], match.start(1), span.end, (candidates[0],))
    return None


def _of_name(text: str, span: Span, lexicon: Lexicon) -> Span | None:
    """ "cancers of the bone marrow" names bone marrow cancer, "disease of the blood" a
    blood disease: the lexicon's name with the place before the head noun."""
    match = _OF_PLACE.match(text, span.end)
    if match is None:
        return None
    words = match.group(1).split()
    head = _singular(span.text)
    for size in range(len(words), 0, -1):
        entity = _typed(lexicon.lookup(f"{' '.join(words[:size])} {head}"))
        if entity is not None and entity.type is EntityType.DISEASE:
            end = match.start(1) + len(" ".join(words[:size]))
            if text[match.start(1) : end] != " ".join(words[:size]):
                return None
            return Span(text[span.start : end], span.start, end, (entity,))
    return None


def merge_inner(
    text: str, spans: list[Span], inner: Sequence[InnerName], lexicon: Lexicon
) -> list[Span]:
    """``spans`` with the names of :func:`find_inner_names` and glossed names made whole."""
    if "(" not in text and " of " not in text and not any(name.short in text for name in inner):
        return spans
    merged: list[Span] = []
    for name in inner:
        if name.short not in text:
            continue
        for match in name.pattern.finditer(text):
            merged.append(
                Span(
                    match.group(0),
                    match.start(),
                    match.end(),
                    (name.entity,),
                    not name.new,
                    name.new,
                )
            )
    if " of " in text:
        for span in spans:
            if span.text.lower() in _OF_HEADS:
                widened = _of_name(text, span, lexicon)
                if widened is not None:
                    merged.append(widened)
    if "(" in text:
        for span in spans:
            if span.start > 2 and text[span.start - 2] == ")":
                glossed = _gloss_span(text, span, lexicon)
                if glossed is not None:
                    merged.append(glossed)
    if not merged:
        return spans
    merged.sort(key=lambda s: (s.start, -s.end))
    kept: list[Span] = []
    for span in merged:
        if kept and span.start < kept[-1].end:
            continue
        kept.append(span)
    result = [s for s in spans if not any(s.start < k.end and k.start < s.end for k in kept)]
    result.extend(kept)
    result.sort(key=lambda s: s.start)
    return result


def inverted_title(title: str, lexicon: Lexicon) -> Span | None:
    """The disease of a title in index order ("Leukemia - Large Granular Lymphocytic")."""
    match = _TITLE.match(title)
    if match is None:
        return None
    head, modifier = match.group(1), match.group(2)
    entity = _typed(lexicon.lookup(f"{modifier} {head}"))
    if entity is None or entity.type is not EntityType.DISEASE:
        return None
    return Span(match.group(0).strip(), match.start(1), match.end(2), (entity,))
