"""Undo of answers: before-images of what an answer changed, newest last, at most ``UNDO_LIMIT``.

Terms:
    before-image: the card's scheduling columns as they were before the answer, the review-log row the
        answer added, the daily-limit increment it made and the note it tagged ``leech``, if any.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

UNDO_LIMIT = 30


@dataclass(frozen=True)
class UndoStep:
    """What one answer changed."""

    card_row: dict[str, Any]
    revlog_id: int
    daily: tuple[int, int, int, int] | None  # (day, deck_id, new, review) increments
    leech_note_id: int | None  # the note this answer tagged "leech"


class UndoStack:
    """The answers that can still be undone."""

    def __init__(self) -> None:
        self._steps: list[UndoStep] = []

    def __bool__(self) -> bool:
        return bool(self._steps)

    def push(self, step: UndoStep) -> None:
        """Remember an answer, dropping the oldest beyond ``UNDO_LIMIT``."""
        self._steps.append(step)
        del self._steps[:-UNDO_LIMIT]

    def pop(self) -> UndoStep | None:
        """The newest answer, removed from the stack; None when empty."""
        return self._steps.pop() if self._steps else None

    def clear(self) -> None:
        """Forget every step (after an operation that undo cannot see through)."""
        self._steps.clear()
