"""Start the desktop app: ``run_app(data_dir)`` is what ``jpstudy`` without a subcommand calls.

A second app on the same data folder is refused before anything heavy is loaded: this module imports
only Qt, the theme and the single-instance lock at the top; the main window and the collection are
imported when the app really starts, so the "already running" message appears at once, in the app's
theme. Without a display (no ``DISPLAY`` / ``WAYLAND_DISPLAY`` and no ``QT_QPA_PLATFORM``) ``run_app``
says so in one line instead of letting Qt abort.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QMessageBox

from jpstudy import __version__
from jpstudy.paths import data_dir as resolve_data_dir

from .single_instance import SingleInstance
from .theme import ThemeManager
from .ui_settings import load_settings

if TYPE_CHECKING:
    from .main_window import MainWindow

NO_DISPLAY = (
    "jpstudy: no display to open the app on (neither DISPLAY nor WAYLAND_DISPLAY is set); start it from a "
    "desktop session, or use the terminal commands (jpstudy --help)."
)


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
    from .context import AppContext
    from .main_window import MainWindow
    from .taskman import DbWorker

    folder = resolve_data_dir(data_dir)
    theme = ThemeManager(app)
    theme.apply(load_settings(folder))
    context = AppContext(DbWorker(app), theme, folder, clock)
    window = MainWindow(context)
    window.open_collection()
    return window


class AppSession:
    """The app's life on one data folder: the current main window, in-app restore, backup on close."""

    def __init__(self, app: QApplication, folder: Path, clock: Callable[[], datetime] = system_clock) -> None:
        self.app, self.folder, self.clock = app, folder, clock
        self.window = self._open()

    def _open(self) -> MainWindow:
        window = create_main_window(self.app, self.folder, self.clock)
        window.restore_requested.connect(self.restore)
        return window

    def restore(self, chosen: Path) -> None:
        """Close the collection, replace it by the backup ``chosen`` and open a fresh window on it.

        On failure the collection is left as it was, a message says why, and it is opened again.
        """
        from jpstudy import backup
        from jpstudy.collection import CollectionFileError
        from jpstudy.paths import collection_path

        old = self.window
        old.shutdown()
        try:
            backup.restore(chosen, collection_path(self.folder), backup.backup_folder(self.folder), self.clock())
        except (CollectionFileError, OSError) as exc:
            QMessageBox.warning(old, "Restore failed", f"Nothing was changed.\n\n{exc}")
        self.window = self._open()
        self.window.show()
        old.close()  # after the new window is shown, so closing it does not end the app

    def close(self) -> Path | None:
        """Close the collection and make the automatic backup if one is due; the backup made, if any."""
        from jpstudy import backup
        from jpstudy.collection import CollectionFileError

        self.window.shutdown()
        try:
            return backup.backup_on_close(self.folder, self.clock())
        except (CollectionFileError, OSError) as exc:
            print(f"jpstudy: automatic backup skipped: {exc}", file=sys.stderr)
            return None


def run_app(data_dir: str | None) -> int:
    """Run the desktop app until its window closes; the exit status.

    A second app on the same data folder is refused: it brings the first one's window to the front
    and says so (``refusal``). Without a display: ``NO_DISPLAY`` on stderr, status 2.
    """
    if display_missing(os.environ, sys.platform):
        print(NO_DISPLAY, file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("jpstudy")
    app.setApplicationDisplayName("jpstudy")
    app.setApplicationVersion(__version__)
    folder = resolve_data_dir(data_dir)
    instance = SingleInstance(folder)
    if not instance.primary:
        refusal(app, folder, instance.ask_primary_to_raise()).exec()
        return 1
    session = AppSession(app, folder)
    instance.raise_requested.connect(lambda: bring_to_front(session.window))
    session.window.show()
    try:
        return app.exec()
    finally:
        session.close()
        instance.release()


def display_missing(environ: os._Environ[str] | dict[str, str], platform: str) -> bool:
    """Whether Qt would find no display: on Linux and the BSDs, no ``DISPLAY``, no ``WAYLAND_DISPLAY``
    and no ``QT_QPA_PLATFORM`` chosen (offscreen, vnc …)."""
    if not platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        return False
    return not any(environ.get(name) for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"))


def refusal(app: QApplication, folder: Path, raised: bool) -> QMessageBox:
    """The "already running" message, in the app's theme (not shown yet: ``exec`` it)."""
    ThemeManager(app).apply(load_settings(folder))
    box = QMessageBox(QMessageBox.Icon.Information, "jpstudy is already running",
                      "jpstudy is already open on this data folder.")
    box.setInformativeText(
        ("Its window was brought to the front." if raised else "Switch to its window.")
        + f"\n\nData folder: {folder}"
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setAccessibleName("jpstudy is already running")
    return box


def bring_to_front(window: MainWindow) -> None:
    """Show, raise and activate a window (asked for by a second instance)."""
    window.showNormal()
    window.raise_()
    window.activateWindow()
