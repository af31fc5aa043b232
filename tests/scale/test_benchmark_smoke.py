"""The benchmark suite runs end to end at a tiny size and writes its tables."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_benchmark_runs_at_a_tiny_size(tmp_path: Path) -> None:
    output = tmp_path / "results.md"
    run = subprocess.run(
        [
            sys.executable,
            str(ROOT / "benchmarks" / "run.py"),
            "--sizes",
            "6",
            "--workers",
            "1",
            "--sparql-triples",
            "2000",
            "--throughput-mb",
            "0.04",
            "--repeats",
            "2",
            "--settle",
            "0",
            "--tmp",
            str(tmp_path / "work"),
            "-o",
            str(output),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    text = output.read_text(encoding="utf-8")
    for heading in (
        "End to end",
        "Per stage",
        "Single-core cost",
        "Incremental re-build",
        "Validation: sharded",
        "Parse and serialise",
        "Named queries",
        "Extraction throughput",
    ):
        assert heading in text, heading
    data = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))
    size = data["sizes"][0]
    assert size["documents"] == 6 and size["skipped"] == 0
    assert size["incremental_settled_s"] > 0 and size["settle_s"] == 0
    assert size["peer_validation"]["ran"] and size["peer_validation"]["same"] is True
    assert all(q["rows_agree"] for q in data["sparql"]["queries"])
    assert not any(
        p.name.startswith("corpus-") for p in ROOT.iterdir()
    )  # nothing written in the repo
