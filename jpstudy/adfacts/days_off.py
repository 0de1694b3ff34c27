"""Days-off facts: days off a year, the weekly days off, the days named, paid leave.

Terms:
    完全週休二日制: two days off every week. 週休二日制 (without 完全): at least one week a month with two
        days off, not every week (the definition the Ministry of Health, Labour and Welfare uses in its
        surveys). A Hello Work form writes "週休二日制 毎週" for the first and "週休二日制 その他" for the
        second. 週休2日 without 制 says two days a week without saying every week.
    rota: N days off every M weeks (4週8休).
    holiday line: a line in a days-off section (休日, 休暇) or holding 休 (休み, 定休): the days named there
        are days off, not days worked.
"""

from __future__ import annotations

import re

from jpstudy.adfacts.models import NOT_STATED_FACT, Fact
from jpstudy.adfacts.numbers import count
from jpstudy.adfacts.scan import HOLIDAY_SECTIONS, AdScan, group_name
from jpstudy.adfacts.terms import terms

_ANNUAL = re.compile(r"年間休日(?:数)?[ \t:]*(?:約)?(?P<n>\d{2,3})[ \t]*日(?P<more>以上)?")


def annual_holidays(scan: AdScan) -> Fact:
    """Days off a year (年間休日)."""
    m = _ANNUAL.search(scan.folded)
    if m is None:
        return NOT_STATED_FACT
    n = int(m.group("n"))
    return scan.fact(m.start(), m.end(), n, f"{n}{' or more' if m.group('more') else ''} days off a year")


_WEEKLY = re.compile(
    r"(?P<every_week>完全[ \t]*週休[ \t]*(?:2|二)[ \t]*日(?:制)?|週休[ \t]*(?:2|二)[ \t]*日制[ \t]*(?:\(|:)?[ \t]*毎週)"
    r"|(?P<some_weeks>週休[ \t]*(?:2|二)[ \t]*日制(?![ \t]*(?:なし|無し)))"
    r"|(?P<two_days>週休[ \t]*(?:2|二)[ \t]*日)"
    r"|(?P<one_day>週休[ \t]*(?:1|一)[ \t]*日(?:制)?)"
    r"|(?P<rota>(?P<weeks>\d|[一二三四五六七八九])[ \t]*週[ \t]*(?P<days>\d{1,2}|[一二三四五六七八九十]+)[ \t]*休)"
)
WEEKLY_ENGLISH = {
    "every_week": "Two days off every week (完全週休二日制)",
    "some_weeks": "Two days off in at least one week a month, not every week (週休二日制, without 完全)",
    "two_days": "Two days off a week (週休2日; the ad does not say every week, 完全)",
    "one_day": "One day off a week",
}


def weekly_days_off(scan: AdScan) -> Fact:
    """The weekly days off: ``every_week``, ``some_weeks``, ``two_days``, ``one_day`` or ``rota``."""
    m = _WEEKLY.search(scan.folded)
    if m is None:
        return NOT_STATED_FACT
    kind = "rota" if m.group("rota") else group_name(m)
    if kind == "rota":
        weeks, days = count(m.group("weeks")), count(m.group("days"))
        english = f"{days} days off every {weeks} weeks ({m.group('rota')})"
    else:
        english = WEEKLY_ENGLISH[kind]
    return scan.fact(m.start(), m.end(), kind, english)


_HOLIDAY_LINE = re.compile(r"休日|休み|定休|休暇|休業|週休|公休")
_WEEKDAY_LIST = re.compile(
    r"(?<=休日等[ \t])[月火水木金土日](?:[ \t]+[月火水木金土日](?![一-龥]))*"  # a Hello Work form: 休日等 土 日 祝日
    r"|(?<=[(])[月火水木金土日](?:[・、][月火水木金土日])*(?=[)])"  # 週休2日制(日・月)
    r"|(?:毎週|定休日?[ \t:]*)[月火水木金土日](?:[・、][月火水木金土日])*(?:曜)?"
)
_WEEKDAYS = {"月": "mon", "火": "tue", "水": "wed", "木": "thu", "金": "fri", "土": "sat", "日": "sun"}
_DAY_ORDER = ("mon", "tue", "wed", "thu", "fri", "sat", "alt_sat", "sun", "holidays", "weekdays", "year_end", "summer",
              "golden_week")
DAY_ENGLISH = {"mon": "Mondays", "tue": "Tuesdays", "wed": "Wednesdays", "thu": "Thursdays", "fri": "Fridays",
               "sat": "Saturdays", "alt_sat": "every other Saturday", "sun": "Sundays",
               "holidays": "public holidays", "weekdays": "weekdays",
               "year_end": "the New Year holidays", "summer": "summer holidays", "golden_week": "Golden Week"}


def days_off(scan: AdScan) -> Fact:
    """The days off named on holiday lines (see the module docstring): ``mon``…``sun``, ``holidays`` …"""
    found = [(s, e, t.value) for s, e, t in terms()["day"].find(scan.folded)]
    found += [(m.start(), m.end(), " ".join(_WEEKDAYS[c] for c in m.group() if c in _WEEKDAYS))
              for m in scan.words(_WEEKDAY_LIST)]
    found = sorted(f for f in found if scan.in_section(f[0], HOLIDAY_SECTIONS) or _HOLIDAY_LINE.search(scan.line(f[0])))
    if not found:
        return NOT_STATED_FACT
    codes = {code for _, _, value in found for code in value.split()}
    days = [d for d in _DAY_ORDER if d in codes]
    line = scan.line_start(found[0][0])
    start, end = found[0][0], max(e for s, e, _ in found if scan.line_start(s) == line)
    names = [DAY_ENGLISH[d] for d in days]
    english = "Off on " + (", ".join(names[:-1]) + " and " + names[-1] if len(names) > 1 else names[0])
    return scan.fact(start, end, days, english)


_LEAVE = re.compile(r"年次有給休暇|有給休暇|有給|有休")
_LEAVE_DAYS = re.compile(r"(?<![\d.])(?P<n>\d{1,2})[ \t]*日(?!間)")


def paid_leave(scan: AdScan) -> Fact:
    """Paid leave (有給休暇): ``{days}``, the days given in the first year when the ad says them."""
    m = _LEAVE.search(scan.folded)
    if m is None:
        return NOT_STATED_FACT
    stop = min(scan.line_end(m.end()), m.end() + 24)
    comma = scan.folded.find("、", m.end(), stop)
    days = _LEAVE_DAYS.search(scan.folded, m.end(), stop if comma < 0 else comma)
    if days is None:
        return scan.fact(m.start(), m.end(), {"days": None}, "Paid leave (有給休暇); the days are not stated")
    n = int(days.group("n"))
    return scan.fact(m.start(), days.end(), {"days": n}, f"{n} days of paid leave (有給休暇)")
