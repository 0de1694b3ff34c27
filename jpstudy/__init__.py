"""jpstudy core: JLPT flashcards on Anki's SM-2, job-ad mining, Anki export.

The core never imports Qt. The public entry points are re-exported here::

    from jpstudy import Collection, Rating
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"
__all__ = ["Collection", "Rating", "__version__"]

if TYPE_CHECKING:
    from jpstudy.collection import Collection
    from jpstudy.srs import Rating


def __getattr__(name: str) -> Any:
    """Import the heavy public names lazily, so ``import jpstudy`` stays cheap."""
    if name == "Collection":
        from jpstudy.collection import Collection

        return Collection
    if name == "Rating":
        from jpstudy.srs import Rating

        return Rating
    raise AttributeError(name)
