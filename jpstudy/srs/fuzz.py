"""Anki's interval fuzz and learning-step jitter (specs/sm2.md §7).

Terms:
    fuzz: a random spread applied to review intervals so that cards learnt together drift apart.
        For a computed interval ``x`` (days, f32) the spread is ``x ± delta``, where delta grows
        piecewise with ``x`` (0 below 2.5 days, then 15 % up to 7 days, 10 % up to 20, 5 % beyond).
    fuzz factor: one uniform number ``r`` in [0, 1) drawn per answer; every interval of that answer
        (Hard, Good, Easy) uses the same ``r``, so ``Easy >= Good + 1`` still holds.
    jitter: up to 25 % (at most 5 minutes) added to an intraday (re)learning delay.
"""

from __future__ import annotations

import math

from jpstudy.srs.f32 import add, f32, mul, round_half_up

# (interval start, interval end, share of the interval added to delta)
_FUZZ_RANGES = ((2.5, 7.0, 0.15), (7.0, 20.0, 0.1), (20.0, math.inf, 0.05))


def fuzz_delta(interval: float) -> float:
    """Half-width of the fuzz spread for an interval of ``interval`` days."""
    if interval < 2.5:
        return 0.0
    delta = 1.0
    for start, end, share in _FUZZ_RANGES:
        delta = add(delta, mul(share, max(min(interval, end) - start, 0.0)))
    return delta


def fuzz_bounds(interval: float, minimum: int, maximum: int) -> tuple[int, int]:
    """Lowest and highest fuzzed interval for ``interval``, inside ``[minimum, maximum]``.

    As real Anki does (checked against the ``anki`` package), ``interval`` is first raised to the
    minimum (or lowered to the maximum), so the spread is that of the interval actually given; the
    spec's wording (clamping only the bounds) gives narrower ranges when ``interval < minimum``.
    """
    minimum = min(minimum, maximum)
    interval = min(max(f32(interval), minimum), maximum)
    delta = fuzz_delta(interval)
    low = min(max(round_half_up(f32(interval - delta)), minimum), maximum)
    high = min(max(round_half_up(f32(interval + delta)), minimum), maximum)
    if low == high and 2 < high < maximum:
        high = low + 1
    return low, high


def fuzzed_interval(interval: float, minimum: int, maximum: int, fuzz_factor: float) -> int:
    """The interval picked by ``fuzz_factor`` (in [0, 1)) inside ``fuzz_bounds``."""
    low, high = fuzz_bounds(interval, minimum, maximum)
    return min(math.floor(f32(low + fuzz_factor * (high - low + 1))), high)


def jitter_limit(delay_secs: int) -> int:
    """Exclusive upper bound of the extra seconds added to an intraday delay of ``delay_secs``."""
    return int(min(mul(delay_secs, 0.25), 300.0))


def jittered_delay(delay_secs: int, fuzz_factor: float) -> int:
    """``delay_secs`` plus the jitter picked by ``fuzz_factor`` (in [0, 1))."""
    return delay_secs + math.floor(fuzz_factor * jitter_limit(delay_secs))
