"""A card's scheduling state.

Terms:
    kind: "new" (never answered), "learning" (on a learning step), "review" (graduated),
        "relearning" (on a relearning step after a lapse).
    left: Anki's ``left``: the (re)learning steps remaining, the current one included; None for new and
        review cards. It is the card's position on its steps and stays meaningful when the steps are
        edited: the current step is ``len(steps) - left`` (clamped to the steps that exist, see
        ``steps.step_index``), so a card with 2 of [1m 10m 1h] left is on 10m, and on 1m after the
        steps became [1m 10m] — exactly as in Anki.
    ease: the review multiplier (2.5 = 250 %); None until the card first graduates.
    interval_days: review interval in days; for relearning cards the interval the card will
        return to after relearning (the post-lapse interval); 0 for new and learning cards.
    due: when the card is next due; for review cards and interday (re)learning steps the start of
        the due day (see ``timing``), for intraday steps the exact moment; None for new cards.
    interday: True when ``due`` is a day rather than a moment (a (re)learning step that crossed the
        day rollover, Anki queue 3); always False for other kinds.
    reps: answers so far; lapses: Again answers on review cards; leech: the card became a leech;
    suspended: the card is suspended (the leech action "suspend" sets this).
    buried: None, or why the card is hidden until the next day: "manual" (the user buried it, Anki
        queue -3) or "sibling" (buried with a sibling, Anki queue -2). Unburied at the day rollover.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any, Literal

from jpstudy.srs.timing import require_aware

Kind = Literal["new", "learning", "review", "relearning"]
KINDS: tuple[Kind, ...] = ("new", "learning", "review", "relearning")
BURIED = ("manual", "sibling")


@dataclass(frozen=True)
class CardState:
    """The scheduling state of one card; immutable, answers return new states."""

    kind: Kind = "new"
    left: int | None = None
    ease: float | None = None
    interval_days: int = 0
    due: datetime | None = None
    reps: int = 0
    lapses: int = 0
    leech: bool = False
    suspended: bool = False
    interday: bool = False
    buried: str | None = None

    def __post_init__(self) -> None:
        errors = _violations(self)
        if errors:
            raise ValueError("invalid card state: " + "; ".join(errors))

    @classmethod
    def new(cls) -> CardState:
        """A card that was never answered."""
        return cls()

    @property
    def factor(self) -> int:
        """The ease in permille as Anki stores it (0 before the card first graduates)."""
        return 0 if self.ease is None else round(self.ease * 1000)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-safe dict (``due`` as an ISO 8601 string with offset)."""
        data = asdict(self)
        data["due"] = None if self.due is None else self.due.isoformat()
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CardState:
        """The state ``to_dict()`` produced; ``ValueError`` if it is not one."""
        unknown = sorted(set(data) - set(cls.__dataclass_fields__))
        if unknown:
            raise ValueError(f"invalid card state: unknown field(s) {', '.join(unknown)}")
        values = dict(data)
        due = values.get("due")
        if isinstance(due, str):
            try:
                values["due"] = datetime.fromisoformat(due)
            except ValueError as exc:
                raise ValueError(f"invalid card state: due {due!r} is not an ISO 8601 datetime") from exc
        return cls(**values)


def _violations(state: CardState) -> list[str]:
    """Every way ``state`` is inconsistent, as readable messages."""
    errors: list[str] = []
    if state.kind not in KINDS:
        return [f"kind must be one of {KINDS}, got {state.kind!r}"]
    for name in ("interval_days", "reps", "lapses"):
        value = getattr(state, name)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            errors.append(f"{name} must be a non-negative integer, got {value!r}")
    for name in ("leech", "suspended", "interday"):
        if not isinstance(getattr(state, name), bool):
            errors.append(f"{name} must be a bool, got {getattr(state, name)!r}")
    if state.buried is not None and state.buried not in BURIED:
        errors.append(f"buried must be None or one of {BURIED}, got {state.buried!r}")
    stepped = state.kind in ("learning", "relearning")
    if stepped and (not isinstance(state.left, int) or isinstance(state.left, bool) or state.left < 0):
        errors.append(f"a {state.kind} card needs steps left >= 0, got {state.left!r}")
    if not stepped and state.left is not None:
        errors.append(f"a {state.kind} card has no steps left, got {state.left!r}")
    if state.interday and not stepped:
        errors.append(f"a {state.kind} card cannot be interday")
    graduated = state.kind in ("review", "relearning")
    ease_ok = isinstance(state.ease, int | float) and not isinstance(state.ease, bool) and state.ease > 0
    if graduated and not ease_ok:
        errors.append(f"a {state.kind} card needs a positive ease, got {state.ease!r}")
    if not graduated and state.ease is not None:
        errors.append(f"a {state.kind} card has no ease yet, got {state.ease!r}")
    if state.kind == "new":
        if state.due is not None:
            errors.append("a new card has no due time")
    elif state.due is None:
        errors.append(f"a {state.kind} card needs a due time")
    else:
        try:
            require_aware(state.due, "due")
        except ValueError as exc:
            errors.append(str(exc))
    return errors
