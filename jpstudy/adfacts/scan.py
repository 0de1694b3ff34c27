"""The text of an ad prepared for reading facts: folded, split into lines and sections.

Terms:
    folded text: the ad with full-width ASCII made ASCII (１，１００ → 1,100, ： → :), the wave dashes
        〜 ～ made ``~``, dashes made ``-``, the ideographic space made a space and Kangxi-radical
        look-alikes made kanji — one character for one, so an offset into the folded text is the same
        offset into the ad. Patterns match the folded text; spans index the ad.
    heading: the label that opens a line: 【給与】, ■給与, ＜派遣＞, "給与：", a Hello Work form label
        followed by a space ("賃金　月給…"), or a numbered heading alone on its line ("３　勤務条件", as
        municipal 募集要項 number theirs). It must hold a Japanese character.
    section: a heading's line and the lines after it up to the next heading; its ``name`` is the
        heading's label (folded). Text before the first heading is a section named "".
    clause: the part of a line around a position up to "。" or the line's end (a parenthesised
        inclusion stays in its clause).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from jpstudy.adfacts.models import Fact
from jpstudy.adtext.glyphs import fold_radicals

_FOLD = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_FOLD.update({0x3000: " ", 0x301C: "~", 0x2053: "~", 0x223C: "~", 0x02DC: "~", 0xFF65: "・"})
_FOLD.update(dict.fromkeys((0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2212, 0x2500, 0x2501), "-"))

_JAPANESE = re.compile(r"[\u3041-\u30ff\u3400-\u9fff]")
KNOWN_LABELS = (
    "賃金形態等", "賃金", "給与", "基本給", "定額的に支払われる手当", "固定残業代", "就業時間", "休憩時間",
    "時間外労働時間", "休日等", "休日", "年間休日数", "加入保険等", "通勤手当", "賞与", "昇給", "試用期間",
    "就業場所", "雇用形態", "雇用期間", "職種", "仕事の内容", "仕事内容", "必要な経験等", "必要な免許・資格",
    "必要な免許資格", "学歴", "応募書類等", "選考方法", "所在地", "事業所名", "求人区分", "年次有給休暇",
)
"""Hello Work form labels, headings even without brackets or a colon (then followed by a space)."""
_HEADING = re.compile(
    r"^[ \t]*(?:"
    r"[【\[〔<《〈][ \t]*(?P<b>[^】\]〕>》〉\n]{1,24}?)[ \t]*[】\]〕>》〉]"
    r"|[■◆●▼★◇□○◎▶◼◾♦▪][ \t]*(?P<m>[^\s:、。\n]{1,24})"
    r"|(?P<l>[^\s:、。・※\n\d][^\s:、。\n]{0,13})[ \t]*:"
    rf"|(?P<k>{'|'.join(KNOWN_LABELS)})(?=[ \t(]|$)"
    r"|(?:\d{1,2}|\(\d{1,2}\))[ \t.、)]+(?P<n>[^\s:、。\n\d][^\s:、。\n]{1,14})[ \t]*$"
    r")",
    re.M,
)


def fold(text: str) -> str:
    """The folded text (see the module docstring) of ``text``; same length."""
    return fold_radicals(text.translate(_FOLD))


@dataclass(frozen=True)
class Section:
    """A section of an ad (see the module docstring): its heading's label and [start, end)."""

    name: str
    start: int
    end: int


