"""Pay facts: the pay and its period, what it is made of, fixed overtime, bonus and pay rises.

Terms:
    pay statement: a period word (時給, 月給, 年収 …) or a pay label (給与, 賃金) followed on its line by a
        range of yen, perhaps after a list marker: 月給(1)25万円~ (see ``jpstudy.adfacts.numbers``).
        Statements that are not the ad's pay are left out: examples (月収例, モデル年収), the pay of a
        trial period, night premiums, deductions, and any whose line before it names one of those.
    the ad's pay: the first pay statement in a pay section (給与, 賃金 …), else the first anywhere. A
        Hello Work form gives the period apart (賃金形態等 月給); without a period word the period is None.
    top only: only the top of the range is stated: "最大40万円", "~40万円", "40万円可".
"""

from __future__ import annotations

import re

from jpstudy.adfacts.models import NOT_STATED_FACT, Fact
from jpstudy.adfacts.numbers import COUNT, DASH, LIST_MARK, MONEY, MONTHS, count, format_yen, yen, yen_range
from jpstudy.adfacts.scan import NONE_SAID, PAY_SECTIONS, AdScan
from jpstudy.adfacts.terms import terms

PERIODS = {
    "想定年収": "year", "年収": "year", "年俸": "year", "月給": "month", "月額": "month", "月収": "month",
    "基本月給": "month", "日給": "day", "日額": "day", "日当": "day", "時給": "hour", "時間給": "hour",
    "時間額": "hour", "週給": "week", "基本給": "month",
}
"""The period each word states; 基本給 (base pay) is a monthly wage unless the ad says otherwise."""
PER = {"hour": "an hour", "day": "a day", "week": "a week", "month": "a month", "year": "a year"}
_PERIOD = "|".join(sorted(PERIODS, key=len, reverse=True))
_RANGE = (
    rf"(?:(?P<top2>最大|最高|MAX)[ \t]*)?(?P<lo>{MONEY})[ \t]*(?P<yen1>円)?"
    rf"(?:{DASH}(?:(?P<top3>最大|最高)[ \t]*)?(?P<hi>{MONEY})[ \t]*(?P<yen2>円)?|(?P<open>{DASH}(?![\d最])|"
    rf"[ \t]*以上))?"
    rf"|~[ \t]*(?P<hi_only>{MONEY})[ \t]*(?P<yen3>円)"
)
_GAP_CHAR = rf"(?:{LIST_MARK}|(?!{LIST_MARK})[^\n\d~])"
"""One character between a period word or label and the amount, or a whole list marker."""
_CAN = r"(?P<can>[ \t]*(?:も|以上も)?可(?:能)?)?"
_PAY = re.compile(
    rf"(?P<top>最大|最高|MAX)?[ \t]*(?P<period>{_PERIOD})(?!例)(?P<gap>{_GAP_CHAR}{{0,12}}?)(?:{_RANGE}){_CAN}"
)
_LABELLED = re.compile(rf"(?P<label>賃金|給与|給料)(?P<gap>{_GAP_CHAR}{{0,24}}?)(?:{_RANGE}){_CAN}")
_FORM_PERIOD = re.compile(rf"賃金形態(?:等)?[ \t:]*(?P<period>{_PERIOD})")
_NOT_THE_PAY = re.compile(r"例|モデル|実績|深夜|研修|試用|見習|残業|手当|賞与|交通費|寮費|家賃|控除|年目|昇給|割増")
_NOT_THE_PAY_GAP = re.compile(r"例|モデル|研修|試用|見習|深夜")


def _statements(scan: AdScan) -> list[tuple[re.Match[str], str | None]]:
    """The pay statements of the ad with their period (see the module docstring), in order."""
    found: list[tuple[re.Match[str], str | None]] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_PAY, _LABELLED):
        for m in scan.words(pattern):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            amount = scan.folded[m.end("gap") : m.end()]
            if (not re.search(r"円|万", amount) or _NOT_THE_PAY.search(scan.before(m.start(), 14))
                    or _NOT_THE_PAY_GAP.search(m.group("gap"))):
                continue
            word = m.groupdict().get("period") or m.group("label")
            taken.append((m.start(), m.end()))
            found.append((m, PERIODS.get(word)))
    found.sort(key=lambda item: item[0].start())
    return found


def pay(scan: AdScan) -> Fact:
    """The ad's pay: ``{period, min, max, top_only}`` (see the module docstring)."""
    statements = _statements(scan)
    if not statements:
        return NOT_STATED_FACT
    in_section = [s for s in statements if scan.in_section(s[0].start(), PAY_SECTIONS)]
    m, period = (in_section or statements)[0]
    base = m.groupdict().get("period") == "基本給"
    form = _FORM_PERIOD.search(scan.folded)
    if form and (period is None or base):
        period = PERIODS[form.group("period")]
    top_marked = any(m.groupdict().get(g) for g in ("top", "top2", "top3", "can"))
    if m.group("hi_only"):
        low, high = None, yen(m.group("hi_only"))
    else:
        low, high = yen_range(m.group("lo"), m.group("hi"))
        if m.group("hi") is None:
            if top_marked:
                low, high = None, low
            elif not m.group("open"):
                high = low
    value = {"period": period, "min": low, "max": high, "top_only": low is None and high is not None}
    english = pay_english(value)
    if base:
        english = f"Base pay (基本給): {english[0].lower()}{english[1:]}"
    return scan.fact(m.start(), m.end(), value, english)


