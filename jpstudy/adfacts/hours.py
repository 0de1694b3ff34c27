"""Working-time facts: working hours, breaks, average overtime, deemed working hours.

Terms:
    working time: a range of two times of day (8:30~17:30, 17:00~翌2:00) that is not a break, a core
        time, office or phone hours, or a late-night premium's hours. Those in a working-hours section
        (勤務時間, 就業時間 …) are taken; without such a section, those anywhere.
    shift work: シフト制, 交替制, 2交替 … ; flextime: フレックス.
    deemed working hours: pay for a set number of hours whatever is worked: 裁量労働制 (discretionary
        work), 事業場外みなし (work outside the workplace), みなし労働時間制. Not みなし残業, which is fixed
        overtime pay (``jpstudy.adfacts.pay``).
"""

from __future__ import annotations

import re

from jpstudy.adfacts.models import NOT_STATED_FACT, Fact
from jpstudy.adfacts.numbers import DASH, TIME, clock, minutes_between
from jpstudy.adfacts.scan import HOURS_SECTIONS, AdScan, group_name

MAX_TIMES = 6
MAX_SHIFT_MINUTES = 20 * 60
"""A longer range is no shift (two numbers run together, as ①8:00 becomes 18:00 in normalised text)."""
_RANGE = re.compile(rf"(?P<a>{TIME}){DASH}(?P<b>{TIME})")
_NOT_WORK = re.compile(r"休憩|コアタイム|受付|営業時間|問い合わせ|問合せ|電話|TEL|面接|説明会|深夜|割増|以降|まで")
_SHIFTS = re.compile(r"シフト制|シフト勤務|シフトによる|シフトにより|交替制|交代制|[23二三]交[替代]|シフト[ \t]*\(")
_FLEX = re.compile(r"フレックス")


def working_hours(scan: AdScan) -> Fact:
    """``{times, shifts, flextime}``: the working times as "08:30-17:30" (see the module docstring)."""
    ranges = [m for m in scan.words(_RANGE) if not _NOT_WORK.search(scan.before(m.start(), 12))
              and minutes_between(clock(m.group("a")), clock(m.group("b"))) <= MAX_SHIFT_MINUTES]
    in_section = [m for m in ranges if scan.in_section(m.start(), HOURS_SECTIONS)]
    chosen = (in_section or ranges)[:MAX_TIMES]
    times = list(dict.fromkeys(f"{clock(m.group('a'))}-{clock(m.group('b'))}" for m in chosen))
    shifts = scan.words(_SHIFTS)
    flex = scan.words(_FLEX)
    if not (times or shifts or flex):
        return NOT_STATED_FACT
    marks = chosen or (shifts or flex)[:1]
    start, end = marks[0].start(), marks[-1].end()
    if end - start > 400 or scan.section(start) != scan.section(end - 1):
        end = marks[0].end()
    parts = []
    if times:
        parts.append(", ".join(t.replace("-", " to ").replace("+", "next day ") for t in times))
    if shifts:
        parts.append("shift work")
    if flex:
        parts.append("flextime (you choose when to start and finish, within limits)")
    english = "; ".join(parts)
    value = {"times": times, "shifts": bool(shifts), "flextime": bool(flex)}
    return scan.fact(start, end, value, english[0].upper() + english[1:])


_BREAK = re.compile(rf"休憩(?:時間)?[ \t:(]*(?:(?P<min>\d+)[ \t]*分|(?P<h>\d+(?:\.\d+)?)[ \t]*時間|"
                    rf"(?P<a>{TIME}){DASH}(?P<b>{TIME}))")


def breaks(scan: AdScan) -> Fact:
    """Minutes of break a shift, from the first break the ad states (休憩60分, 休憩1時間, 休憩12:00~13:00)."""
    m = _BREAK.search(scan.folded)
    if m is None:
        return NOT_STATED_FACT
    if m.group("min"):
        minutes = int(m.group("min"))
    elif m.group("h"):
        minutes = round(float(m.group("h")) * 60)
    else:
        minutes = minutes_between(clock(m.group("a")), clock(m.group("b")))
    return scan.fact(m.start(), m.end(), minutes, f"A {minutes}-minute break")


_NO_OVERTIME = re.compile(r"(?:残業|時間外労働(?:時間)?)(?:は)?[ \t:]*(?P<almost>ほぼ|ほとんど)?(?:なし|無し|"
                          r"ありません|ゼロ|0時間)|"
                          r"ノー残業")
_OVERTIME = re.compile(r"(?:月平均(?:の)?(?:残業|時間外労働)(?:時間)?|(?:残業|時間外労働|時間外)(?:時間)?(?:は)?)"
                       r"[ \t:]*(?:あり)?[ \t:]*(?:月)?[ \t]*(?:平均)?[ \t]*(?:約)?"
                       r"(?P<h>\d+(?:\.\d+)?)[ \t]*(?:時間|h|H)(?!分)"
                       r"(?P<about>程度|前後|以内|以下)?")
_FIXED_BEFORE = re.compile(r"固定|みなし|見込|含")


def overtime(scan: AdScan) -> Fact:
    """Average overtime in hours a month (0 for 残業なし); fixed-overtime hours are not this."""
    for m in scan.words(_OVERTIME):
        matched = m.group()
        if _FIXED_BEFORE.search(scan.before(m.start(), 8)) or scan.after(m.end(), 1) == "分":
            continue
        if not ("平均" in matched or "月" in matched or m.group("about")):
            continue
        hours = float(m.group("h"))
        value = int(hours) if hours.is_integer() else hours
        return scan.fact(m.start(), m.end(), value, f"About {value:g} hours of overtime a month on average")
    m = _NO_OVERTIME.search(scan.folded)
    if m is not None:
        english = "Almost no overtime" if m.group("almost") else "No overtime"
        return scan.fact(m.start(), m.end(), 0, english)
    return NOT_STATED_FACT


_DEEMED = re.compile(r"(?P<discretionary>(?:専門業務型|企画業務型)?裁量労働(?:時間)?(?:制)?)|"
                     r"(?P<outside_work>事業場外(?:労働)?(?:の)?みなし(?:労働)?(?:時間)?(?:制)?)|"
                     r"(?P<deemed>みなし労働(?:時間)?(?:制)?)")
DEEMED_ENGLISH = {
    "discretionary": "Discretionary work (裁量労働制): you are paid for a set number of hours whatever you work",
    "outside_work": "Deemed hours for work outside the office (事業場外みなし): paid for set hours, not those worked",
    "deemed": "Deemed working hours (みなし労働時間制): paid for set hours, not those worked",
}


def deemed_hours(scan: AdScan) -> Fact:
    """Deemed working hours (see the module docstring): ``discretionary``, ``outside_work`` or ``deemed``."""
    m = _DEEMED.search(scan.folded)
    if m is None:
        return NOT_STATED_FACT
    kind = group_name(m)
    return scan.fact(m.start(), m.end(), kind, DEEMED_ENGLISH[kind])
