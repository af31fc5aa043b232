"""Atomic writes leave the old file intact when writing fails; a spare's pages are reused."""

from __future__ import annotations

from pathlib import Path

import pytest

from hemekg.export.files import atomic_open, atomic_open_reusing, atomic_write_text


def test_atomic_write_replaces(tmp_path: Path) -> None:
    target = tmp_path / "sub" / "out.ttl"
    atomic_write_text(target, "old")
    atomic_write_text(target, "new")
    assert target.read_text() == "new"
    assert [p.name for p in target.parent.iterdir()] == ["out.ttl"]


def test_failed_write_keeps_previous_content(tmp_path: Path) -> None:
    target = tmp_path / "out.ttl"
    atomic_write_text(target, "previous")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("half")
        raise RuntimeError("killed")
    assert target.read_text() == "previous"
    assert [p.name for p in tmp_path.iterdir()] == ["out.ttl"]


def _write(target: Path, spare: Path, data: bytes) -> None:
    with atomic_open_reusing(target, spare) as handle:
        handle.write(data)


def test_the_old_file_becomes_the_spare_and_the_next_one_is_written_into_it(
        tmp_path: Path) -> None:
    target, spare = tmp_path / "out" / "graph.nt", tmp_path / "store" / "graph.nt.spare"
    _write(target, spare, b"first, a long version\n")
    assert target.read_bytes() == b"first, a long version\n" and not spare.exists()
    first = target.stat().st_ino
    _write(target, spare, b"second\n")
    assert target.read_bytes() == b"second\n"
    assert spare.stat().st_ino == first and spare.read_bytes() == b"first, a long version\n"
    second = target.stat().st_ino
    _write(target, spare, b"third\n")  # into the first file's pages, cut to its length
    assert target.read_bytes() == b"third\n" and target.stat().st_ino == first
    assert spare.stat().st_ino == second and spare.stat().st_nlink == 1
    assert target.stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.rglob("*")) == [
        "graph.nt", "graph.nt.spare", "out", "store"]


def test_a_spare_another_name_links_to_is_not_written_into(tmp_path: Path) -> None:
    target, spare = tmp_path / "graph.nt", tmp_path / "graph.nt.spare"
    _write(target, spare, b"one\n")
    _write(target, spare, b"two\n")
    kept = tmp_path / "snapshot.nt"
    kept.hardlink_to(spare)  # a user's hard link to what is now the spare
    _write(target, spare, b"three\n")
    assert kept.read_bytes() == b"one\n" and target.read_bytes() == b"three\n"
    assert spare.read_bytes() == b"two\n"


def test_a_failed_write_through_the_spare_keeps_the_file(tmp_path: Path) -> None:
    target, spare = tmp_path / "graph.nt", tmp_path / "graph.nt.spare"
    _write(target, spare, b"one\n")
    _write(target, spare, b"two\n")
    with pytest.raises(RuntimeError), atomic_open_reusing(target, spare) as handle:
        handle.write(b"half")
        raise RuntimeError("killed")
    assert target.read_bytes() == b"two\n"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.nt"]
    _write(target, spare, b"three\n")
    assert target.read_bytes() == b"three\n" and spare.read_bytes() == b"two\n"
