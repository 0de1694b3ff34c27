"""Undo of operations (answer, suspend, unsuspend, bury, unbury), newest last, at most ``UNDO_LIMIT``.

Terms:
    operation: one user action on cards that can be undone, named by ``label`` ("Answer", "Suspend",
        "Bury" …); the Undo button reads "Undo Answer". As in Anki the stack holds operations, so
        undoing a suspend leaves the answer before it undoable underneath.
    before-image: each changed card's scheduling columns as they were before the operation; for an
        answer also the review-log row it added, the daily-limit increment it made, the note it
        tagged ``leech`` and the study queue as it was (restored only if that queue is still in use).
    day: the day number the operation was done on. Anki drops the undo of operations from before the
        day rolled over; so does ``UndoStack.drop_before``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jpstudy.collection.queue import StudyQueue

UNDO_LIMIT = 30


@dataclass(frozen=True)
class UndoStep:
    """What one operation changed (see the module docstring)."""

    label: str
    card_rows: tuple[dict[str, Any], ...]
    day: int
    revlog_id: int | None = None
    daily: tuple[int, int, int, int] | None = None  # (day, deck_id, new, review) increments
    leech_note_id: int | None = None  # the note this answer tagged "leech"
    queue: StudyQueue | None = None  # the study queue before the answer

    @property
    def card_ids(self) -> tuple[int, ...]:
        """The cards the operation changed."""
        return tuple(int(row["id"]) for row in self.card_rows)


class UndoStack:
    """The operations that can still be undone."""

    def __init__(self) -> None:
        self._steps: list[UndoStep] = []

    def __bool__(self) -> bool:
        return bool(self._steps)

    def push(self, step: UndoStep) -> None:
        """Remember an operation, dropping the oldest beyond ``UNDO_LIMIT``."""
        self._steps.append(step)
        del self._steps[:-UNDO_LIMIT]

    def peek(self) -> UndoStep | None:
        """The newest operation, left on the stack; None when empty."""
        return self._steps[-1] if self._steps else None

    def pop(self) -> UndoStep | None:
        """The newest operation, removed from the stack; None when empty."""
        return self._steps.pop() if self._steps else None

    def drop_before(self, day: int) -> None:
        """Forget everything once an operation from before ``day`` is on the stack (the day rolled over)."""
        if any(step.day < day for step in self._steps):
            self._steps.clear()

    def clear(self) -> None:
        """Forget every step (after an operation that undo cannot see through)."""
        self._steps.clear()
