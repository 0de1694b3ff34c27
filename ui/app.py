"""Start the desktop app: ``run_app(data_dir)`` is what ``jpstudy`` without a subcommand calls."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from jpstudy import __version__, backup
from jpstudy.collection import CollectionFileError
from jpstudy.paths import collection_path
from jpstudy.paths import data_dir as resolve_data_dir

from .context import AppContext
from .main_window import MainWindow
from .single_instance import SingleInstance
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
        self.window.shutdown()
        try:
            return backup.backup_on_close(self.folder, self.clock())
        except (CollectionFileError, OSError) as exc:
            print(f"jpstudy: automatic backup skipped: {exc}", file=sys.stderr)
            return None


def run_app(data_dir: str | None) -> int:
    """Run the desktop app until its window closes; the exit status.

    A second app on the same data folder is refused: it brings the first one's window to the front.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("jpstudy")
    app.setApplicationDisplayName("jpstudy")
    app.setApplicationVersion(__version__)
    folder = resolve_data_dir(data_dir)
    instance = SingleInstance(folder)
    if not instance.primary:
        raised = instance.ask_primary_to_raise()
        QMessageBox.information(
            None, "jpstudy is already running",
            f"jpstudy is already open on the data folder {folder}. "
            + ("Its window was brought to the front." if raised else "Switch to its window."))
        return 1
    session = AppSession(app, folder)
    instance.raise_requested.connect(lambda: bring_to_front(session.window))
    session.window.show()
    try:
        return app.exec()
    finally:
        session.close()
        instance.release()


def bring_to_front(window: MainWindow) -> None:
    """Show, raise and activate a window (asked for by a second instance)."""
    window.showNormal()
    window.raise_()
    window.activateWindow()
