"""Group adjacent tokens into words: glossary terms and dictionary compounds by greedy longest match
(dictionary spec §3), then runs of nouns into composed job-domain compounds.

Terms:
    unit: one or more adjacent tokens taken as one word: a glossary term (社会保険完備), a dictionary
        compound (勤務地 = 勤務+地, 日本語能力試験 = 4 tokens) or a single token.
    joinable token: a token that may sit inside a multi-token unit: a content word (noun, prefix, suffix,
        na-adjective stem, verb, adjective, adverb, adnominal, pronoun), kanji numerals only, never a
        particle, auxiliary, symbol or masked token. A verb or adjective may sit before the last token
        only in its 連用形 (立ち仕事). A unit never ends with a prefix, and starts with a suffix only when
        it is at least three characters long (海外+子+会社 → 海外 | 子会社).
    noun run: adjacent units that are each a dictionary noun (or glossary term), optionally followed by
        a suffix (発注+者). A whole run of two to :data:`MAX_COMPOSED_GROUPS` groups becomes one composed
        compound (資格+手当 → 資格手当, 人材+マッチング+サービス → 人材マッチングサービス), offered only on
        request: the parts are the words of that span. Its sub-runs are not composed again
        (人材マッチング, マッチングサービス would list one span three times).
    katakana run: two or more touching units written in katakana only (オン+コール, ピボット+テーブル)
        that are not one dictionary or glossary unit: a loanword the dictionary lacks, taken as one
        word; its pieces are fragments, never offered.
    idiom: a noun (not a function noun written in kana: こと, もの), the particle を, に or が and a
        verb that JMdict lists together as one expression (経験を積む "to gain experience", 身につける
        "to acquire", 気をつける): one unit, though the particle joins no other unit.
    counter start: a counter right after a number (３食付き: 食) starts no multi-token unit (it would
        merge across the word boundary: 食+付き → 食い付き "a bite").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import NamedTuple

from jpstudy.mining.filters import FUNCTION_KANA
from jpstudy.mining.tokenize import Token

MAX_DICT_SPAN = 5
MAX_COMPOSED_GROUPS = 4
MAX_GLOSSARY_SPAN = 8
MIN_SUFFIX_START = 3
"""A unit may start with a suffix token only when it is this long (子+会社 → 子会社, never 者+数)."""
KANJI_NUMERALS = frozenset("〇一二三四五六七八九十百千万億両")
WIDE_DIGITS = frozenset("０１２３４５６７８９")
JOINABLE_POS = frozenset(("名詞", "接頭辞", "接尾辞", "形状詞", "動詞", "形容詞", "副詞", "連体詞", "代名詞"))
NOUNISH_POS = frozenset(("名詞", "接頭辞", "接尾辞"))


class FormIndex:
    """A set of strings that also answers "does any string start with this prefix?" quickly.

    The strings are held in a dict (as keys) and a sorted tuple, containers that Python's garbage
    collector stops scanning once it has seen they hold only strings; a frozenset or list of the
    dictionary's ~400,000 forms would be scanned again by every full collection (~30 ms each)."""

    def __init__(self, forms: Iterable[str]) -> None:
        listed = [f for f in forms if f]
        self._set = dict.fromkeys(listed)
        in_order = len(listed) == len(self._set) and all(a < b for a, b in pairwise(listed))
        self._sorted = tuple(listed if in_order else sorted(self._set))
        self._prefixes: dict[str, bool] = {}

    def __contains__(self, text: str) -> bool:
        return text in self._set

    def has_prefix(self, prefix: str) -> bool:
        """True if some string of the index starts with ``prefix`` (answers are remembered)."""
        known = self._prefixes.get(prefix)
        if known is None:
            i = bisect_left(self._sorted, prefix)
            known = i < len(self._sorted) and self._sorted[i].startswith(prefix)
            if len(self._prefixes) > 500_000:
                self._prefixes.clear()
            self._prefixes[prefix] = known
        return known

    def __len__(self) -> int:
        return len(self._set)


class Unit(NamedTuple):
    """Tokens [first, last) of the token list taken as one word; ``kind`` is glossary|compound|token;
    ``key`` is the form that matched (surfaces joined, the last one possibly in its dictionary form).
    (A NamedTuple: one is made for every token.)"""

    first: int
    last: int
    kind: str
    key: str


