"""Reading the facts of a job ad (issue 13): every fact of the project's ads, the numbers as ads write
them, the checks driven by the rules table, the user's fit, and an extractor that never crashes."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from adfacts_expected import EXPECTED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jpstudy.adfacts import (
    FIELD_NAMES,
    FIELDS,
    AdFacts,
    extract_facts,
    fit_of,
    level_reached,
    load_rules,
    summarise,
)
from jpstudy.adfacts.checks import Condition, shipped_rules
from jpstudy.adfacts.numbers import clock, count, yen, yen_range
from jpstudy.adfacts.scan import AdScan
from jpstudy.mining.normalise import normalise

ADS = Path(__file__).resolve().parent.parent / "fixtures" / "jobads"
TEXT_ADS = sorted(p.name for p in ADS.glob("*.txt"))


def read(name: str) -> str:
    return normalise((ADS / name).read_text(encoding="utf-8"))


def test_every_text_ad_of_the_project_has_its_expectations() -> None:
    assert sorted(EXPECTED) == TEXT_ADS
    assert len(TEXT_ADS) >= 19  # the 4 ads before issue 13 and at least 15 written for it


@pytest.mark.parametrize("name", TEXT_ADS)
def test_every_fact_of_every_ad(name: str) -> None:
    text = read(name)
    facts = extract_facts(text)
    stated, checks = EXPECTED[name]
    for field in FIELD_NAMES:
        fact = facts.fact(field)
        assert fact.value == stated.get(field), field
        if fact.stated:
            assert fact.text and fact.text == text[fact.start : fact.end], field
            assert fact.english and fact.english != "not stated", field
        else:
            assert (fact.text, fact.start, fact.end, fact.english) == ("", None, None, "not stated"), field
    assert [c.rule for c in facts.checks] == checks
    for check in facts.checks:
        fact = facts.fact(check.fact)
        assert (check.start, check.end) == (fact.start, fact.end) and check.source and check.message


@pytest.mark.parametrize("name", [n for n in TEXT_ADS if n != "kaigo-pdf-copy.txt"])
def test_the_raw_text_gives_the_same_facts(name: str) -> None:
    """Full-width digits (１，１００円), ～ and ：: the extractor folds them itself."""
    raw = (ADS / name).read_text(encoding="utf-8")
    normalised, direct = extract_facts(read(name)), extract_facts(raw)
    for field in FIELD_NAMES:
        if field != "location":  # the location is the ad's own text
            assert direct.fact(field).value == normalised.fact(field).value, field
        fact = direct.fact(field)
        assert fact.start is None or raw[fact.start : fact.end] == fact.text


def test_circled_list_numbers_in_the_normalised_text() -> None:
    """The miner's text writes ① as (1): the hours are 8:00 to 17:00 (not 18:00), the pay ¥250,000 (not 125万)."""
    facts = extract_facts(normalise("【勤務時間】①8:00〜17:00 ②13:00〜22:00\n【給与】月給①25万円〜 ②20万円〜"))
    assert facts.working_hours.value["times"] == ["08:00-17:00", "13:00-22:00"]
    assert facts.pay.value == {"period": "month", "min": 250_000, "max": None, "top_only": False}
    assert facts.pay.text == "月給(1)25万円〜"
    assert extract_facts(normalise("給与：時給(2)1,200円")).pay.value["min"] == 1200


def test_the_issues_own_example() -> None:
    facts = extract_facts("給与：月給23万円(固定残業代4万円含む)\n休日：週休二日制")
    assert facts.pay.value == {"period": "month", "min": 230000, "max": 230000, "top_only": False}
    assert facts.fixed_overtime.value == {"included": True, "hours": None, "amount": 40000, "extra_paid": None}
    assert facts.fixed_overtime.english == (
        "The pay includes fixed overtime pay (固定残業代) of ¥40,000; the ad does not state its hours. "
        "The ad does not say that overtime beyond it is paid extra.")
    assert [c.rule for c in facts.checks] == [
        "fixed_overtime_hours", "fixed_overtime_extra_pay", "weekly_two_days_not_every_week",
    ]
    assert facts.weekly_days_off.text == "週休二日制"
    assert "not every week" in facts.weekly_days_off.english


def test_spans_point_at_what_the_fact_was_read_from() -> None:
    text = read("delivery-driver.txt")
    facts = extract_facts(text)
    assert facts.fixed_overtime.text == "(固定残業代4万円/20時間分を含む。超過分は別途支給)"  # brackets balanced
    assert facts.pay.text == "月給28万円~35万円"
    assert facts.trial_period.text == "試用期間】\n3か月(条件変更なし)"
    assert facts.checks[0].rule == "weekly_two_days_not_every_week"
    assert text[facts.checks[0].start : facts.checks[0].end] == "週休二日制"


