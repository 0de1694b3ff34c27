"""Which tokens and words are never offered as vocabulary.

Terms:
    grammar token: a particle, auxiliary, symbol or blank, a 助動詞語幹 (よう, そう), a verb used as an
        auxiliary right after て/で (見ている → いる), a function word whose dictionary form is in
        :data:`FUNCTION_LEMMAS` (する ある いる なる こと もの ため …) when written in kana, or the verb
        of a compound particle: に + a verb of :data:`PARTICLE_VERBS` (について "about", によって/による
        "depending on; by", にとって, において, に対して, にわたって, に際して).
    number token: a numeral, or a counter right after a numeral (３か月 → か月, 25万円 → 円).
    junk word: a headword that is empty, a lone kana, has no Japanese letter, or holds a digit; Latin
        letters are accepted only as a whole abbreviation of 2–4 capitals (ＩＴ, ＰＣ, ＯＪＴ), never mixed
        with Japanese (ＩＴ企業 is offered as its parts ＩＴ and 企業).
"""

from __future__ import annotations

import re
from functools import lru_cache

from jpstudy.mining.lexicon import hira, is_kana
from jpstudy.mining.tokenize import Token

SKIP_POS1 = frozenset(("助詞", "助動詞", "補助記号", "記号", "空白"))
FUNCTION_LEMMAS = frozenset((
    "為る", "有る", "在る", "居る", "成る", "事", "物", "為", "御座る", "致す", "下さる", "頂く",
    "戴く", "様", "所", "訳", "筈", "儘", "内", "方", "程", "頃", "位", "等", "達", "仕舞う",
    "置く", "来る", "行く", "貰う", "呉れる", "上げる", "遣る", "見る", "出来る", "言う", "思う",
    "其の", "此の", "彼の", "何", "此れ", "其れ", "彼れ", "何れ", "此処", "其処", "皆", "我", "私",
    "良い", "無い", "迄", "丈", "辺", "度", "毎", "共", "他", "外", "中", "上",
))
FUNCTION_KANA = frozenset((
    "する", "ある", "いる", "なる", "こと", "もの", "ため", "ござる", "いたす", "おる", "くださる",
    "いただく", "よう", "ところ", "わけ", "はず", "まま", "うち", "ほう", "ほど", "ころ", "ぐらい",
    "くらい", "など", "たち", "しまう", "おく", "くる", "いく", "もらう", "くれる", "あげる",
    "やる", "みる", "できる", "いう", "おもう", "その", "この", "あの", "どの", "これ", "それ",
    "あれ", "どれ", "ここ", "そこ", "あそこ", "どこ", "なに", "なん", "いい", "よい", "ない",
    "まで", "だけ", "へん", "たび", "ごと", "とも", "ほか", "なか", "みな", "わたし", "うえ",
))
PARTICLE_VERBS = frozenset(("つく", "よる", "とる", "おく", "たいする", "わたる", "さいする"))
"""Verbs (in hiragana, as unidic reads their dictionary form) that make a compound particle after に."""
_PARTICLE_VERBS_KATAKANA = frozenset("".join(chr(ord(c) + 0x60) for c in v) for v in PARTICLE_VERBS)
NUMERAL_CHARS = frozenset("0123456789０１２３４５６７８９〇一二三四五六七八九十百千万億兆")
_LONE_KANA_MAX = 1
_JAPANESE_CHAR = re.compile("[\u3041-\u30fa\u3400-\u9fff々〆ヶＡ-ｚ]")


def has_japanese(text: str) -> bool:
    """True if ``text`` holds a kana, a kanji or a full-width Latin letter (ＩＴ); ー alone does not count."""
    return _JAPANESE_CHAR.search(text) is not None


def is_grammar(tok: Token, prev: Token | None) -> bool:
    """True if ``tok`` is a grammar token (see the module docstring)."""
    if tok.pos1 in SKIP_POS1 or tok.pos2 == "助動詞語幹":
        return True
    if tok.pos2 == "非自立可能" and prev is not None and prev.pos2 == "接続助詞":
        return True
    if tok.pos1 == "動詞" and prev is not None and prev.surface == "に" and particle_verb(tok, prev):
        return True
    kana_written = all("\u3041" <= c <= "\u30ff" for c in tok.surface)
    if kana_written and (tok.lemma in FUNCTION_LEMMAS or tok.orth_base in FUNCTION_KANA):
        return True
    return tok.pos1 in ("代名詞", "連体詞") and kana_written


def particle_verb(tok: Token, prev: Token | None) -> bool:
    """True if ``tok`` is the verb of a compound particle (see the module docstring): written in kana
    (対する and 際する: any spelling), right after the particle に."""
    if tok.pos1 != "動詞" or prev is None or prev.surface != "に" or prev.pos1 != "助詞":
        return False
    reading = hira(tok.kana_base)
    return reading in PARTICLE_VERBS and (reading in ("たいする", "さいする") or is_kana(tok.surface))


def reads_previous(tok: Token) -> bool:
    """True if :func:`is_grammar` or :func:`is_number` may look at the token before ``tok`` (a verb
    that may be used as an auxiliary or in a compound particle, a counter or a suffix); for other
    tokens both answer alike whatever precedes them."""
    return (tok.pos2 in ("非自立可能", "助数詞") or tok.pos1 == "接尾辞" or tok.pos3.startswith("助数詞")
            or (tok.pos1 == "動詞" and tok.kana_base in _PARTICLE_VERBS_KATAKANA))



def is_number(tok: Token, prev: Token | None) -> bool:
    """True if ``tok`` is a number token: a numeral, or a counter right after a numeral."""
    if tok.pos2 == "数詞" or all(c in NUMERAL_CHARS or c in ",." for c in tok.surface):
        return True
    if prev is None or not (prev.pos2 == "数詞" or prev.surface[-1:] in NUMERAL_CHARS):
        return False
    return tok.pos3.startswith("助数詞") or tok.pos2 == "助数詞" or tok.pos1 == "接尾辞"


@lru_cache(maxsize=65_536)
def is_junk_word(word: str) -> bool:
    """True if ``word`` must never be a candidate (see the module docstring)."""
    if not word or not has_japanese(word):
        return True
    if len(word) <= _LONE_KANA_MAX and "\u3041" <= word <= "\u30ff":
        return True
    if any(c in "0123456789０１２３４５６７８９" for c in word):
        return True
    latin = sum(1 for c in word if "Ａ" <= c <= "ｚ" or c.isascii())
    if latin:
        return not (latin == len(word) and 2 <= latin <= 4 and all("Ａ" <= c <= "Ｚ" for c in word))
    return word in FUNCTION_KANA
