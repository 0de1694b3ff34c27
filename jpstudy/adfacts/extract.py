"""Read every fact of an ad and run the checks (``extract_facts``).

The text given is the one the spans index: in the app and ``jpstudy mine`` it is the miner's normalised
text (``MiningResult.text``), so a fact's span is a span of the ad as shown.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from jpstudy.adfacts import benefits, contact, days_off, hours, pay, requirements
from jpstudy.adfacts.checks import Rule, run_checks
from jpstudy.adfacts.models import AdFacts, Fact
from jpstudy.adfacts.scan import AdScan

EXTRACTORS: dict[str, Callable[[AdScan], Fact]] = {
    "employment_type": requirements.employment_type,
    "pay": pay.pay,
    "pay_breakdown": pay.pay_breakdown,
    "fixed_overtime": pay.fixed_overtime,
    "bonus": pay.bonus,
    "pay_rise": pay.pay_rise,
    "working_hours": hours.working_hours,
    "breaks": hours.breaks,
    "overtime": hours.overtime,
    "deemed_hours": hours.deemed_hours,
    "annual_holidays": days_off.annual_holidays,
    "weekly_days_off": days_off.weekly_days_off,
    "days_off": days_off.days_off,
    "paid_leave": days_off.paid_leave,
    "insurance": benefits.insurance,
    "commute_allowance": benefits.commute_allowance,
    "housing": benefits.housing,
    "trial_period": benefits.trial_period,
    "experience": requirements.experience,
    "licences": requirements.licences,
    "japanese_level": requirements.japanese_level,
    "visa": requirements.visa,
    "foreigners_welcome": requirements.foreigners_welcome,
    "location": contact.location,
    "how_to_apply": contact.how_to_apply,
}
"""The function that reads each field, in ``FIELD_NAMES`` order."""


def extract_facts(text: str, rules: tuple[Rule, ...] | None = None) -> AdFacts:
    """Every fact of the ad ``text`` and the checks it triggers (the shipped rules unless ``rules``)."""
    scan = AdScan(text)
    facts = AdFacts(**{name: read(scan) for name, read in EXTRACTORS.items()})
    return replace(facts, checks=run_checks(facts, rules))
