"""Splitting a kana reading into morae, the timing units Japanese pitch accent counts.

Terms:
    mora: one beat of a kana reading: a kana letter with the small ゃゅょぁぃぅぇぉゎ that follows it
        (きょ, ファ), or ん, っ or ー on their own: きょうと has three morae (きょ う と), がっこう
        four (が っ こ う).
    special mora: a mora that cannot carry an accent kernel: ん, っ, ー, and the second half of a
        long vowel or diphthong (the う of こう or ゆう, the い of えい, あい, おい, うい). When a rule
        puts the kernel on one, it moves to the mora before (ひこう+き → ひこ\\うき).
"""

from __future__ import annotations

from jpstudy.dictionary.kana import to_hiragana

_SMALL = frozenset("ゃゅょぁぃぅぇぉゎャュョァィゥェォヮ")
_ALWAYS_SPECIAL = frozenset("んっー")
_VOWEL_ROWS = {
    "a": "あかさたなはまやらわがざだばぱぁゃゎ",
    "i": "いきしちにひみりぎじぢびぴぃ",
    "u": "うくすつぬふむゆるぐずづぶぷぅゅゔ",
    "e": "えけせてねへめれげぜでべぺぇ",
    "o": "おこそとのほもよろをごぞどぼぽぉょ",
}
_VOWEL = {kana: vowel for vowel, row in _VOWEL_ROWS.items() for kana in row}
_SECOND_HALF = {"う": frozenset("ou"), "い": frozenset("eaou")}


def split_morae(reading: str) -> list[str]:
    """The morae of a kana reading (hiragana or katakana); other characters count as one mora each.

    Example: ``split_morae("きょうと")`` is ``["きょ", "う", "と"]``.
    """
    morae: list[str] = []
    for ch in reading:
        if ch in _SMALL and morae:
            morae[-1] += ch
        else:
            morae.append(ch)
    return morae


def vowel_of(mora: str) -> str | None:
    """The vowel a mora ends in ("a" … "o"), or None for ん, っ, ー and non-kana."""
    return _VOWEL.get(to_hiragana(mora[-1])) if mora else None


def is_special(morae: list[str], index: int) -> bool:
    """Whether ``morae[index]`` (0-based) is a special mora (see the module docstring)."""
    mora = to_hiragana(morae[index])
    if mora in _ALWAYS_SPECIAL:
        return True
    if index == 0 or mora not in _SECOND_HALF:
        return False
    return vowel_of(morae[index - 1]) in _SECOND_HALF[mora]
