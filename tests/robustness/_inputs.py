"""Bad and awkward documents, written by hand (never taken from the corpus).

Each case knows what a robust build must do with it: skip it with a one-line reason that
matches :attr:`BadDocument.reason`, build it, or either (but never crash).
"""

from __future__ import annotations

import os
import re
import struct
import zlib
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from tests.robustness._support import GOOD_TEXT, OTHER_GOOD_TEXT

__all__ = [
    "CASES",
    "FIFO_CASE",
    "PDF_BYTES",
    "PNG_BYTES",
    "SCRIPT_MARKER",
    "STYLE_MARKER",
    "BadDocument",
    "Outcome",
    "make_bad_corpus",
    "png_bytes",
]


class Outcome(Enum):
    """What a robust build does with a document."""

    SKIP = "skip"  # listed as skipped, one line on stderr naming the file and the problem
    BUILD = "build"  # read and built, its statements in the graph
    EITHER = "either"  # built, or skipped with a one-line reason; never a crash


@dataclass(frozen=True)
class BadDocument:
    """A document case: its file name, the expected outcome and the words of a good reason."""

    name: str
    outcome: Outcome
    reason: str = ""

    def reason_matches(self, text: str) -> bool:
        """True when the skip reason names the problem (case-insensitive regex)."""
        return re.search(self.reason, text, flags=re.IGNORECASE) is not None


def png_bytes() -> bytes:
    """A real 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


PNG_BYTES = png_bytes()
#: A PDF whose compressed stream holds hematology text: only a PDF reader could see it.
PDF_BYTES = (
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"4 0 obj\n<< /Filter /FlateDecode >>\nstream\n"
    + zlib.compress(GOOD_TEXT.encode("ascii") * 20)
    + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
)
SCRIPT_MARKER = "scriptonlymarker"
STYLE_MARKER = "styleonlymarker"

_CP1252_TEXT = (
    "Leuk\u00e6mia page \u2013 \u201cblood\u201d caf\u00e9\n\n"
    "Leukemia is a type of blood cancer that begins in the bone marrow \u2013 the "
    "\u201csoft\u201d tissue inside bones.\n"
)
_MOJIBAKE_TEXT = (
    "Read this page in Espa\u00c3\u00b1ol.\n\n"
    "Leukemia is a type of blood cancer that begins in the bone marrow (m\u00c3\u00a9dula "
    "\u00c3\u00b3sea in Espa\u00c3\u00b1ol).\n"
)
_SCRIPTED_HTML = f"""<!DOCTYPE html>
<html><head><title>Leukemia</title>
<style>.note::after {{
  content: "{STYLE_MARKER} Leukemia is treated with radiation therapy."; }}</style>
<script>var text = "{SCRIPT_MARKER} Lymphoma is treated with chemotherapy.";</script>
</head><body>
<p>Leukemia is a type of blood cancer that begins in the bone marrow.</p>
<script type="text/javascript">
  document.write("{SCRIPT_MARKER} Symptoms of lymphoma include fever.");
