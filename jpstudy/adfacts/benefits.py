"""Benefit facts: social insurance, commute allowance, housing, trial period.

Terms:
    社会保険完備: "all social insurances": as ads use it, employment and workers' accident insurance
        (労働保険) and health insurance and the employees' pension (社会保険 proper). A Hello Work form
        names them on its 加入保険等 line: 雇用 労災 健康 厚生.
    qualifying hours: what a part-time worker must work to be insured (週20時間以上, 規定により, 条件を
        満たす方): whether the ad states them, on the insurance's line or the next.
    trial period: 試用期間, 研修期間 or 見習い期間, read with the rest of its line (with the lines of its
        section when it is a heading): its length, and whether its pay and conditions are the same
        (条件変更なし), different and stated (時給1,100円), or said to differ without saying how.
"""

from __future__ import annotations

import re

from jpstudy.adfacts.models import NOT_STATED_FACT, Fact
from jpstudy.adfacts.numbers import MONEY, MONTHS, format_yen, yen
from jpstudy.adfacts.scan import NONE_SAID, AdScan
from jpstudy.adfacts.terms import terms

INSURANCES = ("employment", "workers_accident", "health", "pension")
INSURANCE_ENGLISH = {"employment": "employment insurance", "workers_accident": "workers' accident insurance",
                     "health": "health insurance", "pension": "employees' pension"}
_FORM_INSURANCE = re.compile(r"加入保険(?:等)?")
_FORM_NAMES = {"雇用": "employment", "労災": "workers_accident", "公災": "workers_accident", "健康": "health",
               "厚生": "pension"}
_QUALIFYING = re.compile(
    r"週[ \t]*(?:の)?(?:所定)?(?:労働)?(?:時間)?[ \t]*(?:が)?[ \t]*\d{2}[ \t]*時間以上|(?:加入|適用)(?:条件|基準|要件)|"
    r"(?:規定|条件|法定|基準|要件)(?:に|によ)?(?:より|る|従い|通り|に基づ|を満た)|勤務(?:時間|日数|条件)(?:・日数)?(?:に|によ)(?:る|り|応じ)|"
    r"条件を満たす|法定通り|当社規定"
)


def insurance(scan: AdScan) -> Fact:
    """Social insurance: ``{complete, names, qualifying_hours}`` (see the module docstring)."""
    found = [(s, e, t.value) for s, e, t in terms()["insurance"].find(scan.folded)
             if not NONE_SAID.match(scan.folded, e, scan.line_end(e))]
    for m in scan.words(_FORM_INSURANCE):
        line_end = scan.line_end(m.end())
        found += [(w.start(), w.end(), _FORM_NAMES[w.group()])
                  for w in re.finditer("|".join(_FORM_NAMES), scan.folded[: line_end]) if w.start() >= m.end()]
    if not found:
        return NOT_STATED_FACT
    found.sort()
    complete = any(code == "all" for _, _, code in found)
    names = list(INSURANCES) if complete else [c for c in INSURANCES if any(code == c for *_, code in found)]
    first = found[0][0]
    lines_end = scan.line_end(scan.line_end(found[-1][1]) + 1)
    qualifying = bool(_QUALIFYING.search(scan.folded, scan.line_start(first), lines_end))
    end = max(e for s, e, _ in found if scan.line_start(s) == scan.line_start(first))
    if complete:
        english = "All social insurances (社会保険完備): employment, workers' accident, health and pension"
    else:
        english = "Insured: " + ", ".join(INSURANCE_ENGLISH[n] for n in names)
    if qualifying:
        english += "; the ad says which hours qualify"
    value = {"complete": complete, "names": names, "qualifying_hours": qualifying}
    return scan.fact(first, end, value, english)


_COMMUTE = re.compile(r"交通費|通勤手当|通勤費")
_COMMUTE_NONE = re.compile(r"[^\n]{0,6}?(?:なし|無し|自己負担|支給なし|不支給)")
_UP_TO_ITEM_END = re.compile(r"[^、。/,\n]{0,10}")
_CAP = re.compile(
    rf"上限[ \t]*(?:あり)?[ \t)]*(?P<per1>月額|月|日額|"
    rf"1日)?[ \t]*(?P<a1>{MONEY})[ \t]*円?(?:[ \t]*/[ \t]*(?P<per4>月|日))?"
    rf"|(?P<per2>月額|月|日額|1日)[ \t]*(?:上限)?[ \t]*(?P<a2>{MONEY})[ \t]*円(?:まで)?"
    rf"|(?P<a3>{MONEY})[ \t]*円[ \t]*/[ \t]*(?P<per3>月|日)"
)


