"""Find entity mentions in text and ground them to lexicon ids.

Matching is a single left-to-right pass over word tokens (one regex), taking at each
position the longest token sequence whose normalised key is in the lexicon, so the
result is the longest non-overlapping set of matches:

* keys are dictionary look-ups on folded tokens joined by spaces; only tokens that start
  some key are tried (flagged at C speed), and a phrase grows word by word only while it
  is still a key or the prefix of one, so most tokens cost one set membership test;
* a phrase never runs across punctuation other than hyphens and slashes ("bone-marrow",
  "PET/CT scan"), so "marrow. Blood" is never one mention;
* acronyms match only as whole tokens written in capitals ("AML", "WBCs"), and not inside
  an all-capitals heading; abbreviations defined in the document
  (:func:`hemekg.extract.abbreviations.find_abbreviations`) match the same way;
* the inverted index form "leukemia, acute myeloid" is read as "acute myeloid leukemia".

Offsets index the text given: ``text[m.start:m.end] == m.text``.

>>> text = "Acute myeloid leukaemia (AML) starts in the bone-marrow."
>>> [(m.text, m.entity.id) for m in find_mentions(text)]
[('Acute myeloid leukaemia', 'DOID:9119'), ('AML', 'DOID:9119'), ('bone-marrow', 'UBERON:0002371')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from itertools import accumulate, compress
from typing import Final

from hemekg.extract.lexicon import Candidate, Lexicon, default_lexicon
from hemekg.extract.normalize import TOKEN_PATTERN, fold_tokens
from hemekg.model import Entity, Mention

__all__ = [
    "MAX_INVERTED_MODIFIER",
    "find_mention_candidates",
    "find_mentions",
]

#: the most words an inverted modifier may have ("leukemia, acute myeloid" has two).
MAX_INVERTED_MODIFIER: Final = 3
_gap_cache: dict[str, bool] = {}
#: the gaps of an inverted form, "leukemia, acute myeloid" (see :func:`_is_inversion_gap`).
_COMMA_GAPS: Final = frozenset({",", ", ", ",  ", " ,", " , ", ",\t", ", \t", ",\u00a0"})
_SPLITTER: Final = re.compile(f"({TOKEN_PATTERN.pattern})")


def _joins(gap: str) -> bool:
    """True when two tokens separated by ``gap`` may belong to one phrase."""
    ok = _gap_cache.get(gap)
    if ok is None:
        stripped = gap.strip(" \t\n-/\u2010\u2011\u2013\u00a0")
        ok = not stripped and gap.count("\n") <= 1 and len(gap) <= 4
        if len(_gap_cache) < 10_000:
            _gap_cache[gap] = ok
    return ok


def _is_inversion_gap(gap: str) -> bool:
    return gap in _COMMA_GAPS


def _shouting(raw: str, acronym_first: Mapping[str, int]) -> bool:
    """An all-capitals ordinary word ("ABOUT"): its neighbours are headings, not acronyms."""
    return len(raw) >= 3 and raw.isalpha() and raw.isupper() and raw not in acronym_first


def find_mention_candidates(
    text: str,
    lexicon: Lexicon | None = None,
    abbreviations: Mapping[str, Entity] | None = None,
) -> list[tuple[Mention, ...]]:
    """Every grounding of each matched span, best first (see :class:`Lexicon` for the order).

    Spans are the longest non-overlapping matches, in text order. The relation extractor
    picks, per span, the first candidate whose type fits its predicate.

    :param text: any text (a sentence, a document).
    :param lexicon: default: the packaged lexicon.
    :param abbreviations: abbreviations defined in the document, as written -> entity.
    """
    return [
        tuple(Mention(c.entity, surface, start, end, c.exact) for c in candidates)
        for start, end, surface, candidates in _match_spans(text, lexicon, abbreviations)
    ]


def _match_spans(
    text: str,
    lexicon: Lexicon | None,
    abbreviations: Mapping[str, Entity] | None,
) -> list[tuple[int, int, str, tuple[Candidate, ...]]]:
    """The matching pass: ``(start, end, surface, candidates)`` per span, in text order."""
    lex = lexicon if lexicon is not None else default_lexicon()
    abbreviations = abbreviations or {}
    # one C-level split: parts alternate gap, token, gap, ..., token, gap
    parts = _SPLITTER.split(text)
    raws = parts[1::2]
    count = len(raws)
    if not count:
        return []
    gaps = parts[2:-1:2]  # gaps[k] lies between token k and token k + 1
    bounds = list(accumulate(map(len, parts)))  # token k spans bounds[2k]..bounds[2k+1]
    folded = fold_tokens(raws)
    max_tokens = lex.max_tokens
    acronym_heads = lex.acronym_heads
    prefixes = lex.key_prefixes
    defined = set(abbreviations) | {f"{key}s" for key in abbreviations}
    # candidate start positions, flagged at C speed: a token that starts a key, an acronym,
    # a defined abbreviation, or a head followed by a comma (inverted forms)
    flags = list(map(max_tokens.__contains__, folded))
    for k in compress(range(count), map(acronym_heads.__contains__, raws)):
        flags[k] = True
    if defined:
        for k in compress(range(count), map(defined.__contains__, raws)):
            flags[k] = True
    for k in compress(range(count - 1), map(_COMMA_GAPS.__contains__, gaps)):
        flags[k] = True
        if k:
            flags[k - 1] = True
    results: list[tuple[int, int, str, tuple[Candidate, ...]]] = []
    joins: dict[int, bool] = {}

    def joined(k: int) -> bool:
        """Token k and token k + 1 may be one phrase."""
        ok = joins.get(k)
        if ok is None:
            gap = gaps[k] if k < count - 1 else "."
            ok = gap == " " or _joins(gap)
            joins[k] = ok
        return ok

    next_free = 0
    for i in compress(range(count), flags):
        if i < next_free:
            continue
        best_size = 0
        best: tuple[Candidate, ...] = ()
        # 1. ordinary names: extend while the words are a key or a key's prefix
        head = folded[i]
        limit = max_tokens.get(head, 0)
        if limit:
            found = lex.candidates_for_key(head)
            if found:
                best_size, best = 1, found
            key = head
            size = 1
            k = i
            while size < limit and k + 1 < count:
                gap = gaps[k]
                if gap != " " and not joined(k):
                    break
                k += 1
                size += 1
                key = f"{key} {folded[k]}"
                found = lex.candidates_for_key(key)
                if found:
                    best_size, best = size, found
                if key not in prefixes:
                    break
        # 2. acronyms and defined abbreviations, case-sensitive whole tokens
        raw = raws[i]
        if raw in acronym_heads or raw in defined:
            acronym = _match_acronym(i, raws, joined, lex, abbreviations)
            if acronym is not None and acronym[0] > best_size:
                best_size, best = acronym
        # 3. inverted forms: "leukemia, acute myeloid"
        if (i < count - 1 and "," in gaps[i]) or (i < count - 2 and "," in gaps[i + 1]):
            inverted = _match_inverted(i, raws, folded, gaps, joined, lex)
            if inverted is not None and inverted[0] > best_size:
                best_size, best = inverted
        if best_size:
            last = i + best_size - 1
            start, end = bounds[2 * i], bounds[2 * last + 1]
            surface = text[start:end]
            results.append((start, end, surface, best))
            next_free = last + 1
    return results


def _match_acronym(
    i: int,
    raws: list[str],
    joined: Callable[[int], bool],
    lex: Lexicon,
    abbreviations: Mapping[str, Entity],
) -> tuple[int, tuple[Candidate, ...]] | None:
    raw = raws[i]
    previous = raws[i - 1] if i else ""
    following = raws[i + 1] if i + 1 < len(raws) else ""
    heads = lex.max_acronym_tokens
    if raw not in abbreviations and (_shouting(previous, heads) or _shouting(following, heads)):
        return None
    defined = abbreviations.get(raw)
    if defined is None and raw.endswith("s"):
        defined = abbreviations.get(raw[:-1])
    if defined is not None:
        return 1, (Candidate(defined, False),)
    stem = raw[:-1] if raw.endswith("s") else raw
    limit = max(heads.get(raw, 0), heads.get(stem, 0))
    for size in range(min(limit, len(raws) - i), 0, -1):
        if size > 1 and not all(joined(k) for k in range(i, i + size - 1)):
            continue
        found = lex.lookup_acronym(" ".join(raws[i : i + size]))
        if found:
            return size, found
    return None


def _match_inverted(
    i: int,
    raws: list[str],
    folded: list[str],
    gaps: list[str],
    joined: Callable[[int], bool],
    lex: Lexicon,
) -> tuple[int, tuple[Candidate, ...]] | None:
    """``head, modifier`` read as ``modifier head`` (head of one or two tokens).

    Index forms have a singular head and end after the modifier ("Leukemia, Acute
    Myeloid: overview"); a plural head, or a modifier followed by more words or a comma,
    is an enumeration ("two types of leukemias, acute and chronic") and is not inverted.
    """
    count = len(folded)
    tails = lex.key_tails
    for head_size in (2, 1):
        comma_after = i + head_size - 1
        if comma_after + 1 >= count:
            continue
        if head_size == 2 and not joined(i):
            continue
        if not _is_inversion_gap(gaps[comma_after]):
            continue
        head = folded[i : i + head_size]
        if " ".join(head) not in tails or _is_plural(raws[comma_after], folded[comma_after]):
            continue
        first_modifier = comma_after + 1
        for modifier_size in range(MAX_INVERTED_MODIFIER, 0, -1):
            last = first_modifier + modifier_size - 1
            if last >= count:
                continue
            if modifier_size > 1 and not all(joined(k) for k in range(first_modifier, last)):
                continue
            if last + 1 < count and (joined(last) or gaps[last].strip() == ","):
                continue  # the modifier must end the phrase
            key = " ".join(folded[first_modifier : last + 1] + head)
            found = lex.candidates_for_key(key)
            if found:
                return head_size + modifier_size, found
    return None


def _is_plural(raw: str, folded: str) -> bool:
    lower = raw.lower()
    return lower != folded and lower.endswith("s")


def find_mentions(
    text: str,
    lexicon: Lexicon | None = None,
    abbreviations: Mapping[str, Entity] | None = None,
) -> list[Mention]:
    """The longest non-overlapping mentions of ``text``, each grounded to its best entity.

    Use :func:`find_mention_candidates` to see every entity a span can name (e.g. the
    phenotype HP:0001909 besides the disease DOID:1240 for "leukemia").

    :param text: any text (a sentence, a document).
    :param lexicon: default: the packaged lexicon.
    :param abbreviations: abbreviations defined in the document, as written -> entity.
    :returns: mentions in text order, ``text[m.start:m.end] == m.text``.
    """
    return [
        Mention(candidates[0].entity, surface, start, end, candidates[0].exact)
        for start, end, surface, candidates in _match_spans(text, lexicon, abbreviations)
    ]
