"""Synthetic corpora for the benchmarks: the seed documents' sentences, recombined.

Every sentence the reader mines from the bundled corpus becomes a template: the entity
names it contains (found with the lexicon) become typed slots. A generated document is
a title and 12 to 30 templates whose slots are refilled with other lexicon names of the
same type (DOID diseases, HPO phenotypes, CL cells, UBERON anatomy...), so sentence
structure, relation cues and entity density stay those of real patient-facing pages
while the content varies. A fixed seed gives the same corpus on every machine.

The taxonomy stays a real one. Filling the slots of "X is a type of Y" with two random
names would join random entities by ``rdfs:subClassOf``: at 10,000 documents a random
graph of 22,000 edges full of cycles, which no real site has and which made validation
measure cycle reports rather than graph size. So each template is extracted once
(:func:`_taxonomy_links`) to learn which slot becomes the subclass of which (or of a
fixed name of the sentence), and those slots are filled with a name and one of its real
ancestors in the lexicon's DOID/MONDO/CL hierarchy (:class:`Taxonomy`), which is acyclic.
A lead sentence ("The main types of X are:", "..., including") makes the next lines'
names subtypes of X: what a template contributes there is probed once too
(``Template.lead_children``) and drawn from below X. At 10,000 documents the taxonomy
keeps a few cycles (18 violations, from names the extractor grounds otherwise than the
lexicon does), against about 16,000 before.
"""

from __future__ import annotations

import random
import re
import tempfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

__all__ = ["Taxonomy", "Template", "generate_corpus", "load_templates", "seed_sentences"]

_MAX_NAME_WORDS = 5
_FILES_PER_FOLDER = 1000
#: slot types whose names get subClassOf links (the lexicon has their hierarchy).
_TAXONOMIC = ("Disease", "CellType")
#: names the extractor grounds whole (punctuation can cut a name short)
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9 -]*")
#: one end of a subClassOf link of a template: a slot index, or a fixed entity id.
Ref = int | str