def joinable(tok: Token, masked: bool, digits: bool = False) -> bool:
    """True if the token may be part of a multi-token unit (see the module docstring); ``digits``
    also lets numerals written with digits join (glossary spellings such as 週休2日制)."""
    if masked or tok.pos1 not in JOINABLE_POS:
        return False
    if tok.pos2 == "数詞":
        return all(c in KANJI_NUMERALS or (digits and c in WIDE_DIGITS) for c in tok.surface)
    return not tok.unknown or not tok.surface.isascii()


def longest(tokens: Sequence[Token], masked: Sequence[bool], i: int, index: FormIndex,
             limit: int, digits: bool = False) -> tuple[int, str]:
    """(end, key) of the longest multi-token span from ``i`` whose key is in ``index``; (i, "") if none."""
    best = (i, "")
    key = ""
    end = min(len(tokens), i + limit)
    forms, prefixes, has_prefix = index._set, index._prefixes, index.has_prefix  # the innermost loop of mining
    for j in range(i, end):
        tok = tokens[j]
        if not joinable(tok, masked[j], digits and j > i):
            break
        if j > i:
            prev = tokens[j - 1]
            if prev.end != tok.start:
                break
            if prev.pos1 in ("動詞", "形容詞") and not prev.cform.startswith("連用形"):
                break
        stem = key
        key += tok.surface
        if j > i and tok.pos1 != "接頭辞" and (tokens[i].pos1 != "接尾辞" or len(key) >= MIN_SUFFIX_START):
            if key in forms:
                best = (j + 1, key)
            elif tok.orth_base != tok.surface and stem + tok.orth_base in forms:
                best = (j + 1, stem + tok.orth_base)
        known = prefixes.get(key)  # has_prefix's memo read here: most answers are remembered
        if not (has_prefix(key) if known is None else known):
            break
    return best


def segment(tokens: Sequence[Token], masked: Sequence[bool], forms: FormIndex,
            glossary: FormIndex, max_span: int = MAX_GLOSSARY_SPAN) -> list[Unit]:
    """Units covering all tokens, left to right, longest glossary or dictionary match first
    (a glossary match wins a tie), otherwise single tokens; no unit is longer than ``max_span`` tokens."""
    units: list[Unit] = []
    new = tuple.__new__  # builds each Unit without the NamedTuple's Python-level __new__
    i, n = 0, len(tokens)
    g_limit, d_limit = min(max_span, MAX_GLOSSARY_SPAN), min(max_span, MAX_DICT_SPAN)
    while i < n:
        tok = tokens[i]
        if i + 1 < n and max_span > 1 and tok.pos1 == "接続詞" and tokens[i + 1].pos1 == "助詞" \
                and tok.surface + tokens[i + 1].surface in forms:  # また+は → または "or"
            units.append(new(Unit, (i, i + 2, "compound", tok.surface + tokens[i + 1].surface)))
            i += 2
            continue
        idiom = (_idiom(tokens, masked, i, forms) if tok.pos1 == "名詞" and i + 2 < n and max_span > 2
                 and tokens[i + 1].surface in IDIOM_PARTICLES else "")
        if idiom:
            units.append(new(Unit, (i, i + 3, "compound", idiom)))
            i += 3
            continue
        if i + 1 == n or not joinable(tok, masked[i]) or (tok.pos3.startswith("助数詞") and _after_number(tokens, i)):
            units.append(new(Unit, (i, i + 1, "token", tok.surface)))
            i += 1
            continue
        no_match = (i, "")
        g_end, g_key = (longest(tokens, masked, i, glossary, g_limit, digits=True)
                        if glossary.has_prefix(tok.surface) else no_match)
        d_end, d_key = longest(tokens, masked, i, forms, d_limit) if forms.has_prefix(tok.surface) else no_match
        if g_end >= d_end and g_end > i:
            units.append(new(Unit, (i, g_end, "glossary", g_key)))
            i = g_end
        elif d_end > i:
            units.append(new(Unit, (i, d_end, "compound", d_key)))
            i = d_end
        else:
            units.append(new(Unit, (i, i + 1, "token", tokens[i].surface)))
            i += 1
    return units


IDIOM_PARTICLES = frozenset(("を", "に", "が"))


