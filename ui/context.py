"""What every screen is given: the database worker, the theme, the data folder and the clock.

Passed explicitly to each screen (no global main-window object).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path

from .taskman import DbWorker
from .theme import ThemeManager
from .ui_settings import UiSettings, save_settings


@dataclass(frozen=True)
class AppContext:
    """Shared services of the running app.

    Attributes:
        worker: runs all collection work (see ``taskman``).
        theme: applies and remembers the display settings and palette.
        data_dir: the data folder (collection, dictionary, settings).
        clock: returns the current aware datetime (tests pass a fixed clock).
    """

    worker: DbWorker
    theme: ThemeManager
    data_dir: Path
    clock: Callable[[], datetime]

    @property
    def settings(self) -> UiSettings:
        """The display settings in effect."""
        return self.theme.settings

    def apply_settings(self, settings: UiSettings) -> None:
        """Apply new display settings and save them (the app is restyled only when the theme or the
        font size changed)."""
        old = self.theme.settings
        if (settings.theme, settings.font_size) != (old.theme, old.font_size):
            self.theme.apply(settings)
        else:
            self.theme.settings = settings
        save_settings(self.data_dir, settings)

    def set_target_level(self, level: str) -> None:
        """Remember the JLPT level the user aims at (see ``UiSettings``)."""
        if level != self.settings.target_level:
            self.apply_settings(replace(self.settings, target_level=level))
