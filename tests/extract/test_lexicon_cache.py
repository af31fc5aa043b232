"""The lexicon index kept between processes: reused only for the same bytes and code."""

from __future__ import annotations

import os
import pickle
from pathlib import Path

import pytest

from hemekg.extract import lexicon_cache
from hemekg.extract.lexicon import Lexicon
from hemekg.extract.lexicon_cache import cache_dir, cached_index
from hemekg.resources import lexicon_path


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HEMEKG_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _source(tmp_path: Path, text: str = "rows") -> Path:
    path = tmp_path / "index.tsv"
    path.write_text(text, encoding="utf-8")
    return path


def test_built_once_then_loaded(tmp_path: Path, cache: Path) -> None:
    source, calls = _source(tmp_path), []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"built": len(calls)}

    assert cached_index(source, build, dict) == {"built": 1}
    assert cached_index(source, build, dict) == {"built": 1}
    assert len(calls) == 1 and len(list(cache.glob("index-*.pickle"))) == 1


def test_new_bytes_rebuild_and_replace_the_old_file(tmp_path: Path, cache: Path) -> None:
    source = _source(tmp_path, "first")
    assert cached_index(source, lambda: ["first"], list) == ["first"]
    source.write_text("second", encoding="utf-8")
    assert cached_index(source, lambda: ["second"], list) == ["second"]
    assert len(list(cache.glob("index-*.pickle"))) == 1


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps("a str")])
def test_a_damaged_or_foreign_file_is_rebuilt(tmp_path: Path, cache: Path, damage: bytes) -> None:
    source = _source(tmp_path)
    cached_index(source, lambda: {"good": 1}, dict)
    (file,) = cache.glob("index-*.pickle")
    file.write_bytes(damage)
    assert cached_index(source, lambda: {"again": 2}, dict) == {"again": 2}
    assert pickle.loads(file.read_bytes()) == {"again": 2}


def test_an_unwritable_cache_still_builds(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("HEMEKG_CACHE_DIR", str(blocker / "cache"))
    assert cached_index(_source(tmp_path), lambda: {"built": 1}, dict) == {"built": 1}


def test_the_default_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HEMEKG_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "hemekg"


def test_the_lexicon_survives_the_round_trip(tmp_path: Path, cache: Path) -> None:
    built = Lexicon.load()
    loaded = cached_index(lexicon_path(), lambda: built, Lexicon)
    again = cached_index(lexicon_path(), lambda: pytest.fail("rebuilt"), Lexicon)
    assert loaded is built and again is not built
    for name in ("Leukaemias", "bone marrow aspiration", "AML", "fatigue"):
        assert [e.id for e in again.lookup(name)] == [e.id for e in built.lookup(name)]
    assert again.lookup_acronym("AML") == built.lookup_acronym("AML") != ()
    assert "leukemia" in again.index_keys and len(again.index_keys) == len(built.index_keys)
    assert again.is_a("DOID:9119", "DOID:1240")
    assert os.stat(next(cache.glob("lexicon-*.pickle"))).st_size > 1_000_000
    assert lexicon_cache.cache_dir() == cache
