"""A build killed with SIGKILL mid-way leaves the previous outputs intact and valid.

A complete build of a small corpus fills ``out/``; a second build of a larger corpus into
the same folder is killed as soon as it starts writing (a temporary file appears) or as
soon as it has replaced its first output. Every earlier output must still exist, parse
completely, and be either byte-identical to before or byte-identical to a complete build
of the new corpus; the only new files allowed are ``atomic_open``'s hidden ``.NAME.*.tmp``
temporaries, which no reader takes for an output.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.robustness._support import (
    check_output_complete,
    hemekg_script,
    make_large_corpus,
    output_hashes,
    run_script,
    script_env,
)

#: atomic_open's temporaries: a dot, the output's name, a random part, ``.tmp``.
TEMPORARY = re.compile(r"^\..+\.tmp$")
#: copies of the five bundled documents in the corpus that gets killed (a few seconds' build).
LARGE_COPIES = 2
TRIGGER_TIMEOUT_S = 240


@dataclass(frozen=True)
class Corpora:
    """Two corpora and a complete build of each."""

    small: Path
    large: Path
    small_build: Path
    large_reference: dict[str, str]


@pytest.fixture(scope="module")
def corpora(tmp_path_factory: pytest.TempPathFactory) -> Corpora:
    tmp = tmp_path_factory.mktemp("atomic")
    make_large_corpus(tmp / "small", 1)
    make_large_corpus(tmp / "large", LARGE_COPIES)
    for corpus in ("small", "large"):
        done = run_script(
            ["-q", "build", tmp / corpus, "-o", tmp / f"{corpus}-build", "--no-reason"], cwd=tmp
        )
        assert done.returncode in (0, 1), done.stderr
    return Corpora(
        tmp / "small", tmp / "large", tmp / "small-build", output_hashes(tmp / "large-build")
    )


def _snapshot(folder: Path) -> dict[str, int]:
    """File name -> inode: ``os.replace`` gives a replaced output a new inode."""
    return {entry.name: entry.inode() for entry in os.scandir(folder) if entry.is_file()}


def _triggered(trigger: str, before: dict[str, int], now: dict[str, int]) -> bool:
    if trigger == "temporary-file":
        return any(TEMPORARY.match(name) for name in now)
    return any(name in now and now[name] != inode for name, inode in before.items())


@pytest.mark.slow
@pytest.mark.parametrize("trigger", ["temporary-file", "replaced-output"])
def test_sigkill_mid_build_leaves_previous_outputs_intact(
    tmp_path: Path, corpora: Corpora, trigger: str
) -> None:
    out = tmp_path / "out"
    shutil.copytree(corpora.small_build, out)  # the outputs of an earlier complete build
    before = output_hashes(out)
    assert before, "the first build wrote nothing"
    for name in before:
        check_output_complete(out / name)
    inodes = _snapshot(out)

    process = subprocess.Popen(
        [str(hemekg_script()), "-q", "build", str(corpora.large), "-o", str(out), "--no-reason"],
        cwd=tmp_path,
        env=script_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + TRIGGER_TIMEOUT_S
    try:
        while process.poll() is None and time.monotonic() < deadline:
            if _triggered(trigger, inodes, _snapshot(out)):
                process.send_signal(signal.SIGKILL)
                break
            time.sleep(0.001)
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(30)
    assert process.returncode == -signal.SIGKILL, (
        f"the build ended on its own (exit {process.returncode}) before '{trigger}': "
        "make the corpus larger"
    )

    after = sorted(entry.name for entry in os.scandir(out))
    current = output_hashes(out)
    for name, digest in before.items():
        assert name in after, f"{name} disappeared"
        check_output_complete(out / name)
        assert current[name] in (digest, corpora.large_reference.get(name)), (
            f"{name} is neither the previous version nor the complete new one"
        )
    leftovers = set(after) - set(before)
    for name in leftovers:
        assert TEMPORARY.match(name), f"unexpected file after the kill: {name}"
        assert name not in corpora.large_reference, name
    final_inodes = _snapshot(out)
    replaced = {name for name, inode in inodes.items() if final_inodes.get(name) != inode}
    # The kill landed mid-way: something was being written or had been replaced, not all.
    assert leftovers or replaced, "the kill happened before the build wrote anything"
    assert replaced != set(before), "the kill happened after every output was replaced"


def test_a_build_after_a_killed_one_succeeds_and_ignores_leftovers(
    tmp_path: Path, corpora: Corpora
) -> None:
    """A leftover temporary (what SIGKILL leaves) neither breaks nor pollutes the next build."""
    out = tmp_path / "out"
    out.mkdir()
    leftover = out / ".hemekg.ttl.k1ll3d.tmp"
    leftover.write_text("@prefix broken: <", encoding="utf-8")
    done = run_script(["-q", "build", corpora.small, "-o", out, "--no-reason"], cwd=tmp_path)
    assert done.returncode in (0, 1), done.stderr
    names = set(output_hashes(out))
    assert "hemekg.ttl" in names
    for name in names - {leftover.name}:
        assert not TEMPORARY.match(name), f"the build left its own temporary {name}"
        check_output_complete(out / name)
