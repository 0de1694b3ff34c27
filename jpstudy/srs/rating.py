"""The four answer buttons."""

from __future__ import annotations

from enum import IntEnum


class Rating(IntEnum):
    """An answer button; the values are Anki's revlog ``ease`` codes."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4
