"""Where the work is and how to apply.

Terms:
    location label: 勤務地, 就業場所, 勤務場所, 勤務先, 勤務エリア, else 所在地 (often the head office); its
        value is the rest of its line, or the next line when the label stands alone. Without a label, the
        first address with a prefecture (埼玉県川口市, 東京都新宿区).
    application section: a section headed 応募方法, 選考方法, 応募先, 連絡先, お問い合わせ …; the ways to apply
        are the terms of ``resources/adfacts/terms.tsv`` (kind ``apply``) found in the first three, or, without such a
        section, on lines that speak of applying (応募, ご連絡).
"""

from __future__ import annotations

import re

from jpstudy.adfacts.models import NOT_STATED_FACT, Fact
from jpstudy.adfacts.scan import APPLY_SECTIONS, AdScan, spaced
from jpstudy.adfacts.terms import terms

MAX_LOCATION = 80
_LABELS = [re.compile(rf"{'|'.join(spaced(w) for w in words)}") for words in (
    ("勤務地", "就業場所", "勤務場所", "勤務先", "勤務エリア", "就業地", "勤務予定地"), ("所在地",))]
_AFTER_LABEL = re.compile(r"[ \t:】\]>)〉》」』〕]*")
_ADDRESS = re.compile(r"(?:東京都|北海道|大阪府|京都府|[一-龥]{2,3}県)[一-龥ぁ-んァ-ヶ0-9\-]{0,20}?(?:市|区|町|村|郡)")


def location(scan: AdScan) -> Fact:
    """Where the work is, as the ad writes it (see the module docstring)."""
    for label in _LABELS:
        for m in scan.words(label):
            start = _AFTER_LABEL.match(scan.folded, m.end()).end()  # type: ignore[union-attr]
            end = scan.line_end(start)
            if not scan.folded[start:end].strip() and end < len(scan.folded):
                start = end + 1
                end = scan.line_end(start)
            value = scan.text[start:end].strip(" \u3000\t:：、。")
            if not value:
                continue
            fact = scan.fact(start, min(end, start + MAX_LOCATION), value[:MAX_LOCATION], "")
            return Fact(fact.text, fact.text, fact.start, fact.end, f"Work location: {fact.text}")
    m = _ADDRESS.search(scan.folded)
    if m is None:
        return NOT_STATED_FACT
    return scan.fact(m.start(), m.end(), m.group(), f"Work location: {scan.text[m.start():m.end()]}")


_APPLY_LINE = re.compile(r"応募|ご連絡|お問い合わせ|お問合せ|エントリー")
CHANNEL_ENGLISH = {"phone": "by phone", "web": "on the web", "email": "by e-mail",
                   "hello_work": "through Hello Work (ask for a referral letter, 紹介状)", "post": "by post",
                   "in_person": "in person"}
MAX_SECTION = 300


def how_to_apply(scan: AdScan) -> Fact:
    """The ways to apply, in the order the ad names them (see the module docstring)."""
    table = terms()["apply"]
    sections = [s for s in scan.sections if APPLY_SECTIONS.search(s.name)][:3]
    if sections:
        found = [f for s in sections for f in table.find(scan.folded, s.start, min(s.end, s.start + MAX_SECTION))]
        section = next((s for s in sections if found and s.start <= found[0][0] < s.end), sections[0])
        start, end = section.start, min(section.end, section.start + MAX_SECTION)
    else:
        lines = [scan.line_start(m.start()) for m in scan.words(_APPLY_LINE)]
        found = [f for line in dict.fromkeys(lines) for f in table.find(scan.folded, line, scan.line_end(line))]
        if not found:
            return NOT_STATED_FACT
        start, end = scan.line_start(found[0][0]), scan.line_end(found[-1][0])
    channels = list(dict.fromkeys(t.value for _, _, t in found))
    if channels:
        ways = [CHANNEL_ENGLISH[c] for c in channels]
        english = "Apply " + (", ".join(ways[:-1]) + " or " + ways[-1] if len(ways) > 1 else ways[0])
    else:
        english = "How to apply: see the ad's section " + sections[0].name
    return scan.fact(start, end, channels, english)
