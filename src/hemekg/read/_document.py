"""Blocks -> sentences -> Document: the part every reader shares.

Streaming: blocks are judged as they arrive (a list is judged once it is complete), so
memory holds the source, the kept sentences and one list at a time. Headings are held
back until some content under them is kept; a heading whose section ends up empty (a
dropped link list, say) is dropped with it.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from hemekg.model import Document, Sentence, SentenceKind
from hemekg.read import boilerplate as bp
from hemekg.read.base import Block, BlockKind, Reader
from hemekg.read.decode import DecodedText
from hemekg.read.sentences import split_sentences

__all__ = ["Dropped", "build_document", "collect"]

_PREVIEW = 80
#: a line that runs on into what follows: ends with a lower-case word ("including").
_RUNS_ON = re.compile(r"(?:^|\s)[a-z][\w-]*,?$")
_ITEM_TRAIL = " ;,"
#: dropped blocks that may sit between a lead sentence and its list (a figure, say).
_TRANSPARENT = frozenset({"image", "image-caption", "markup-only", "link"})


@dataclass(frozen=True, slots=True)
class Dropped:
    """A piece of the source that was not mined, and the rule that dropped it."""

    start: int
    end: int
    rule: str
    text: str

    def __str__(self) -> str:
        return f"{self.start}-{self.end} [{self.rule}] {self.text}"


@dataclass(slots=True)
class _State:
    log: list[Dropped] | None
    structured: bool
    sentences: list[Sentence] = field(default_factory=list)
    block: int = 0
    title: str = ""
    section: str = ""
    pending: list[Block] = field(default_factory=list)
    drop_level: int = 0
    drop_rule: str = ""
    previous: str = ""  # previous kept unit in this section: "", "text", "lead", "list"
    items: list[Block] = field(default_factory=list)
    descriptions: list[tuple[int, Sentence]] = field(default_factory=list)
    description_texts: set[str] = field(default_factory=set)
    seen_in_body: set[str] = field(default_factory=set)
    texts: dict[str, str] = field(default_factory=dict)
    cue: Block | None = None  # a run-on line held back until we know whether a list follows

    def drop(self, block: Block, rule: str) -> None:
        if self.log is not None:
            self.log.append(Dropped(block.start, block.end, rule, block.text[:_PREVIEW]))


def _sentences_of(
    block: Block, kind: SentenceKind, section: str, number: int, texts: dict[str, str]
) -> list[Sentence]:
    text = block.text
    spans = [(0, len(text))] if kind is SentenceKind.HEADING else split_sentences(text)
    out: list[Sentence] = []
    for start, end in spans:
        if kind is SentenceKind.LIST_ITEM:
            while end > start and text[end - 1] in _ITEM_TRAIL:
                end -= 1
        if end <= start:
            continue
        piece = text[start:end]
        out.append(
            Sentence(
                text=texts.setdefault(piece, piece),  # repeated sentences share one string
                start=block.tmap.start(start),
                end=block.tmap.end(end),
                kind=kind,
                section=section,
                block=number,
            )
        )
    return out


def _flush_headings(state: _State) -> None:
    for heading in state.pending:
        state.sentences.extend(
            _sentences_of(heading, SentenceKind.HEADING, heading.text, state.block, state.texts)
        )
        state.block += 1
    state.pending.clear()


def _keep_text(state: _State, block: Block, *, description: bool = False) -> None:
    _flush_headings(state)
    sentences = _sentences_of(block, SentenceKind.TEXT, state.section, state.block, state.texts)
    state.block += 1
    if description:
        for sentence in sentences:
            state.descriptions.append((len(state.sentences), sentence))
            state.description_texts.add(bp.normalise(sentence.text))
    else:
        if state.description_texts:
            for sentence in sentences:
                key = bp.normalise(sentence.text)
                if key in state.description_texts:
                    state.seen_in_body.add(key)
        state.sentences.extend(sentences)
        # A cue ends with ':' ("Symptoms can include:") or runs on ("types, including").
        text = block.text
        state.previous = "lead" if text.endswith(":") or not bp.ends_like_sentence(text) else "text"


def _close_list(state: _State) -> None:
    items = state.items
    if not items:
        return
    state.items = []
    reason = bp.list_reason(items, has_lead=state.previous == "lead", section=state.section)
    if reason is not None:
        for item in items:
            state.drop(item, reason)
        return
    kept = []
    for item in items:
        item_reason = bp.item_reason(item)
        if item_reason is None:
            kept.append(item)
        else:
            state.drop(item, item_reason)
    if not kept:
        return
    _flush_headings(state)
    for item in kept:
        state.sentences.extend(
            _sentences_of(item, SentenceKind.LIST_ITEM, state.section, state.block, state.texts)
        )
    state.block += 1
    state.previous = "list"


def _heading(state: _State, block: Block) -> None:
    state.previous = ""
    if state.drop_level and block.level <= state.drop_level:
        state.drop_level = 0
    if state.drop_level:
        state.drop(block, state.drop_rule)
        return
    reason = bp.heading_reason(block.text)
    if reason is not None:
        state.drop(block, reason)
        return
    section_reason = bp.section_drop_reason(block.text)
    if section_reason is not None:
        state.drop_level = block.level
        state.drop_rule = section_reason
        state.drop(block, section_reason)
        return
    if not state.title:
        state.title = block.text
    while state.pending and state.pending[-1].level >= block.level:
        state.drop(state.pending.pop(), "empty-section")
    state.pending.append(block)
    state.section = block.text
    state.previous = ""


def _feed(state: _State, block: Block) -> None:
    if state.cue is not None:
        cue, state.cue = state.cue, None
        if block.kind is BlockKind.ITEM:
            _keep_text(state, cue)  # "There are different types of leukemia, including"
        else:
            state.drop(cue, "label-line")
            state.previous = ""
    if block.kind is BlockKind.ITEM:
        if state.items and state.items[-1].list_id != block.list_id:
            _close_list(state)
        if state.drop_level:
            state.drop(block, state.drop_rule)
            return
        state.items.append(block)
        return
    _close_list(state)
    if block.kind is BlockKind.HEADING:
        _heading(state, block)
        return
    if state.drop_level:
        state.drop(block, state.drop_rule)
        return
    if block.kind is BlockKind.META:
        if block.key != "description":
            state.drop(block, f"metadata:{block.key}")
            return
        reason = bp.paragraph_reason(block, structured=False)
        if reason is not None:
            state.drop(block, reason)
            return
        _keep_text(state, block, description=True)
        return
    reason = bp.paragraph_reason(block, structured=state.structured)
    if reason == "label-line" and _RUNS_ON.search(block.text):
        state.cue = block  # kept only if a list follows
        return
    if reason is not None:
        state.drop(block, reason)
        if reason not in _TRANSPARENT:
            state.previous = ""  # a lead must come right before its list
        return
    _keep_text(state, block)


def _finish(state: _State) -> list[Sentence]:
    if state.cue is not None:
        state.drop(state.cue, "label-line")
        state.cue = None
    _close_list(state)
    for heading in state.pending:
        state.drop(heading, "empty-section")
    state.pending.clear()
    sentences = state.sentences
    if not state.descriptions:
        return sentences
    merged: list[Sentence] = []
    position = 0
    dropped_blocks: set[int] = set()
    kept_blocks: set[int] = set()
    for index, sentence in state.descriptions:
        merged.extend(sentences[position:index])
        position = index
        if bp.normalise(sentence.text) in state.seen_in_body:
            dropped_blocks.add(sentence.block)
            if state.log is not None:
                state.log.append(
                    Dropped(
                        sentence.start,
                        sentence.end,
                        "duplicate-description",
                        sentence.text[:_PREVIEW],
                    )
                )
        else:
            kept_blocks.add(sentence.block)
            merged.append(sentence)
    merged.extend(sentences[position:])
    gaps = sorted(dropped_blocks - kept_blocks)
    if not gaps:
        return merged
    # Renumber so blocks stay consecutive (a lead keeps block == list block - 1).
    from bisect import bisect_left

    return [
        dataclasses.replace(s, block=s.block - bisect_left(gaps, s.block))
        if gaps[0] < s.block
        else s
        for s in merged
    ]


def collect(
    blocks: Iterable[Block], *, structured: bool, log: list[Dropped] | None = None
) -> tuple[list[Sentence], str]:
    """The sentences worth mining and the title, from a reader's blocks.

    :param structured: headings are marked up explicitly (HTML, ``#`` Markdown).
    :param log: when given, receives a :class:`Dropped` record for each dropped block.
    """
    state = _State(log=log, structured=structured)
    for block in blocks:
        _feed(state, block)
    sentences = _finish(state)
    return sentences, state.title


def build_document(
    reader: Reader, path: Path, decoded: DecodedText, log: list[Dropped] | None = None
) -> Document:
    """Run ``reader`` over decoded text and assemble the :class:`Document`."""
    source = decoded.text
    structured = getattr(reader, "structured", None)
    blocks = reader.iter_blocks(source)
    is_structured = bool(structured(source)) if callable(structured) else True
    sentences, title = collect(blocks, structured=is_structured, log=log)
    if log is not None:
        for start, end, rule in getattr(reader, "dropped_markup", ()):
            log.append(Dropped(start, end, rule, " ".join(source[start:end].split())[:_PREVIEW]))
        log.sort(key=lambda item: (item.start, item.end))
    return Document(
        # A file name need not be valid UTF-8; ids must be, as they are hashed and written.
        id=path.name.encode("utf-8", "surrogateescape").decode("utf-8", "replace"),
        path=str(path),
        media_type=reader.media_type,
        source=source,
        sha256=decoded.sha256,
        sentences=tuple(sentences),
        title=title or reader.title_hint(),
    )
