"""Start the desktop app: ``run_app(data_dir)`` is what ``jpstudy`` without a subcommand calls."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication

from jpstudy import __version__
from jpstudy.paths import data_dir as resolve_data_dir

from .context import AppContext
from .main_window import MainWindow
from .taskman import DbWorker
from .theme import ThemeManager
from .ui_settings import load_settings


def system_clock() -> datetime:
    """The current time (the app's only clock read)."""
    return datetime.now(UTC)


def create_main_window(
    app: QApplication, data_dir: str | Path | None, clock: Callable[[], datetime] = system_clock
) -> MainWindow:
    """Build the themed main window for ``data_dir`` and start opening the collection.

    The window is usable at once; the collection opens on the database worker and the home screen
    fills in when it is ready (``MainWindow.home_summary`` is then set).
    """
    folder = resolve_data_dir(data_dir)
    theme = ThemeManager(app)
    theme.apply(load_settings(folder))
    context = AppContext(DbWorker(app), theme, folder, clock)
    window = MainWindow(context)
    window.open_collection()
    return window


def run_app(data_dir: str | None) -> int:
    """Run the desktop app until its window closes; the exit status."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("jpstudy")
    app.setApplicationDisplayName("jpstudy")
    app.setApplicationVersion(__version__)
    window = create_main_window(app, data_dir)
    window.show()
    try:
        return app.exec()
    finally:
        window.shutdown()
