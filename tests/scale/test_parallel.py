"""Serial, process-pool and Dask runs give the same results in the same order."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from distributed import LocalCluster

from hemekg.errors import UsageError
from hemekg.parallel import chunked, map_documents
from hemekg.store import GraphStore, update_store
from tests.scale.triple_lines import extract_lines, write_lines

LINES = [
    "leukemia | originatesIn | bone marrow",
    "anemia | hasSymptom | pallor",
    "acute lymphocytic leukemia | subClassOf | leukemia",
    "leukemia | !treatedWith | chemotherapy",
]


@pytest.fixture(scope="module")
def scheduler() -> Iterator[str]:
    with LocalCluster(
        n_workers=1, threads_per_worker=2, processes=False, dashboard_address=":0"
    ) as cluster:
        yield str(cluster.scheduler_address)


@pytest.fixture
def corpus(tmp_path: Path) -> list[Path]:
    return [
        write_lines(
            tmp_path / "docs",
            f"doc{i:02d}.txt",
            [*LINES[: 1 + i % 4], f"leukemia | hasSymptom | sign {i}"],
        )
        for i in range(12)
    ]


def test_chunked_keeps_order() -> None:
    assert chunked(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert chunked([], 3) == []


def test_processes_and_dask_return_serial_results_in_input_order(
    corpus: list[Path], scheduler: str
) -> None:
    serial = list(map_documents(extract_lines, corpus))
    assert [r.path for r in serial] == [str(p) for p in corpus]
    assert list(map_documents(extract_lines, corpus, workers=2)) == serial
    assert list(map_documents(extract_lines, corpus, scheduler=scheduler)) == serial


def test_store_built_serially_on_processes_and_on_dask_is_byte_identical(
    corpus: list[Path], scheduler: str, tmp_path: Path
) -> None:
    outputs = []
    for name, options in (
        ("serial", {}),
        ("workers", {"workers": 2}),
        ("dask", {"scheduler": scheduler}),
    ):
        with GraphStore(tmp_path / name) as store:
            update_store(corpus, store, job=extract_lines, **options)  # type: ignore[arg-type]
            outputs.append(store.write_ntriples(tmp_path / f"{name}.nt").read_bytes())
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]


def test_unreachable_scheduler_is_a_usage_error(
    corpus: list[Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from hemekg.serve import free_port

    monkeypatch.setattr("hemekg.parallel._CONNECT_TIMEOUT_S", 1)
    with pytest.raises(UsageError, match="cannot reach the Dask scheduler"):
        list(map_documents(extract_lines, corpus, scheduler=f"tcp://127.0.0.1:{free_port()}"))
