"""Turn pasted job-ad text into clean text for tokenising, and find spans that are never vocabulary.

Terms:
    normalised text: the text the miner works on and reports offsets into. It is the input with HTML
        markup turned into plain text, NFKC applied (full-width ASCII becomes ASCII, half-width katakana
        becomes full width, Kangxi-radical look-alikes such as ⼿ ⽉ become the ordinary kanji 手 月),
        control characters removed, and stray ASCII spaces (one or two) between two Japanese
        characters dropped (PDF copies often hold "勤 務 地"; an ideographic space 　 is a deliberate
        separator and stays). An enclosed number, which NFKC would make bare digits that run into the
        digits after it (①8:00 → 18:00), becomes a parenthesised list marker first: ①8:00 → (1)8:00.
    folded text: the normalised text with ASCII letters and digits turned full width, one character for
        one character, so offsets stay the same. JMdict and unidic know ＩＴ and ＰＣ, not IT and PC.
    masked span: a stretch of the normalised text that is a URL, an e-mail address, a phone number,
        a price, a time or a date. No candidate is ever taken from it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from typing import NamedTuple

MAX_CHARS = 1_000_000
"""Longer input is cut to this many characters (a job ad is a few thousand; the miner says so)."""

_JP = (r"\u3041-\u309F\u30A0-\u30FF\u3400-\u4DBF\u4E00-\u9FFF\u3005\u3006\u30F6\uFF66-\uFF9F"
       r"\u2E80-\u2FDF\uF900-\uFAFF")  # with radicals and compatibility ideographs (before NFKC)
_STRAY_SPACE = re.compile(rf"(?<=[{_JP}])[ \t]{{1,2}}(?=[{_JP}])")
_CONTROL = re.compile(r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F\uFFFE\uFFFF\uFFFD\u200B-\u200D\u2060\uFEFF]")
_LOOKS_HTML = re.compile(r"<\s*/?\s*(?:html|body|div|p|br|span|td|tr|li|ul|table|h[1-6]|a|b|strong)\b", re.I)
_HTML_DROP = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>|<!--.*?-->", re.I | re.S)
_HTML_BLOCK = re.compile(r"<\s*(?:br|/p|/div|/li|/tr|/h[1-6]|/table|p|div|li|tr|h[1-6])\b[^>]*>", re.I)
_HTML_TAG = re.compile(r"<[^<>]{0,2000}>")
_NEWLINES = re.compile(r"\r\n?")
_ENCLOSED_NUMBERS = {
    c: f"({unicodedata.normalize('NFKC', chr(c)).rstrip('.')})"
    for c in (*range(0x2460, 0x24A0), 0x24EA, *range(0x3251, 0x3260), *range(0x32B1, 0x32C0))
    if unicodedata.normalize("NFKC", chr(c)).rstrip(".").isdigit()
}
"""Circled numbers ① ⑳ ㊿ ⓪ and numbers with a full stop ⒈ ⒛ → "(1)" like ⑴ (see the module docstring)."""
_ASCII_ALNUM_TO_WIDE = {c: c + 0xFEE0 for c in range(0x21, 0x7F) if chr(c).isalnum()}

_MAYBE_MASKED = re.compile(r"[0-9@.:/¥￥$]")
"""Every masked span holds one of these (a quick test before the patterns run)."""
_NUM = r"\d[\d,]*(?:\.\d+)?"
_MASKS: tuple[tuple[str, re.Pattern[str]], ...] = (
    # Every repeat is bounded, so a long run of letters cannot make these patterns quadratic.
    ("email", re.compile(r"(?<![A-Za-z0-9._+\-])[A-Za-z0-9._+\-]{1,64}@"
                         r"[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){1,8}")),
    ("url", re.compile(r"(?:https?://|www\.)[^\s\u3000-\u30FF\u4E00-\u9FFF（）「」]{1,2000}|"
                       r"\b[A-Za-z0-9\-]{1,63}(?:\.[A-Za-z0-9\-]{1,63}){0,8}\.(?:com|net|org|jp|co|io|info|biz)\b"
                       r"(?:/[\w\-./?%&=#]{0,2000})?")),
    ("phone", re.compile(r"(?:\+81[\s\-]?|\(?0\d{1,4}\)?[\s\-‐－]?)\d{1,4}[\-‐－]\d{3,4}|\b0[5-9]0\d{8}\b")),
    ("price", re.compile(rf"[¥￥$]\s?{_NUM}(?:万|千|億)?円?|{_NUM}\s?(?:億|万|千)?(?:{_NUM})?円")),
    ("time", re.compile(r"\d{1,2}\s?[:：]\s?\d{2}|\d{1,2}時(?:\d{1,2}分)?|\d{1,3}分")),
    ("date", re.compile(r"\d{2,4}\s?[/年.\-]\s?\d{1,2}(?:\s?[/月.\-]\s?\d{1,2}日?)?|\d{1,2}月\d{1,2}日|"
                        r"\d{1,2}/\d{1,2}\b|(?:令和|平成|昭和)\d{1,2}年")),
)


class Masked(NamedTuple):
    """A stretch [start, end) of the normalised text that is never vocabulary; kind names what it is."""

    start: int
    end: int
    kind: str


def strip_html(text: str) -> str:
    """Plain text from HTML: scripts, styles and comments dropped, block tags become line breaks,
    other tags removed, entities such as ``&amp;`` decoded. Text that does not look like HTML is
    returned unchanged, so a literal ``<`` in an ad survives."""
    if not _LOOKS_HTML.search(text):
        return text
    text = _HTML_DROP.sub(" ", text)
    text = _HTML_BLOCK.sub("\n", text)
    text = _HTML_TAG.sub("", text)
    return html.unescape(text)


def normalise(text: str) -> str:
    """The normalised text (see the module docstring) of pasted input."""
    text = text[:MAX_CHARS]
    text = _NEWLINES.sub("\n", text)
    text = strip_html(text)
    text = _STRAY_SPACE.sub("", text)  # before NFKC, which turns the deliberate 　 into a space
    text = "\n".join(line if unicodedata.is_normalized("NFKC", line)
                     else unicodedata.normalize("NFKC", line.translate(_ENCLOSED_NUMBERS))
                     for line in text.split("\n"))  # NFKC never joins across a line break; most lines need none
    return _CONTROL.sub("", text)


def fold_width(text: str) -> str:
    """ASCII letters and digits made full width (IT → ＩＴ), one character each, offsets unchanged."""
    return text.translate(_ASCII_ALNUM_TO_WIDE)


def masked_spans(text: str) -> list[Masked]:
    """The masked spans of normalised text, sorted by start, overlapping ones merged (the merged
    span keeps the kind of the longest span starting first)."""
    found: list[Masked] = []
    if not _MAYBE_MASKED.search(text):
        return found
    for kind, pattern in _MASKS:
        found.extend(Masked(m.start(), m.end(), kind) for m in pattern.finditer(text) if m.end() > m.start())
    found.sort(key=lambda m: (m.start, -m.end))
    merged: list[Masked] = []
    for span in found:
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            merged[-1] = Masked(last.start, max(last.end, span.end), last.kind)
        else:
            merged.append(span)
    return merged
