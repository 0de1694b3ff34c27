"""Review-card intervals (specs/sm2.md §4): Hard, Good and Easy with credited lateness, and the lapse.

Terms:
    I: the current interval, at least 1 day. D: days late, whole scheduling days after the due day
        (0 when answered on or before it). E: ease (factor/1000, f32).
    constrain: multiply by the interval modifier (passing answers only), round half-up, and clamp to
        ``[minimum, maximum interval]``; with a fuzz factor, pick inside the fuzz bounds instead.
    All products and sums are f32 operations in the order written (see ``f32``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from jpstudy.srs.f32 import add, div, f32, mul, round_half_up
from jpstudy.srs.fuzz import fuzzed_interval
from jpstudy.srs.options import SchedulerOptions
from jpstudy.srs.rating import Rating

MINIMUM_FACTOR = 1300
FACTOR_DELTA = {Rating.AGAIN: -200, Rating.HARD: -150, Rating.GOOD: 0, Rating.EASY: 150}


@dataclass(frozen=True)
class PassingIntervals:
    """The intervals Hard, Good and Easy would give on one answer."""

    hard: int
    good: int
    easy: int


def constrain(interval: float, minimum: int, options: SchedulerOptions, fuzz_factor: float | None) -> int:
    """``interval`` (f32 days) rounded, or fuzzed, into ``[minimum, maximum interval]``."""
    highest = max(options.maximum_interval, 1)
    lowest = min(max(minimum, 1), highest)
    if fuzz_factor is None:
        return min(max(round_half_up(interval), lowest), highest)
    return fuzzed_interval(interval, lowest, highest, fuzz_factor)


def passing_intervals(
    interval: int, factor: int, days_late: int, options: SchedulerOptions, fuzz_factor: float | None
) -> PassingIntervals:
    """Hard, Good and Easy intervals of a review card with ``interval`` and ``factor`` (permille)."""
    current = f32(max(interval, 1))
    late = f32(max(days_late, 0))
    ease = div(factor, 1000.0)
    modifier = options.interval_modifier
    hard_factor = options.hard_interval
    hard_minimum = interval + 1 if hard_factor > 1 else 1
    hard = constrain(mul(mul(current, hard_factor), modifier), hard_minimum, options, fuzz_factor)
    good_minimum = hard + 1 if hard_factor > 1 else interval + 1
    good_base = mul(add(current, div(late, 2.0)), ease)
    good = constrain(mul(good_base, modifier), good_minimum, options, fuzz_factor)
    easy_base = mul(mul(add(current, late), ease), options.easy_bonus)
    easy = constrain(mul(easy_base, modifier), good + 1, options, fuzz_factor)
    return PassingIntervals(hard, good, easy)


def lapse_interval(interval: int, options: SchedulerOptions, fuzz_factor: float | None) -> int:
    """The interval after a lapse: ``I × new interval``, at least the minimum interval."""
    return constrain(mul(f32(max(interval, 1)), options.new_interval), options.minimum_interval, options, fuzz_factor)


def graduating_interval(easy: bool, options: SchedulerOptions, fuzz_factor: float | None) -> int:
    """The first review interval of a card leaving the learning steps."""
    days = options.easy_interval if easy else options.graduating_interval
    return constrain(f32(days), 1, options, fuzz_factor)


def answered_factor(factor: int, rating: Rating) -> int:
    """The ease (permille) after a review answer: Again -200, Hard -150 (floor 1300), Easy +150."""
    changed = factor + FACTOR_DELTA[rating]
    return max(changed, MINIMUM_FACTOR) if FACTOR_DELTA[rating] < 0 else changed


def is_leech(lapses: int, threshold: int) -> bool:
    """True on the lapses that make a card a leech: the threshold, then every half-threshold after."""
    if threshold <= 0 or lapses < threshold:
        return False
    return (lapses - threshold) % math.ceil(threshold / 2) == 0
