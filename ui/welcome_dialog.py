"""The first-run welcome: which JLPT levels to start with, then the dictionary build and the decks,
each with a progress bar. Shown when the collection has no cards yet."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QProgressBar, QVBoxLayout, QWidget

from .context import AppContext
from .levels_dialog import LevelPicker, add_levels
from .widgets import card_frame, fit_dialog, label

BuildProgress = Callable[[int, int, str], None]


def ensure_dictionary(data_dir: Path, progress: BuildProgress) -> None:
    """Build the offline dictionary in ``data_dir`` if it is missing or outdated.

    ``progress(done, total, message)`` is the dictionary builder's report (``jpstudy.dictionary``)."""
    from jpstudy.dictionary import ensure_built

    ensure_built(data_dir, progress)


class WelcomeDialog(QDialog):
    """Welcome text, the level picker, and a Start button that builds everything with progress."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle("Welcome to jpstudy")
        self.setAccessibleName("Welcome")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 24)
        layout.setSpacing(14)
        layout.addWidget(label("ようこそ — welcome to jpstudy", "title"))
        layout.addWidget(
            label(
                "Study JLPT vocabulary on Anki's schedule, and learn the words of the job ads you read. "
                "Everything stays on this computer.",
                "muted",
                wrap=True,
            )
        )
        frame, inner = card_frame("Levels")
        inner.addWidget(label("Which JLPT levels do you want to start with?", "heading", wrap=True))
        self.picker = LevelPicker(default=("N5",))
        inner.addWidget(self.picker)
        inner.addWidget(label("You can add more levels later (Ctrl+L).", "muted"))
        layout.addWidget(frame)

        self.step = label("", "muted", wrap=True, name="Current step")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Setup progress")
        self.progress.setVisible(False)
        layout.addWidget(self.step)
        layout.addWidget(self.progress)

        self.buttons = QDialogButtonBox()
        self.later = self.buttons.addButton("Not now", QDialogButtonBox.ButtonRole.RejectRole)
        self.start = self.buttons.addButton("&Start", QDialogButtonBox.ButtonRole.AcceptRole)
        self.start.setProperty("role", "primary")
        self.start.setDefault(True)
        self.buttons.accepted.connect(self._start)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.picker.boxes["N5"].setFocus(Qt.FocusReason.OtherFocusReason)
        fit_dialog(self, 62)
        self.levels: list[str] = []
        self.progress_seen: list[tuple[int, int]] = []  # (done, total) reports, newest last

    def _start(self) -> None:
        self.levels = self.picker.chosen()
        if not self.levels:
            self.step.setText("Tick at least one level (N5 is a good start).")
            return
        self.start.setEnabled(False)
        self.picker.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)
        self.step.setText("Step 1 of 2 — building your offline dictionary (a few seconds)…")
        report = self._context.worker.on_main(self._dictionary_progress)
        folder = self._context.data_dir
        self._context.worker.run_background(
            lambda: ensure_dictionary(folder, report), lambda _: self._add_decks(), self._dictionary_failed
        )

    def _dictionary_progress(self, done: int, total: int, message: str = "") -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        if message:
            self.progress.setFormat(f"{message} — %p%")
        self.progress_seen.append((done, total))

    def _dictionary_failed(self, exc: BaseException) -> None:
        self.step.setText(f"The dictionary could not be built ({exc}); the decks work without it.")
        self._add_decks()

    def _add_decks(self) -> None:
        self.step.setText(f"Step 2 of 2 — adding the {', '.join(self.levels)} words…")
        self.progress.setFormat("%p%")
        self.progress.setRange(0, len(self.levels))
        self.progress.setValue(0)
        add_levels(self._context, self.levels, self._dictionary_progress, self._done, self._failed, self)

    def _done(self, cards: int) -> None:
        self.step.setText(f"Ready: {cards} new cards. Press Study to begin.")
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.start.setEnabled(True)
        self.picker.setEnabled(True)
        self.progress.setVisible(False)
        self.step.setText(f"Could not add the words: {exc}")
