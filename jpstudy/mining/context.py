"""What the tokens around a token say about it: the cues for choosing its sense, and whether it is a
piece of something that is not vocabulary (a place name, a longer Latin-letter word).

Terms:
    number token: a numeral (３, 二十, ２５万) or a token inside a masked span (a price, a time, a date).
    place suffix: 都 道 府 県 市 区 町 村 郡 right after a place name (江東区, 東陽町, 大阪市北区): a
        part of the name, not the word 区 "ward" or 町 "town".
    weekday in a list: one of 月火水木金土日 next to another of them, alone or across ・ 、 ～ (日・月,
        月～金, 火・木): an abbreviated day of the week (げつ "Monday", not つき "moon"; 金 "Friday", not
        the name Kim).
    suffix position: a noun that may be a counter (日, 名, 部 …) right after another noun, no number
        before it (勤務日, 事業所名): it works as a suffix there.
    Latin piece: a token of Latin letters touching another token of Latin letters or digits (ＬＰ and
        ＩＣ of ＬＰＩＣ): a piece of a longer word the tokenizer does not know.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jpstudy.mining.filters import NUMERAL_CHARS
from jpstudy.mining.senses import Cue
from jpstudy.mining.tokenize import Token

PLACE_SUFFIXES = frozenset("都道府県市区町村郡")
WEEKDAYS = {"月": "ゲツ", "火": "カ", "水": "スイ", "木": "モク", "金": "キン", "土": "ド", "日": "ニチ"}
"""Each day of the week abbreviated to one kanji, with its reading in that use."""
_LIST_MARKS = frozenset(("・", "、", "～", "~", "-", "〜", "－"))
_LINKS = frozenset(("の", "から", "まで", "～", "~"))
"""Between a number and the word it qualifies (９:００～２２:００の間, 月曜から金曜まで)."""
_SUFFIX_POS = ("接尾辞",)
VERBAL_POS = ("動詞", "形容詞")
"""Verbs and adjectives take no cue from the context: their senses keep the dictionary's order
(after misc codes and the register)."""
_NUMERIC = re.compile("[" + "".join(sorted(NUMERAL_CHARS)) + ",.]+")


def is_number_token(tokens: Sequence[Token], masked: Sequence[bool], i: int) -> bool:
    """True if token ``i`` exists and is a number token (see the module docstring)."""
    if not 0 <= i < len(tokens):
        return False
    tok = tokens[i]
    return masked[i] or tok.pos2 == "数詞" or (tok.surface[:1] in NUMERAL_CHARS and _NUMERIC.fullmatch(tok.surface)
                                                is not None)


def cue_at(tokens: Sequence[Token], masked: Sequence[bool], i: int) -> int:
    """The sense cues of token ``i`` (see :class:`jpstudy.mining.senses.Cue`); none for a verb or an
    adjective."""
    tok = tokens[i]
    if tok.pos1 in VERBAL_POS:
        return Cue.NONE
    cue = Cue.NONE
    before = i - 1
    if before >= 0 and tokens[before].surface in _LINKS:
        before -= 1
    near = is_number_token(tokens, masked, i + 1) or is_number_token(tokens, masked, before)
    if not near and before >= 1 and tokens[before].pos3.startswith("助数詞"):
        near = is_number_token(tokens, masked, before - 1)  # ３か月分: after a number and its counter
    if near:
        cue |= Cue.NUMBER
    if tok.surface == "方" and i and modified_as_person(tokens[i - 1]):
        cue |= Cue.PERSON
    if tok.pos1 in _SUFFIX_POS or (not near and i and tok.pos3.startswith("助数詞") and tokens[i - 1].pos1 == "名詞"
                                   and tokens[i - 1].end == tok.start and not masked[i - 1]):
        cue |= Cue.SUFFIX
    if i and tokens[i - 1].cform.startswith("連体形") and tokens[i - 1].pos1 in ("動詞", "形容詞", "助動詞"):
        cue |= Cue.CLAUSE
    return cue


def weekday_in_list(tokens: Sequence[Token], i: int) -> bool:
    """True if token ``i`` is a weekday in a list (see the module docstring)."""
    if tokens[i].surface not in WEEKDAYS:
        return False
    for step in (-1, 1):
        k = i + step
        if 0 <= k < len(tokens) and tokens[k].surface in _LIST_MARKS:
            k += step
        if 0 <= k < len(tokens) and tokens[k].surface in WEEKDAYS:
            return True
    return False


def modified_as_person(prev: Token | None) -> bool:
    """True when 方 follows の or a verb, adjective or auxiliary in 連体形 ("経験のある方", "日本語の
    方"): it then means "person" (かた), though unidic often reads it ホウ ("direction; side")."""
    if prev is None:
        return False
    return prev.surface == "の" or prev.cform.startswith("連体形")


def is_place_suffix(tokens: Sequence[Token], i: int) -> bool:
    """True if token ``i`` is a place suffix (see the module docstring)."""
    tok = tokens[i]
    if tok.surface not in PLACE_SUFFIXES or i == 0:
        return False
    prev = tokens[i - 1]
    return prev.end == tok.start and is_place_name(prev)


def is_place_name(tok: Token) -> bool:
    """True if the tokenizer takes ``tok`` as a place name (大阪, 江東, 東陽)."""
    return tok.pos2 == "固有名詞" and tok.pos3 == "地名"


def is_latin_piece(tokens: Sequence[Token], i: int) -> bool:
    """True if token ``i`` is a Latin piece (see the module docstring)."""
    tok = tokens[i]
    if not _has_latin(tok.surface):
        return False
    prev = tokens[i - 1] if i else None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    return bool((prev is not None and prev.end == tok.start and _latin_or_digit(prev.surface[-1]))
                or (nxt is not None and nxt.start == tok.end and _latin_or_digit(nxt.surface[0])))


def _has_latin(text: str) -> bool:
    return any("Ａ" <= c <= "ｚ" for c in text)


def _latin_or_digit(c: str) -> bool:
    return "Ａ" <= c <= "ｚ" or "０" <= c <= "９"