@pytest.mark.parametrize(("written", "expected"), [
    ("23万6000", 236000), ("236,000", 236000), ("23.6万", 236000), ("1万5千", 15000), ("5千", 5000),
    ("1,100", 1100), ("500万", 5_000_000), ("1億2000万", 120_000_000),
])
def test_yen_as_ads_write_it(written: str, expected: int) -> None:
    assert yen(written) == expected


@pytest.mark.parametrize(("line", "value"), [
    ("時給1,100円〜1,450円", {"period": "hour", "min": 1100, "max": 1450, "top_only": False}),
    ("年収500万~800万円", {"period": "year", "min": 5_000_000, "max": 8_000_000, "top_only": False}),
    ("月給２３万６０００円", {"period": "month", "min": 236000, "max": 236000, "top_only": False}),
    ("月給23万円以上", {"period": "month", "min": 230000, "max": None, "top_only": False}),
    ("月給〜40万円", {"period": "month", "min": None, "max": 400000, "top_only": True}),
    ("月収50万円可！", {"period": "month", "min": None, "max": 500000, "top_only": True}),
    ("日給1万2千円", {"period": "day", "min": 12000, "max": 12000, "top_only": False}),
    ("賃金　２３０，０００円〜２８０，０００円\n賃金形態等　月給", {"period": "month", "min": 230000, "max": 280000,
                                                         "top_only": False}),
    ("給与：236,000円", {"period": None, "min": 236000, "max": 236000, "top_only": False}),
])
def test_pay_lines(line: str, value: dict[str, object]) -> None:
    assert extract_facts(line).pay.value == value


def test_pay_that_is_not_the_ads_pay_is_left_out() -> None:
    text = "月収例：30万円（残業含む）\n試用期間中は時給1,000円\n深夜は時給1,500円"
    assert not extract_facts(text).pay.stated
    assert extract_facts("給与：時給1,200円\n" + text).pay.value["min"] == 1200


def test_counts_and_clock_times() -> None:
    assert [count(c) for c in ("2", "二", "十", "十二", "二十")] == [2, 2, 10, 12, 20]
    assert [clock(t) for t in ("8:30", "8時30分", "17時", "翌2:00", "9時半")] == [
        "08:30", "08:30", "17:00", "+02:00", "09:30"]
    assert yen_range("500万", "800万") == (5_000_000, 8_000_000)


@pytest.mark.parametrize(("text", "level"), [
    ("日本語能力試験N2以上の方", "N2"), ("JLPT N3程度", "N3"), ("N1相当の日本語力", "N1"),
    ("日本語能力試験2級", "N2"), ("日本語：ビジネスレベル", "N2"), ("日常会話程度の日本語ができる方", "N3"),
    ("ネイティブレベルの日本語", "N1"), ("日本語不問", "not_required"), ("英語ビジネスレベル", None),
    ("【歓迎】日本語能力試験N1", None), ("業務内容：N2ラインの保守", None),
])
def test_japanese_level(text: str, level: str | None) -> None:
    assert extract_facts(text).japanese_level.value == level


def test_nothing_is_guessed_from_an_ad_that_states_nothing() -> None:
    for text in ("", "\n\n", "Hello, we are hiring!", "😀" * 40, "仕事内容：倉庫内での軽作業です。"):
        facts = extract_facts(text)
        assert facts.stated() == [] and facts.checks == ()
        assert all(facts.fact(f).english == "not stated" for f in FIELD_NAMES)


def test_fields_and_json_round_trip() -> None:
    assert tuple(name for name, _ in FIELDS) == FIELD_NAMES
    facts = extract_facts(read("sales-every-check.txt"))
    data = json.loads(json.dumps(facts.to_json(), ensure_ascii=False))
    assert set(data) == {*FIELD_NAMES, "checks"}
    assert set(data["pay"]) == {"value", "text", "start", "end", "english"}
    assert {"rule", "message", "start", "end"} <= set(data["checks"][0])
    assert AdFacts.from_json(data) == facts


def test_every_shipped_rule_reads_and_names_its_source() -> None:
    rules = shipped_rules()
    assert {r.rule for r in rules} == {
        "fixed_overtime_hours", "fixed_overtime_amount", "fixed_overtime_extra_pay",
        "weekly_two_days_not_every_week", "trial_conditions_not_stated", "pay_top_only",
        "annual_holidays_below_105", "deemed_working_hours", "part_time_insurance_hours",
    }
    assert all(r.source and r.message and r.fact in FIELD_NAMES for r in rules)


def test_checks_come_from_the_table(tmp_path: Path) -> None:
    """A rule is a row: a table with another threshold flags another ad, no code changed."""
    table = tmp_path / "rules.tsv"
    table.write_text("rule\tfact\twhen\tmessage\tsource\n"
                     "few_days_off\tannual_holidays\tannual_holidays < 115\tFew days off.\tSomewhere\n"
                     "shifts\tworking_hours\tworking_hours.shifts = true and breaks stated\tShifts.\tElsewhere\n",
                     encoding="utf-8")
    rules = load_rules(table)
    facts = extract_facts(read("hellowork-kaigo.txt"), rules=rules)  # 112 days, shifts, a 60-minute break
    assert [(c.rule, c.message, c.source) for c in facts.checks] == [
        ("few_days_off", "Few days off.", "Somewhere"), ("shifts", "Shifts.", "Elsewhere")]
    assert extract_facts(read("office-no-checks.txt"), rules=rules).checks == ()  # 125 days, no shifts


