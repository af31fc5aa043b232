"""Entity mappings as SSSOM TSV: parseable by sssom-py, with metadata, deterministic."""

from __future__ import annotations

from pathlib import Path

import pytest

from hemekg.build.sssom import MAPPING_SET_ID, mapping_rows, write_sssom
from tests.validate.samples import sample_kg


def test_rows_cover_primary_ids_and_xrefs() -> None:
    rows = {(r["subject_id"], r["object_id"]): r for r in mapping_rows(sample_kg())}
    assert rows[("hke:DOID_1240", "DOID:1240")]["mapping_justification"] == "semapv:LexicalMatching"
    assert (
        rows[("hke:DOID_1240", "MONDO:0005059")]["mapping_justification"]
        == "semapv:MappingChaining"
    )
    assert rows[("hke:CL_0000738", "CL:0000738")]["subject_label"] == "white blood cell"
    assert rows[("hke:HP_0012378", "HP:0012378")]["predicate_id"] == "skos:exactMatch"
    # project entities have no standard id, hence no mapping
    assert not any(s.startswith("hke:HEMEKG_") for s, _ in rows)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # sssom-py vs pandas 3, not ours
def test_written_file_parses_with_sssom(tmp_path: Path) -> None:
    from sssom.parsers import parse_sssom_table

    path = write_sssom(sample_kg(), tmp_path / "hemekg.sssom.tsv", "2026-01-15")
    msdf = parse_sssom_table(path)
    assert msdf.metadata["mapping_set_id"] == MAPPING_SET_ID
    assert msdf.metadata["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert msdf.metadata["mapping_set_version"] == "2026-01-15"
    assert msdf.converter.expand("DOID:1240") == "http://purl.obolibrary.org/obo/DOID_1240"
    assert msdf.converter.expand("hke:DOID_1240") == "https://w3id.org/hemekg/entity/DOID_1240"
    pairs = set(zip(msdf.df["subject_id"], msdf.df["object_id"], strict=True))
    assert ("hke:DOID_1240", "MONDO:0005059") in pairs
    assert len(pairs) == len(mapping_rows(sample_kg()))


def test_two_writes_are_byte_identical(tmp_path: Path) -> None:
    a = write_sssom(sample_kg(), tmp_path / "a.tsv")
    b = write_sssom(sample_kg(), tmp_path / "b.tsv")
    assert a.read_bytes() == b.read_bytes()
