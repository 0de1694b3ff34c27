"""Names of companies and other organisations in an ad: not vocabulary, reported with the names.

Terms:
    legal form: the word that says what kind of organisation a name belongs to (株式会社, 有限会社,
        社会福祉法人, 医療法人 社団 …). It is vocabulary itself.
    organisation name: the run of units touching a legal form that names the organisation: after it
        (株式会社クリーンサポート東日本, 社会福祉法人あおば会) or, when nothing follows the legal form,
        before it (山田運輸株式会社). A run stops at a space, a symbol, a particle or a line end, and
        is at most :data:`MAX_NAME_UNITS` units long.
    name echo: the first unit of an organisation name found again in the same line, on its own
        (医療法人社団みどり会　みどり総合病院: みどり is the name, not "green").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from jpstudy.mining.compounds import Unit
from jpstudy.mining.filters import SKIP_POS1
from jpstudy.mining.tokenize import Token

LEGAL_FORMS = frozenset((
    "株式会社", "有限会社", "合同会社", "合資会社", "合名会社", "社団", "財団", "社団法人", "財団法人",
    "一般社団法人", "一般財団法人", "公益社団法人", "公益財団法人", "社会福祉法人", "医療法人", "医療法人社団",
    "医療法人財団", "学校法人", "宗教法人", "ＮＰＯ法人", "特定非営利活動法人", "独立行政法人", "協同組合",
))
MAX_NAME_UNITS = 8
_MARKS = re.compile("会社|法人|社団|財団|組合")
"""Every legal form holds one of these (a quick test before the units are looked at)."""


def organisation_names(text: str, tokens: Sequence[Token], units: Sequence[Unit]) -> list[tuple[int, int]]:
    """[first, last) unit ranges of the organisation names (see the module docstring) in ``text``,
    tokenised as ``tokens`` and grouped as ``units``."""
    out: list[tuple[int, int]] = []
    if _MARKS.search(text) is None:
        return out
    k, n = 0, len(units)
    while k < n:
        if not _is_legal_form(units[k], tokens):
            k += 1
            continue
        end = k
        while end < n and _is_legal_form(units[end], tokens) and (end == k or _touch(units, tokens, end)):
            end += 1  # 医療法人 + 社団
        after = end
        while after < n and after - end < MAX_NAME_UNITS and _name_part(units[after], tokens) \
                and _touch(units, tokens, after):
            after += 1
        if after > end:
            out.append((end, after))
        else:
            before = k
            while before > 0 and k - before < MAX_NAME_UNITS and _name_part(units[before - 1], tokens) \
                    and _touch(units, tokens, before):
                before -= 1
            if before < k:
                out.append((before, k))
        k = max(after, k + 1)
    return out


def name_echoes(tokens: Sequence[Token], units: Sequence[Unit]) -> list[int]:
    """Indices of the units that are name echoes (see the module docstring); the units of the names
    themselves have kind "name"."""
    firsts = {units[k].key for k in range(len(units))
              if units[k].kind == "name" and (k == 0 or units[k - 1].kind != "name")}
    return [k for k, u in enumerate(units) if u.kind != "name" and u.key in firsts and len(u.key) > 1]


def _is_legal_form(u: Unit, tokens: Sequence[Token]) -> bool:
    return u.key in LEGAL_FORMS


def _name_part(u: Unit, tokens: Sequence[Token]) -> bool:
    """True if the unit may be part of a name: no space, symbol or particle."""
    return all(t.pos1 not in SKIP_POS1 for t in tokens[u.first:u.last])


def _touch(units: Sequence[Unit], tokens: Sequence[Token], k: int) -> bool:
    """True if unit ``k`` starts where unit ``k - 1`` ends."""
    return k > 0 and tokens[units[k - 1].last - 1].end == tokens[units[k].first].start
