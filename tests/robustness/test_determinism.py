"""Same input, byte-identical outputs; entity IRIs minted from ids, never from counters.

The bundled corpus is built by the installed script four times: a baseline
(``PYTHONHASHSEED=1``, files in sorted order, one worker), and three variants that each
change one thing: the hash seed, the order of the files on the command line, and the
worker count. Every output file must have the same SHA-256 in all four.
"""

from __future__ import annotations

import datetime
import difflib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from hemekg.iris import curie_from_entity_iri, document_iri, entity_iri, statement_iri
from hemekg.model import Entity, EntityType, Predicate, Statement
from hemekg.namespaces import HKD, HKE, HKS
from hemekg.resources import corpus_dir
from tests.robustness._support import output_hashes, read_statements, run_script


@dataclass(frozen=True)
class Variant:
    """How one build is run: hash seed, order of the files on the command line, workers."""

    seed: int
    reverse: bool
    workers: int


VARIANTS = {
    "baseline": Variant(seed=1, reverse=False, workers=1),
    "hash-seed": Variant(seed=2, reverse=False, workers=1),
    "document-order": Variant(seed=1, reverse=True, workers=1),
    "workers": Variant(seed=1, reverse=False, workers=2),
}
#: a CURIE-derived local name: PREFIX_LOCAL (escaped characters as %XX).
LOCAL_NAME = re.compile(r"^([A-Za-z][A-Za-z0-9.-]*)_([A-Za-z0-9_.%-]+)$")
KNOWN_PREFIXES = {"DOID", "HP", "UBERON", "CL", "MONDO", "NCIT", "MAXO", "CHEBI", "OBI", "HEMEKG"}


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("determinism")
    documents = sorted(p for p in corpus_dir().iterdir() if p.is_file())
    outputs = {}
    for name, variant in VARIANTS.items():
        ordered = documents[::-1] if variant.reverse else documents
        out = tmp / name
        done = run_script(
            [
                "-q",
                "build",
                *ordered,
                "-o",
                out,
                "--no-reason",
                "--workers",
                str(variant.workers),
            ],
            cwd=tmp,
            hash_seed=variant.seed,
        )
        assert done.returncode in (0, 1), f"{name}: {done.stderr}"
        outputs[name] = out
    return outputs


def _differences(a: Path, b: Path) -> list[str]:
    """One line per differing or missing output, with the first differing line of text."""
    hashes_a, hashes_b = output_hashes(a), output_hashes(b)
    report = []
    for name in sorted(set(hashes_a) | set(hashes_b)):
        if hashes_a.get(name) == hashes_b.get(name):
            continue
        if name not in hashes_a or name not in hashes_b:
            report.append(f"{name}: only in {a.name if name in hashes_a else b.name}")
            continue
        lines_a = (a / name).read_text(encoding="utf-8", errors="replace").splitlines()
        lines_b = (b / name).read_text(encoding="utf-8", errors="replace").splitlines()
        diff = [
            d
            for d in difflib.unified_diff(lines_a, lines_b, lineterm="", n=0)
            if d[:1] in "+-" and not d.startswith(("+++", "---"))
        ]
        report.append(f"{name}: {diff[:2]}")
    return report


@pytest.mark.slow
@pytest.mark.parametrize("variant", [v for v in VARIANTS if v != "baseline"])
def test_outputs_are_byte_identical(builds: dict[str, Path], variant: str) -> None:
    differences = _differences(builds["baseline"], builds[variant])
    assert not differences, f"outputs differ when only the {variant} changes:\n" + "\n".join(
        differences
    )


@pytest.mark.slow
def test_every_build_writes_the_same_set_of_outputs(builds: dict[str, Path]) -> None:
    names = {variant: sorted(output_hashes(out)) for variant, out in builds.items()}
    assert len({tuple(n) for n in names.values()}) == 1, names
    assert "hemekg.ttl" in names["baseline"]


