"""Recognising what is not content: menus, link lists, captions, notices, metadata.

Web pages of many publishers carry the same kinds of non-content; each rule below names
one kind and looks at the block's own text and markup (links, URL references, images),
never at a particular site. Sections are judged by their content: a heading such as
"Genetics" only makes its *title-like lists* count as link lists; prose under it is kept.
Only sections whose name says they are apparatus (References, Review Date, Disclaimers,
...) are dropped whole. ``src/hemekg/read/README.md`` lists every rule.

Each ``*_reason`` function returns a short rule name when the block should be dropped,
or ``None`` to keep it.
"""

# ruff: noqa: RUF001  (typographic quotes, dashes and arrows are matched on purpose)

from __future__ import annotations

import re
from collections.abc import Sequence

from hemekg.read.base import Block

__all__ = [
    "ends_like_sentence",
    "heading_reason",
    "is_content_section",
    "is_link_section",
    "is_question",
    "item_reason",
    "list_reason",
    "normalise",
    "paragraph_reason",
    "section_drop_reason",
    "word_count",
]

_SPACE = re.compile(r"\s+")
_EDGE_PUNCT = " .:;,!|>-–—•*·»→"


def normalise(text: str) -> str:
    """Lower case, folded white space, no surrounding punctuation (for comparisons)."""
    return _SPACE.sub(" ", text).strip(_EDGE_PUNCT).lower()


#: whole-text navigation and widget labels.
_NAV_PHRASE = re.compile(
    r"(?:skip (?:to )?(?:navigation|main content|content|main|search)|skip navigation links?"
    r"|(?:main |site |open |close |toggle )?(?:menu|navigation)(?: menu)?|(?:show )?search(?: \S+)?"
    r"|go|submit|show more|show less|show more show less|see more|read more|learn more"
    r"|on this page|in this (?:article|section|page)|you are here|home|back to top|return to top"
    r"|top of page|print(?: this page)?|share(?: this page)?|email(?: this page)?|close|open"
    r"|español|en español|english|français|deutsch|language|languages|select language"
    r"|sign in|log in|login|register|subscribe|contents|table of contents|advertisement"
    r"|related|see also|next|previous|prev|more|less|expand|collapse|expand all|collapse all"
    r"|no links available|page contents)"
)

#: section names that mark apparatus: the section is dropped whatever it contains.
_DROP_SECTION = re.compile(
    r"(?:references?|further reading and references|references and further reading"
    r"|bibliography|sources?|citations?|works cited|footnotes?|notes"
    r"|review date\b.*|reviewed by\b.*|updated by\b.*|last (?:updated|reviewed)\b.*"
    r"|disclaimers?|copyright\b.*|privacy(?: policy)?|terms(?: of (?:use|service))?"
    r"|terms and conditions|cookie(?:s| policy| settings)?|accessibility"
    r"|stay connected|follow us|connect with us|share(?: this)?(?: page)?|social media"
    r"|images?|image gallery|topic image|photos?|videos?(?: (?:&|and) tools)?|multimedia"
    r"|contact(?: us| information| details)?|get in touch|newsletter|sign up"
    r"|on this page|in this (?:article|section|page)|contents|table of contents"
    r"|advertisement|sponsored|about (?:us|this site)|site map|navigation|menu|footer"
    r"|acknowledge?ments?|funding|editorial (?:policy|team|board)|how to cite.*)"
)

#: section names whose title-like lists are link lists (content still decides).
_LINK_SECTION = re.compile(
    r"(?:start here|related\b.*|see also|find an expert|specifics|patient handouts?"
    r"|clinical trials?|journal articles?\b.*|genetics|diagnosis and tests"
    r"|treatments? and therap\w*|statistics and research|learn more"
    r"|more (?:information|on|about)\b.*|further (?:reading|information)"
    r"|(?:useful |external |helpful )?(?:links|resources)|medical encyclopedia|encyclopedia"
    r"|children|teenagers|teens|women|men|seniors|older adults|patient resources|other languages"
    r"|tools|news|latest news|you (?:may|might) also (?:like|be interested in)|in this section"
    r"|basics|research|for you|prevention and risk factors|living with\b.*|support groups?"
    r"|organizations?|websites?|other resources|read next|popular (?:pages|articles))"
)

