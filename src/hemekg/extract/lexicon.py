"""The lexicon: ontology ids with their names, for grounding text to standard ids.

The data is one TSV (``src/hemekg/data/lexicon.tsv``) derived from DO, MONDO, HPO, CL,
UBERON and small curated tables by ``scripts/build_lexicon.py`` (sources and licenses:
``src/hemekg/data/LEXICON.md``). Loading reads the rows and indexes every surface form
under its normalised key (:func:`hemekg.extract.normalize.normalize`); :class:`Entity`
records are made on first use, so start-up stays well under half a second.

One surface form can name several entities ("leukemia" is the disease DOID:1240 and the
phenotype HP:0001909; "chemotherapy" a Treatment and a Cause). :meth:`Lexicon.lookup`
keeps them all, best first, in this order of preference:

1. by type: Disease, Phenotype, CellType, AnatomicalStructure, DiagnosticProcedure,
   Treatment, Cause, Population (so DOID diseases come first for disease names);
2. exact names (label or exact synonym) before related synonyms;
3. by source: DOID, curated project rows, MONDO, HP, CL, UBERON;
4. a label match before a synonym match;
5. the more general entity first (fewer ancestors: "chronic myelogenous leukemia" is
   DOID:8552 before its subtype DOID:0081088); then by id.

The relation extractor then picks the first candidate whose type fits its predicate.

Acronyms ("AML", "WBC") are indexed apart and only match case-sensitively as whole tokens
(:meth:`Lexicon.lookup_acronym`), so the word "all" never grounds to ALL.

>>> lexicon = default_lexicon()
>>> [e.id for e in lexicon.lookup("Leukaemias")][:2]
['DOID:1240', 'HP:0001909']
>>> lexicon.is_a("DOID:9119", "DOID:1240")
True
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Final, NamedTuple

from hemekg.errors import ExtractionError
from hemekg.extract.lexicon_cache import cached_index, collector_paused
from hemekg.extract.normalize import NORMALIZER_VERSION, TOKEN_PATTERN, invert, normalize
from hemekg.model import Entity, EntityType
from hemekg.resources import lexicon_path

__all__ = [
    "COLUMNS",
    "KEYS_HEADER",
    "LEADING_STOPWORDS",
    "SOURCE_PREFERENCE",
    "TYPE_PREFERENCE",
    "Candidate",
    "Lexicon",
    "LexiconRow",
    "decode_keys",
    "default_lexicon",
    "encode_keys",
    "read_lexicon_rows",
    "strip_leading_stopwords",
    "surface_keys",
]

#: columns of lexicon.tsv, in order.
COLUMNS: Final = (
    "id",
    "type",
    "label",
    "synonyms",
    "related",
    "acronyms",
    "xrefs",
    "parents",
    "source",
    "indexed",
    "keys",
)
#: header line naming the normaliser that computed the ``keys`` column.
KEYS_HEADER: Final = f"# keys: normalizer {NORMALIZER_VERSION}"
TYPE_PREFERENCE: Final[tuple[EntityType, ...]] = (
    EntityType.DISEASE,
    EntityType.PHENOTYPE,
    EntityType.CELL_TYPE,
    EntityType.ANATOMICAL_STRUCTURE,
    EntityType.DIAGNOSTIC_PROCEDURE,
    EntityType.TREATMENT,
    EntityType.CAUSE,
    EntityType.POPULATION,
)
SOURCE_PREFERENCE: Final[tuple[str, ...]] = ("DOID", "hemekg", "MONDO", "HP", "CL", "UBERON")
_TYPE_RANK: Final = {t: i for i, t in enumerate(TYPE_PREFERENCE)}
_SOURCE_RANK: Final = {s: i for i, s in enumerate(SOURCE_PREFERENCE)}
_TYPES: Final = {t.value: t for t in EntityType}


class LexiconRow(NamedTuple):
    """One entity of lexicon.tsv (lists already split)."""

    id: str
    type: EntityType
    label: str
    synonyms: tuple[str, ...]
    related: tuple[str, ...]
    acronyms: tuple[str, ...]
    xrefs: tuple[str, ...]
    parents: tuple[str, ...]
    source: str
    indexed: bool
    #: the precomputed ``keys`` column (see :func:`encode_keys`); ``None``: compute them.
    keys: str | None = None


@dataclass(frozen=True, slots=True)
class Candidate:
    """An entity a normalised key (or an acronym) can name.

    :param entity: the grounded entity.
    :param exact: True for a label or exact synonym; False for related synonyms and acronyms.
    """

    entity: Entity
    exact: bool


def _split(value: str) -> tuple[str, ...]:
    return tuple(value.split("|")) if value else ()


def surface_keys(
    label: str, synonyms: Iterable[str], related: Iterable[str]
) -> list[tuple[str, bool, bool]]:
    """``(key, exact, is_label)`` of every name of an entity, inverted forms included.

    The single definition of what gets indexed, used by the loader and (through
    :func:`encode_keys`) by ``scripts/build_lexicon.py``.
    """
    result: list[tuple[str, bool, bool]] = []
    forms = [(label, True, True)]
    forms += [(s, True, False) for s in synonyms]
    forms += [(s, False, False) for s in related]
    for form, exact, is_label in forms:
        result.append((normalize(form), exact, is_label))
    for form, exact, _ in forms:
        if "," in form:
            inverted = invert(form)
            if inverted is not None:
                result.append((normalize(inverted), exact, False))
    return result


def encode_keys(label: str, synonyms: tuple[str, ...], related: tuple[str, ...]) -> str:
    """The ``keys`` column: one entry per name (label, synonyms, related, in order), empty
    when the key is just the lower-cased name, ``-`` when the name has no key; then the
    keys of inverted forms, prefixed ``+`` (exact) or ``~`` (related)."""
    keys = surface_keys(label, synonyms, related)
    names = (label, *synonyms, *related)
    entries = []
    for (key, _, _), name in zip(keys, names, strict=False):
        entries.append("" if key == name.lower() else (key or "-"))
    for key, exact, _ in keys[len(names) :]:
        entries.append(("+" if exact else "~") + key)
    return "|".join(entries).rstrip("|")


def decode_keys(row: LexiconRow) -> list[tuple[str, bool, bool]]:
    """The ``(key, exact, is_label)`` entries of a row's precomputed ``keys`` column."""
    names = (row.label, *row.synonyms, *row.related)
    entries = row.keys.split("|") if row.keys else []
    exact_count = 1 + len(row.synonyms)
    result = []
    for index, name in enumerate(names):
        entry = entries[index] if index < len(entries) else ""
        key = "" if entry == "-" else (entry or name.lower())
        result.append((key, index < exact_count, index == 0))
    for entry in entries[len(names) :]:
        result.append((entry[1:], entry[0] == "+", False))
    return result


