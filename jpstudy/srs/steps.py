"""(Re)learning steps: which step an answer moves to and how long until it is due.

Terms:
    steps: the delays (whole seconds) of the learning steps (new cards) or relearning steps (lapsed
        cards); a card on step ``i`` waits ``steps[i]`` after a Good/Again answer.
    left: the steps remaining including the current one (Anki's ``left``; only ``left % 1000`` counts,
        as Anki's v2 scheduler packed "steps today" into the thousands). A new card has all steps left.
    step index: ``len(steps) - left``, clamped into the steps that exist — so editing the steps moves
        a learning card as Anki moves it.
    graduate: leave the steps and become a review card; ``easy`` says it was the Easy button.
    nominal delay: the delay of the step a card is on, whatever the button that put it there
        (Hard may wait longer than the nominal delay); Anki logs it as the previous interval.
"""

from __future__ import annotations

from dataclasses import dataclass

from jpstudy.srs.f32 import div, round_half_up
from jpstudy.srs.options import SECONDS_PER_DAY
from jpstudy.srs.rating import Rating


@dataclass(frozen=True)
class NextStep:
    """Stay in (re)learning with ``left`` steps remaining, due after ``delay_secs``."""

    left: int
    delay_secs: int


@dataclass(frozen=True)
class Graduate:
    """Leave the steps; ``easy`` when graduated with the Easy button."""

    easy: bool


def step_index(steps: tuple[int, ...], left: int | None) -> int:
    """The step a card with ``left`` steps remaining is on (``None``: a new card, on step 0)."""
    remaining = len(steps) if left is None else left % 1000
    return min(max(len(steps) - remaining, 0), max(len(steps) - 1, 0))


def nominal_delay(steps: tuple[int, ...], left: int | None) -> int:
    """The delay of the current step (0 when there are no steps)."""
    return steps[step_index(steps, left)] if steps else 0


def hard_delay(steps: tuple[int, ...], index: int) -> int:
    """The delay Hard gives on step ``index``: between the first two steps, or 1.5× a single step
    (capped at one day more), rounded to whole days when over a day; later steps repeat themselves."""
    if index > 0:
        return steps[index]
    single_step = min(steps[0] * 3 // 2, steps[0] + SECONDS_PER_DAY)
    delay = (steps[0] + steps[1]) // 2 if len(steps) >= 2 else single_step
    if delay > SECONDS_PER_DAY:
        delay = round_half_up(div(delay, SECONDS_PER_DAY)) * SECONDS_PER_DAY
    return delay


def step_outcome(steps: tuple[int, ...], left: int | None, rating: Rating) -> NextStep | Graduate:
    """Where ``rating`` takes a card with ``left`` of ``steps`` remaining (``None``: a new card)."""
    if rating == Rating.EASY:
        return Graduate(easy=True)
    if not steps:
        return Graduate(easy=False)
    index = step_index(steps, left)
    if rating == Rating.AGAIN:
        return NextStep(len(steps), steps[0])
    if rating == Rating.HARD:
        return NextStep(len(steps) if left is None else left, hard_delay(steps, index))
    if index + 1 < len(steps):
        return NextStep(len(steps) - (index + 1), steps[index + 1])
    return Graduate(easy=False)