class Taxonomy:
    """The lexicon's class hierarchy, seen through the names of the pools.

    A name may name several entities (a DOID class and its MONDO twin); ``P`` is a valid
    parent of ``C`` only when every entity ``P`` names is a strict ancestor of every
    entity ``C`` names, so whichever entity the extractor grounds each name to, the edge
    follows the (acyclic) hierarchy.
    """

    def __init__(
        self, rows: list[tuple[str, tuple[str, ...], tuple[str, ...]]], pools: dict[str, list[str]]
    ) -> None:
        """:param rows: (entity id, names, parent ids) of every lexicon row."""
        parents: dict[str, tuple[str, ...]] = {}
        self.ids: dict[str, set[str]] = defaultdict(set)
        for entity, names, direct in rows:
            parents[entity] = direct
            for name in names:
                self.ids[name.lower()].add(entity)
        ancestors: dict[str, frozenset[str]] = {}

        def up(entity: str) -> frozenset[str]:
            if entity not in ancestors:
                ancestors[entity] = frozenset()  # the hierarchy is acyclic; guards recursion
                found: set[str] = set()
                for parent in parents.get(entity, ()):
                    found.add(parent)
                    found |= up(parent)
                ancestors[entity] = frozenset(found)
            return ancestors[entity]

        self.parents: dict[str, list[str]] = {}
        self.children: dict[str, list[str]] = defaultdict(list)
        for kind in _TAXONOMIC:
            names = self._consistent(pools.get(kind, []), up)
            by_entity: dict[str, list[str]] = defaultdict(list)
            for name in names:
                for entity in self.ids.get(name.lower(), ()):
                    by_entity[entity].append(name)
            for name in names:
                entities = self.ids.get(name.lower())
                if not entities:
                    continue
                common = frozenset.intersection(*(up(e) for e in entities))
                found = sorted(
                    {
                        p
                        for e in common
                        for p in by_entity.get(e, ())
                        if self.ids[p.lower()] <= common
                    }
                )
                self.parents[name] = found
                for parent in found:
                    self.children[parent].append(name)
            # a fixed entity of a sentence: its pool ancestors and descendants
            for entity in by_entity:
                key = "#" + entity
                self.parents[key] = sorted(
                    {
                        p
                        for a in up(entity)
                        for p in by_entity.get(a, ())
                        if self.ids[p.lower()] <= up(entity)
                    }
                )
                for parent in self.parents[key]:
                    self.children[parent].append(key)
        for key in list(self.children):
            self.children[key] = sorted(set(self.children[key]))
        self._up = up
        self._linkable = sorted(n for n, found in self.parents.items() if not n.startswith("#"))
        self.with_parents = {
            k: sorted(n for n in pools.get(k, []) if self.parents.get(n)) for k in _TAXONOMIC
        }
        self.with_children = {
            k: sorted(n for n in pools.get(k, []) if self.children.get(n)) for k in _TAXONOMIC
        }

    def _consistent(self, names: list[str], up: Callable[[str], frozenset[str]]) -> list[str]:
        """``names`` without those whose name composition contradicts the hierarchy.

        The extractor makes "acute myeloid leukemia" a subclass of "myeloid leukemia" from
        the names alone; where the hierarchy has it the other way round ("P enteroendocrine
        cell" below "P/D1 enteroendocrine cell"), a link and that rule together would close
        a cycle, so neither entity takes part in links under any of its names.
        """
        words = {n: frozenset(re.findall(r"[a-z0-9]+", n.lower())) for n in names}
        by_head: dict[str, list[str]] = defaultdict(list)
        for name in names:
            if words[name]:
                by_head[re.findall(r"[a-z0-9]+", name.lower())[-1]].append(name)
        conflicting: set[str] = set()  # entities, so that none of their names links
        for group in by_head.values():
            for longer in group:
                for shorter in group:
                    if not words[shorter] < words[longer]:
                        continue
                    above = {a for e in self.ids.get(shorter.lower(), ()) for a in up(e)}
                    if self.ids.get(longer.lower(), set()) & above:
                        conflicting |= self.ids[longer.lower()] | self.ids[shorter.lower()]
        # a name with punctuation may be grounded in part ("Bm2' B cell" as "B cell")
        return [
            n
            for n in names
            if not self.ids.get(n.lower(), set()) & conflicting and _PLAIN.fullmatch(n)
        ]

    def children_of(self, key: str) -> list[str]:
        """Pool names below ``key`` (a pool name, or ``#entity id``)."""
        if key not in self.children and key.startswith("#"):
            # an entity no pool name names (computed once, when a template needs it)
            entity = key[1:]
            self.children[key] = [
                n for n in self._linkable if all(entity in self._up(e) for e in self.ids[n.lower()])
            ]
        return [c for c in self.children.get(key, []) if not c.startswith("#")]

    def parents_of(self, key: str) -> list[str]:
        """Pool names above ``key`` (a pool name, or ``#entity id``)."""
        return self.parents.get(key, [])