@pytest.mark.slow
def test_no_output_carries_timings_or_the_clock(builds: dict[str, Path]) -> None:
    """Outputs may carry the release date (fixed, or SOURCE_DATE_EPOCH), never the clock."""
    from hemekg.build.ontology import release_date

    today = datetime.datetime.now(datetime.UTC).date()
    clock = re.compile(rf"{today.isoformat()}[T ]\d\d:\d\d")
    for name in output_hashes(builds["baseline"]):
        text = (builds["baseline"] / name).read_text(encoding="utf-8", errors="replace")
        assert "timings" not in text, f"{name} carries timings"
        assert not clock.search(text), f"{name} carries the time of the build"
        if release_date() != today:
            assert today.isoformat() not in text, f"{name} carries today's date"


@pytest.fixture(scope="module")
def baseline_graph(builds: dict[str, Path]) -> Graph:
    return Graph().parse(builds["baseline"] / "hemekg.nt", format="nt")


def _iris(graph: Graph, namespace: str) -> set[URIRef]:
    return {
        node
        for triple in graph
        for node in triple
        if isinstance(node, URIRef) and str(node).startswith(namespace)
    }


@pytest.mark.slow
def test_entity_iris_are_hke_plus_curie_derived_local_names(
    builds: dict[str, Path], baseline_graph: Graph
) -> None:
    entity_iris = _iris(baseline_graph, str(HKE))
    assert entity_iris
    for iri in entity_iris:
        local = str(iri).removeprefix(str(HKE))
        match = LOCAL_NAME.match(local)
        assert match, f"{iri} is not PREFIX_LOCAL"
        assert match.group(1) in KNOWN_PREFIXES, f"{iri}: unknown prefix"
        assert entity_iri(curie_from_entity_iri(iri)) == iri, f"{iri} does not round-trip"
    statement_entities = {
        entity_iri(str(record[role]["id"]))  # type: ignore[index]
        for record in read_statements(builds["baseline"])
        if not record["negated"]
        for role in ("subject", "object")
    }
    assert statement_entities <= entity_iris


@pytest.mark.slow
def test_statement_and_document_iris_come_from_their_ids(
    builds: dict[str, Path], baseline_graph: Graph
) -> None:
    records = read_statements(builds["baseline"])
    expected_statements = {statement_iri(str(r["id"])) for r in records if not r["negated"]}
    assert _iris(baseline_graph, str(HKS)) == expected_statements
    documents = {document_iri(str(r["document"])) for r in records}
    assert documents <= _iris(baseline_graph, str(HKD))
    summary = json.loads((builds["baseline"] / "summary.json").read_text(encoding="utf-8"))
    assert len(_iris(baseline_graph, str(HKD))) == summary["documents"]


def test_iri_scheme_is_pinned_across_releases() -> None:
    """Golden values: changing how IRIs or statement ids are minted breaks every curation file."""
    assert str(entity_iri("DOID:1240")) == "https://w3id.org/hemekg/entity/DOID_1240"
    assert str(entity_iri("HP:0001945")) == "https://w3id.org/hemekg/entity/HP_0001945"
    assert (
        str(entity_iri("HEMEKG:blast_cell")) == "https://w3id.org/hemekg/entity/HEMEKG_blast_cell"
    )
    assert str(document_iri("page one.txt")) == "https://w3id.org/hemekg/document/page_one_txt"
    statement = Statement(
        subject=Entity("DOID:1240", "leukemia", EntityType.DISEASE),
        predicate=Predicate.ORIGINATES_IN,
        object=Entity("UBERON:0002371", "bone marrow", EntityType.ANATOMICAL_STRUCTURE),
        document="page.txt",
        sentence="Leukemia begins in the bone marrow.",
        start=0,
        end=35,
        extractor="any",
        confidence=0.5,
    )
    assert statement.id == "7db90e0a452e8261"
    assert str(statement_iri(statement.id)) == f"https://w3id.org/hemekg/statement/{statement.id}"
