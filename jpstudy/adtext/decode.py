"""Bytes of a job-ad file (or standard input) to its text, whatever the file is: plain text in any of
the encodings Japanese files use, HTML, or PDF.

Terms:
    kind: what the bytes were: ``"text"``, ``"html"`` or ``"pdf"``. The file name's suffix decides
        (.pdf, .html/.htm, anything else is text); without a telling suffix (standard input, "ad") the
        content does: a PDF starts with ``%PDF-``, HTML has markup.
    binary data: bytes of which more than 2 % are control characters other than tab, line breaks and
        form feed (UTF-16 text is recognised by its byte-order mark first). Refused with a message.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from jpstudy.adtext.glyphs import fold_radicals
from jpstudy.adtext.html import html_to_text, looks_like_html

MAX_INPUT_BYTES = 12_000_000
"""Larger files are refused: a job ad is a few kilobytes of text, a PDF of one at most a few megabytes."""
TEXT_ENCODINGS = ("utf-8-sig", "cp932", "euc_jp")
"""Tried in this order on text without a UTF-16 byte-order mark (Shift-JIS as Windows writes it)."""
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


class AdTextError(ValueError):
    """The input cannot be turned into an ad's text; the message says why and what to do."""


@dataclass(frozen=True)
class AdText:
    """The text of an ad and where it came from: ``kind`` (see the module docstring) and the file's
    ``name`` ("-" for standard input)."""

    text: str
    kind: str
    name: str


def looks_binary(data: bytes) -> bool:
    """Whether ``data`` is binary data (see the module docstring)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return False
    controls = len(data) - len(data.translate(None, _CONTROL_BYTES))
    return controls > len(data) * 0.02


def decode_text(data: bytes) -> str:
    """Text bytes decoded: UTF-16 by its byte-order mark, else the first of ``TEXT_ENCODINGS`` that fits,
    else UTF-8 with undecodable bytes replaced."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    for encoding in TEXT_ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", errors="replace")


def kind_of(data: bytes, name: str) -> str:
    """The kind of the bytes ``data`` of the file ``name`` (see the module docstring)."""
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf" or (suffix not in (".txt", *_HTML_SUFFIXES) and data.lstrip()[:5] == b"%PDF-"):
        return "pdf"
    if suffix in _HTML_SUFFIXES:
        return "html"
    return "text"


def text_from_bytes(data: bytes, name: str) -> AdText:
    """The ad in ``data``, the bytes of the file ``name`` ("-" for standard input).

    Raises:
        AdTextError: too large, binary data, or a PDF without readable text (see ``jpstudy.adtext.pdf``).
    """
    shown = "standard input" if name == "-" else Path(name).name
    if len(data) > MAX_INPUT_BYTES:
        raise AdTextError(f"{shown} is larger than {MAX_INPUT_BYTES // 1_000_000} MB; use the file of a single ad")
    kind = kind_of(data, name)
    if kind == "pdf":
        from jpstudy.adtext.pdf import pdf_to_text

        return AdText(pdf_to_text(data, shown), "pdf", name)
    if looks_binary(data):
        raise AdTextError(f"{shown} does not look like text (binary data); jpstudy reads .txt, .html and .pdf ads")
    text = decode_text(data)
    if kind == "html" or (Path(name).suffix.lower() != ".txt" and looks_like_html(text)):
        return AdText(fold_radicals(html_to_text(text)), "html", name)
    return AdText(fold_radicals(text), "text", name)


def read_ad_file(path: Path) -> AdText:
    """The ad in the file at ``path`` (.txt, .html or .pdf).

    Raises:
        AdTextError: the file cannot be read, or its content is no ad's text (the message says why).
    """
    try:
        with path.open("rb") as fh:
            data = fh.read(MAX_INPUT_BYTES + 1)
    except OSError as exc:
        raise AdTextError(f"cannot read {path.name}: {exc.strerror or exc}") from exc
    return text_from_bytes(data, str(path))
