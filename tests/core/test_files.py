"""Atomic writes leave the old file intact when writing fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from hemekg.export.files import atomic_open, atomic_write_text


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