@dataclass(frozen=True)
class Template:
    """A mined sentence with typed slots: ``parts`` alternate text and slot types.

    ``links`` are the sentence's subClassOf statements between slots (or between a slot
    and an entity named by the fixed text, ``"#id"``): (subclass, superclass).
    """

    parts: tuple[str, ...]
    slots: tuple[str, ...]
    kind: str
    links: tuple[tuple[Ref, Ref], ...] = field(default=())
    #: what the extractor makes a subtype of X when the sentence follows a lead such as
    #: "The main types of X are:" (slots, or fixed entities such as the "(ALL)" of a list item)
    lead_children: tuple[Ref, ...] = field(default=())

    def choose(
        self,
        rng: random.Random,
        pools: dict[str, list[str]],
        focus: str,
        taxonomy: Taxonomy | None = None,
        above: dict[str, list[str]] | None = None,
    ) -> list[str] | None:
        """Names for the slots; the first disease is often the document's.

        Linked slots get a name and a real ancestor of it; with ``above`` (the names of a
        list's lead sentence, "The main types of X are:"), every slot of those types gets
        a name below each of them. None when no names fit (pick another template).
        """
        first = next((i for i, slot in enumerate(self.slots) if slot == "Disease"), None)
        use_focus = first is not None and rng.random() < 0.6
        links = self.links + tuple(
            (child, name)
            for child in self.lead_children
            for name in (above or {}).get(_kind(child, self.slots), ())
        )
        names: list[str | None] = [None] * len(self.slots)
        if links and taxonomy is not None:
            linked = _solve(links, self.slots, taxonomy, rng, first if use_focus else None, focus)
            if linked is None and use_focus:
                linked = _solve(links, self.slots, taxonomy, rng, None, focus)
            if linked is None:
                return None
            names = linked
        elif use_focus:
            names[first] = focus  # type: ignore[index]
        return [
            name or rng.choice(pools[slot]) for name, slot in zip(names, self.slots, strict=True)
        ]

    def render(self, names: list[str]) -> str:
        """The sentence with these names in its slots (a leading name capitalised)."""
        out = [self.parts[0]]
        for name, text in zip(names, self.parts[1:], strict=True):
            if not "".join(out).strip():
                name = name[:1].upper() + name[1:]
            out.append(name)
            out.append(text)
        return "".join(out)

    def fill(
        self,
        rng: random.Random,
        pools: dict[str, list[str]],
        focus: str,
        taxonomy: Taxonomy | None = None,
    ) -> str | None:
        """The sentence with each slot refilled (:meth:`choose`, :meth:`render`)."""
        names = self.choose(rng, pools, focus, taxonomy)
        return None if names is None else self.render(names)


def _solve(
    links: tuple[tuple[Ref, Ref], ...],
    slots: tuple[str, ...],
    taxonomy: Taxonomy,
    rng: random.Random,
    focus_slot: int | None,
    focus: str,
) -> list[str | None] | None:
    """Names for the linked slots such that every link joins a name to a real ancestor.

    Slots are filled one at a time, each from the names its already-filled neighbours
    allow (parents of its filled subclasses, children of its filled superclasses).
    """
    names: list[str | None] = [None] * len(slots)
    involved = sorted({r for link in links for r in link if isinstance(r, int)})
    if focus_slot is not None:
        names[focus_slot] = focus

    def key(ref: Ref) -> str | None:
        return ref if isinstance(ref, str) else names[ref]

    pending = [i for i in involved if names[i] is None]
    while pending:

        def filled_neighbours(i: int) -> int:
            return sum(1 for c, p in links if (c == i and key(p)) or (p == i and key(c)))

        slot = max(pending, key=lambda i: (filled_neighbours(i), -i))
        pending.remove(slot)
        kind = slots[slot]
        if kind not in _TAXONOMIC:
            return None
        allowed: set[str] | None = None
        for child, parent in links:
            if child == slot and key(parent):
                options = set(taxonomy.children_of(key(parent)))  # type: ignore[arg-type]
            elif parent == slot and key(child):
                options = set(taxonomy.parents_of(key(child)))  # type: ignore[arg-type]
            else:
                continue
            allowed = options if allowed is None else allowed & options
        if allowed is None:  # no neighbour filled yet: a name that has what the links need
            is_parent = any(p == slot for _, p in links)
            choices = taxonomy.with_children[kind] if is_parent else taxonomy.with_parents[kind]
        else:
            choices = sorted(allowed)
        if not choices:
            return None
        names[slot] = rng.choice(choices)
    for child, parent in links:  # the focus, and links between fixed entities, too
        if key(parent) not in taxonomy.parents_of(key(child)):  # type: ignore[arg-type]
            return None
    return names


