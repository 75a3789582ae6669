"""Bytes → text: explicit encoding handling and newline normalisation.

Notes
-----
Detection order for ``encoding="auto"``: a UTF-8 BOM (utf-8-sig), strict UTF-8, then cp932
(Shift_JIS as Windows writes it), then EUC-JP; a legacy decoding is accepted only when it is
plausible text (at most 1 % private-use, unassigned or control characters). A file that
decodes under none of them, or that contains NUL bytes (binary data), is refused. Newlines
(CRLF, CR) become LF; form feeds (``\\f``, pdftotext's page breaks) are kept for the parser.
An explicit encoding (the manifest's ``encoding`` column) wins over detection.
"""

from __future__ import annotations

import codecs
import unicodedata
from pathlib import Path

from futoko_research.errors import ReportParseError

SUPPORTED_ENCODINGS = ("auto", "utf-8", "utf-8-sig", "cp932", "shift_jis", "euc-jp")
_DETECTION_ORDER = ("utf-8", "cp932", "euc-jp")


def check_encoding_name(name: str) -> str:
    """Return the canonical codec name, or raise ``ValueError`` for an unknown one."""
    if name == "auto":
        return name
    try:
        codec = codecs.lookup(name).name
    except LookupError as exc:
        raise ValueError(f"unknown encoding {name!r}") from exc
    try:
        b"a".decode(codec)
    except LookupError as exc:  # bytes-to-bytes codecs (base64, hex, zlib …)
        raise ValueError(f"{name!r} is not a text encoding") from exc
    except UnicodeError:
        pass
    return codec


def decode_bytes(data: bytes, *, encoding: str = "auto", path: str | Path = "<bytes>") -> tuple[str, str]:
    """Decode report bytes.

    Parameters
    ----------
    data : the raw file contents.
    encoding : ``"auto"`` or a codec name; a named encoding wins over detection.
    path : used in error messages only.

    Returns
    -------
    (text, encoding_used) : the decoded text with LF newlines, and the codec that decoded it.
    """
    if not data.strip():
        raise ReportParseError(path, "file is empty")
    if b"\x00" in data:
        raise ReportParseError(path, "file looks binary (contains NUL bytes), not a text report")
    if encoding != "auto":
        codec = check_encoding_name(encoding)
        try:
            text = data.decode(codec)
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            raise ReportParseError(path, f"cannot decode as {encoding} (byte {exc.start})", line=line) from None
        used = codec
    else:
        if data.startswith(codecs.BOM_UTF8):
            text, used = data[len(codecs.BOM_UTF8):].decode("utf-8", errors="strict"), "utf-8-sig"
        else:
            for codec in _DETECTION_ORDER:
                try:
                    text, used = data.decode(codec), codec
                except UnicodeDecodeError:
                    continue
                if codec == "utf-8" or _plausible(text):
                    break
            else:
                raise ReportParseError(path, "cannot decode as UTF-8, cp932 (Shift_JIS) or EUC-JP; set the manifest's encoding column")
    text = text.lstrip("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _looks_binary(text):
        raise ReportParseError(path, f"decoded text ({used}) is mostly control characters: not a text report")
    return text, used


def _plausible(text: str) -> bool:
    """False when a legacy-codec decoding is full of private-use, unassigned or control characters.

    cp932 maps every byte sequence of some binary files to *something* (0xFD–0xFF become
    private-use characters); a real report has at most a few such characters (gaiji).
    """
    bad = sum(
        1 for ch in text
        if unicodedata.category(ch) in ("Co", "Cn") or (unicodedata.category(ch) == "Cc" and ch not in "\n\r\t\f\v")
    )
    return bad <= max(2, 0.01 * len(text))


def _looks_binary(text: str) -> bool:
    sample = text[:4000]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\t\f\v")
    return controls > 0.05 * len(sample)


def read_text(path: str | Path, *, encoding: str = "auto") -> tuple[str, str]:
    """Read and decode a report file; see :func:`decode_bytes`."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReportParseError(path, "file not found") from None
    except OSError as exc:
        raise ReportParseError(path, f"cannot read file: {exc.strerror}") from None
    return decode_bytes(data, encoding=encoding, path=path)
