"""Markdown (and Markdown-like plain text) to blocks, keeping source offsets.

Line rules: ``#`` headings and underlined (setext) headings; bullet (``* - + • ·``) and
numbered (``1.`` ``1)``) list items with their continuation lines; ``Key: value``
metadata lines (``Description:``, ``Keywords:``, ``URL of this page:``); fenced code is
skipped; every other run of non-blank lines is one paragraph (hard-wrapped lines joined).

Inline rules: images ``![alt](url)`` dropped; links ``[text](url)`` become ``text``; URL
references ``[<url>]``, ``<url>``, ``[url]`` and bare URLs dropped; ``**``/``*``/``_``
emphasis, backticks, inline HTML tags and backslash escapes removed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from hemekg.read._textmap import TextBuilder
from hemekg.read.base import Block, BlockKind, Reader, make_block

__all__ = ["MarkdownReader", "render_inline"]

_MAX_BLOCK_CHARS = 1 << 16
_ENDS_SENTENCE = re.compile(r"[.!?][\"')\]]?[ \t]*$")
_ATX = re.compile(r"[ \t]{0,3}(#{1,6})(?:[ \t]+|$)")
_ATX_CLOSE = re.compile(r"[ \t]+#+[ \t]*$|[ \t]+$")
_SETEXT = re.compile(r"[ \t]{0,3}(={2,}|-{2,})[ \t]*$")
_RULE = re.compile(r"[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_BULLET = re.compile(r"([ \t]*)([*+\-•·▪◦‣●○■□➢➤►✓✔]|\.(?=[ \t]+[A-Z]))[ \t]+(?=\S)")
_NUMBER = re.compile(r"([ \t]*)(\d{1,3})[.)][ \t]+(?=\S)")
_FENCE = re.compile(r"[ \t]{0,3}(```|~~~)")
_META = re.compile(
    r"[ \t]*(link|url|url of this page|description|keywords|title|author|authors|source"
    r"|date|published|last updated|page last updated|reviewed by|updated by|medically reviewed by"
    r"|review date|canonical|tags|categories)[ \t]*:(?:[ \t]+|$)",
    re.I,
)
_ATX_ANYWHERE = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+\S", re.M)
_UNDERLINE_ANYWHERE = re.compile(r"^[ \t]{0,3}={2,}[ \t]*$", re.M)

_INLINE = re.compile(
    r"(?=[!\[<\\*_`hw/])"  # cheap first-character test: most positions fail here
    r"(?:(?P<image>!\[[^\]]*\]\([^)]*\))"
    r"|(?P<nested>\[\[[^\]\s]*\]\([^)\s]*\)\])"
    r"|(?P<urlref>\[[ \t]*<?(?:https?://|www\.|//|mailto:|ftp://)[^\]\s>]*>?[ \t]*\])"
    r"|(?P<link>\[(?P<ltext>[^\]\[]*)\]\((?P<lurl>[^)\s]*)(?:[ \t]+\"[^\"]*\")?\))"
    r"|(?P<angle><(?:https?://|www\.|mailto:)[^>\s]*>)"
    r"|(?P<bare>(?:https?://|www\.)[^\s<>\[\]()]+|//[a-z0-9.-]+\.[a-z]{2,}/[^\s<>\[\]()]*)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<escape>\\(?P<esc>[\\`*_{}\[\]()#+\-.!|~<>]))"
    r"|(?P<emph>\*{1,3}|(?<!\w)_{1,3}|_{1,3}(?!\w)|`+))"
)


def render_inline(source: str, start: int, end: int, builder: TextBuilder) -> None:
    """Add the visible text of the Markdown span ``source[start:end]`` to ``builder``."""
    pos = start
    for match in _INLINE.finditer(source, start, end):
        builder.add(source, pos, match.start())
        pos = match.end()
        kind = match.lastgroup
        if kind == "link":
            text_start, text_end = match.span("ltext")
            before = len(builder)
            builder.links += 1
            render_inline(source, text_start, text_end, builder)
            builder.link_chars += len(builder) - before
        elif kind == "escape":
            esc = match.start("esc")
            builder.add(source, esc, esc + 1)
        elif kind == "image":
            builder.images += 1
            builder.dropped()
        elif kind in ("nested", "urlref", "angle", "bare"):
            builder.url_refs += 1
            builder.dropped()
        elif kind == "tag" and _is_breaking_tag(match.group()):
            builder.space()
    builder.add(source, pos, end)


def _is_breaking_tag(tag: str) -> bool:
    name = tag.strip("</>").split()[0].lower() if tag.strip("</>") else ""
    return name in {"br", "p", "div", "li", "hr", "td", "th", "tr"}


@dataclass(slots=True)
class _Open:
    """The block being collected: kind, where its content starts, where it ends."""

    kind: BlockKind
    start: int
    content: int
    end: int
    level: int = 0
    list_id: int = -1
    key: str = ""
    lines: int = 1
    indent: int = 0


class MarkdownReader(Reader):
    """Markdown files (``.md``, ``.markdown``)."""

    name = "markdown"
    media_type = "text/markdown"
    suffixes: ClassVar[tuple[str, ...]] = (".md", ".markdown", ".mdown", ".mkd")
    #: infer headings from short standalone lines when none are marked up.
    implicit_headings = False

    @classmethod
    def can_read(cls, path: Path, head: str) -> bool:
        if path.suffix.lower() in cls.suffixes:
            return True
        return bool(re.search(r"^#{1,6} \S|\]\([^)\s]+\)", head, re.M))

    def structured(self, source: str) -> bool:
        """True when the document marks its headings (``#`` or underlined)."""
        if _ATX_ANYWHERE.search(source) is not None:
            return True
        for match in _UNDERLINE_ANYWHERE.finditer(source):
            line_start = source.rfind("\n", 0, max(0, match.start() - 1)) + 1
            if source[line_start : max(line_start, match.start() - 1)].strip():
                return True
        return False

    def iter_blocks(self, source: str) -> Iterator[Block]:
        implicit = self.implicit_headings and not self.structured(source)
        first_heading = True
        for block in _parse(source):
            if implicit and block.kind is BlockKind.PARAGRAPH:
                if _looks_like_heading(block):
                    block.kind = BlockKind.HEADING
                    block.level = 1 if first_heading else 2
                    first_heading = False
                elif (split := _heading_line(source, block)) is not None:
                    heading, rest = split
                    heading.level = 1 if first_heading else 2
                    first_heading = False
                    yield heading
                    block = rest
            yield block


def _looks_like_heading(block: Block) -> bool:
    """A one-line paragraph, short, capitalised, not ending like a sentence or a lead."""
    text = block.text
    if block.lines != 1 or not text or len(text.split()) > 12:
        return False
    if not (text[0].isupper() or text[0].isdigit()):
        return False
    return text[-1] not in ".,;:!" and not block.links and not block.url_refs


_HEADING_LINE_WORDS = 6


def _heading_line(source: str, block: Block) -> tuple[Block, Block] | None:
    """A short title line glued to the paragraph under it, split off as a heading.

    Plain-text exports often drop the blank line after a section name ("Causes" then
    "FA is caused by ..." on the next line), which would join the name to the first
    sentence and hide the section break from the topic tracker and the list leads. The
    first line counts as a heading only when it is short (six words, a question twelve),
    capitalised,
    ends without punctuation (or with a question mark), and the next line starts a sentence
    and, unless the first line is a question, is clearly longer: a hard-wrapped paragraph's
    first line is full width, so it never qualifies.
    """
    if block.lines < 2:
        return None
    first_end = source.find("\n", block.start, block.end)
    if first_end < 0:
        return None
    first = source[block.start : first_end].rstrip("\r")
    title = first.strip()
    words = _HEADING_LINE_WORDS * (2 if title.endswith("?") else 1)
    if not title or len(title.split()) > words or not title[0].isupper():
        return None
    if title[-1] in ".,;:!|" or "|" in title or "](" in title:
        return None
    next_start = first_end + 1
    next_end = source.find("\n", next_start, block.end)
    second = source[next_start : block.end if next_end < 0 else next_end].strip()
    if not second[:1].isupper() or (len(second) <= len(title) + 10 and not title.endswith("?")):
        return None  # a question line ("How is X diagnosed?") heads a section of any length
    indent = len(source[next_start : block.end]) - len(source[next_start : block.end].lstrip())
    heading = _finish(
        source,
        _Open(
            BlockKind.HEADING,
            block.start,
            block.start + first.index(title),
            block.start + len(first),
        ),
    )
    rest = _finish(
        source,
        _Open(
            BlockKind.PARAGRAPH, next_start, next_start + indent, block.end, lines=block.lines - 1
        ),
    )
    return heading, rest


def _continues_item(source: str, item: _Open, line: str, indent: int, blank_before: bool) -> bool:
    """Does an unmarked line belong to the list item above it?

    Yes when indented past the item's marker; right after the item also when the item's
    last line ends with a Markdown hard break (two spaces, backslash) or the line carries
    on a wrapped sentence (lower-case start after a line without final punctuation).
    Otherwise it starts a new paragraph: "- fatigue" then "Treatment is rest." are two.
    """
    if indent > item.indent and indent >= 2:
        return True
    if blank_before:
        return False
    previous_start = source.rfind("\n", 0, item.end) + 1
    previous = source[previous_start : item.end]
    if previous.endswith(("  ", "\t", "\\")):
        return True
    first = line.lstrip()[:1]
    return bool(first) and not first.isupper() and _ENDS_SENTENCE.search(previous) is None


def _finish(source: str, current: _Open) -> Block:
    builder = TextBuilder()
    end = current.end
    if current.kind is BlockKind.HEADING:
        close = _ATX_CLOSE.search(source, current.content, end)
        if close is not None:
            end = close.start()
    render_inline(source, current.content, end, builder)
    return make_block(
        current.kind,
        current.start,
        current.end,
        builder,
        level=current.level,
        list_id=current.list_id,
        key=current.key,
        lines=current.lines,
    )


def _parse(source: str) -> Iterator[Block]:
    """Line-oriented block parser (a pragmatic subset of CommonMark)."""
    current: _Open | None = None
    list_id = -1
    in_list = False
    blank_before = True
    fence = ""
    pos = 0
    size = len(source)
    # Classic Mac files end lines with CR alone.
    separator = "\r" if "\n" not in source and "\r" in source else "\n"
    while pos < size:
        newline = source.find(separator, pos)
        stop = size if newline < 0 else newline
        nxt = size if newline < 0 else newline + 1
        line_end = stop - 1 if stop > pos and source[stop - 1] == "\r" else stop
        line = source[pos:line_end]
        if fence:
            if line.lstrip().startswith(fence):
                fence = ""
            pos = nxt
            continue
        if not line.strip():
            if current is not None and current.kind is not BlockKind.ITEM:
                yield _finish(source, current)
                current = None
            blank_before = True
            pos = nxt
            continue
        if (
            current is not None
            and current.kind is BlockKind.PARAGRAPH
            and not blank_before
            and line.lstrip()[:1].isalpha()
            and ":" not in line[:40]
        ):
            # Fast path: a plain continuation line of an open paragraph (most lines).
            if current.end - current.content > _MAX_BLOCK_CHARS and _ENDS_SENTENCE.search(
                source, current.end - 2, current.end
            ):
                # A giant paragraph is cut where a line ends a sentence: memory per
                # block stays bounded and no sentence is split.
                yield _finish(source, current)
                current = _Open(
                    BlockKind.PARAGRAPH, pos, pos + len(line) - len(line.lstrip()), line_end
                )
            else:
                current.end = line_end
                current.lines += 1
            pos = nxt
            continue
        fence_match = _FENCE.match(line)
        if fence_match is not None:
            if current is not None:
                yield _finish(source, current)
                current = None
            in_list = False
            fence = fence_match.group(1)
            pos = nxt
            continue
        atx = _ATX.match(line)
        if atx is not None:
            if current is not None:
                yield _finish(source, current)
            in_list = False
            current = _Open(
                BlockKind.HEADING, pos, pos + atx.end(), line_end, level=len(atx.group(1))
            )
            yield _finish(source, current)
            current = None
            blank_before = False
            pos = nxt
            continue
        setext = _SETEXT.match(line)
        if (
            setext is not None
            and current is not None
            and current.kind is BlockKind.PARAGRAPH
            and current.lines == 1
        ):
            current.kind = BlockKind.HEADING
            current.level = 1 if setext.group(1)[0] == "=" else 2
            yield _finish(source, current)
            current = None
            pos = nxt
            continue
        if _RULE.match(line):
            if current is not None:
                yield _finish(source, current)
                current = None
            in_list = False
            blank_before = True
            pos = nxt
            continue
        bullet = _BULLET.match(line)
        number = None if bullet is not None else _NUMBER.match(line)
        marker = bullet or number
        # A numbered line opens a list after a blank line, or when it is "1."
        if (
            number is not None
            and not in_list
            and not blank_before
            and current is not None
            and number.group(2) != "1"
        ):
            marker = None
        if marker is not None:
            if current is not None:
                yield _finish(source, current)
            if not in_list:
                list_id += 1
                in_list = True
            current = _Open(
                BlockKind.ITEM,
                pos,
                pos + marker.end(),
                line_end,
                list_id=list_id,
                indent=len(marker.group(1).expandtabs(4)),
            )
            blank_before = False
            pos = nxt
            continue
        meta = _META.match(line)
        if meta is not None:
            if current is not None:
                yield _finish(source, current)
            in_list = False
            current = _Open(
                BlockKind.META, pos, pos + meta.end(), line_end, key=meta.group(1).lower()
            )
            blank_before = False
            pos = nxt
            continue
        indent = len(line) - len(line.lstrip())
        if current is not None and current.kind is BlockKind.ITEM:
            if _continues_item(source, current, line, indent, blank_before):
                current.end = line_end
                current.lines += 1
                blank_before = False
                pos = nxt
                continue
            yield _finish(source, current)
            current = None
        if current is not None and not blank_before:
            current.end = line_end
            current.lines += 1
        else:
            if current is not None:
                yield _finish(source, current)
            in_list = False
            current = _Open(BlockKind.PARAGRAPH, pos, pos + indent, line_end)
        blank_before = False
        pos = nxt
    if current is not None:
        yield _finish(source, current)