def _kind(ref: Ref, slots: tuple[str, ...]) -> str:
    """The entity type of a slot, or of a fixed entity (by its id's prefix)."""
    if isinstance(ref, int):
        return slots[ref]
    return "CellType" if ref.startswith("#CL:") else "Disease"


def seed_sentences() -> list[tuple[str, str]]:
    """(kind, text) of every sentence the reader mines from the bundled corpus."""
    from hemekg.read import read_document
    from hemekg.resources import corpus_dir

    found = []
    for path in sorted(corpus_dir().iterdir()):
        if path.is_file():
            for sentence in read_document(path).sentences:
                found.append((str(sentence.kind), sentence.text))
    return found


def _name_pools() -> dict[str, list[str]]:
    from hemekg.extract.lexicon import read_lexicon_rows
    from hemekg.resources import lexicon_path

    pools: dict[str, set[str]] = defaultdict(set)
    for row in read_lexicon_rows(lexicon_path()):
        if not row.indexed:
            continue
        for name in (row.label, *row.synonyms):
            if (
                3 <= len(name) <= 40
                and len(name.split()) <= _MAX_NAME_WORDS
                and name.isascii()
                and "," not in name  # index forms ("leukemia, acute") re-cut the sentence
            ):
                pools[str(row.type)].add(name)
    return {kind: sorted(names) for kind, names in sorted(pools.items())}


def load_templates(*, seed: int = 20260731) -> tuple[list[Template], dict[str, list[str]]]:
    """Templates from the seed sentences, and the name pools to fill them.

    Diseases come from the whole hematology DOID extract; the other types from the names
    the seed documents use plus a fixed sample of short lexicon names of the same type
    (the full UBERON or HPO vocabularies would make unrealistic pages).
    """
    lexicon = _name_pools()
    sentences = seed_sentences()
    text = " ".join(t for _, t in sentences).lower()
    typed: dict[str, str] = {}
    for kind, names in lexicon.items():
        for name in names:
            if name.lower() in text and len(name) >= 4:
                typed.setdefault(name.lower(), kind)
    rng = random.Random(seed)
    pools: dict[str, list[str]] = {}
    for kind, names in lexicon.items():
        seen = sorted(n for n, k in typed.items() if k == kind)
        short = [n for n in names if len(n.split()) <= 3]
        extra = rng.sample(short, min(len(short), 200)) if kind != "Disease" else names
        pools[kind] = sorted(set(seen) | set(extra))
    alternation = "|".join(re.escape(n) for n in sorted(typed, key=len, reverse=True))
    pattern = re.compile(rf"\b(?:{alternation})(?:s|es)?\b", re.IGNORECASE) if alternation else None
    mined: list[tuple[str, str, list[tuple[int, int, str]]]] = []
    for kind, sentence in sentences:
        spans = []
        for match in pattern.finditer(sentence) if pattern else ():
            found = match.group().lower()
            spans.append(
                (
                    match.start(),
                    match.end(),
                    typed.get(found) or typed.get(found[:-1]) or typed[found[:-2]],
                )
            )
        mined.append((kind, sentence, spans))
    return [
        _template(kind, sentence, spans, links)
        for (kind, sentence, spans), links in zip(mined, _taxonomy_links(mined, pools), strict=True)
    ], pools


def _template(
    kind: str, sentence: str, spans: list[tuple[int, int, str]], links: _Links
) -> Template:
    """The sentence with its slots cut out, except the frozen ones (kept as written)."""
    frozen, pairs, lead_children = links
    parts, slots, last, number = [], [], 0, {}
    for index, (start, end, slot) in enumerate(spans):
        if index in frozen:
            continue
        parts.append(sentence[last:start])
        number[index] = len(slots)
        slots.append(slot)
        last = end
    parts.append(sentence[last:])
    renumbered = tuple(
        (
            number.get(c, c) if isinstance(c, int) else c,
            number.get(p, p) if isinstance(p, int) else p,
        )
        for c, p in pairs
    )
    children = tuple(
        number[c] if isinstance(c, int) else c
        for c in lead_children
        if not (isinstance(c, int) and c in frozen)
    )
    return Template(tuple(parts), tuple(slots), kind, renumbered, children)