def pay_english(value: dict[str, object]) -> str:
    """"¥1,100 to ¥1,450 an hour", "From ¥230,000 a month", "Up to ¥400,000 a month (only the top …)"."""
    low, high, period = value["min"], value["max"], value["period"]
    per = PER.get(str(period), "(the ad does not say per hour, day, month or year)")
    if isinstance(low, int) and isinstance(high, int):
        amount = format_yen(low) if low == high else f"{format_yen(low)} to {format_yen(high)}"
        return f"{amount} {per}"
    if isinstance(low, int):
        return f"From {format_yen(low)} {per} (no top stated)"
    return f"Up to {format_yen(int(high))} {per}: only the top of the range is stated"  # type: ignore[call-overload]


_ALLOWANCE = re.compile(r"基本給|[一-龥ァ-ヶー]{1,8}手当|インセンティブ")
_ITEM_AMOUNT = re.compile(rf"[ \t:(]*(?:\((?:a|b|c|d)\))?[ \t:]*(?P<per>1回|1日|月額|"
                          rf"月)?[ \t]*(?P<amount>{MONEY})[ \t]*円")
_BREAKDOWN_LINE = re.compile(r"基本給|定額的に支払われる手当")
_EXAMPLE = re.compile(r"例|モデル")
_LEFT_OUT = ("commute",)


def pay_breakdown(scan: AdScan) -> Fact:
    """The parts of the pay named in one place of the ad (a pay section and those right after it, as a
    Hello Work form gives 基本給 and each 手当 a line): ``[{item, english, amount, per}]``
    (``per``: "a shift", "a day", "a month" when the ad says; None otherwise).

    An amount is taken only when it directly follows the item (資格手当 10,000円, 夜勤手当(1回6,000円));
    the commute allowance is a fact of its own, fixed overtime too, and examples (月収例) are left out."""
    table = terms()["allowance"].terms
    items: list[dict[str, object]] = []
    seen: set[str] = set()
    first = last = -1
    place: int | None = None
    for m in scan.words(_ALLOWANCE):
        line = scan.line(m.start())
        if not (scan.in_section(m.start(), PAY_SECTIONS) or _BREAKDOWN_LINE.search(line)) or _EXAMPLE.search(line):
            continue
        section = scan.sections.index(scan.section(m.start()))
        if place is not None and section not in (place, place + 1):
            continue  # one place of the ad: the first section naming parts, and the sections right after it
        place = section
        name = m.group()
        term = table.get(name)
        if (term is not None and term.value in _LEFT_OUT) or name in seen or ("残業" in name and "固定" in name):
            continue
        amount_match = _ITEM_AMOUNT.match(scan.folded, m.end(), min(scan.line_end(m.end()), m.end() + 20))
        amount = yen(amount_match.group("amount")) if amount_match else None
        end = amount_match.end() if amount_match else m.end()
        english = term.english if term else f"allowance ({name})"
        per = {"1回": " a shift", "1日": " a day", "月額": " a month", "月": " a month"}.get(
            amount_match.group("per") or "" if amount_match else "", "")
        seen.add(name)
        items.append({"item": name, "english": english, "amount": amount, "per": per.strip() or None})
        first = m.start() if first < 0 else first
        last = max(last, end)
    if not items:
        return NOT_STATED_FACT
    parts = [f"{i['english']} {format_yen(i['amount'])}{' ' + str(i['per']) if i['per'] else ''}"
             if isinstance(i["amount"], int) else str(i["english"]) for i in items]
    return scan.fact(first, last, items, "Pay is made of: " + " + ".join(parts))


_FIXED = re.compile(r"固定残業(?:代|手当|料)?|みなし残業(?:代|手当|料)?|定額残業(?:代|手当)?|"
                    r"固定時間外(?:勤務)?(?:手当)?|"
                    r"見込み?残業(?:代|手当)?")
_HOURS = re.compile(r"(\d+(?:\.\d+)?)[ \t]*(?:時間|h)")
_AMOUNT = re.compile(rf"(?P<amount>{MONEY})[ \t]*円")
_EXTRA = re.compile(r"(?:超過|超え|超える|超えた|越え)[^\n。]{0,25}?(?:別途|追加|支給|支払)(?:[ \t]*(?:で|"
                    r"にて)?(?:支給|支払))?|(?:別途|追加)(?:で|にて)?(?:支給|支払)|"
                    r"超過分(?:は)?支給")