</script>
<noscript>{SCRIPT_MARKER} Leukemia is diagnosed with a lumbar puncture.</noscript>
<p>Leukemia is treated with chemotherapy.</p>
</body></html>
"""
_MALFORMED_HTML = (
    "<html><body><div><p>Leukemia is a type of blood cancer that begins in the bone marrow."
    "<table><tr><td>unclosed cell<p>Leukemia is treated with chemotherapy.</span></b></i>"
    "</td></tr></tbody><<<>>> <p <a href='x>broken attribute</a> &bogus; &#xZZ; &#99999999;"
    "<!-- a comment that never ends"
)
_NESTED_DEPTH = 20_000


def _nested_html() -> str:
    return (
        "<html><body>"
        + "<div><span>" * _NESTED_DEPTH
        + "<p>Leukemia is a type of blood cancer that begins in the bone marrow.</p>"
        + "</span></div>" * _NESTED_DEPTH
        + "</body></html>\n"
    )


#: The cases of :func:`make_bad_corpus`; ``missing.txt`` is passed on the command line only.
CASES: tuple[BadDocument, ...] = (
    BadDocument("good.txt", Outcome.BUILD),
    BadDocument("empty.txt", Outcome.SKIP, r"empty|no text|no content"),
    BadDocument("blank.txt", Outcome.SKIP, r"empty|blank|white ?space|no text|no content"),
    BadDocument("report_pdf.txt", Outcome.SKIP, r"binary|pdf|not (a )?text"),
    BadDocument("scan_png.md", Outcome.SKIP, r"binary|png|image|not (a )?text"),
    BadDocument("invalid_utf8.txt", Outcome.EITHER, r"utf-?8|decode|encoding|binary"),
    BadDocument("cp1252.txt", Outcome.BUILD),
    BadDocument("mojibake.txt", Outcome.BUILD),
    BadDocument("nested.html", Outcome.EITHER, r"nest|deep|depth|html"),
    BadDocument("malformed.html", Outcome.EITHER, r"html|malformed|parse"),
    BadDocument("scripted.html", Outcome.BUILD),
    BadDocument(
        "dangling.txt", Outcome.SKIP, r"not found|no such|missing|broken|does not exist|dangling"
    ),
    BadDocument("loop_a.txt", Outcome.SKIP, r"symbolic link|symlink|loop"),
    BadDocument("loop_b.txt", Outcome.SKIP, r"symbolic link|symlink|loop"),
    BadDocument("missing.txt", Outcome.SKIP, r"not found|no such|missing|does not exist"),
)
#: A FIFO: opening it for reading blocks forever, so only subprocess runs (with a timeout) get it.
FIFO_CASE = BadDocument("pipe.txt", Outcome.SKIP, r"regular file|not a file|fifo|pipe|special")


def make_bad_corpus(folder: Path, *, fifo_folder: Path | None = None) -> Path:
    """Write every case of :data:`CASES` (except ``missing.txt``) into ``folder``.

    Also ``sub/page2.txt`` (a good document) next to ``sub/up``, a symlink to ``folder``
    itself: a walk that follows it never ends. With ``fifo_folder``, the FIFO case goes there.
    :returns: ``folder``.
    """
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(GOOD_TEXT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_bytes(b"  \n\t \r\n    \n\n\f\v \n")
    (folder / "report_pdf.txt").write_bytes(PDF_BYTES)
    (folder / "scan_png.md").write_bytes(PNG_BYTES)
    (folder / "invalid_utf8.txt").write_bytes(
        b"Leukemia is a type of blood cancer that begins in the bone marrow.\n"
        b"Bad bytes: \xc3\x28 \xa0\xa1 \xe2\x82 \xf0\x28\x8c\xbc end.\n"
    )
    (folder / "cp1252.txt").write_bytes(_CP1252_TEXT.encode("cp1252"))
    (folder / "mojibake.txt").write_text(_MOJIBAKE_TEXT, encoding="utf-8")
    (folder / "nested.html").write_text(_nested_html(), encoding="utf-8")
    (folder / "malformed.html").write_text(_MALFORMED_HTML, encoding="utf-8")
    (folder / "scripted.html").write_text(_SCRIPTED_HTML, encoding="utf-8")
    os.symlink(folder / "nowhere.txt", folder / "dangling.txt")
    os.symlink("loop_b.txt", folder / "loop_a.txt")
    os.symlink("loop_a.txt", folder / "loop_b.txt")
    sub = folder / "sub"
    sub.mkdir()
    (sub / "page2.txt").write_text(OTHER_GOOD_TEXT, encoding="utf-8")
    os.symlink(folder, sub / "up", target_is_directory=True)
    if fifo_folder is not None:
        fifo_folder.mkdir(parents=True, exist_ok=True)
        os.mkfifo(fifo_folder / FIFO_CASE.name)
    return folder