#: (slots to keep as written, subClassOf links between slots or fixed entities, what
#: becomes a subtype of a lead's name).
_Links = tuple[frozenset[int], tuple[tuple[Ref, Ref], ...], tuple[Ref, ...]]
#: leads after which the next sentence may list subtypes (their parent: anemia)
_LEADS = ("The main types of anemia are:", "There are different types of anemia, including")
_LEAD_PARENT = "DOID:2355"


def _composed(child: str, parent: str) -> bool:
    """``child`` is ``parent``'s name with modifiers (the subtype is named after it)."""
    words, head = child.lower().split(), parent.lower().split()
    return bool(head) and len(words) > len(head) and words[-1].rstrip("s") == head[-1].rstrip("s")


def _taxonomy_links(
    mined: list[tuple[str, str, list[tuple[int, int, str]]]],
    pools: dict[str, list[str]],
    *,
    probes: int = 6,
    seed: int = 20260731,
) -> list[_Links]:
    """Which slot of each sentence the extractor makes a subclass of which.

    Each seed sentence is extracted alone, as a generated document would hold it, with
    its own names and with ``probes`` random fills (some cues fire only with some names:
    "immature X called Y" is an apposition when Y is a cell name). A subClassOf
    statement whose subject and object are slots links the two slots; one whose end is
    fixed text links the slot to that entity (``"#id"``). An end that only partly
    overlaps a slot ("disease of the *bone marrow*" -> bone marrow disease) cannot be
    re-aimed by choosing names, so that slot is frozen. Rules that derive the parent
    from the name itself (name composition, modifiers, minted subtypes) follow the
    names and need no link.
    """
    from hemekg.extract import extract_document
    from hemekg.read import read_document

    rng = random.Random(seed)
    found: list[_Links] = []
    with tempfile.TemporaryDirectory() as folder:
        for number, (kind, sentence, spans) in enumerate(mined):
            frozen: set[int] = set()
            pairs: set[tuple[Ref, Ref]] = set()
            children: set[Ref] = set()
            fills = [[sentence[a:b] for a, b, _ in spans]]
            fills += [[rng.choice(pools[slot]) for *_, slot in spans] for _ in range(probes)]
            for trial, names in enumerate(fills):
                text, last = [], 0
                for (a, b, _), name in zip(spans, names, strict=True):
                    text.extend((sentence[last:a], name))
                    last = b
                text.append(sentence[last:])
                path = Path(folder) / f"probe{number:04d}.txt"
                body = ("- " if kind == "list_item" else "") + "".join(text)
                if any(slot in _TAXONOMIC for *_, slot in spans):
                    path.write_text(f"Overview\n\n{body}\n", encoding="utf-8")
                    for statement in extract_document(read_document(path)):
                        _link(statement, names, frozen, pairs)
                if kind == "heading" or trial > 2:
                    continue
                for lead in _LEADS:  # what a lead line above makes a subtype of anemia
                    path.write_text(f"Overview\n\n{lead}\n{body}\n", encoding="utf-8")
                    for statement in extract_document(read_document(path)):
                        if statement.object.id == _LEAD_PARENT:
                            single: set[tuple[Ref, Ref]] = set()
                            _link(statement, names, frozen, single, parent_fixed=True)
                            children.update(c for c, _ in single)
            kept = {
                (c, p)
                for c, p in pairs
                if not (isinstance(c, int) and c in frozen)
                and not (isinstance(p, int) and p in frozen)
            }
            found.append(
                (frozenset(frozen), tuple(sorted(kept, key=str)), tuple(sorted(children, key=str)))
            )
    return found