#: words of a section name that announce content (symptoms, types, treatment, ...): a
#: bare list under such a heading is content even when its items look like titles.
_CONTENT_SECTION = re.compile(
    r"\b(?:symptoms?|signs?|types?|kinds?|forms?|subtypes?|causes?|risks?|risk factors?"
    r"|complications?|treatments?|therap(?:y|ies)|diagnos[ie]s|tests?|stages?|classification"
    r"|who (?:gets|is affected)|outlook|prognosis)\b"
)

_BREADCRUMB = re.compile(r"\s(?:->|→|»|›|>|/|\|)\s")
_ARROW = re.compile(r"(?:->|→|»|›)(?:\s|$)")
_SCRIPT_NOTICE = re.compile(
    r"enable javascript|javascript (?:is )?(?:disabled|required|must be enabled)"
    r"|sharing features|uses? cookies|cookie settings|accept (?:all )?cookies"
    r"|your browser (?:does not|doesn't) support",
    re.I,
)
_COPYRIGHT = re.compile(
    r"copyright|©|\(c\)\s*\d{4}|all rights reserved|reproduction (?:is )?prohibited", re.I
)
_DISCLAIMER = re.compile(
    r"disclaimer|should not be used (?:as a substitute|during|for the diagnosis|in place)"
    r"|not (?:a |intended (?:as a |to be a ))?substitute for|not intended to (?:replace|provide|be)"
    r"|(?:does|do) not (?:provide|constitute) (?:medical advice|endorsements?)"
    r"|constitute endorsements?"
    r"|for (?:general )?informational purposes only|accredit|honcode|editorial policy"
    r"|privacy policy|terms of (?:use|service)|links to other (?:web )?sites"
    r"|links to health information from",
    re.I,
)
_PHONE = re.compile(
    r"\+\s?\d{1,3}(?:[\s.-]?\(?\d{1,4}\)?){3,}|\(\d{3}\)\s?\d{3}[-.\s]\d{4}|\b\d{3}[-.]\d{3}[-.]\d{4}\b"
    r"|\b1-8\d\d-"
)
_ADDRESS = re.compile(
    r"\b[A-Z]{2} \d{5}(?:-\d{4})?\b"
    r"|\b\d+ [A-Z][a-z]+ (?:Pike|Street|St\.|Avenue|Ave\.|Road|Rd\.|Boulevard|Blvd\.?|Drive|Lane)\b"
)
#: one pass over a paragraph's lower-cased text; the group name is the rule.
_NOTICE = re.compile(
    "(?P<script_notice>" + _SCRIPT_NOTICE.pattern + ")"
    "|(?P<copyright>" + _COPYRIGHT.pattern + ")"
    "|(?P<disclaimer>" + _DISCLAIMER.pattern + ")"
    r"|(?P<language_notice>(?:this|the) (?:content|page|article) (?:does not|doesn't)"
    r" have an? \w+ version"
    r"|(?:is|are) not available in \w+)"
    "|(?P<contact>please contact|contact us|call us|e-?mail us|make an appointment"
    r"|book an appointment"
    r"|for (?:any )?(?:further|more) information,? (?:please )?(?:contact|call|visit|write))"
)
#: every _NOTICE match contains one of these; a cheap substring test skips the regex.
_NOTICE_HINTS = (
    "javascript",
    "sharing",
    "cookie",
    "browser",
    "copyright",
    "\u00a9",
    "(c)",
    "rights",
    "reproduction",
    "disclaim",
    "substitute",
    "not intended",
    "endorse",
    "informational",
    "accredit",
    "honcode",
    "editorial",
    "privacy",
    "terms",
    "links to",
    "version",
    "not available",
    "contact",
    "call us",
    "mail us",
    "appointment",
)
#: notices are short paragraphs; a long one is prose that happens to mention a keyword.
_NOTICE_MAX_CHARS = 3000
_DATE_LINE = re.compile(
    r"(?:page |topic |content |article )?(?:last )?(?:updated|reviewed|modified|revised|published)"
    r"(?: on| by|:)|review date|next review due|medically reviewed",
    re.I,
)
_PROMO = re.compile(
    r"sign up|subscribe|newsletter|follow us|share (?:this|on)|read more|learn more|see more"
    r"|show more|what's this|download (?:the|our) app|print this|email this|get updates",
    re.I,
)
_NAV_NOTICE = re.compile(r"navigation|menu|breadcrumb|search", re.I)

