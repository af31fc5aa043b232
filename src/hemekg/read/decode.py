"""Bytes to text: size, emptiness and binary checks, charset detection, mojibake repair.

Order of trust: a BOM; strict UTF-8 (most documents); otherwise charset-normalizer's best
guess (e.g. Windows-1252). Text that was once UTF-8 decoded as Windows-1252 and saved
again ("EspaÃ±ol") is repaired line by line with ftfy, only on lines that show the
typical byte pairs, so clean text is never touched and large files stay fast.

Memory: the raw bytes are read once; a repaired text is re-encoded chunk by chunk into
one buffer and decoded once, so at most the bytes, one buffer and the final string are
alive together.
"""

# ruff: noqa: RUF001  (typographic quotes, dashes and arrows are matched on purpose)

from __future__ import annotations

import codecs
import hashlib
import re
import stat
from dataclasses import dataclass
from pathlib import Path

from hemekg.errors import ReadError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DecodedText",
    "decode_bytes",
    "load_text",
    "read_bytes",
]

#: 64 MiB: far above any patient-facing page, low enough to refuse a mistaken dump.
DEFAULT_MAX_BYTES = 64 * 1024 * 1024

#: magic numbers of formats that are certainly not text documents.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"PK\x03\x04", "ZIP archive (or DOCX/XLSX)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "MS Office document"),
    (b"\x7fELF", "executable"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"ID3", "MP3 audio"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"SQLite format 3\x00", "SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: UTF-8 read as Windows-1252/Latin-1: 'Ã' or 'Â' + a continuation-byte character, or
#: the 'â€' prefix of curly quotes and dashes.
_MOJIBAKE = re.compile("[ÂÃ][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]|â€")
#: the UTF-8 bytes of 'Â', 'Ã' or 'â€': lines worth a closer look.
_MOJIBAKE_BYTES = re.compile(rb"\xc3[\x82\x83]|\xc3\xa2\xe2\x82\xac")
#: control characters that never occur in a text document (tab, LF, FF, CR excluded).
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")
_CHUNK = 1 << 20
_PREFERRED = ("cp1252", "latin_1", "iso8859_15")
#: single-byte code pages that a short Western text is often mistaken for.
_WESTERN = frozenset(
    {
        "cp1250",
        "cp1257",
        "cp775",
        "cp437",
        "cp850",
        "cp852",
        "cp858",
        "iso8859_2",
        "iso8859_13",
        "mac_iceland",
        "mac_latin2",
        "mac_roman",
        "mac_turkish",
        "cp1254",
    }
)


@dataclass(frozen=True, slots=True)
class DecodedText:
    """A decoded document and how it was decoded (kept for ``explain``)."""

    text: str
    sha256: str
    encoding: str
    repaired_lines: int


def read_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """The raw bytes of a regular, readable, non-empty file of at most ``max_bytes``.

    :raises ReadError: missing, a folder, not a regular file, unreadable, empty, too large.
    """
    try:
        info = path.stat()
    except FileNotFoundError:
        if path.is_symlink():
            raise ReadError("broken symbolic link", path) from None
        raise ReadError("no such file", path) from None
    except OSError as error:
        raise ReadError(f"cannot access file: {error.strerror or error}", path) from None
    if stat.S_ISDIR(info.st_mode):
        raise ReadError("is a folder, not a document", path)
    if not stat.S_ISREG(info.st_mode):
        raise ReadError("not a regular file (device, pipe or socket)", path)
    if info.st_size == 0:
        raise ReadError("empty file", path)
    if info.st_size > max_bytes:
        raise ReadError(
            f"file is {info.st_size:,} bytes, larger than the limit of {max_bytes:,} bytes", path
        )
    try:
        with path.open("rb") as stream:
            data = stream.read(max_bytes + 1)
    except PermissionError:
        raise ReadError("permission denied", path) from None
    except OSError as error:
        raise ReadError(f"cannot read file: {error.strerror or error}", path) from None
    if len(data) > max_bytes:
        raise ReadError(f"file is larger than the limit of {max_bytes:,} bytes", path)
    if not data:
        raise ReadError("empty file", path)
    return data


def _sniff_binary(data: bytes) -> str | None:
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    return None


def _detect(data: bytes, path: Path) -> str:
    """The encoding of non-UTF-8 bytes, or a ReadError when no charset fits.

    Short Western texts score alike in several single-byte code pages; among the
    candidates as good as the best, Windows-1252 (the web's legacy default) wins.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data[: 4 * _CHUNK]))
    if not matches:
        raise ReadError("cannot decode: not UTF-8 and no known character set fits", path)
    lowest = min(match.chaos for match in matches)
    close = [str(match.encoding) for match in matches if match.chaos <= lowest + 0.05]
    for preferred in _PREFERRED:
        if preferred in close:
            return preferred
    if close[0] in _WESTERN:
        try:
            data.decode("cp1252")
        except UnicodeDecodeError:
            return close[0]
        return "cp1252"
    return close[0]


def _repair(text: str) -> tuple[str, int]:
    """Fix mojibake on the lines that show it; returns the text and the lines changed."""
    from ftfy import fix_encoding

    if _MOJIBAKE.search(text) is None:
        return text, 0
    buffer = bytearray()
    changed = 0
    pos = 0
    size = len(text)
    while pos < size:
        cut = text.find("\n", min(pos + _CHUNK, size))
        stop = size if cut < 0 else cut + 1
        chunk = text[pos:stop]
        pieces: list[str] = []
        done = 0
        for match in _MOJIBAKE.finditer(chunk):
            if match.start() < done:
                continue
            line_start = chunk.rfind("\n", 0, match.start()) + 1
            line_end = chunk.find("\n", match.end())
            line_end = len(chunk) if line_end < 0 else line_end + 1
            line = chunk[line_start:line_end]
            fixed = fix_encoding(line)
            pieces.append(chunk[done:line_start])
            pieces.append(fixed)
            changed += fixed != line
            done = line_end
        if pieces:
            pieces.append(chunk[done:])
            chunk = "".join(pieces)
        buffer += chunk.encode("utf-8", "surrogatepass")
        pos = stop
    if not changed:
        return text, 0
    del text
    return buffer.decode("utf-8", "surrogatepass"), changed


def decode_bytes(data: bytes, path: Path) -> tuple[str, str]:
    """Decode a document's bytes; returns ``(text, encoding)``.

    :raises ReadError: binary content, undecodable bytes, or control characters.
    """
    kind = _sniff_binary(data)
    if kind is not None:
        raise ReadError(f"binary file ({kind}), not a text document", path)
    encoding = ""
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding = name
            break
    if not encoding and b"\x00" in data:
        raise ReadError("binary file (contains NUL bytes), not a text document", path)
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as error:
            raise ReadError(f"cannot decode as {encoding}: {error.reason}", path) from None
    else:
        try:
            text = data.decode("utf-8")
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = _detect(data, path)
            try:
                text = data.decode(encoding)
            except (UnicodeDecodeError, LookupError):
                raise ReadError(f"cannot decode as {encoding}", path) from None
    sample = text[: 4 * _CHUNK]
    controls = len(_CONTROL.findall(sample))
    if controls > max(8, len(sample) // 200):
        raise ReadError("binary file (control characters), not a text document", path)
    return text, encoding


def _repair_utf8(data: bytes) -> tuple[bytes, int]:
    """Mojibake repair on UTF-8 bytes: only candidate lines are decoded and fixed, and
    the result is joined from zero-copy slices of ``data``."""
    from ftfy import fix_encoding

    view = memoryview(data)
    pieces: list[bytes | memoryview] = []
    done = 0
    changed = 0
    for match in _MOJIBAKE_BYTES.finditer(data):
        if match.start() < done:
            continue
        line_start = data.rfind(b"\n", 0, match.start()) + 1
        line_end = data.find(b"\n", match.end())
        line_end = len(data) if line_end < 0 else line_end + 1
        line = data[line_start:line_end].decode("utf-8")
        done_line = line_end
        if _MOJIBAKE.search(line) is not None:
            fixed = fix_encoding(line)
            if fixed != line:
                pieces.append(view[done:line_start])
                pieces.append(fixed.encode("utf-8"))
                changed += 1
                done = done_line
                continue
    if not changed:
        return data, 0
    pieces.append(view[done:])
    return b"".join(pieces), changed


def load_text(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> DecodedText:
    """Read, check, decode and repair one document.

    Peak memory is about the raw bytes plus one decoded string (plus one more copy of the
    bytes when mojibake has to be repaired).

    :raises ReadError: for every reason a file is not a readable text document.
    """
    data = read_bytes(path, max_bytes)
    digest = hashlib.sha256(data).hexdigest()
    text, encoding = decode_bytes(data, path)
    repaired = 0
    if encoding in ("utf-8", "utf-8-sig"):
        if _MOJIBAKE.search(text) is not None:
            del text  # decode again from the repaired bytes instead of copying the text
            data, repaired = _repair_utf8(data)
            text = data.decode(encoding)
        del data
    else:
        del data
        text, repaired = _repair(text)
    if not text or text.isspace():
        raise ReadError("contains only white space", path)
    return DecodedText(text=text, sha256=digest, encoding=encoding, repaired_lines=repaired)