def _link(
    statement: object,
    placed: list[str],
    frozen: set[int],
    pairs: set[tuple[Ref, Ref]],
    *,
    parent_fixed: bool = False,
) -> None:
    """Record the slots (or fixed entities) a subClassOf statement joins (with
    ``parent_fixed``, the parent is the lead's and only the child is looked up)."""
    from hemekg.model import Statement

    assert isinstance(statement, Statement)
    if (
        str(statement.predicate) != "subClassOf"
        or statement.negated
        or statement.extractor.startswith("taxonomy.")
        or "HEMEKG:" in statement.subject.id + statement.object.id
        or _composed(
            statement.subject.label,
            statement.object.label if parent_fixed else statement.object_text,
        )
    ):
        return  # "types of Y, acute and chronic": "acute Y" follows Y's name
    ends: list[list[Ref]] = []
    for surface, entity in (
        (statement.subject_text.lower(), statement.subject.id),
        ("" if parent_fixed else statement.object_text.lower(), statement.object.id),
    ):
        names = [n.lower() for n in placed]
        exact: list[Ref] = [
            i
            for i, n in enumerate(names)
            if n == surface or n + "s" == surface or n + "es" == surface
        ]
        if exact:
            ends.append(exact)
        else:
            frozen.update(
                i for i, n in enumerate(names) if surface and (surface in n or n in surface)
            )
            ends.append(["#" + entity])
    pairs.update((c, p) for c in ends[0] for p in ends[1] if c != p)


def _taxonomy(pools: dict[str, list[str]]) -> Taxonomy:
    from hemekg.extract.lexicon import read_lexicon_rows
    from hemekg.resources import lexicon_path

    rows = [
        (row.id, (row.label, *row.synonyms), row.parents)
        for row in read_lexicon_rows(lexicon_path())
    ]
    return Taxonomy(rows, pools)


def generate_corpus(folder: Path, count: int, *, seed: int = 20260731) -> tuple[list[Path], int]:
    """Write ``count`` documents under ``folder`` (1,000 per sub-folder).

    :returns: the paths (sorted) and the total size in bytes.
    """
    templates, pools = load_templates()
    taxonomy = _taxonomy(pools)
    headings = [t for t in templates if t.kind == "heading"] or templates
    body = [t for t in templates if t.kind != "heading"] or templates

    #: per slot type, the names of a list's lead sentence ("The main types of X are:"):
    #: the extractor makes the names of the next line and of the list items after it
    #: subclasses of X, so they are drawn from below X.
    above: dict[str, list[str]] = {}

    def line(choices: list[Template], focus: str) -> str:
        nonlocal above
        while True:  # a template whose links no names satisfy: draw another
            template = rng.choice(choices)
            names = template.choose(rng, pools, focus, taxonomy, above)
            if names is not None:
                break
        text = template.render(names)
        if template.kind == "text" and (
            text.rstrip().endswith(":") or not text.rstrip().endswith((".", "!", "?"))
        ):
            # a lead ("There are different types of X, including"): what follows may be
            # read as X's subtypes, or as the topic's when the lead names no disease
            above = defaultdict(list)
            for name, slot in zip(names, template.slots, strict=True):
                if slot in _TAXONOMIC:
                    above[slot].append(name)
            above.setdefault("Disease", [focus])
        elif template.kind != "list_item":
            above = {}
        return ("- " if template.kind == "list_item" else "") + text

    rng = random.Random(seed)
    diseases = pools["Disease"]
    paths, total = [], 0
    for number in range(count):
        focus = rng.choice(diseases)
        above = {}
        lines = [focus[:1].upper() + focus[1:], ""]
        for index in range(rng.randint(12, 30)):
            if index and index % 5 == 0:  # a heading stands apart, as in the seed pages
                lines.extend(["", line(headings, focus), ""])
            lines.append(line(body, focus))
        data = ("\n".join(lines) + "\n").encode("utf-8")
        sub = folder / f"{number // _FILES_PER_FOLDER:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"doc{number:07d}.txt"
        path.write_bytes(data)
        paths.append(path)
        total += len(data)
    return paths, total