_ALSO_IN = re.compile(
    r"\balso (?:available )?in (?:spanish|other languages|español|\w+ish)\b"
    r"|^article:|see more articles"
    r"|(?:^|\s)-\s?pdf\b|\(pdf\)|\bno links available\b|\bmultiple languages\b",
    re.I,
)
_CONNECTORS = r"(?:of|for|and|the|on|in|at|to|&|a|an)"
_PUBLISHER = re.compile(
    rf"\(\s*(?:[A-Z][\w&.'’/-]*|{_CONNECTORS})(?:[\s,]+(?:[A-Z][\w&.'’/-]*|{_CONNECTORS}))+\s*\)\s*$"
)
_WORD = re.compile(r"[^\W\d_][\w'’&-]*")
_MINOR = frozenset(
    {
        "a",
        "an",
        "the",
        "and",
        "or",
        "of",
        "for",
        "to",
        "in",
        "on",
        "with",
        "by",
        "at",
        "from",
        "vs",
        "&",
        "as",
        "into",
        "about",
    }
)
_SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")


def word_count(text: str, limit: int = 64) -> int:
    """Number of white-space separated words, counted up to ``limit`` (rules only ask
    whether a text is short, and a 50 MB paragraph must not become a list of words)."""
    if len(text) > 16 * limit:
        return limit
    return min(limit, len(text.split()))


def ends_like_sentence(text: str) -> bool:
    """True when ``text`` ends with sentence punctuation (``. ! ? : ;``)."""
    return _SENTENCE_END.search(text) is not None


def is_question(text: str) -> bool:
    """True for a question (also the odd ``?.`` ending of scraped link titles)."""
    return text.rstrip(" .\"'”’)").endswith("?")


def _is_title_like(text: str) -> bool:
    return bool(text) and not ends_like_sentence(text) and word_count(text) <= 10


def _is_title_case(text: str) -> bool:
    words = [word for word in _WORD.findall(text) if word.lower() not in _MINOR]
    return bool(words) and all(word[0].isupper() for word in words)


def _is_link_like(item: Block, *, has_lead: bool = False) -> bool:
    """A list item that points to another page rather than stating something.

    Under a cue sentence ("Symptoms can include:") an item that is one glossary link
    (``<li><a href="/anaemia">anaemia</a></li>``) is still content, so there only the
    publisher-style cues count.
    """
    text = item.text
    if item.images:
        return True
    if not text:
        return bool(item.links or item.url_refs)
    if not has_lead and item.link_chars >= 0.6 * len(text):
        return True
    if _ALSO_IN.search(text) or _PUBLISHER.search(text):
        return True
    return bool(item.url_refs) and _is_title_like(text)


def _is_breadcrumb(text: str) -> bool:
    """``Home -> Health Topics -> Leukemia``, or one step of it (``Medical Encyclopedia ->``)."""
    if _ARROW.search(text):
        return True
    return normalise(text).startswith("home") and _BREADCRUMB.search(text) is not None


