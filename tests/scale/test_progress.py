"""The progress bar: drawn for a terminal, silent under --quiet and in pipes."""

from __future__ import annotations

import io
from pathlib import Path

from hemekg.pipeline import DocumentResult
from hemekg.progress import build_progress, should_show


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def _results(n: int) -> list[DocumentResult]:
    return [DocumentResult(path=f"d{i}.txt", error="bad" if i == 0 else None) for i in range(n)]


def test_bar_counts_documents_rate_and_failures() -> None:
    stream = _Terminal()
    with build_progress(3, stream=stream) as on_result:
        for result in _results(3):
            on_result(result)
    text = stream.getvalue()
    assert "3/3" in text and "docs/s" in text and "1 failed" in text


def test_quiet_and_non_terminal_draw_nothing() -> None:
    for stream, quiet in ((_Terminal(), True), (io.StringIO(), False)):
        with build_progress(2, quiet=quiet, stream=stream) as on_result:
            for result in _results(2):
                on_result(result)
        assert stream.getvalue() == ""
    assert should_show(quiet=False, stream=_Terminal())
    assert not should_show(quiet=False, stream=io.StringIO())


def test_open_ended_total_still_counts(tmp_path: Path) -> None:
    stream = _Terminal()
    with build_progress(None, stream=stream, description="reading") as on_result:
        for result in _results(4):
            on_result(result)
    assert "reading" in stream.getvalue() and "4" in stream.getvalue()
