"""Synthetic corpora for the benchmarks: the seed documents' sentences, recombined.

Every sentence the reader mines from the bundled corpus becomes a template: the entity
names it contains (found with the lexicon) become typed slots. A generated document is
a title and 12 to 30 templates whose slots are refilled with other lexicon names of the
same type (DOID diseases, HPO phenotypes, CL cells, UBERON anatomy...), so sentence
structure, relation cues and entity density stay those of real patient-facing pages
while the content varies. A fixed seed gives the same corpus on every machine.
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Template", "generate_corpus", "load_templates", "seed_sentences"]

_MAX_NAME_WORDS = 5
_FILES_PER_FOLDER = 1000


@dataclass(frozen=True)
class Template:
    """A mined sentence with typed slots: ``parts`` alternate text and slot types."""

    parts: tuple[str, ...]
    slots: tuple[str, ...]
    kind: str

    def fill(self, rng: random.Random, pools: dict[str, list[str]], focus: str) -> str:
        """The sentence with each slot refilled; the first disease is often the document's."""
        out = [self.parts[0]]
        focus_used = False
        for slot, text in zip(self.slots, self.parts[1:], strict=True):
            if slot == "Disease" and not focus_used and rng.random() < 0.6:
                name, focus_used = focus, True
            else:
                name = rng.choice(pools[slot])
            if not "".join(out).strip():
                name = name[:1].upper() + name[1:]
            out.append(name)
            out.append(text)
        return "".join(out)


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
            if 3 <= len(name) <= 40 and len(name.split()) <= _MAX_NAME_WORDS and name.isascii():
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
    templates = []
    for kind, sentence in sentences:
        parts, slots, last = [], [], 0
        for match in pattern.finditer(sentence) if pattern else ():
            parts.append(sentence[last : match.start()])
            found = match.group().lower()
            slots.append(typed.get(found) or typed.get(found[:-1]) or typed[found[:-2]])
            last = match.end()
        parts.append(sentence[last:])
        templates.append(Template(tuple(parts), tuple(slots), kind))
    return templates, pools


def generate_corpus(folder: Path, count: int, *, seed: int = 20260731) -> tuple[list[Path], int]:
    """Write ``count`` documents under ``folder`` (1,000 per sub-folder).

    :returns: the paths (sorted) and the total size in bytes.
    """
    templates, pools = load_templates()
    headings = [t for t in templates if t.kind == "heading"] or templates
    body = [t for t in templates if t.kind != "heading"] or templates
    rng = random.Random(seed)
    diseases = pools["Disease"]
    paths, total = [], 0
    for number in range(count):
        focus = rng.choice(diseases)
        lines = [focus[:1].upper() + focus[1:], ""]
        for index in range(rng.randint(12, 30)):
            if index and index % 5 == 0:
                lines.extend(["", rng.choice(headings).fill(rng, pools, focus)])
            template = rng.choice(body)
            prefix = "- " if template.kind == "list_item" else ""
            lines.append(prefix + template.fill(rng, pools, focus))
        data = ("\n".join(lines) + "\n").encode("utf-8")
        sub = folder / f"{number // _FILES_PER_FOLDER:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / f"doc{number:07d}.txt"
        path.write_bytes(data)
        paths.append(path)
        total += len(data)
    return paths, total
