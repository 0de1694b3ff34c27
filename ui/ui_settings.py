"""Display preferences of the desktop app, kept as JSON next to the collection.

Terms:
    theme: "light", "dark", or "system" (follow the desktop's colour scheme).
    font size: the base point size of the interface; Japanese on the review screen scales from it.
    furigana: whether the reading is shown above the word on the front of a card.
    target level: the JLPT level the user aims at; the mining window's readiness line ("14 words
        beyond N3") and the job-ad library's words beyond the level compare with it.

Study settings (daily limits, learning steps, rollover hour) are scheduler options and live in the
collection (``col.options``), not here.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

from jpstudy.decks import LEVELS

SETTINGS_FILE = "ui-settings.json"
THEMES = ("system", "light", "dark")
FONT_SIZES = range(9, 25)

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UiSettings:
    """Display preferences; see the module docstring."""

    theme: str = "system"
    font_size: int = 12
    furigana: bool = True
    target_level: str = "N3"

    def validated(self) -> UiSettings:
        """A copy with out-of-range values replaced by the defaults."""
        default = UiSettings()
        theme = self.theme if self.theme in THEMES else default.theme
        size = self.font_size if isinstance(self.font_size, int) and self.font_size in FONT_SIZES else 12
        level = self.target_level if self.target_level in LEVELS else default.target_level
        return replace(self, theme=theme, font_size=size, furigana=bool(self.furigana), target_level=level)


def load_settings(data_dir: Path) -> UiSettings:
    """Read the settings file; a missing or damaged file gives the defaults."""
    path = data_dir / SETTINGS_FILE
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return UiSettings()
    except (OSError, ValueError) as exc:
        log.warning("ignoring unreadable %s: %s", path, exc)
        return UiSettings()
    known = {f.name for f in fields(UiSettings)}
    values = {k: v for k, v in raw.items() if k in known} if isinstance(raw, dict) else {}
    return UiSettings(**values).validated()


def save_settings(data_dir: Path, settings: UiSettings) -> None:
    """Write the settings file atomically (a temporary file renamed over the old one)."""
    path = data_dir / SETTINGS_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(settings), indent=2), encoding="utf-8")
    tmp.replace(path)