@pytest.mark.parametrize("bad", ["pay.min >", "salary = 3", "pay.min ~ 3", "pay stated 3"])
def test_a_malformed_rule_is_refused_with_its_line(tmp_path: Path, bad: str) -> None:
    table = tmp_path / "rules.tsv"
    table.write_text(f"# comment\nr\tpay\t{bad}\tm\ts\n", encoding="utf-8")
    with pytest.raises(ValueError, match="line 2"):
        load_rules(table)
    with pytest.raises(ValueError):
        Condition.parse(bad)


@dataclass(frozen=True)
class Progress:
    level: str
    total: int
    known: int


def test_fit_sentence_as_the_issue_writes_it() -> None:
    facts = extract_facts("応募資格：日本語能力試験N2以上")
    progress = [Progress("N5", 100, 95), Progress("N4", 100, 90), Progress("N3", 100, 70), Progress("N2", 100, 64),
                Progress("N1", 100, 10)]
    fit = fit_of(facts, 0.81, progress)
    assert fit.sentence() == "This ad asks for JLPT N2. You know 64 % of the N2 words and 81 % of this ad's words."
    assert fit.reached == "N4" and not fit.within_reach
    assert fit.reach_sentence().startswith("You have reached N4 so far (a level counts as reached when you know 80 %")
    none = fit_of(extract_facts("時給1,200円"), 0.5, progress)
    assert none.sentence() == "This ad does not state a Japanese level. You know 50 % of its words."
    assert none.within_reach


def test_level_reached_needs_every_easier_level() -> None:
    assert level_reached([]) is None
    assert level_reached([Progress("N5", 10, 7)]) is None
    assert level_reached([Progress("N5", 10, 8), Progress("N4", 10, 9), Progress("N3", 10, 1),
                          Progress("N2", 10, 10)]) == "N4"


def test_short_facts_for_the_library() -> None:
    assert summarise(extract_facts(read("hellowork-kaigo.txt"))).pay == "¥220k–260k/mo"
    assert summarise(extract_facts(read("it-miname-sairyou.txt"))).pay == "¥6.0M–10.0M/yr"
    short = summarise(extract_facts(read("sales-every-check.txt")))
    assert (short.pay, short.checks) == ("up to ¥450k/mo", 9)
    assert short.days_off == "96/yr · 2 some wks"
    assert summarise(extract_facts("月給18万5200円")).pay == "¥185.2k/mo"
    assert summarise(extract_facts(read("bakery-part-time.txt"))).pay == "¥1,150+/h"


def test_sections_and_folding_keep_offsets() -> None:
    scan = AdScan("【給与】\n時給１，１００円～\n■休日\n土日祝\n勤務地：横浜市")
    assert [s.name for s in scan.sections] == ["給与", "休日", "勤務地"]
    assert len(scan.folded) == len(scan.text) and "1,100円~" in scan.folded


AD_PIECES = st.sampled_from([
    "【給与】", "■休日", "月給", "時給", "年収", "23万", "6000", "円", "〜", "～", "~", "-", "最大", "可", "以上",
    "固定残業代", "みなし残業", "時間分", "超過分は別途支給", "週休二日制", "完全", "4週8休", "年間休日", "日",
    "試用期間", "3ヶ月", "条件変更なし", "社会保険完備", "パート", "正社員", "派遣", "日本語能力試験", "N2", "以上",
    "ビジネスレベル", "日本語", "勤務地：", "応募方法", "電話", "8:30", "翌", "17:00", "休憩", "60分", "残業",
    "月平均", "10時間", "交通費", "上限", "賞与", "年2回", "昇給", "寮", "外国籍の方歓迎", "\n", "、", "。", "（", "）",
    "(", ")", ":", " ", "１", "２", "０", "，", "．", "⽇", "⽉", "㈱", "①", "½", "\u3000", "\ufeff",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(AD_PIECES, st.text(max_size=6)), max_size=60))
def test_the_extractor_never_crashes_and_every_span_lies_in_the_text(pieces: list[str]) -> None:
    text = "".join(pieces)
    facts = extract_facts(text)
    json.dumps(facts.to_json(), ensure_ascii=False)
    for field in FIELD_NAMES:
        fact = facts.fact(field)
        if fact.stated:
            assert 0 <= fact.start <= fact.end <= len(text)
            assert text[fact.start : fact.end] == fact.text
        else:
            assert fact.start is None and fact.end is None
    for check in facts.checks:
        assert check.start is not None and 0 <= check.start <= check.end <= len(text)
