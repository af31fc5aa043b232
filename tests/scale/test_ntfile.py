"""Sorted N-Triples files: written with bounded memory, patched equal to a rewrite."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from hemekg.store import ntfile
from hemekg.store.ntfile import FileRecord, patch_sorted, write_sorted


def _lines(rng: random.Random, count: int) -> list[bytes]:
    texts = ["a", "b", "\t", "é", "\\\\", '\\"', "\U0001f9ec"]
    return [
        f'<urn:s{rng.randrange(40)}> <urn:p> "{rng.choice(texts)}{n}" .'.encode()
        for n in range(count)
    ]


def _text(lines: set[bytes] | list[bytes]) -> bytes:
    return b"".join(line + b"\n" for line in sorted(set(lines)))


@pytest.mark.parametrize("run_lines", [1, 3, 1_000_000])
def test_write_sorted_dedupes_and_sorts_within_the_memory_bound(
    tmp_path: Path, run_lines: int
) -> None:
    rng = random.Random(run_lines)
    universe = _lines(rng, 200)
    pieces = [b"\n".join(rng.sample(universe, 30)) + b"\n" for _ in range(12)]
    record = write_sorted(pieces, tmp_path / "out" / "graph.nt", run_lines=run_lines)
    expected = _text({line for piece in pieces for line in piece.split(b"\n") if line})
    data = (tmp_path / "out" / "graph.nt").read_bytes()
    assert data == expected
    assert record == FileRecord.of(tmp_path / "out" / "graph.nt", expected.count(b"\n"))
    assert record.size == len(data) and record.matches()
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["graph.nt"]  # no spill left


def test_write_sorted_of_nothing_is_an_empty_file(tmp_path: Path) -> None:
    assert write_sorted([b"", b""], tmp_path / "g.nt").lines == 0
    assert (tmp_path / "g.nt").read_bytes() == b""


@pytest.mark.parametrize("kernel_copy", [True, False], ids=["copy_file_range", "memory"])
@pytest.mark.parametrize("chunk", [1, 5, 1 << 24])
def test_patch_equals_a_rewrite(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kernel_copy: bool, chunk: int
) -> None:
    monkeypatch.setattr(ntfile, "_COPY_CHUNK", chunk)
    if not kernel_copy:
        monkeypatch.delattr(ntfile.os, "copy_file_range", raising=False)
    rng = random.Random(chunk)
    for trial in range(60):
        universe = _lines(rng, rng.randrange(1, 60))
        old = set(rng.sample(universe, rng.randrange(0, len(universe) + 1)))
        record = write_sorted([b"\n".join(old)], tmp_path / "old.nt")
        added = rng.sample(universe, rng.randrange(0, len(universe) + 1))
        removed = rng.sample(sorted(old), rng.randrange(0, len(old) + 1))
        patched = patch_sorted(record, added, removed, tmp_path / "new.nt")
        expected = _text((old - set(removed)) | set(added))
        data = (tmp_path / "new.nt").read_bytes()
        assert data == expected, trial
        assert patched is not None and patched.lines == expected.count(b"\n")
        assert patched.size == len(data) and patched.matches()


@pytest.mark.parametrize("damage", ["missing", "same size", "longer", "no final newline"])
def test_patch_refuses_a_file_that_is_not_the_recorded_one(tmp_path: Path, damage: str) -> None:
    lines = _lines(random.Random(0), 50)
    record = write_sorted([b"\n".join(lines)], tmp_path / "old.nt")
    data = (tmp_path / "old.nt").read_bytes()
    if damage == "missing":
        (tmp_path / "old.nt").unlink()
    elif damage == "same size":
        (tmp_path / "old.nt").write_bytes(data[:100] + bytes([data[100] ^ 1]) + data[101:])
    elif damage == "longer":
        (tmp_path / "old.nt").write_bytes(data + b"<urn:x> <urn:y> <urn:z> .\n")
    else:
        (tmp_path / "old.nt").write_bytes(data[:-1] + b" ")
    (tmp_path / "new.nt").write_bytes(b"untouched")
    assert patch_sorted(record, [b"<urn:a> <urn:b> <urn:c> ."], [], tmp_path / "new.nt") is None
    assert (tmp_path / "new.nt").read_bytes() == b"untouched"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        {"new.nt", *(["old.nt"] if damage != "missing" else [])}
    )


def test_patch_refuses_to_remove_a_line_the_file_lacks(tmp_path: Path) -> None:
    record = write_sorted([b"<urn:a> <urn:b> <urn:c> ."], tmp_path / "old.nt")
    for missing in (b"<urn:a> <urn:b> <urn:b> .", b"<urn:z> <urn:b> <urn:c> ."):
        assert patch_sorted(record, [], [missing], tmp_path / "new.nt") is None


def test_a_patch_without_edits_keeps_the_file_when_it_is_the_recorded_one(tmp_path: Path) -> None:
    lines = _lines(random.Random(1), 30)
    record = write_sorted([b"\n".join(lines)], tmp_path / "g.nt")
    before = (tmp_path / "g.nt").stat().st_ino
    assert patch_sorted(record, [], [], tmp_path / "g.nt") == record
    assert (tmp_path / "g.nt").stat().st_ino == before  # not rewritten
    data = (tmp_path / "g.nt").read_bytes()
    (tmp_path / "g.nt").write_bytes(data.replace(b"urn:p", b"urn:q", 1))
    assert patch_sorted(record, [], [], tmp_path / "g.nt") is None


def test_a_record_of_another_form_reads_as_none() -> None:
    older = {"path": "/x/graph.nt", "lines": 3, "size": 10, "sha256": "0" * 64}
    assert FileRecord.from_json(older) is None
    record = FileRecord("/x/graph.nt", 3, 10, 7, 1, 2)
    assert FileRecord.from_json(record.to_json()) == record
