"""Small text helpers for dictionary keys.

Terms:
    hiragana / katakana conversion: shifts the letters ぁ–ゖ ⇄ ァ–ヶ; other characters (ー, kanji) stay.
    full-width fold: ASCII letters and digits become their full-width forms (IT → ＩＴ), because JMdict
        writes Latin letters and digits in full width.
"""

from __future__ import annotations

import unicodedata

_KATA_TO_HIRA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}
_HIRA_TO_KATA = {code: code + 0x60 for code in range(ord("ぁ"), ord("ゖ") + 1)}
_ASCII_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_FULL_WIDTH = {ord(ch): ord(ch) + 0xFEE0 for ch in _ASCII_ALNUM}


def to_hiragana(text: str) -> str:
    """``text`` with katakana letters turned into hiragana (トウキョウ → とうきょう)."""
    return text.translate(_KATA_TO_HIRA)


def to_katakana(text: str) -> str:
    """``text`` with hiragana letters turned into katakana."""
    return text.translate(_HIRA_TO_KATA)


def fold_full_width(text: str) -> str:
    """ASCII letters and digits in ``text`` turned full width (PC → ＰＣ); everything else kept."""
    return text.translate(_FULL_WIDTH)


def has_ascii_alnum(text: str) -> bool:
    return any(ch in _ASCII_ALNUM for ch in text)


def is_kana(text: str) -> bool:
    """True when ``text`` is non-empty and only hiragana, katakana and ー."""
    return bool(text) and all("\u3041" <= ch <= "\u30ff" for ch in text)


def is_kanji(ch: str) -> bool:
    """True for a CJK ideograph (including 々 and 〆, which JMdict forms use like kanji)."""
    return ch in "々〆" or unicodedata.name(ch, "").startswith("CJK")


def frequency_key(text: str) -> str:
    """The key wordfreq's list uses: NFKC-normalised, lower case (ＰＣ → pc)."""
    return unicodedata.normalize("NFKC", text).lower()
