"""Headless Chromium for the HTML view: render its DOM after JavaScript ran, or a PNG.

Used by the browser test of ``graph.html`` and to take ``docs/img/graph.png``. Chromium
is launched directly (no WebDriver), fully offline: every background service that could
open a connection is switched off, and a throw-away profile folder is used.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from hemekg.errors import ExportError
from hemekg.export.files import atomic_write_bytes

__all__ = ["CHROMIUM_NAMES", "chromium_args", "dump_dom", "find_chromium", "screenshot"]

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "chrome")
_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--mute-audio", "--hide-scrollbars",
)


def find_chromium() -> str | None:
    """The path of a Chromium/Chrome binary on ``PATH``, or ``None``."""
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def chromium_args(profile: Path, budget_ms: int = 10_000) -> list[str]:
    """Command-line flags for an offline headless run with a virtual-time budget for scripts."""
    return [*_FLAGS, f"--user-data-dir={profile}", f"--virtual-time-budget={budget_ms}"]


def _run(extra: list[str], page: Path, timeout: float) -> str:
    binary = find_chromium()
    if binary is None:
        raise ExportError("Chromium is not installed (run scripts/setup.sh)")
    with tempfile.TemporaryDirectory(prefix="hemekg-chromium-") as profile:
        command = [binary, *chromium_args(Path(profile)), *extra, page.resolve().as_uri()]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout,
                                  check=False)
        except subprocess.TimeoutExpired as error:
            raise ExportError(f"Chromium did not finish in {timeout:g} s", page) from error
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise ExportError(f"Chromium failed ({done.returncode}): {last}", page)
    return done.stdout


def dump_dom(page: Path, timeout: float = 60.0) -> str:
    """The serialised DOM of ``page`` after its scripts ran (``--dump-dom``)."""
    return _run(["--dump-dom"], page, timeout)


def screenshot(page: Path, png: Path, width: int = 1200, height: int = 800,
               timeout: float = 60.0) -> Path:
    """Save a PNG screenshot of ``page`` rendered at ``width`` x ``height``; return ``png``."""
    with tempfile.TemporaryDirectory(prefix="hemekg-shot-") as folder:
        shot = Path(folder) / "shot.png"
        _run([f"--window-size={width},{height}", f"--screenshot={shot}"], page, timeout)
        if not shot.exists() or shot.stat().st_size == 0:
            raise ExportError("Chromium wrote no screenshot", png)
        return atomic_write_bytes(Path(png), shot.read_bytes())