def read_lexicon_rows(path: Path) -> Iterator[LexiconRow]:
    """Rows of a lexicon TSV (``#`` comment lines and the header skipped).

    :raises ExtractionError: the file is missing or a row is malformed (naming the line).
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ExtractionError(f"cannot read the lexicon: {error}", path) from error
    header_seen = False
    precomputed = KEYS_HEADER in text[:2000]
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if not header_seen:
            if tuple(fields) != COLUMNS:
                raise ExtractionError(f"line {line_no}: header is not {'/'.join(COLUMNS)}", path)
            header_seen = True
            continue
        if len(fields) != len(COLUMNS):
            raise ExtractionError(
                f"line {line_no}: {len(fields)} columns, expected {len(COLUMNS)}", path
            )
        entity_type = _TYPES.get(fields[1])
        if entity_type is None:
            raise ExtractionError(f"line {line_no}: unknown entity type {fields[1]!r}", path)
        yield LexiconRow(
            fields[0],
            entity_type,
            fields[2],
            _split(fields[3]),
            _split(fields[4]),
            _split(fields[5]),
            _split(fields[6]),
            _split(fields[7]),
            fields[8],
            fields[9] == "1",
            fields[10] if precomputed else None,
        )
    if not header_seen:
        raise ExtractionError("no header row: not a lexicon file", path)


# (type rank, not exact, source rank, not a label): smaller is better
_SortKey = tuple[int, int, int, int]
#: words a key may not start with: a match never begins on them ("the skin" is "skin").
LEADING_STOPWORDS: Final = frozenset(
    {
        "the",
        "a",
        "an",
        "in",
        "on",
        "of",
        "at",
        "by",
        "for",
        "to",
        "with",
        "and",
        "or",
        "as",
        "is",
        "it",
        "not",
        "no",
        "from",
        "into",
        "this",
        "that",
        "other",
        "any",
        "some",
    }
)


def strip_leading_stopwords(key: str) -> str:
    """Drop leading function words of a normalised key; '' when nothing else is left."""
    first, _, rest = key.partition(" ")
    while first in LEADING_STOPWORDS:
        if not rest:
            return ""
        key = rest
        first, _, rest = key.partition(" ")
    return key


class Lexicon:
    """Entities by id and by normalised surface form.

    :param rows: the entities; an id given twice is an error.
    :raises ExtractionError: a duplicate id.
    """

    def __init__(self, rows: Iterable[LexiconRow], path: Path | str | None = None) -> None:
        self._rows: dict[str, LexiconRow] = {}
        self._entities: dict[str, Entity] = {}
        self._index: dict[str, list[tuple[_SortKey, str, bool]]] = {}
        #: the normalised keys (a live view), for fast membership tests.
        self.index_keys = self._index.keys()
        self._acronyms: dict[str, list[tuple[_SortKey, str, bool]]] = {}
        self._candidates: dict[str, tuple[Candidate, ...]] = {}
        self._acronym_candidates: dict[str, tuple[Candidate, ...]] = {}
        self._ancestors: dict[str, frozenset[str]] = {}
        #: first token of a key -> the largest number of tokens of a key starting with it.
        self.max_tokens: dict[str, int] = {}
        #: proper prefixes (two tokens or more) of multi-token keys, to stop extending early.
        self.key_prefixes: set[str] = set()
        #: last one and last two tokens of multi-token keys: the heads an inverted form
        #: ("leukemia, acute myeloid") can have.
        self.key_tails: set[str] = set()
        #: first raw token of an acronym -> the largest number of raw tokens of one.
        self.max_acronym_tokens: dict[str, int] = {}
        #: first raw tokens of acronyms, also with a plural "s" ("WBC", "WBCs").
        self.acronym_heads: set[str] = set()
        for row in rows:
            if row.id in self._rows:
                raise ExtractionError(f"duplicate lexicon id {row.id}", path)
            self._rows[row.id] = row
            if row.indexed:
                self._add_row(row)

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        del state["index_keys"]  # a live view of the index: rebuilt on unpickling
        return state

    def __setstate__(self, state: dict[str, object]) -> None:
        self.__dict__.update(state)
        self.index_keys = self._index.keys()

    # ------------------------------------------------------------------ building
    def _add_row(self, row: LexiconRow) -> None:
        type_rank = _TYPE_RANK[row.type]
        source_rank = _SOURCE_RANK.get(row.source, len(_SOURCE_RANK))
        keys = (
            decode_keys(row)
            if row.keys is not None
            else surface_keys(row.label, row.synonyms, row.related)
        )
        for key, exact, is_label in keys:
            if key:
                sort_key: _SortKey = (
                    type_rank,
                    0 if exact else 1,
                    source_rank,
                    0 if is_label else 1,
                )
                self._add_key(key, sort_key, row.id, exact)
        for acronym in row.acronyms:
            raw = " ".join(TOKEN_PATTERN.findall(acronym))
            if not raw:
                continue
            sort_key = (type_rank, 1, source_rank, 1)
            self._acronyms.setdefault(raw, []).append((sort_key, row.id, False))
            first, _, _ = raw.partition(" ")
            size = raw.count(" ") + 1
            if size > self.max_acronym_tokens.get(first, 0):
                self.max_acronym_tokens[first] = size
            self.acronym_heads.update((first, first + "s"))

    def _add_key(self, key: str, sort_key: _SortKey, curie: str, exact: bool) -> None:
        entries = self._index.get(key)
        if entries is not None:
            entries.append((sort_key, curie, exact))
            return
        tokens = key.split(" ")
        if tokens[0] in LEADING_STOPWORDS:
            key = strip_leading_stopwords(key)
            if " " not in key:  # "A-like" must not become the key "like"
                return
            entries = self._index.get(key)
            if entries is not None:
                entries.append((sort_key, curie, exact))
                return
            tokens = key.split(" ")
        self._index[key] = [(sort_key, curie, exact)]
        size = len(tokens)
        first = tokens[0]
        if size > self.max_tokens.get(first, 0):
            self.max_tokens[first] = size
        if size > 1:
            self.key_tails.add(tokens[-1])
            if size > 2:
                self.key_tails.add(f"{tokens[-2]} {tokens[-1]}")
                prefix = first
                for token in tokens[1:-1]:
                    prefix = f"{prefix} {token}"
                    self.key_prefixes.add(prefix)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls, path: Path | str | None = None) -> Lexicon:
        """Read a lexicon TSV (default: the packaged ``lexicon.tsv``).

        :raises ExtractionError: the file is missing or malformed.
        """
        target = Path(path) if path is not None else lexicon_path()
        with collector_paused():
            return cls(read_lexicon_rows(target), target)

    # ------------------------------------------------------------------ access
    def has_key(self, key: str) -> bool:
        """True when a normalised key names at least one entity (acronyms excluded)."""
        return key in self._index

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, curie: object) -> bool:
        return curie in self._rows

    def __iter__(self) -> Iterator[str]:
        return iter(sorted(self._rows))

    def row(self, curie: str) -> LexiconRow:
        """The raw row of an id (source, indexed flag, synonym scopes).

        :raises KeyError: unknown id.
        """
        return self._rows[curie]

    def get(self, curie: str) -> Entity:
        """The entity of a CURIE.

        :raises KeyError: the id is not in the lexicon.
        """
        entity = self._entities.get(curie)
        if entity is None:
            row = self._rows[curie]
            parent = row.parents[0] if row.id.startswith("HEMEKG:") and row.parents else None
            entity = Entity(
                id=row.id,
                label=row.label,
                type=row.type,
                xrefs=tuple(sorted(set(row.xrefs))),
                synonyms=tuple(sorted(set(row.synonyms + row.related + row.acronyms))),
                parent=parent,
            )
            self._entities[curie] = entity
        return entity

    def candidates_for_key(self, key: str) -> tuple[Candidate, ...]:
        """Candidates of an already normalised key, best first (see the module docstring)."""
        found = self._candidates.get(key)
        if found is None:
            found = self._resolve(self._index.get(key, ()))
            self._candidates[key] = found
        return found

    def candidates_for_acronym(self, raw: str) -> tuple[Candidate, ...]:
        """Candidates of an acronym written exactly so (raw tokens joined by one space)."""
        found = self._acronym_candidates.get(raw)
        if found is None:
            found = self._resolve(self._acronyms.get(raw, ()))
            self._acronym_candidates[raw] = found
        return found

    def _resolve(self, entries: Iterable[tuple[_SortKey, str, bool]]) -> tuple[Candidate, ...]:
        best: dict[str, tuple[_SortKey, bool]] = {}
        for sort_key, curie, exact in entries:
            if curie not in best or sort_key < best[curie][0]:
                best[curie] = (sort_key, exact)
        ordered = sorted(
            best.items(),
            key=lambda item: (item[1][0], len(self.ancestors(item[0])), item[0]),
        )
        return tuple(Candidate(self.get(curie), exact) for curie, (_, exact) in ordered)

    def lookup(self, surface: str) -> list[Entity]:
        """Entities a surface form names, best first; acronyms only when written in capitals.

        >>> [e.id for e in default_lexicon().lookup("all")]
        []
        """
        found = list(self.candidates_for_key(strip_leading_stopwords(normalize(surface))))
        raw = " ".join(TOKEN_PATTERN.findall(surface))
        for candidate in self.lookup_acronym(raw):
            if candidate not in found:
                found.append(candidate)
        inverted = invert(surface) if "," in surface else None
        if inverted is not None:
            for candidate in self.candidates_for_key(strip_leading_stopwords(normalize(inverted))):
                if candidate not in found:
                    found.append(candidate)
        seen: set[str] = set()
        result = []
        for candidate in found:
            if candidate.entity.id not in seen:
                seen.add(candidate.entity.id)
                result.append(candidate.entity)
        return result

    def lookup_acronym(self, raw: str) -> tuple[Candidate, ...]:
        """Candidates of an acronym as written ("AML", "WBCs"); lower case never matches."""
        found = self.candidates_for_acronym(raw)
        if not found and raw.endswith("s") and len(raw) > 2:
            found = self.candidates_for_acronym(raw[:-1])
        return found

    # ------------------------------------------------------------------ hierarchy
    def parents(self, curie: str) -> tuple[str, ...]:
        """Direct parents kept in the lexicon (DO/HP is_a, CL/UBERON ancestors projected).

        :raises KeyError: unknown id.
        """
        return self._rows[curie].parents

    def ancestors(self, curie: str) -> frozenset[str]:
        """All ancestors of an id (not itself)."""
        found = self._ancestors.get(curie)
        if found is None:
            seen: set[str] = set()
            stack = list(self.parents(curie))
            while stack:
                parent = stack.pop()
                if parent in seen or parent not in self._rows:
                    continue
                seen.add(parent)
                stack.extend(self._rows[parent].parents)
            found = frozenset(seen)
            self._ancestors[curie] = found
        return found

    def is_a(self, child: str, ancestor: str) -> bool:
        """True when ``ancestor`` is ``child`` or one of its ancestors."""
        if child == ancestor:
            return True
        if child not in self._rows:
            return False
        return ancestor in self.ancestors(child)


@cache
def default_lexicon() -> Lexicon:
    """The packaged lexicon, loaded once per process (its index from the user's cache
    when it holds this one: :mod:`hemekg.extract.lexicon_cache`)."""
    path = lexicon_path()
    return cached_index(path, lambda: Lexicon.load(path), Lexicon)
