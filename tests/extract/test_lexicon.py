"""The lexicon: loading, look-ups by every route, ambiguity order, hierarchy, errors."""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

import pytest

from hemekg.errors import ExtractionError
from hemekg.extract.lexicon import (
    COLUMNS,
    KEYS_HEADER,
    Lexicon,
    decode_keys,
    default_lexicon,
    encode_keys,
    read_lexicon_rows,
    surface_keys,
)
from hemekg.model import Entity, EntityType
from hemekg.resources import lexicon_path

REPO = Path(__file__).resolve().parents[2]

MINI_ROWS = [
    # id, type, label, synonyms, related, acronyms, xrefs, parents, source, indexed
    ("DOID:1", "Disease", "blood disease", "", "", "", "", "", "DOID", "1"),
    (
        "DOID:2",
        "Disease",
        "leukemia",
        "leukaemia",
        "blood cancer",
        "",
        "MONDO:9|UMLS_CUI:C1",
        "DOID:1",
        "DOID",
        "1",
    ),
    (
        "DOID:3",
        "Disease",
        "acute myeloid leukemia",
        "leukemia, acute myeloid",
        "",
        "AML",
        "",
        "DOID:2",
        "DOID",
        "1",
    ),
    ("DOID:4", "Disease", "acute lymphoblastic leukemia", "", "", "ALL", "", "DOID:2", "DOID", "1"),
    ("DOID:5", "Disease", "disease", "", "", "", "", "", "DOID", "0"),
    ("HP:1", "Phenotype", "Leukemia", "", "", "", "", "", "HP", "1"),
    ("HEMEKG:chemo", "Treatment", "chemotherapy", "chemo", "", "", "", "", "hemekg", "1"),
    (
        "HEMEKG:chemo_cause",
        "Cause",
        "prior chemotherapy",
        "chemotherapy",
        "",
        "",
        "",
        "",
        "hemekg",
        "1",
    ),
]


def write_lexicon(path: Path, rows: Sequence[tuple[str, ...]], *, precompute: bool) -> Path:
    lines = ["# test lexicon"]
    if precompute:
        lines.append(KEYS_HEADER)
    lines.append("\t".join(COLUMNS))
    for row in rows:
        keys = ""
        if precompute and row[9] == "1":
            split = [tuple(v.split("|")) if v else () for v in (row[3], row[4])]
            keys = encode_keys(row[2], split[0], split[1])
        lines.append("\t".join((*row, keys)))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(params=[True, False], ids=["precomputed-keys", "computed-keys"])
def mini(request: pytest.FixtureRequest, tmp_path: Path) -> Lexicon:
    return Lexicon.load(
        write_lexicon(tmp_path / "lexicon.tsv", MINI_ROWS, precompute=request.param)
    )


def ids(entities: list[Entity]) -> list[str]:
    return [e.id for e in entities]


@pytest.mark.parametrize(
    ("surface", "expected_first"),
    [
        ("leukemia", "DOID:2"),  # label
        ("Leukaemias", "DOID:2"),  # exact synonym, British, plural, capital
        ("blood cancers", "DOID:2"),  # related synonym
        ("acute myeloid leukemia", "DOID:3"),
        ("leukemia, acute myeloid", "DOID:3"),  # inverted synonym
        ("Leukaemia, Acute Myeloid", "DOID:3"),  # inverted, British, capitals
        ("AML", "DOID:3"),  # acronym in capitals
        ("the blood disease", "DOID:1"),  # leading article ignored
    ],
)
def test_lookup_routes(mini: Lexicon, surface: str, expected_first: str) -> None:
    assert ids(mini.lookup(surface))[0] == expected_first


def test_acronyms_need_capitals(mini: Lexicon) -> None:
    assert mini.lookup("all") == []
    assert mini.lookup("aml") == []
    assert ids(mini.lookup("ALL")) == ["DOID:4"]


def test_ambiguous_surface_keeps_every_candidate_in_preference_order(mini: Lexicon) -> None:
    assert ids(mini.lookup("leukemia")) == ["DOID:2", "HP:1"]  # Disease before Phenotype
    assert ids(mini.lookup("chemotherapy")) == ["HEMEKG:chemo", "HEMEKG:chemo_cause"]
    candidates = mini.candidates_for_key("leukemia")
    assert [c.exact for c in candidates] == [True, True]
    assert mini.candidates_for_key("blood cancer")[0].exact is False


def test_get_builds_entities_with_sorted_xrefs_and_synonyms(mini: Lexicon) -> None:
    entity = mini.get("DOID:2")
    assert entity.label == "leukemia"
    assert entity.type is EntityType.DISEASE
    assert entity.xrefs == ("MONDO:9", "UMLS_CUI:C1")
    assert entity.synonyms == ("blood cancer", "leukaemia")
    assert mini.get("DOID:2") is entity  # cached
    with pytest.raises(KeyError):
        mini.get("DOID:404")


