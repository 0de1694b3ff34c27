"""The main window: a frame that switches between the home screen and the review screen, owns the
actions (menus and shortcuts) and opens the other screens. Screens live in their own modules.

Actions: ``ACTIONS`` (menu texts); their keys and tooltips are in ``shortcuts.SHORTCUTS``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QStackedWidget, QWidget

from jpstudy.stats import HomeSummary, LevelProgress, home_summary, level_progress

from .context import AppContext
from .home_screen import HomeScreen
from .review_screen import ReviewScreen
from .shortcuts import MAIN, sequences, shortcut
from .taskman import Change

ACTIONS: tuple[tuple[str, str], ...] = (
    # key (its shortcut and tooltip are in ``shortcuts.SHORTCUTS``), menu text
    ("study", "&Study"),
    ("add_card", "&Add a card…"),
    ("add_level", "Add a &JLPT level…"),
    ("mine", "&Mine a job ad…"),
    ("browse", "&Browse…"),
    ("ads", "Job-ad &library…"),
    ("stats", "S&tatistics…"),
    ("export", "&Export to Anki…"),
    ("import_anki", "&Import from Anki…"),
    ("settings", "Se&ttings…"),
    ("restore", "&Restore from a backup…"),
    ("shortcuts", "&Keyboard shortcuts"),
    ("about", "&About jpstudy"),
    ("quit", "&Quit"),
)


class MainWindow(QMainWindow):
    """The application window; see the module docstring."""

    restore_requested = Signal(Path)

    def __init__(self, context: AppContext) -> None:
        super().__init__()
        self.context = context
        self.setWindowTitle("jpstudy")
        self.setAccessibleName("jpstudy")
        self.resize(1100, 760)
        self.actions_by_key = self._make_actions()
        self._windows: dict[str, QWidget] = {}

        self.home = HomeScreen(context, self.actions_by_key)
        self.review = ReviewScreen(context)
        self.review.back_requested.connect(self.show_home)
        self.home.decks.study_requested.connect(self.study)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.home)
        self.stack.addWidget(self.review)
        self.setCentralWidget(self.stack)
        self._build_menus()
        self.busy = QLabel("")
        self.busy.setAccessibleName("Status")
        self.statusBar().addPermanentWidget(self.busy)
        context.worker.busy_changed.connect(lambda busy: self.busy.setText("Working…" if busy else ""))
        context.worker.changed.connect(self._on_changed)
        self.home_summary: HomeSummary | None = None
        self.levels: list[LevelProgress] = []

    # -- actions and menus ---------------------------------------------------------------------------
    def _make_actions(self) -> dict[str, QAction]:
        handlers: dict[str, Callable[[], object]] = {
            "study": lambda: self.study(None),
            "add_card": self.add_card,
            "add_level": self.add_level,
            "mine": lambda: self.open_window("mine"),
            "browse": lambda: self.open_window("browse"),
            "ads": lambda: self.open_window("ads"),
            "stats": lambda: self.open_window("stats"),
            "export": self.export,
            "import_anki": self.import_anki,
            "settings": self.open_settings,
            "restore": self.choose_backup,
            "shortcuts": self.open_shortcuts,
            "about": self.open_about,
            "quit": self.close,
        }
        actions = {}
        for key, text in ACTIONS:
            action = QAction(text, self)
            action.setShortcuts(sequences(MAIN, key))
            tip = shortcut(MAIN, key).text
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.triggered.connect(handlers[key])
            actions[key] = action
            self.addAction(action)
        return actions

    def _build_menus(self) -> None:
        a = self.actions_by_key
        bar = self.menuBar()
        for title, keys in (
            ("&File", ("study", "add_card", "add_level", "import_anki", "export", None, "settings", "restore", None,
                       "quit")),
            ("&Tools", ("mine", "ads", "browse", "stats")),
            ("&Help", ("shortcuts", "about")),
        ):
            menu = bar.addMenu(title)
            for key in keys:
                if key is None:
                    menu.addSeparator()
                else:
                    menu.addAction(a[key])

    # -- collection ----------------------------------------------------------------------------------
    def open_collection(self) -> None:
        """Open the collection in the data folder; on a first run, show the welcome."""
        from jpstudy.paths import collection_path

        self.home.today_line.setText("Opening your collection…")
        self.context.worker.open(collection_path(self.context.data_dir), self._opened, self._open_failed)

    def _opened(self, col: object) -> None:
        self.context.worker.run(lambda c: c.card_count(), self._after_open)

    def _after_open(self, cards: int) -> None:
        self.refresh()
        if cards == 0:
            from .welcome_dialog import WelcomeDialog

            WelcomeDialog(self.context, self).open()

    def _open_failed(self, exc: BaseException) -> None:
        for action in self.actions_by_key.values():
            action.setEnabled(action is self.actions_by_key["quit"] or action is self.actions_by_key["about"])
        self.home.today_line.setText("Your collection could not be opened")
        self.home.streak_line.setText(str(exc))
        QMessageBox.critical(self, "jpstudy", f"Your collection could not be opened.\n\n{exc}")

    def refresh(self) -> None:
        """Reload the home screen's numbers (deck counts first, the slower JLPT progress after)."""
        now = self.context.clock()
        self.context.worker.run(lambda col: home_summary(col, now), self._show_summary)
        self.context.worker.run(level_progress, self._show_levels)

    def _show_summary(self, summary: HomeSummary) -> None:
        self.home_summary = summary
        self.home.show_summary(summary)

    def _show_levels(self, levels: list[LevelProgress]) -> None:
        self.levels = levels
        self.home.show_levels(levels)

    def _on_changed(self, changes: Change, initiator: object) -> None:
        if initiator is self.review and self.stack.currentWidget() is self.review:
            return  # answers in progress; the home screen refreshes when the session is left
        if changes & (Change.CARDS | Change.NOTES | Change.DECKS | Change.OPTIONS | Change.WORDS):
            self.refresh()

    def choose_backup(self) -> None:
        """List the backups; once one is chosen and confirmed, ask ``run_app`` to restore it
        (``restore_requested``)."""
        from .backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.context, self)

        def finished(result: int) -> None:
            if result == BackupsDialog.DialogCode.Accepted and dialog.chosen is not None:
                self.restore_requested.emit(dialog.chosen)

        dialog.finished.connect(finished)
        dialog.open()

    def shutdown(self) -> None:
        """Close the collection without closing the window (tests and ``run_app``)."""
        self.context.worker.close()

    # -- screens -------------------------------------------------------------------------------------
    def study(self, deck: str | None = None) -> None:
        """Switch to the review screen and start a session (over ``deck`` when the core can queue by deck;
        ``Collection.next_card`` takes a ``deck`` argument only from the core version that adds it)."""
        self.stack.setCurrentWidget(self.review)
        self.review.start(deck)

    def show_home(self) -> None:
        """Back to the home screen, with fresh numbers."""
        self.stack.setCurrentWidget(self.home)
        self.refresh()
        self.home.study_button.setFocus()

    def open_window(self, key: str) -> QWidget:
        """Show (creating once) the Mine, Job-ad library, Browse or Statistics window."""
        window = self._windows.get(key)
        if window is None:
            window = self._create_window(key)
            window.setWindowFlag(Qt.WindowType.Window, True)
            self._windows[key] = window
        window.show()
        window.raise_()
        window.activateWindow()
        return window

    def _create_window(self, key: str) -> QWidget:
        if key == "mine":
            from .mine_screen import MineScreen

            return MineScreen(self.context, self)
        if key == "ads":
            from .ads_screen import AdsScreen

            return AdsScreen(self.context, self)
        if key == "browse":
            from .browse_screen import BrowseScreen

            return BrowseScreen(self.context, self)
        from .stats_screen import StatsScreen

        return StatsScreen(self.context, self)

    def add_card(self) -> None:
        """Open the Add dialog (the Mined deck chosen; any deck can be typed)."""
        from .add_card_dialog import AddCardDialog

        AddCardDialog.open_for(self.context, self)

    def add_level(self) -> None:
        """Ask which JLPT levels to add, then add them."""
        from .levels_dialog import AddLevelDialog

        AddLevelDialog(self.context, self).open()

    def export(self) -> None:
        """Open the export dialog."""
        from .export_dialog import ExportDialog

        ExportDialog(self.context, self).open()

    def import_anki(self) -> None:
        """Open the import dialog and let the user choose a package."""
        from .anki_import_dialog import AnkiImportDialog

        dialog = AnkiImportDialog(self.context, self)
        dialog.open()
        dialog.choose()

    def open_settings(self) -> None:
        """Open the settings dialog."""
        from .settings_dialog import SettingsDialog

        SettingsDialog(self.context, self).open()

    def open_shortcuts(self) -> None:
        """Show the list of keyboard shortcuts."""
        from .shortcuts_dialog import ShortcutsDialog

        ShortcutsDialog(self).open()

    def open_about(self) -> None:
        """Show the About box."""
        from .about_dialog import AboutDialog

        AboutDialog(self).open()

    def closeEvent(self, event: QCloseEvent) -> None:
        """Close the other windows with this one, then the collection."""
        for window in self._windows.values():
            window.close()
        self.context.worker.close()
        super().closeEvent(event)