def fixed_overtime(scan: AdScan) -> Fact:
    """Fixed overtime pay (固定残業代, みなし残業): ``{included, hours, amount, extra_paid}``.

    Each mention is read with the rest of its line (and the next line when it starts with ※ or "("):
    the hours (20時間分), the amount (4万円), and whether overtime beyond it is said to be paid extra
    (超過分は別途支給). Hours may also stand before the mention in its clause (月20時間分の固定残業代)."""
    mentions = scan.words(_FIXED)
    if not mentions:
        return NOT_STATED_FACT
    hours = amount = None
    extra: bool | None = None
    included = False
    start, end = mentions[0].start(), mentions[0].end()
    term = mentions[0].group()
    for m in mentions:
        if none := NONE_SAID.match(scan.folded, m.end(), scan.line_end(m.end())):
            end = max(end, none.end())
            continue
        included = True
        window_end = scan.line_end(m.end())
        following = scan.folded[window_end + 1 : scan.line_end(window_end + 1)] if window_end < len(scan.folded) else ""
        if following.lstrip()[:1] in ("※", "("):
            window_end = scan.line_end(window_end + 1)
        clause_start = scan.clause(m.start())[0]
        found: list[re.Match[str]] = []
        if hours is None and (h := _HOURS.search(scan.folded, clause_start, window_end)):
            hours = float(h.group(1))
            found.append(h)
        if amount is None and (a := _AMOUNT.search(scan.folded, m.end(), window_end)):
            amount = yen(a.group("amount"))
            found.append(a)
        if extra is None and (x := _EXTRA.search(scan.folded, clause_start, window_end)):
            extra = True
            found.append(x)
        end = max(end, m.end(), *(f.end() for f in found))
        closing = scan.folded.find(")", end, min(window_end, end + 6))
        end = closing + 1 if closing >= 0 else end
    if not included:
        return scan.fact(start, end, {"included": False, "hours": None, "amount": None, "extra_paid": None},
                         "No fixed overtime pay")
    whole = int(hours) if hours is not None and hours.is_integer() else hours
    value = {"included": True, "hours": whole, "amount": amount, "extra_paid": extra}
    english = f"The pay includes fixed overtime pay ({term})"
    if amount is not None:
        english += f" of {format_yen(amount)}"
    if whole is not None:
        english += f" for {whole:g} hours of overtime a month"
    missing = [what for what, value in (("its amount", amount), ("its hours", whole)) if value is None]
    if missing:
        english += f"; the ad does not state {' or '.join(missing)}"
    english += (". Overtime beyond it is paid extra." if extra else
                ". The ad does not say that overtime beyond it is paid extra.")
    return scan.fact(start, end, value, english)


_BONUS = re.compile(r"賞与|ボーナス|期末・勤勉手当|期末勤勉手当|寸志")
_TIMES = re.compile(rf"年[ \t]*(?P<n>{COUNT})[ \t]*回")
_BONUS_MONTHS = re.compile(rf"(?P<m>\d+(?:\.\d+)?)[ \t]*(?:{MONTHS}|月)分")


def bonus(scan: AdScan) -> Fact:
    """The bonus (賞与): ``{paid, times_a_year, months}`` from the mention, with the rest of its line, that
    says most (a title's "賞与年2回" and the pay section's "賞与年2回(計4.2ヶ月分)")."""
    mentions = scan.words(_BONUS)
    if not mentions:
        return NOT_STATED_FACT

    def said(m: re.Match[str]) -> int:
        stop = min(scan.line_end(m.end()), m.end() + 40)
        return (2 if _BONUS_MONTHS.search(scan.folded, m.end(), stop) else 0) + bool(
            _TIMES.search(scan.folded, m.end(), stop))

    m = max(mentions, key=said)  # the mention that says most (the first of those)
    end = scan.line_end(m.end())
    if none := NONE_SAID.match(scan.folded, m.end(), end):
        return scan.fact(m.start(), none.end(), {"paid": False, "times_a_year": None, "months": None}, "No bonus")
    window_end = min(end, m.end() + 40)
    times = _TIMES.search(scan.folded, m.end(), window_end)
    months = _BONUS_MONTHS.search(scan.folded, m.end(), window_end)
    n = count(times.group("n")) if times else None
    k = float(months.group("m")) if months else None
    stop = max(m.end(), times.end() if times else 0, months.end() if months else 0)
    english = "A bonus"
    if n:
        english += f" {n} time{'s' if n != 1 else ''} a year"
    if k is not None:
        english += f", {k:g} months' pay in all"
    if m.group() == "寸志":
        english = "A small token bonus (寸志)"
    return scan.fact(m.start(), stop, {"paid": True, "times_a_year": n, "months": k}, english)


_RISE = re.compile(r"昇給")


def pay_rise(scan: AdScan) -> Fact:
    """Pay rises (昇給): ``{given, times_a_year}``."""
    m = _RISE.search(scan.folded)
    if m is None:
        return NOT_STATED_FACT
    end = scan.line_end(m.end())
    if none := NONE_SAID.match(scan.folded, m.end(), end):
        return scan.fact(m.start(), none.end(), {"given": False, "times_a_year": None}, "No pay rises")
    times = _TIMES.search(scan.folded, m.end(), min(end, m.end() + 20))
    n = count(times.group("n")) if times else None
    english = f"Pay rises {n} time{'s' if n != 1 else ''} a year" if n else "Pay rises (昇給) are given"
    return scan.fact(m.start(), times.end() if times else m.end(), {"given": True, "times_a_year": n}, english)