def test_unindexed_rows_are_hierarchy_only(mini: Lexicon) -> None:
    assert "DOID:5" in mini
    assert mini.get("DOID:5").label == "disease"
    assert mini.lookup("disease") == []


def test_hierarchy(mini: Lexicon) -> None:
    assert mini.parents("DOID:3") == ("DOID:2",)
    assert mini.is_a("DOID:3", "DOID:1")
    assert mini.is_a("DOID:3", "DOID:3")
    assert not mini.is_a("DOID:1", "DOID:3")
    assert not mini.is_a("DOID:404", "DOID:1")
    assert mini.ancestors("DOID:3") == frozenset({"DOID:1", "DOID:2"})
    assert len(mini) == len(MINI_ROWS)


def test_encoded_keys_decode_to_the_computed_ones() -> None:
    for row in read_lexicon_rows(lexicon_path()):
        if row.indexed and row.keys:
            assert decode_keys(row) == surface_keys(row.label, row.synonyms, row.related), row.id


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "no header row"),
        ("id\tlabel\n", "header is not"),
        ("\t".join(COLUMNS) + "\nDOID:1\tDisease\tx\n", "3 columns"),
        ("\t".join(COLUMNS) + "\nDOID:1\tMood\tx" + "\t" * 8 + "\n", "unknown entity type"),
    ],
)
def test_malformed_files_raise_one_line_errors(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ExtractionError, match=message) as info:
        Lexicon.load(path)
    assert str(path) in str(info.value)
    assert "\n" not in str(info.value)


def test_duplicate_ids_and_missing_files_are_errors(tmp_path: Path) -> None:
    path = write_lexicon(tmp_path / "dup.tsv", [MINI_ROWS[0], MINI_ROWS[0]], precompute=False)
    with pytest.raises(ExtractionError, match="duplicate lexicon id DOID:1"):
        Lexicon.load(path)
    with pytest.raises(ExtractionError, match="cannot read"):
        Lexicon.load(tmp_path / "missing.tsv")


# ---------------------------------------------------------------- the packaged lexicon


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return default_lexicon()


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("leukaemia", "DOID:1240"),
        ("anaemia", "DOID:2355"),
        ("leukopenia", "DOID:615"),
        ("acute myelogenous leukemia", "DOID:9119"),
        ("Leukemia, Acute Myeloid", "DOID:9119"),
        ("chronic myelogenous leukemia", "DOID:8552"),
        ("CML", "DOID:8552"),
        ("MDS", "DOID:0050908"),
        ("cancer", "DOID:162"),
        ("blood cancer", "DOID:2531"),
        ("bone marrow disease", "DOID:4961"),
        ("disease of the hematopoietic system", "DOID:74"),
        ("myeloproliferative neoplasms", "DOID:2226"),
        ("white blood cells", "CL:0000738"),
        ("WBCs", "CL:0000738"),
        ("leukocytes", "CL:0000738"),
        ("red cells", "CL:0000232"),
        ("erythrocytes", "CL:0000232"),
        ("platelets", "CL:0000233"),
        ("thrombocyte", "CL:0000233"),
        ("stem cells", "CL:0000034"),
        ("hematopoietic stem cell", "CL:0000037"),
        ("neutrophils", "CL:0000775"),
        ("plasma cells", "CL:0000786"),
        ("B cells", "CL:0000236"),
        ("T-cell", "CL:0000084"),
        ("bone-marrow", "UBERON:0002371"),
        ("bloodstream", "UBERON:0000178"),
        ("lymph nodes", "UBERON:0000029"),
        ("spleen", "UBERON:0002106"),
        ("testicles", "UBERON:0000473"),
        ("ovaries", "UBERON:0000992"),
        ("cerebrospinal fluid", "UBERON:0001359"),
        ("central nervous system", "UBERON:0001017"),
        ("skin", "UBERON:0002097"),
        ("gums", "UBERON:0001828"),
        ("thymus", "UBERON:0002370"),
        ("tiredness", "HP:0012378"),
        ("pale skin", "HP:0000980"),
        ("shortness of breath", "HP:0002094"),
        ("easy bruising", "HP:0000978"),
        ("nosebleeds", "HP:0000421"),
        ("petechiae", "HP:0000967"),
        ("night sweats", "HP:0030166"),
        ("swollen lymph nodes", "HP:0002716"),
        ("complete blood count", "HEMEKG:complete_blood_count"),
        ("CBC", "HEMEKG:complete_blood_count"),
        ("spinal tap", "HEMEKG:lumbar_puncture"),
        ("chest x-ray", "HEMEKG:chest_x_ray"),
        ("radiotherapy", "HEMEKG:radiation_therapy"),
        ("stem cell transplantation", "HEMEKG:stem_cell_transplant"),
        ("kids", "HEMEKG:children"),
        ("people over 60", "HEMEKG:older_adults"),
        ("ionizing radiation", "HEMEKG:ionizing_radiation"),
        ("benzene", "HEMEKG:benzene"),
    ],
)
def test_packaged_lexicon_grounds_everyday_names(
    lexicon: Lexicon, surface: str, expected: str
) -> None:
    assert lexicon.lookup(surface)[0].id == expected


