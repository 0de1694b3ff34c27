"""Scheduler options: Anki's defaults, the ranges of specs/sm2.md §1, errors naming every violation."""

from __future__ import annotations

import json
from datetime import UTC, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from jpstudy.srs import SchedulerOptions


def test_defaults_are_ankis() -> None:
    options = SchedulerOptions()
    assert options.learning_steps == (1.0, 10.0) and options.relearning_steps == (10.0,)
    assert (options.graduating_interval, options.easy_interval, options.minimum_interval) == (1, 4, 1)
    assert (options.maximum_interval, options.starting_factor, options.easy_bonus) == (36_500, 2500, 1.3)
    assert (options.interval_modifier, options.hard_interval, options.new_interval) == (1.0, 1.2, 0.0)
    assert (options.leech_threshold, options.leech_action, options.rollover_hour) == (8, "tag", 4)
    assert options.learning_step_seconds == (60, 600)


def test_every_violation_is_reported_at_once() -> None:
    with pytest.raises(ValueError) as error:
        SchedulerOptions(
            learning_steps=(1, -5),
            graduating_interval=0,
            starting_ease=1.3,
            hard_interval=1.5,
            leech_action="bury",
            rollover_hour=24,
            tz="Asia/Tokyo",  # type: ignore[arg-type]
        )
    message = str(error.value)
    for name in (
        "learning_steps",
        "graduating_interval",
        "starting_ease",
        "hard_interval",
        "leech_action",
        "rollover_hour",
        "tz",
    ):
        assert name in message, name
    assert "1.31..5.0" in message and "got 1.3" in message


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("maximum_interval", 36_501),
        ("minimum_interval", 0),
        ("easy_bonus", 0.99),
        ("interval_modifier", 2.01),
        ("new_interval", -0.1),
        ("leech_threshold", 0),
        ("graduating_interval", 1.5),
        ("graduating_interval", True),
        ("starting_ease", float("nan")),
        ("relearning_steps", "10m"),
        ("learning_steps", (0.001,)),
    ],
)
def test_out_of_range_values_are_rejected(name: str, value: object) -> None:
    with pytest.raises(ValueError, match=name):
        SchedulerOptions(**{name: value})  # type: ignore[arg-type]


def test_range_edges_are_accepted_and_lists_become_tuples() -> None:
    options = SchedulerOptions(
        learning_steps=[0.5, 1440],  # type: ignore[arg-type]
        relearning_steps=[],  # type: ignore[arg-type]
        starting_ease=1.31,
        easy_bonus=5.0,
        interval_modifier=0.5,
        hard_interval=1.3,
        new_interval=1.0,
        maximum_interval=1,
        rollover_hour=0,
    )
    assert options.learning_steps == (0.5, 1440) and options.relearning_steps == ()
    assert options.learning_step_seconds == (30, 86_400)


@pytest.mark.parametrize("tz", [UTC, ZoneInfo("Asia/Tokyo"), timezone(timedelta(hours=-3, minutes=-30))])
def test_json_round_trip(tz: object) -> None:
    options = SchedulerOptions(tz=tz, learning_steps=(1, 10, 60), leech_action="suspend")  # type: ignore[arg-type]
    assert SchedulerOptions.from_dict(json.loads(json.dumps(options.to_dict()))) == options


def test_from_dict_rejects_unknown_keys_and_zones() -> None:
    with pytest.raises(ValueError, match="unknown option"):
        SchedulerOptions.from_dict({"fuzz": True})
    with pytest.raises(ValueError, match="unknown time zone"):
        SchedulerOptions.from_dict({"tz": "Mars/Olympus"})
