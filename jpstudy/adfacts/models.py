"""Typed records of an ad's facts and checks.

Terms:
    fact: one thing the ad states (its pay, its days off …): a JSON-ready ``value``, the ``text`` of the
        ad it was read from with its offsets [``start``, ``end``) into the text given to the extractor,
        and a plain-English rendering. A fact the ad does not state has the value ``None``, no span, and
        the English "not stated"; nothing is ever guessed.
    field: the name of a fact (``pay``, ``annual_holidays`` …); ``FIELDS`` lists them in reading order
        with the heading the app shows.
    check: something an ad may hide, flagged for the reader (fixed overtime without its hours,
        週休二日制 that is not two days every week …) with a short explanation, the span it concerns and
        the source the rule rests on. Checks are information, not legal advice (``NOT_LEGAL_ADVICE``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

NOT_STATED = "not stated"
NOT_LEGAL_ADVICE = (
    "These checks are information to help you read the ad, not legal advice. For advice, ask a labour "
    "standards office (労働基準監督署) or Hello Work."
)


@dataclass(frozen=True)
class Fact:
    """One fact of an ad (see the module docstring)."""

    value: Any = None
    text: str = ""
    start: int | None = None
    end: int | None = None
    english: str = NOT_STATED

    @property
    def stated(self) -> bool:
        """Whether the ad states this fact."""
        return self.value is not None

    def to_json(self) -> dict[str, Any]:
        """``{value, text, start, end, english}`` (the ``jpstudy mine --json`` contract)."""
        return {"value": self.value, "text": self.text, "start": self.start, "end": self.end,
                "english": self.english}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Fact:
        """The fact of its :meth:`to_json` form."""
        return cls(data.get("value"), data.get("text", ""), data.get("start"), data.get("end"),
                   data.get("english", NOT_STATED))


NOT_STATED_FACT = Fact()


@dataclass(frozen=True)
class Check:
    """A flagged point of the ad (see the module docstring). ``fact`` names the fact it is about."""

    rule: str
    message: str
    start: int | None
    end: int | None
    source: str
    fact: str

    def to_json(self) -> dict[str, Any]:
        """``{rule, message, start, end, source, fact}``."""
        return {"rule": self.rule, "message": self.message, "start": self.start, "end": self.end,
                "source": self.source, "fact": self.fact}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Check:
        """The check of its :meth:`to_json` form."""
        return cls(data["rule"], data["message"], data.get("start"), data.get("end"), data.get("source", ""),
                   data.get("fact", ""))


@dataclass(frozen=True)
class AdFacts:
    """Every fact of one ad, and its checks.

    Attributes (each a :class:`Fact`; its ``value`` is described here):
        employment_type: codes of the employment types named, in order: ``regular`` (正社員), ``contract``
            (契約社員), ``dispatch`` (派遣), ``temp_to_perm`` (紹介予定派遣), ``part_time`` (パート・アルバイト),
            ``fiscal_year`` (会計年度任用職員), ``outsourcing`` (業務委託), ``fixed_term`` (期間従業員 …).
        pay: ``{period, min, max, top_only}``: period ``hour``/``day``/``week``/``month``/``year`` or None
            when the ad does not say; amounts in yen (None when open); ``top_only`` when only the top of
            a range is stated ("最大", "〜40万円", "40万円可").
        pay_breakdown: the parts of the pay named: ``[{item, english, amount, per}]`` (基本給, 手当 …).
        fixed_overtime: ``{included, hours, amount, extra_paid}`` for 固定残業代/みなし残業 (hours a
            month, amount in yen, whether overtime beyond it is said to be paid extra; None: not said).
        bonus: ``{paid, times_a_year, months}`` (賞与; months of pay a year).
        pay_rise: ``{given, times_a_year}`` (昇給).
        working_hours: ``{times, shifts, flextime}``: times as ``"08:30-17:30"`` (a ``+`` marks the next day).
        breaks: minutes of break a shift.
        overtime: average overtime in hours a month (0 for 残業なし).
        deemed_hours: ``discretionary`` (裁量労働制), ``outside_work`` (事業場外みなし) or ``deemed``
            (みなし労働時間制): pay for deemed hours, not those worked.
        annual_holidays: days off a year (年間休日).
        weekly_days_off: ``every_week`` (完全週休二日制), ``some_weeks`` (週休二日制), ``two_days`` (週休2日
            without 制), ``one_day`` (週休1日) or ``rota`` (4週8休 …).
        days_off: the days named: ``mon``…``sun``, ``alt_sat`` (every other Saturday), ``holidays``,
            ``weekdays``, ``year_end``, ``summer``, ``golden_week``.
        paid_leave: ``{days}`` (有給休暇; days in the first year when stated, else None).
        insurance: ``{complete, names, qualifying_hours}``: 社会保険完備 said, the insurances named
            (``employment``, ``workers_accident``, ``health``, ``pension``), whether the hours that
            qualify for them are stated.
        commute_allowance: ``{paid, cap, cap_period}`` (交通費; cap in yen a month or a day).
        housing: ``dormitory``, ``company_housing``, ``housing_allowance``, ``rent_subsidy``.
        trial_period: ``{present, months, days, conditions}``; conditions ``same`` (条件変更なし),
            ``stated`` (different, and how is stated), ``differ`` (said to differ, not how) or None.
        experience: ``{required, years}``.
        licences: ``[{name, english, required}]`` licences and qualifications asked (required) or
            welcome (not required).
        japanese_level: the JLPT level asked, ``N5``…``N1``, or ``not_required`` (日本語不問).
        visa: ``support`` (the employer helps with the visa) or ``own_status`` (you must already hold a
            residence status that allows the work).
        foreigners_welcome: True when the ad says foreigners are welcome.
        location: where the work is, as the ad writes it.
        how_to_apply: channels: ``phone``, ``web``, ``email``, ``hello_work``, ``post``, ``in_person``.
        checks: the checks that the ad triggers, in the order of the rules table.
    """

    employment_type: Fact = NOT_STATED_FACT
    pay: Fact = NOT_STATED_FACT
    pay_breakdown: Fact = NOT_STATED_FACT
    fixed_overtime: Fact = NOT_STATED_FACT
    bonus: Fact = NOT_STATED_FACT
    pay_rise: Fact = NOT_STATED_FACT
    working_hours: Fact = NOT_STATED_FACT
    breaks: Fact = NOT_STATED_FACT
    overtime: Fact = NOT_STATED_FACT
    deemed_hours: Fact = NOT_STATED_FACT
    annual_holidays: Fact = NOT_STATED_FACT
    weekly_days_off: Fact = NOT_STATED_FACT
    days_off: Fact = NOT_STATED_FACT
    paid_leave: Fact = NOT_STATED_FACT
    insurance: Fact = NOT_STATED_FACT
    commute_allowance: Fact = NOT_STATED_FACT
    housing: Fact = NOT_STATED_FACT
    trial_period: Fact = NOT_STATED_FACT
    experience: Fact = NOT_STATED_FACT
    licences: Fact = NOT_STATED_FACT
    japanese_level: Fact = NOT_STATED_FACT
    visa: Fact = NOT_STATED_FACT
    foreigners_welcome: Fact = NOT_STATED_FACT
    location: Fact = NOT_STATED_FACT
    how_to_apply: Fact = NOT_STATED_FACT
    checks: tuple[Check, ...] = field(default=())

    def fact(self, name: str) -> Fact:
        """The fact of field ``name`` (``KeyError`` for a name that is no field)."""
        if name not in FIELD_NAMES:
            raise KeyError(name)
        return getattr(self, name)  # type: ignore[no-any-return]

    def stated(self) -> list[tuple[str, Fact]]:
        """(field, fact) of every fact the ad states, in ``FIELDS`` order."""
        return [(name, self.fact(name)) for name in FIELD_NAMES if self.fact(name).stated]

    def to_json(self) -> dict[str, Any]:
        """The ``"facts"`` object of ``jpstudy mine --json``: every field as ``{value, text, start, end,
        english}`` and ``"checks": [{rule, message, start, end, source, fact}]``."""
        out: dict[str, Any] = {name: self.fact(name).to_json() for name in FIELD_NAMES}
        out["checks"] = [c.to_json() for c in self.checks]
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AdFacts:
        """The facts of their :meth:`to_json` form (fields missing from ``data`` are not stated)."""
        kwargs: dict[str, Any] = {name: Fact.from_json(data[name]) for name in FIELD_NAMES if name in data}
        return cls(**kwargs, checks=tuple(Check.from_json(c) for c in data.get("checks", ())))


FIELD_NAMES: tuple[str, ...] = tuple(f.name for f in fields(AdFacts) if f.name != "checks")

FIELDS: tuple[tuple[str, str], ...] = (
    ("employment_type", "Employment"),
    ("pay", "Pay"),
    ("pay_breakdown", "Pay is made of"),
    ("fixed_overtime", "Fixed overtime pay"),
    ("bonus", "Bonus"),
    ("pay_rise", "Pay rises"),
    ("working_hours", "Working hours"),
    ("breaks", "Breaks"),
    ("overtime", "Overtime"),
    ("deemed_hours", "Deemed hours"),
    ("annual_holidays", "Days off a year"),
    ("weekly_days_off", "Weekly days off"),
    ("days_off", "Days off"),
    ("paid_leave", "Paid leave"),
    ("insurance", "Insurance"),
    ("commute_allowance", "Commute"),
    ("housing", "Housing"),
    ("trial_period", "Trial period"),
    ("experience", "Experience"),
    ("licences", "Licences"),
    ("japanese_level", "Japanese level"),
    ("visa", "Visa"),
    ("foreigners_welcome", "Foreigners"),
    ("location", "Location"),
    ("how_to_apply", "How to apply"),
)
"""Every field with the heading the app shows for it, in reading order (the order of ``FIELD_NAMES``)."""