class AdScan:
    """An ad's text with its folded text, lines and sections (see the module docstring)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.folded = fold(text)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.folded)]

    @cached_property
    def sections(self) -> list[Section]:
        """The sections of the ad in order, covering the whole text."""
        marks: list[tuple[int, str]] = [(0, "")]
        for m in _HEADING.finditer(self.folded):
            label = next(g for g in m.groups() if g is not None).strip()
            if _JAPANESE.search(label):
                line = self.line_start(m.start())
                if line == marks[-1][0]:
                    marks[-1] = (line, label)
                else:
                    marks.append((line, label))
        ends = [start for start, _ in marks[1:]] + [len(self.text)]
        return [Section(name, start, end) for (start, name), end in zip(marks, ends, strict=True)]

    def line_start(self, pos: int) -> int:
        """Offset of the start of the line holding ``pos``."""
        return self._line_starts[bisect_right(self._line_starts, pos) - 1]

    def line_end(self, pos: int) -> int:
        """Offset of the end of the line holding ``pos`` (before its line break)."""
        end = self.folded.find("\n", pos)
        return len(self.folded) if end < 0 else end

    def line(self, pos: int) -> str:
        """The folded line holding ``pos``."""
        return self.folded[self.line_start(pos) : self.line_end(pos)]

    @cached_property
    def _section_starts(self) -> list[int]:
        return [s.start for s in self.sections]

    def section(self, pos: int) -> Section:
        """The section holding ``pos``."""
        return self.sections[max(0, bisect_right(self._section_starts, pos) - 1)]

    def in_section(self, pos: int, names: re.Pattern[str]) -> bool:
        """Whether ``pos`` lies in a section whose name matches ``names``."""
        return bool(names.search(self.section(pos).name))

    def clause(self, pos: int) -> tuple[int, int]:
        """[start, end) of the clause holding ``pos`` (see the module docstring)."""
        start, end = self.line_start(pos), self.line_end(pos)
        before = self.folded.rfind("。", start, pos)
        after = self.folded.find("。", pos, end)
        return (before + 1 if before >= 0 else start), (after + 1 if after >= 0 else end)

    def before(self, pos: int, chars: int) -> str:
        """Up to ``chars`` folded characters before ``pos`` on its line."""
        return self.folded[max(self.line_start(pos), pos - chars) : pos]

    def after(self, pos: int, chars: int) -> str:
        """Up to ``chars`` folded characters from ``pos`` on its line."""
        return self.folded[pos : min(self.line_end(pos), pos + chars)]

    def fact(self, start: int, end: int, value: object, english: str) -> Fact:
        """A stated fact read from [start, end) of the ad (spaces at its edges left out; a bracket the
        span closes but does not open is balanced by taking in its opening right before the span)."""
        while start < end and self.text[start].isspace():
            start += 1
        while end > start and self.text[end - 1].isspace():
            end -= 1
        inside = self.folded[start:end]
        if inside.endswith(")") and inside.count("(") < inside.count(")") and self.folded[start - 1 : start] == "(":
            start -= 1
        return Fact(value, self.text[start:end], start, end, english)

    def words(self, pattern: re.Pattern[str], start: int = 0, end: int | None = None) -> list[re.Match[str]]:
        """Every match of ``pattern`` in the folded text between ``start`` and ``end``."""
        return list(pattern.finditer(self.folded, start, len(self.folded) if end is None else end))


def spaced(word: str) -> str:
    """A pattern for ``word`` that also matches it with a stray space between its characters, as text
    copied from a PDF often has it (勤 務 地)."""
    return "[ \\t]?".join(re.escape(c) for c in word)


def section_names(*words: str) -> re.Pattern[str]:
    """A pattern matching section names that hold any of ``words``."""
    return re.compile("|".join(re.escape(w) for w in words))


PAY_SECTIONS = section_names("給与", "給料", "賃金", "報酬", "収入", "月給", "時給", "日給", "年収", "年俸", "基本給")
HOURS_SECTIONS = section_names("勤務時間", "就業時間", "労働時間", "勤務体制", "勤務形態", "シフト", "時間")
HOLIDAY_SECTIONS = section_names("休日", "休暇", "休み")
APPLY_SECTIONS = re.compile("応募方法|応募について|応募先|応募・選考|応募の方法|選考方法|選考フロー|選考プロセス|"
                            "選考の流れ|"
                            "連絡先|お問い合わせ|問合せ|問い合わせ|^応募$|^ご応募$|応募書類")
REQUIRED_SECTIONS = section_names("応募資格", "資格", "必須", "対象", "求める", "応募条件", "必要な", "条件", "スキル",
                                  "免許", "経験", "求める人材", "応募要件", "受験資格")
WELCOME_SECTIONS = section_names("歓迎", "尚可", "優遇", "あれば", "望ましい")
WELCOME_WORDS = re.compile(r"歓迎|尚可|優遇|あれば|望ましい|有利|プラス")
NONE_SAID = re.compile(r"[ \t:]*(?:\([a-d]\))?[ \t:]*(?:なし|無し|無|未加入)")
"""Right after a word, that the ad has none of it: 賞与 なし, 固定残業代(c) なし, 試用期間なし."""


def group_name(m: re.Match[str]) -> str:
    """The name of the named group that matched (the kind a pattern of alternatives found)."""
    return next(name for name, text in m.groupdict().items() if text)
