"""Kangxi-radical look-alikes in text copied or extracted from PDFs.

Terms:
    radical look-alike: a character of the Unicode blocks *Kangxi Radicals* (U+2F00–U+2FD5) or *CJK
        Radicals Supplement* (U+2E80–U+2EF3) that a PDF's font maps in place of the ordinary kanji it
        draws: ⽇ (U+2F47) for 日, ⽉ for 月, ⼈ for 人, ⻑ for 長. They look the same but are different
        characters, so no dictionary finds 勤務⽇ or ⽉給. Folding turns each into its kanji, one character
        for one, so offsets into the text do not move.
    punctuation look-alike: what such fonts map the full-width punctuation of Japanese text to: the em
        space U+2003 for the ideographic space 　, the hyphenation point ‧ (U+2027) or bullet operator ∙
        for the middle dot ・. Folded the same way.
"""

from __future__ import annotations

import re
import unicodedata

_SUPPLEMENT = dict(zip("⺟⺠⺼⻄⻆⻑⻘⻝⻣⻤⻨⻩⻫⻭⻯⻲⻳", "母民月西角長青食骨鬼麦黄斉歯竜亀亀", strict=True))
"""CJK Radicals Supplement forms (which NFKC leaves alone, except ⺟ and ⻳) and the kanji each stands
for in Japanese text."""
_PUNCTUATION = {"\u2003": "\u3000", "\u2027": "・", "\u2219": "・"}
_LOOK_ALIKE = re.compile("[\u2e80-\u2ef3\u2f00-\u2fd5\u2003\u2027\u2219]")


def _kanji(match: re.Match[str]) -> str:
    char = match.group()
    if "\u2f00" <= char <= "\u2fd5":
        return unicodedata.normalize("NFKC", char)
    return _SUPPLEMENT.get(char) or _PUNCTUATION.get(char, char)


def fold_radicals(text: str) -> str:
    """``text`` with every radical look-alike turned into its kanji and every punctuation look-alike into
    the Japanese punctuation it stands for (see the module docstring)."""
    return _LOOK_ALIKE.sub(_kanji, text) if _LOOK_ALIKE.search(text) else text