def commute_allowance(scan: AdScan) -> Fact:
    """The commute allowance: ``{paid, cap, cap_period}`` (cap in yen a ``month`` or a ``day``)."""
    m = _COMMUTE.search(scan.folded)
    if m is None:
        return NOT_STATED_FACT
    line_end = scan.line_end(m.end())
    if _COMMUTE_NONE.match(scan.folded, m.end(), line_end):
        return scan.fact(m.start(), m.end(), {"paid": False, "cap": None, "cap_period": None},
                         "Commuting costs are not paid")
    cap = _CAP.search(scan.folded, m.end(), min(line_end, m.end() + 40))
    if cap is None:
        end = _UP_TO_ITEM_END.match(scan.folded, m.end(), line_end).end()  # type: ignore[union-attr]
        return scan.fact(m.start(), end, {"paid": True, "cap": None, "cap_period": None},
                         "Commuting costs are paid (no cap stated)")
    amount = yen(cap.group("a1") or cap.group("a2") or cap.group("a3"))
    before_cap = scan.folded[m.end() : cap.start()]
    named = [cap.group(g) for g in ("per1", "per4", "per2", "per3") if cap.group(g)]
    per = "月" if "月" in before_cap else (named or [""])[0]
    period = "day" if "日" in per else "month" if "月" in per else None
    english = f"Commuting costs are paid up to {format_yen(amount)}" + (f" a {period}" if period else "")
    return scan.fact(m.start(), cap.end(), {"paid": True, "cap": amount, "cap_period": period}, english)


HOUSING_ENGLISH = {"dormitory": "a dormitory", "company_housing": "company housing",
                   "housing_allowance": "a housing allowance", "rent_subsidy": "a rent subsidy"}


def housing(scan: AdScan) -> Fact:
    """Housing offered: ``dormitory``, ``company_housing``, ``housing_allowance``, ``rent_subsidy``."""
    found = [(s, e, t.value) for s, e, t in terms()["housing"].find(scan.folded)
             if not NONE_SAID.match(scan.folded, e, scan.line_end(e))]
    if not found:
        return NOT_STATED_FACT
    kinds = list(dict.fromkeys(code for _, _, code in found))
    names = [HOUSING_ENGLISH[k] for k in kinds]
    english = "Housing: " + ", ".join(names)
    same_line = [f for f in found if scan.line_start(f[0]) == scan.line_start(found[0][0])]
    return scan.fact(found[0][0], same_line[-1][1], kinds, english[0].upper() + english[1:])


_TRIAL = re.compile(r"試用期間|研修期間|見習い?期間")
_LENGTH = re.compile(rf"(?P<n>\d+(?:\.\d+)?)[ \t]*(?:(?P<months>{MONTHS})(?:間)?|(?P<days>日間)|(?P<weeks>週間))")
_SAME = re.compile(r"条件(?:の)?(?:変更|変わり|違い)(?:は)?(?:なし|無し|ありません)|同条件|同一条件|条件(?:は)?同じ|"
                   r"本採用(?:時)?と(?:同じ|同様|同条件|変わらず|変わりません)|(?:労働)?条件(?:に)?変更(?:なし|無し)|"
                   r"待遇(?:の)?(?:変更|違い)(?:なし|無し)|変更なし|変わりません|(?:給与|時給|月給|条件|待遇)(?:は|も)?(?:同じ|同額|変わらず)")
_STATED = re.compile(rf"(?:{MONEY})[ \t]*円|\d+[ \t]*%")
_DIFFER = re.compile(r"異なる|異なり|異なります|変更あり|条件変更あり|別途|変わります")
_CONDITIONS = (("stated", _STATED), ("same", _SAME), ("differ", _DIFFER))
"""What the ad says of the trial's conditions; the first found wins ("時給1,100円、他は変更なし" is stated)."""
TRIAL_CONDITIONS = {"same": "the same pay and conditions", "stated": "different pay or conditions, stated in the ad",
                    "differ": "different pay or conditions, but the ad does not say how"}


def trial_period(scan: AdScan) -> Fact:
    """The trial period: ``{present, months, days, conditions}`` (see the module docstring)."""
    mentions = scan.words(_TRIAL)
    if not mentions:
        return NOT_STATED_FACT
    months = days = None
    kinds: set[str] = set()
    present = False
    start, end = mentions[0].start(), mentions[0].end()
    for m in mentions:
        if none := NONE_SAID.match(scan.folded, m.end(), scan.line_end(m.end())):
            end = max(end, none.end())
            continue
        present = True
        window_end = scan.line_end(m.end())
        section = scan.section(m.start())
        if section.start == scan.line_start(m.start()) and len(scan.folded[m.end() : window_end].strip(" :】]>")) < 2:
            window_end = min(section.end, m.end() + 200)  # the mention heads a section: read its body
        window = scan.folded[m.end() : window_end]
        length = _LENGTH.search(window)
        if length and months is None and days is None:
            n = float(length.group("n"))
            if length.group("months"):
                months = int(n) if n.is_integer() else n
            elif length.group("days"):
                days = int(n)
            else:
                days = int(n) * 7
        said = [(kind, p.search(window)) for kind, p in _CONDITIONS]
        kinds.update(kind for kind, found in said if found)
        end = max(end, m.end() + max([length.end() if length else 0] + [f.end() for _, f in said if f]))
        closing = scan.folded.find(")", end, min(window_end, end + 4))
        end = closing + 1 if closing >= 0 else end
    conditions = next((kind for kind, _ in _CONDITIONS if kind in kinds), None)
    if not present:
        return scan.fact(start, end, {"present": False, "months": None, "days": None, "conditions": None},
                         "No trial period")
    length_text = (f"{months:g} months" if months is not None else f"{days} days" if days is not None
                   else "length not stated")
    english = (f"Trial period ({mentions[0].group()}): {length_text}; "
               + (TRIAL_CONDITIONS[conditions] if conditions else "its pay and conditions are not stated"))
    return scan.fact(start, end, {"present": True, "months": months, "days": days, "conditions": conditions}, english)
