"""Numbers as job ads write them, read from folded text (see ``jpstudy.adfacts.scan``).

Terms:
    amount: yen as ads write them: 236,000円, 23万6000円, 23.6万円, 1万5千円, 5千円, 500万 (円 may be left
        out after 万). ``MONEY`` matches one without 円; :func:`yen` reads it.
    range: two amounts joined by a dash, a tilde or から (1,100円~1,450円, 500万~800万円: a unit written only
        after the second amount is the first's too), an open range (28万円~, 28万円以上, ~40万円), or one
        amount.
    count: a small number in digits or kanji (年2回, 年二回, 週休二日).
    time of day: 8:30, 8時30分, 17時; after 翌 (the next day) it is marked with a ``+``.
    list marker: a number in brackets that opens an item, (1) or (12): the miner's normalised text writes
        an enclosed number so (①25万円 → (1)25万円), and ads write it so themselves.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_N = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
MONEY = rf"(?:{_N})(?:[ \t]*[億万千](?:[ \t]*(?:{_N})(?:[ \t]*[万千])?(?![ \t]*[万千]))?)?"
"""An amount without its 円 (see the module docstring)."""
DASH = r"[ \t]*(?:[~\-]|から)[ \t]*"
_PART = re.compile(rf"({_N})[ \t]*([億万千]?)")
_UNITS = {"億": 100_000_000, "万": 10_000, "千": 1_000, "": 1}
KANJI_DIGITS = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
COUNT = r"\d+|[一二三四五六七八九十]+"
"""A count in digits or kanji (see the module docstring)."""
TIME = r"(?:翌[ \t]*)?(?<![\d.,])\d{1,2}[ \t]*(?::[ \t]*\d{2}|時(?:[ \t]*\d{1,2}[ \t]*分|半)?)"
"""A time of day (see the module docstring)."""
LIST_MARK = r"\(\d{1,2}\)"
"""A list marker (see the module docstring)."""
MONTHS = r"(?:ヶ|ケ|ヵ|カ|か|箇|ケ)月"
"""The counter of months (3ヶ月, 3か月, 3カ月 …)."""


class Span(NamedTuple):
    """[start, end) of a stretch of an ad."""

    start: int
    end: int


def yen(amount: str) -> int:
    """The yen of an amount (see the module docstring): "23万6000" → 236000, "1,100" → 1100."""
    total = 0.0
    parts = _PART.findall(amount)
    for i, (number, unit) in enumerate(parts):
        value = float(number.replace(",", ""))
        if not unit and i > 0:  # "23万6000": the digits after 万 are plain yen
            total += value
        else:
            total += value * _UNITS[unit]
    return round(total)


def unit_of(amount: str) -> str:
    """The largest unit written in an amount ("万", "千", "億" or "")."""
    for unit in "億万千":
        if unit in amount:
            return unit
    return ""


def yen_range(low: str | None, high: str | None) -> tuple[int | None, int | None]:
    """The yen of a range's ends; a unit written only after the second end applies to the first."""
    high_yen = yen(high) if high else None
    if not low:
        return None, high_yen
    low_yen = yen(low)
    unit = unit_of(high or "")
    if high and unit and not unit_of(low) and low_yen < _UNITS[unit]:
        low_yen *= _UNITS[unit]
    return low_yen, high_yen


def count(text: str) -> int:
    """A count (see the module docstring): "2" → 2, "二" → 2, "十二" → 12."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (KANJI_DIGITS.get(tens, 1) if tens else 1) * 10 + (KANJI_DIGITS.get(ones, 0) if ones else 0)
    value = 0
    for char in text:
        value = value * 10 + KANJI_DIGITS[char]
    return value


def clock(text: str) -> str:
    """A time of day (see the module docstring) as "08:30", or "+02:00" after 翌."""
    next_day = "翌" in text
    digits = [int(d) for d in re.findall(r"\d+", text)]
    hours, minutes = digits[0], digits[1] if len(digits) > 1 else (30 if "半" in text else 0)
    return f"{'+' if next_day else ''}{hours:02d}:{minutes:02d}"


def minutes_between(start: str, end: str) -> int:
    """Minutes from one clock time to another (both as :func:`clock` gives them; a time earlier than
    the start, or marked ``+``, is on the next day)."""
    def total(c: str) -> int:
        h, m = c.lstrip("+").split(":")
        return int(h) * 60 + int(m) + (1440 if c.startswith("+") else 0)

    gap = total(end) - total(start)
    return gap if gap > 0 else gap + 1440


def format_yen(amount: int) -> str:
    """"¥236,000"."""
    return f"¥{amount:,}"