def heading_reason(text: str) -> str | None:
    """Why a heading is navigation (``None`` for a real heading)."""
    if not text:
        return "empty-heading"
    if _NAV_PHRASE.fullmatch(normalise(text)):
        return "navigation"
    return None


def section_drop_reason(text: str) -> str | None:
    """Why a whole section is apparatus (References, Disclaimers, ...), by its name."""
    name = normalise(text)
    if _DROP_SECTION.fullmatch(name):
        return f"section:{name[:40]}"
    return None


def is_link_section(text: str) -> bool:
    """True when a section's name is one publishers use for lists of links."""
    return _LINK_SECTION.fullmatch(normalise(text)) is not None


def is_content_section(text: str) -> bool:
    """True when a section's name announces content ("Symptoms", "Types of leukemia")
    and is not one of the names publishers use for link lists."""
    name = normalise(text)
    return _CONTENT_SECTION.search(name) is not None and not is_link_section(text)


def paragraph_reason(block: Block, *, structured: bool) -> str | None:
    """Why a paragraph (or metadata value) is not content; ``None`` to keep it.

    :param structured: the document marks its headings explicitly, so a short line
        without sentence punctuation is a label or menu entry, not a heading.
    """
    text = block.text
    if not text:
        if block.images:
            return "image"
        if block.links or block.url_refs:
            return "link"
        return "markup-only"
    words = word_count(text)
    if block.images and words <= 15:
        return "image-caption"
    if words <= 8 and _NAV_PHRASE.fullmatch(normalise(text)):
        return "navigation"
    if words <= 20 and _is_breadcrumb(text):
        return "breadcrumb"
    if len(text) <= _NOTICE_MAX_CHARS:
        lowered = text.lower()
        if any(hint in lowered for hint in _NOTICE_HINTS):
            notice = _NOTICE.search(lowered)
            if notice is not None:
                return (notice.lastgroup or "notice").replace("_", "-")
        if _PHONE.search(text) or _ADDRESS.search(text):
            return "contact"
    if words <= 25 and _DATE_LINE.match(text):
        return "date-line"
    if words <= 20 and _PROMO.search(text):
        return "promo"
    if words <= 12 and _NAV_NOTICE.search(text) and not ends_like_sentence(text):
        return "navigation"
    if words <= 12 and _NAV_NOTICE.search(text) and "navigation" in text.lower():
        return "navigation"
    if block.link_chars >= 0.6 * len(text):
        return "link-line"
    if (
        structured
        and not ends_like_sentence(text)
        and (words <= 15 or block.links or block.url_refs)
    ):
        return "label-line"
    return None


def list_reason(items: Sequence[Block], *, has_lead: bool, section: str) -> str | None:
    """Why a whole list is not content; ``None`` to keep it.

    :param has_lead: a kept paragraph of the same section comes right before the list
        (its cue, such as "Symptoms can include:").
    :param section: the text of the heading the list is under.
    """
    texts = [item.text for item in items]
    if not any(texts):
        return "image-list" if any(item.images for item in items) else "link-list"
    count = len(items)
    link_like = sum(1 for item in items if _is_link_like(item, has_lead=has_lead))
    if 2 * link_like >= count:
        return "link-list"
    if 2 * sum(1 for text in texts if is_question(text)) >= count:
        return "question-list"
    if has_lead or is_content_section(section):
        return None
    title_like = sum(1 for text in texts if _is_title_like(text))
    if 5 * title_like < 3 * count:
        return None
    title_case = sum(1 for text in texts if _is_title_case(text))
    if 5 * title_case >= 3 * count:
        return "menu-list"
    if section and is_link_section(section):
        return "link-section-list"
    return None


def item_reason(item: Block) -> str | None:
    """Why one item of a kept list is not content (an image with its caption)."""
    if not item.text:
        return "image" if item.images else "link"
    if item.images and word_count(item.text) <= 15:
        return "image-caption"
    return None
