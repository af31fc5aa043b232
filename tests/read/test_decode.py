"""Bad inputs raise one-line ReadErrors naming the file; odd encodings are decoded."""

# ruff: noqa: E501  (literal test documents read better unwrapped)

from __future__ import annotations

import os
from pathlib import Path

import pytest

from hemekg.errors import ReadError
from hemekg.read import read_document
from hemekg.read.decode import decode_bytes

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\r\n   \n", "only white space"),
        ("blank.md", "\u00a0\u2003\n".encode(), "only white space"),
        ("paper.pdf", PDF, "PDF"),
        ("paper.txt", PDF, "PDF"),
        ("logo.png", PNG, "PNG"),
        ("archive.html", b"PK\x03\x04\x14\x00\x00\x00\x08\x00", "ZIP"),
        ("nul.txt", b"Leukemia\x00is\x00a\x00cancer" * 10, "NUL"),
        ("noise.txt", bytes(range(128, 256)) * 20, "cannot decode"),
        ("controls.txt", b"abc\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11" * 40, "control"),
    ],
)
def test_bad_content_raises(write, name: str, content: bytes, message: str) -> None:
    path = write(name, content)
    with pytest.raises(ReadError) as caught:
        read_document(path)
    assert message in str(caught.value)
    assert str(caught.value).startswith(str(path))
    assert "\n" not in str(caught.value)


def test_missing_path_raises(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="no such file"):
        read_document(tmp_path / "missing.txt")


def test_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match="folder"):
        read_document(tmp_path)


def test_broken_symlink_raises(tmp_path: Path) -> None:
    link = tmp_path / "gone.txt"
    link.symlink_to(tmp_path / "nothing-here.txt")
    with pytest.raises(ReadError, match="broken symbolic link"):
        read_document(link)


def test_fifo_raises(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match="not a regular file"):
        read_document(fifo)


def test_unreadable_file_raises(write, tmp_path: Path) -> None:
    """chmod 000 blocks reading unless we run as root; then an unreadable FIFO stands in."""
    path = write("secret.txt", "Leukemia is a cancer of the blood.")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):  # root: permissions do not block reading
            fifo = tmp_path / "unreadable.txt"
            os.mkfifo(fifo)
            with pytest.raises(ReadError, match="not a regular file"):
                read_document(fifo)
        else:
            with pytest.raises(ReadError, match="permission denied"):
                read_document(path)
    finally:
        path.chmod(0o644)


def test_too_large_raises(write) -> None:
    path = write("big.txt", "Leukemia is a cancer. " * 100)
    with pytest.raises(ReadError, match="larger than the limit"):
        read_document(path, max_bytes=1000)


def test_windows_1252_is_detected(write) -> None:
    text = "Leukemia is a cancer \u2013 it\u2019s the most common \u201cblood cancer\u201d in children. Caf\u00e9."
    path = write("legacy.txt", text.encode("cp1252"))
    document = read_document(path)
    assert document.source == text
    assert document.sentences[0].text.startswith("Leukemia is a cancer \u2013 it\u2019s")


def test_utf8_bom_is_removed(write) -> None:
    path = write("bom.txt", b"\xef\xbb\xbfAnemia is common.")
    document = read_document(path)
    assert document.source == "Anemia is common."
    assert [s.text for s in document.sentences] == ["Anemia is common."]


def test_utf16_with_bom_is_read(write) -> None:
    path = write("wide.txt", "Anemia is common in women.".encode("utf-16"))
    assert read_document(path).sentences[0].text == "Anemia is common in women."


def test_mojibake_is_repaired(write) -> None:
    broken = "Espa\u00c3\u00b1ol\n\nThe caf\u00c3\u00a9 sells na\u00c3\u00afve \u00e2\u20ac\u0153tea\u00e2\u20ac\u009d.\n"
    document = read_document(write("moji.txt", broken))
    assert "Espa\u00f1ol" in document.source
    assert "caf\u00e9 sells na\u00efve \u201ctea\u201d." in document.source
    assert "\u00c3" not in document.source
    assert document.sentences[-1].text == "The caf\u00e9 sells na\u00efve \u201ctea\u201d."


def test_clean_text_is_not_touched() -> None:
    text = "Clean text with \u00e9 and \u2013 dashes.\n"
    assert decode_bytes(text.encode(), Path("x.txt")) == (text, "utf-8")


def test_sha256_is_of_the_raw_bytes(write) -> None:
    import hashlib

    raw = b"\xef\xbb\xbfAnemia is common."
    document = read_document(write("hash.txt", raw))
    assert document.sha256 == hashlib.sha256(raw).hexdigest()