def _idiom(tokens: Sequence[Token], masked: Sequence[bool], i: int, forms: FormIndex) -> str:
    """The dictionary form of the idiom starting at token ``i`` (see the module docstring), else ""."""
    if i + 2 >= len(tokens) or tokens[i].pos1 != "名詞" or masked[i]:
        return ""
    particle, verb = tokens[i + 1], tokens[i + 2]
    if particle.surface not in IDIOM_PARTICLES or particle.pos1 != "助詞" or verb.pos1 != "動詞" \
            or _kana_function(tokens[i]):
        return ""
    head = tokens[i].surface + particle.surface
    for key in (head + verb.orth_base, head + verb.lemma):
        if key in forms:
            return key
    return ""


def _kana_function(tok: Token) -> bool:
    """True for a function noun written in kana (こと, もの, ため …): ことがある is grammar, no idiom."""
    return tok.orth_base in FUNCTION_KANA


def _after_number(tokens: Sequence[Token], i: int) -> bool:
    """True if token ``i`` follows a numeral (a counter there starts no multi-token unit)."""
    return i > 0 and (tokens[i - 1].pos2 == "数詞" or tokens[i - 1].surface[-1:] in WIDE_DIGITS)


def katakana_runs(units: Sequence[Unit], tokens: Sequence[Token], words: Sequence[object]) -> list[tuple[int, int]]:
    """[first, last) unit ranges of the katakana runs (see the module docstring); ``words[k]`` is the
    word unit ``k`` stands for, or None (a run holding such a unit is no run)."""
    runs: list[tuple[int, int]] = []
    start = None
    for k, u in enumerate(units):
        kana = words[k] is not None and "\u30a1" <= tokens[u.first].surface[0] <= "\u30fc" and _katakana(tokens, u)
        if kana and start is not None and tokens[units[k - 1].last - 1].end == tokens[u.first].start:
            continue
        if start is not None and k - start > 1:
            runs.append((start, k))
        start = k if kana else None
    if start is not None and len(units) - start > 1:
        runs.append((start, len(units)))
    return runs


def _katakana(tokens: Sequence[Token], u: Unit) -> bool:
    """True if every character of the unit is katakana or ー."""
    return all(_KATAKANA.fullmatch(t.surface) for t in tokens[u.first:u.last])


def _is_katakana(text: str) -> bool:
    return _KATAKANA.fullmatch(text) is not None


_KATAKANA = re.compile("[\u30a1-\u30fc]+")


def katakana_fragment(tokens: Sequence[Token], first: int, last: int) -> bool:
    """True if tokens [first, last) are katakana touching more katakana before or after them: a
    fragment of a longer loanword (バック of バックエンド)."""
    if not all(_is_katakana(t.surface) for t in tokens[first:last]):
        return False
    before = first > 0 and tokens[first - 1].end == tokens[first].start and _is_katakana(tokens[first - 1].surface)
    after = last < len(tokens) and tokens[last].start == tokens[last - 1].end and _is_katakana(tokens[last].surface)
    return before or after


def noun_runs(is_noun: Sequence[bool], is_suffix: Sequence[bool],
              touches_prev: Sequence[bool]) -> list[list[tuple[int, int]]]:
    """Runs of adjacent noun groups over units. A group ``(a, b)`` covers units a..b-1: one noun unit
    and the suffix units right after it (発注+者). A unit not touching the previous one (a space or
    line break between them) starts a new run. Runs of one group are kept only if that group has a
    suffix."""
    runs: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for u, (noun, suffix) in enumerate(zip(is_noun, is_suffix, strict=True)):
        if current and not touches_prev[u]:
            runs.append(current)
            current = []
        if suffix and current and current[-1][1] == u:
            current[-1] = (current[-1][0], u + 1)
            continue
        if noun and not suffix:
            current.append((u, u + 1))
            continue
        if current:
            runs.append(current)
        current = []
    if current:
        runs.append(current)
    return [r for r in runs if len(r) >= 2 or r[0][1] - r[0][0] > 1]


def compositions(run: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """The unit range to compose from one noun run: the whole run, when it has at most
    :data:`MAX_COMPOSED_GROUPS` groups (see the module docstring)."""
    return [(run[0][0], run[-1][1])] if len(run) <= MAX_COMPOSED_GROUPS else []
