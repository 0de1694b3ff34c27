"""Fuzz (specs/sm2.md §7): bounds from the spec's examples, and the scheduler staying inside them."""

from __future__ import annotations

import itertools
import random
from dataclasses import astuple
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from anki_oracle import FUZZ_LAPSE_MULTIPLIER, fuzz_samples

from jpstudy.srs import CardState, Rating, Scheduler, SchedulerOptions
from jpstudy.srs.fuzz import fuzz_bounds, fuzz_delta, fuzzed_interval, jitter_limit
from jpstudy.srs.review import lapse_interval, passing_intervals

NOW = datetime(2026, 5, 10, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("interval", "minimum", "maximum", "bounds"),
    [
        (25.0, 1, 36_500, (22, 28)),  # spec: x = 25 -> 22..28
        (12.0, 11, 36_500, (11, 14)),  # spec: Hard on ivl 10 -> 11..14 (minimum ivl + 1)
        (2.4, 1, 36_500, (2, 2)),  # below 2.5 days no spread (equal bounds of 2 days stay equal)
        (2.6, 1, 36_500, (2, 4)),  # delta 1.015
        (1.0, 1, 36_500, (1, 1)),
        (3.0, 1, 36_500, (2, 4)),  # delta 1.075
        (100.0, 1, 36_500, (93, 107)),  # delta 1 + 0.15*4.5 + 0.10*13 + 0.05*80 = 6.975
        (5.0, 8, 100, (8, 10)),  # raised to the minimum first (as Anki does), delta 1.775
        (7.0, 8, 100, (8, 10)),
        (30.0, 1, 20, (17, 20)),  # lowered to the maximum first, delta 2.975
        (1.0, 3, 3, (3, 3)),  # minimum = maximum
    ],
)
def test_fuzz_bounds(interval: float, minimum: int, maximum: int, bounds: tuple[int, int]) -> None:
    assert fuzz_bounds(interval, minimum, maximum) == bounds


def test_fuzzed_interval_covers_the_bounds_uniformly() -> None:
    rng = random.Random(7)
    picked = [fuzzed_interval(25.0, 1, 36_500, rng.random()) for _ in range(7000)]
    counts = {days: picked.count(days) for days in range(22, 29)}
    assert set(picked) == set(counts)
    assert all(800 < n < 1200 for n in counts.values()), counts
    assert fuzzed_interval(25.0, 1, 36_500, 0.999_999_99) == 28


def review_card(interval: int, factor: int = 2500) -> CardState:
    due = datetime(2026, 5, 10, 4, 0, tzinfo=UTC)
    return CardState(kind="review", ease=factor / 1000, interval_days=interval, due=due, reps=5)


def test_scheduler_fuzzes_review_answers_within_the_bounds() -> None:
    sched = Scheduler()
    card = review_card(10)  # on time: Hard x=12 (min 11), Good x=25 (min Hard+1), Easy x=32.5
    seen: dict[Rating, set[int]] = {r: set() for r in Rating}
    for seed in range(400):
        rng = random.Random(seed)
        answers = {r: sched.answer(card, r, NOW, rng=random.Random(seed)) for r in Rating}
        assert rng.random() == random.Random(seed).random()  # one draw per answer, same for all buttons
        for rating, state in answers.items():
            seen[rating].add(state.interval_days)
        assert answers[Rating.EASY].interval_days > answers[Rating.GOOD].interval_days
        assert answers[Rating.GOOD].interval_days > answers[Rating.HARD].interval_days
    assert seen[Rating.HARD] == set(range(11, 15))
    assert seen[Rating.GOOD] == set(range(22, 29))
    assert seen[Rating.EASY] == set(range(29, 37))  # x = 32.5, delta 3.6
    assert seen[Rating.AGAIN] == {1}  # the lapse interval (1 day) is below 2.5 days: no spread


def test_fuzz_is_deterministic_for_a_seed_and_absent_without_rng() -> None:
    sched = Scheduler()
    card = review_card(40)
    first = sched.answer(card, Rating.GOOD, NOW, rng=random.Random(3))
    assert sched.answer(card, Rating.GOOD, NOW, rng=random.Random(3)) == first
    assert sched.answer(card, Rating.GOOD, NOW).interval_days == 100  # 40 * 2.5 exactly


def test_graduating_intervals_are_fuzzed() -> None:
    sched = Scheduler()
    easy = {sched.answer(CardState.new(), Rating.EASY, NOW, rng=random.Random(s)).interval_days for s in range(200)}
    assert easy == {3, 4, 5}  # x = 4: delta 1.225
    good_from_last_step = sched.answer(CardState.new(), Rating.GOOD, NOW)
    good = {sched.answer(good_from_last_step, Rating.GOOD, NOW, rng=random.Random(s)).interval_days for s in range(50)}
    assert good == {1}


def test_learning_delays_get_jitter_but_the_log_keeps_the_step() -> None:
    sched = Scheduler()
    assert jitter_limit(600) == 150 and jitter_limit(60 * 60) == 300
    delays = set()
    for seed in range(300):
        state, log = sched.answer_with_log(CardState.new(), Rating.GOOD, NOW, rng=random.Random(seed))
        assert state.due is not None
        delays.add((state.due - NOW) // timedelta(seconds=1))
        assert log.ivl == -600
    assert min(delays) == 600 and max(delays) < 750 and len(delays) > 100


def fuzz_factors(largest_span: int) -> list[float]:
    """One fuzz factor inside every piece on which fuzzed intervals are constant: the pieces lie
    between fractions k/n (n = days in a fuzz range, at most ``largest_span``); take their midpoints."""
    cuts = sorted({k / n for n in range(1, largest_span + 1) for k in range(n)} | {1.0})
    return [(a + b) / 2 for a, b in itertools.pairwise(cuts)]


def test_fuzz_agrees_with_real_anki(tmp_path: Path) -> None:
    """Real Anki (fuzz on, load balancer off) only offers intervals the engine can produce with one
    fuzz factor for all buttons, and covers the whole fuzz range."""
    samples = fuzz_samples(tmp_path, cards=300, seed=1)
    options = SchedulerOptions(new_interval=FUZZ_LAPSE_MULTIPLIER)
    offered_by_card: dict[tuple[int, int, int], list[tuple[int, ...]]] = {}
    for ivl, late, factor, *offered in samples["reviews"]:
        offered_by_card.setdefault((ivl, late, factor), []).append(tuple(offered))
    for (ivl, late, factor), offers in offered_by_card.items():
        widest = int(2 * fuzz_delta(1.2 * max(easy for *_, easy in offers))) + 3
        possible = {
            (lapse_interval(ivl, options, r), *astuple(passing_intervals(ivl, factor, late, options, r)))
            for r in fuzz_factors(widest)
        }
        assert set(offers) <= possible, (ivl, late, factor, set(offers) - possible)
    on_time_10_days = offered_by_card[10, 0, 2500]  # again, hard, good, easy
    assert len(on_time_10_days) == 300
    assert [sorted({offer[i] for offer in on_time_10_days}) for i in range(4)] == [
        [4, 5, 6],  # lapse: 10 x 0.5 = 5, delta 1.375
        list(range(11, 15)),
        list(range(22, 29)),
        list(range(29, 37)),
    ]
    assert set(samples["easy_graduation"]) == {3, 4, 5}
