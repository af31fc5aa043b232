"""HTML to blocks with the standard library's tolerant ``html.parser``.

Positions come from the parser (line, column) and a table of line starts, so every text
node and character reference maps back to its exact place in the source. The element
stack is explicit (no recursion), so 10,000 nested ``<div>`` cost nothing special;
unclosed ``<p>``/``<li>`` are closed the way browsers do, stray end tags are ignored.

Dropped whole: ``script style nav footer aside form noscript figure figcaption template
svg iframe button select textarea``, a ``<header>`` outside ``<article>``/``<main>``, and
elements that are hidden (``hidden``, ``aria-hidden``) or whose ``role``, ``class`` or
``id`` says navigation, menu, breadcrumb, footer, sidebar, cookie, share/social.
``<meta name="description">`` becomes a description metadata block.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

from hemekg.read._textmap import TextBuilder
from hemekg.read.base import Block, BlockKind, Reader, make_block

__all__ = ["HtmlReader"]

_DROP_TAGS = frozenset(
    {
        "script",
        "style",
        "nav",
        "footer",
        "aside",
        "form",
        "noscript",
        "figure",
        "figcaption",
        "template",
        "svg",
        "math",
        "iframe",
        "button",
        "select",
        "textarea",
        "object",
        "embed",
        "canvas",
        "video",
        "audio",
        "map",
        "dialog",
        "head",
    }
)
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "caption",
        "center",
        "dd",
        "details",
        "dialog",
        "dir",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "html",
        "legend",
        "li",
        "main",
        "menu",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "title",
        "head",
        "option",
        "noscript",
        "iframe",
        "br",
    }
)
_VOID = frozenset(
    {
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
        "keygen",
    }
)
_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_LISTS = frozenset({"ul", "ol", "menu", "dir"})
#: elements that end an open <p> when they start.
_CLOSES_P = _BLOCK_TAGS - {"br", "title", "head", "html", "body", "option"}
_BOILER_TOKENS = frozenset(
    {
        "nav",
        "navbar",
        "navigation",
        "menu",
        "breadcrumb",
        "breadcrumbs",
        "footer",
        "sidebar",
        "cookie",
        "cookies",
        "share",
        "sharing",
        "social",
        "skip",
        "skiplink",
        "toolbar",
        "newsletter",
        "subscribe",
        "advert",
        "advertisement",
        "ads",
        "banner",
        "masthead",
        "related",
        "pagination",
        "print",
        "feedback",
        "sr-only",
        "visually-hidden",
    }
)
_BOILER_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "search", "complementary", "menu", "menubar"}
)
_TOKEN_SPLIT = re.compile(r"[\s_-]+")
_HTML_START = re.compile(
    r"(?:<\?xml[^>]*>\s*)?<(?:html|head|body|meta|title|div|p|h[1-6]|article|section|main|ul|table)\b"
)
_CONTENT_ATTR = re.compile(r"""\bcontent\s*=\s*(["'])(.*?)\1""", re.S | re.I)


@dataclass(slots=True)
class _Context:
    """State inherited by an element's content."""

    tag: str
    skip: bool = False
    kind: BlockKind = BlockKind.PARAGRAPH
    level: int = 0
    list_id: int = -1
    in_article: bool = False
    in_link: bool = False
    p_open: int = -1
    li_open: int = -1
    list_open: int = -1


def _is_boilerplate(tag: str, attrs: list[tuple[str, str | None]], ctx: _Context) -> bool:
    if tag in _DROP_TAGS:
        return True
    if tag == "header" and not ctx.in_article:
        return True
    for name, value in attrs:
        if name == "hidden" or (name == "aria-hidden" and (value or "").lower() == "true"):
            return True
        if value is None:
            continue
        if name == "role" and value.lower() in _BOILER_ROLES:
            return True
        if name in ("class", "id"):
            tokens = set(_TOKEN_SPLIT.split(value.lower()))
            if tokens & _BOILER_TOKENS:
                return True
        if name == "style" and re.search(r"display\s*:\s*none", value, re.I):
            return True
    return False


class _BlockParser(HTMLParser):
    """Collects blocks while html.parser tokenises; see the module docstring."""

    def __init__(self, source: str) -> None:
        super().__init__(convert_charrefs=False)
        self.source = source
        starts = array("q", [0])
        find = source.find
        pos = find("\n")
        while pos >= 0:
            starts.append(pos + 1)
            pos = find("\n", pos + 1)
        self.line_starts = starts
        self.stack: list[_Context] = [_Context("#root")]
        self.open_counts: dict[str, int] = {}
        self.blocks: list[Block] = []
        self.builder = TextBuilder()
        self.block_start = -1
        self.block_ctx = self.stack[0]
        self.list_counter = -1
        self.title_parts: list[str] = []
        self.in_title = False
        self.skipped: list[tuple[int, int, str]] = []
        self.skip_started: list[tuple[int, str]] = []

    # -- positions -------------------------------------------------------------------------
    def _position(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    # -- blocks --------------------------------------------------------------------------
    def flush(self, end: int) -> None:
        builder = self.builder
        if len(builder) or builder.images or builder.links or builder.url_refs:
            ctx = self.block_ctx
            kind = ctx.kind
            self.blocks.append(
                make_block(
                    kind, self.block_start, end, builder, level=ctx.level, list_id=ctx.list_id
                )
            )
            self.builder = TextBuilder()
        self.block_start = -1

    def _text_context(self, position: int) -> TextBuilder:
        if self.block_start < 0:
            self.block_start = position
            self.block_ctx = self.stack[-1]
        return self.builder

    # -- stack ---------------------------------------------------------------------------
    def _pop_to(self, index: int, position: int) -> None:
        while len(self.stack) > index:
            ctx = self.stack.pop()
            self.open_counts[ctx.tag] -= 1
            if ctx.tag in _BLOCK_TAGS:
                self.flush(position)
            if ctx.skip and not self.stack[-1].skip and self.skip_started:
                start, tag = self.skip_started.pop()
                self.skipped.append((start, position, f"html:<{tag}>"))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        position = self._position()
        parent = self.stack[-1]
        if tag == "title" and (not parent.skip or parent.tag == "head"):
            self.in_title = True
        if tag == "meta":
            self._meta(attrs, position)
            return
        if tag == "img" or tag == "image":
            if not parent.skip:
                self._text_context(position).images += 1
            return
        if tag in ("br", "wbr", "hr") or tag in _VOID:
            if tag == "hr":
                self.flush(position)
            elif tag == "br" and not parent.skip:
                self.builder.space()
            return
        if tag in _CLOSES_P and parent.p_open >= 0:
            self._pop_to(parent.p_open, position)
            parent = self.stack[-1]
        if tag == "li" and parent.li_open > parent.list_open:
            self._pop_to(parent.li_open, position)
            parent = self.stack[-1]
        if tag in _BLOCK_TAGS:
            self.flush(position)
        ctx = _Context(
            tag,
            skip=parent.skip,
            kind=parent.kind,
            level=parent.level,
            list_id=parent.list_id,
            in_article=parent.in_article or tag in ("article", "main"),
            in_link=parent.in_link or tag == "a",
            p_open=parent.p_open,
            li_open=parent.li_open,
            list_open=parent.list_open,
        )
        index = len(self.stack)
        if not ctx.skip and _is_boilerplate(tag, attrs, parent):
            ctx.skip = True
            self.skip_started.append((position, tag))
        if tag == "p":
            ctx.p_open = index
        elif tag in _LISTS:
            self.list_counter += 1
            ctx.list_open = index
            ctx.list_id = self.list_counter
            ctx.kind = BlockKind.PARAGRAPH
        elif tag == "li":
            ctx.li_open = index
            ctx.kind = BlockKind.ITEM
            if ctx.list_open < 0:  # an <li> outside any list: a list of its own
                self.list_counter += 1
                ctx.list_id = self.list_counter
        elif tag in _HEADINGS:
            ctx.kind = BlockKind.HEADING
            ctx.level = _HEADINGS[tag]
        elif tag == "a" and not ctx.skip:
            self._text_context(position).links += 1
        self.stack.append(ctx)
        self.open_counts[tag] = self.open_counts.get(tag, 0) + 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in _VOID and tag not in ("img", "image", "meta") and self.stack[-1].tag == tag:
            self._pop_to(len(self.stack) - 1, self._position())

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag == "br":
            self.builder.space()
            return
        if tag == "p" and not self.open_counts.get("p"):
            self.flush(self._position())
            return
        if not self.open_counts.get(tag):
            return
        for index in range(len(self.stack) - 1, 0, -1):
            if self.stack[index].tag == tag:
                end = self._position() + len(tag) + 3
                self._pop_to(index, end)
                return

    # -- text ------------------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
            return
        ctx = self.stack[-1]
        if ctx.skip:
            return
        position = self._position()
        builder = self._text_context(position)
        before = len(builder)
        builder.add(self.source, position, position + len(data))
        if ctx.in_link:
            builder.link_chars += len(builder) - before

    def _reference(self, text: str, raw: str) -> None:
        if self.in_title:
            self.title_parts.append(text)
            return
        ctx = self.stack[-1]
        if ctx.skip:
            return
        position = self._position()
        length = len(raw) + (1 if self.source.startswith(";", position + len(raw)) else 0)
        builder = self._text_context(position)
        before = len(builder)
        builder.add_replacement(text, position, position + length)
        if ctx.in_link:
            builder.link_chars += len(builder) - before

    def handle_entityref(self, name: str) -> None:
        raw = "&" + name
        text = unescape(raw + ";")
        self._reference(raw if text == raw + ";" else text, raw)

    def handle_charref(self, name: str) -> None:
        raw = "&#" + name
        self._reference(unescape(raw + ";"), raw)

    def _meta(self, attrs: list[tuple[str, str | None]], position: int) -> None:
        values = {name: (value or "") for name, value in attrs}
        name = (values.get("name") or values.get("property") or "").lower()
        if name not in ("description", "og:description") or "content" not in values:
            return
        if any(b.key == "description" for b in self.blocks):
            return
        tag_text = self.get_starttag_text() or ""
        match = _CONTENT_ATTR.search(tag_text)
        if match is None:
            return
        start = position + match.start(2)
        end = position + match.end(2)
        builder = TextBuilder()
        raw = self.source[start:end]
        if "&" in raw:
            builder.add_replacement(" ".join(unescape(raw).split()), start, end)
        else:
            builder.add(self.source, start, end)
        self.blocks.append(make_block(BlockKind.META, start, end, builder, key="description"))

    def take(self) -> list[Block]:
        blocks = self.blocks
        self.blocks = []
        return blocks


class HtmlReader(Reader):
    """HTML pages (``.html``, ``.htm``, ``.xhtml``)."""

    name = "html"
    media_type = "text/html"
    suffixes = (".html", ".htm", ".xhtml", ".shtml")

    def __init__(self) -> None:
        self._title = ""
        self.dropped_markup: list[tuple[int, int, str]] = []

    @classmethod
    def can_read(cls, path: Path, head: str) -> bool:
        if path.suffix.lower() in cls.suffixes:
            return True
        start = head.lstrip()[:512].lower()
        return start.startswith(("<!doctype html", "<html")) or _HTML_START.match(start) is not None

    def structured(self, source: str) -> bool:
        return True

    def title_hint(self) -> str:
        return self._title

    def iter_blocks(self, source: str) -> Iterator[Block]:
        parser = _BlockParser(source)
        step = 1 << 16
        for pos in range(0, len(source), step):
            parser.feed(source[pos : pos + step])
            yield from parser.take()
        parser.close()
        parser._pop_to(1, len(source))
        parser.flush(len(source))
        yield from parser.take()
        self._title = " ".join(unescape("".join(parser.title_parts)).split())
        self.dropped_markup = parser.skipped
