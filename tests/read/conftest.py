"""Fixtures and the offset check shared by the read tests."""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

import pytest

from hemekg.model import Document

DOCS = Path(__file__).resolve().parents[1] / "data" / "docs"
CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def assert_offsets(document: Document) -> None:
    """``doc.source[s.start:s.end]`` contains each sentence: it starts and ends on the
    sentence's first and last characters, and every visible character of the sentence
    occurs in it in order (markup and entities may sit in between)."""
    source = document.source
    for sentence in document.sentences:
        assert 0 <= sentence.start < sentence.end <= len(source), sentence
        assert sentence.text, sentence
        assert sentence.text == " ".join(sentence.text.split()), sentence
        chunk = source[sentence.start : sentence.end]
        is_html = document.media_type == "text/html"
        visible = html.unescape(chunk) if is_html else chunk
        assert visible[0] == sentence.text[0] or (is_html and chunk[0] == "&"), (chunk, sentence)
        assert visible[-1] == sentence.text[-1] or (is_html and chunk[-1] == ";"), (chunk, sentence)
        remaining = iter(visible)
        missing = [ch for ch in sentence.text if not ch.isspace() and ch not in remaining]
        assert not missing, (missing, chunk, sentence.text)


@pytest.fixture
def write(tmp_path: Path) -> Callable[..., Path]:
    """Write text (or bytes) to a file in tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write