@pytest.mark.parametrize(
    ("surface", "types"),
    [
        ("leukemia", [EntityType.DISEASE, EntityType.PHENOTYPE]),
        ("anemia", [EntityType.DISEASE, EntityType.PHENOTYPE]),
        ("leukopenia", [EntityType.DISEASE, EntityType.PHENOTYPE]),
        ("chemotherapy", [EntityType.TREATMENT, EntityType.CAUSE]),
        ("radiation", [EntityType.TREATMENT, EntityType.CAUSE]),
    ],
)
def test_packaged_ambiguities_are_kept_disease_first(
    lexicon: Lexicon, surface: str, types: list[EntityType]
) -> None:
    assert [e.type for e in lexicon.lookup(surface)][: len(types)] == types


def test_packaged_entities_carry_xrefs_and_hierarchy(lexicon: Lexicon) -> None:
    leukemia = lexicon.get("DOID:1240")
    assert "MONDO:0005059" in leukemia.xrefs
    assert any(x.startswith("UMLS_CUI:") for x in leukemia.xrefs)
    assert list(leukemia.xrefs) == sorted(leukemia.xrefs)
    assert lexicon.is_a("DOID:9119", "DOID:1240")
    assert lexicon.is_a("CL:0000775", "CL:0000738")  # neutrophil is a leukocyte
    assert lexicon.get("HEMEKG:bone_marrow_transplant").parent == "HEMEKG:stem_cell_transplant"
    assert lexicon.lookup("disease") == []  # generic ancestors are hierarchy only
    assert lexicon.lookup("all") == [] and lexicon.lookup("ALL")[0].id == "DOID:9952"


@pytest.mark.slow
def test_committed_lexicon_is_up_to_date() -> None:
    """scripts/build_lexicon.py --check rebuilds in memory and compares (about 2 s)."""
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "build_lexicon.py"), "--check"],
        env={**os.environ, "PYTHONHASHSEED": "20261122"},  # output must not depend on it
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("surface", "expected"),
    [
        ("people older than 65 years", "HEMEKG:older_adults"),
        ("adults over 50", "HEMEKG:older_adults"),
        ("Infection with the Epstein-Barr virus", "MONDO:0005111"),
        ("EBV", "MONDO:0005111"),
        ("cancer of the lymphatic system", "DOID:0060073"),
        ("typhoid fever", "MONDO:0005619"),
        ("viral diseases", "MONDO:0005108"),
    ],
)
def test_rule_made_and_non_hematologic_names(lexicon: Lexicon, surface: str, expected: str) -> None:
    assert lexicon.lookup(surface)[0].id == expected


# ---------------------------------------------------------------- the build script


def load_build_script() -> ModuleType:
    """scripts/build_lexicon.py as a module (registered, so its dataclasses work)."""
    name = "hemekg_build_lexicon_script"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, REPO / "scripts" / "build_lexicon.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


HEADER = "id\ttype\tlabel\tsynonyms\trelated\tacronyms\tparents\txrefs\n"


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ("DOID:999999999\tDisease\t\tfoo\t\t\t\t\n", "id not found in the ontology sources"),
        ("HEMEKG:x\t\tx\t\t\t\t\t\n", "needs a type and a label"),
        ("HP:0012378\tDisease\t\ttired\t\t\t\t\n", "the ontology says Phenotype"),
        (
            "HEMEKG:a\tCause\ta\tshared name\t\t\t\t\nHEMEKG:b\tCause\tb\tshared name\t\t\t\t\n",
            "given to both HEMEKG:a and HEMEKG:b",
        ),
    ],
)
def test_build_rejects_bad_curated_rows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, rows: str, message: str
) -> None:
    script = load_build_script()
    (tmp_path / "bad.tsv").write_text("# test\n" + HEADER + rows, encoding="utf-8")
    monkeypatch.setattr(script, "CURATED", tmp_path)
    monkeypatch.setattr(script, "REPO", tmp_path)
    records = {"HP:0012378": script.Record("HP:0012378", "Phenotype", "Fatigue", "HP")}
    with pytest.raises(SystemExit, match=message):
        script.read_curated(records, {})


def test_build_keeps_acronyms_case_sensitive_and_drops_junk_names() -> None:
    script = load_build_script()
    assert script.is_acronym("AML") and script.is_acronym("WBCs") and script.is_acronym("B-ALL")
    assert not script.is_acronym("Leukemia") and not script.is_acronym("T-cell")
    assert script.clean_form("leukemia (disease)") == "leukemia"
    assert script.clean_form("anemia, NOS") == "anemia"
    assert script.clean_form("obsolete leukemia") is None
    assert script.clean_form("tissue") is None
    assert script.clean_form("cancer", allow_generic=True) == "cancer"
    assert script.clean_form("277000") is None
