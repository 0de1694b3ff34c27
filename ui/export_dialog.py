"""Export to Anki: choose a deck, whether to carry the review progress, and the file; then write it on
the database worker with a progress bar. ``jpstudy.export.export_apkg`` does the work."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .context import AppContext
from .widgets import char_width, fit_dialog, label

PATH_CHARS = 36
"""The file field shows at least this many characters (a typical ~/Documents/… path)."""
STAGES = {"reading": "Reading your cards", "writing": "Writing the Anki collection", "saving": "Saving the file"}


class ExportDialog(QDialog):
    """The export dialog; see the module docstring."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.result_: Any = None
        self.setWindowTitle("Export to Anki")
        self.setAccessibleName("Export to Anki")
        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(label("Export to Anki", "title"))
        layout.addWidget(
            label(
                "Writes an .apkg file that Anki, AnkiDroid and AnkiMobile import. Exporting again later updates "
                "the same notes instead of duplicating them. Over cards from a jpstudy export without pitch "
                "accent and furigana, import once with “Merge note types” ticked and “Update notes: Always”.",
                "muted",
                wrap=True,
            )
        )
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.deck = QComboBox()
        self.deck.setAccessibleName("Deck to export")
        self.deck.addItem("All decks", None)
        form.addRow("&Deck:", self.deck)
        self.with_progress = QCheckBox("Include my review progress (schedule and history)")
        self.with_progress.setAccessibleName("Include review progress")
        self.with_progress.setChecked(True)
        self.with_progress.setToolTip("In Anki, import with “Import any learning progress” to keep it.")
        form.addRow("", self.with_progress)
        row = QHBoxLayout()
        self.path = QLineEdit(str(Path.home() / "jpstudy.apkg"))
        self.path.setAccessibleName("File to write")
        self.path.setMinimumWidth(char_width(self.path, PATH_CHARS))
        browse = QPushButton("Choose…")
        browse.setAccessibleName("Choose the file")
        browse.setAutoDefault(False)  # Enter in the dialog exports; it never opens the file chooser
        browse.clicked.connect(self._choose)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path)
        form.addRow(file_label, row)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        layout.addLayout(form)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.status = label("", "muted", wrap=True, name="Export status")
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.export_button = self.buttons.addButton("&Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setProperty("role", "primary")
        self.export_button.setDefault(True)
        self.buttons.accepted.connect(self.export)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_dialog(self)
        context.worker.run(lambda col: [d.name for d in col.decks()], self._fill_decks)

    def _fill_decks(self, names: list[str]) -> None:
        for name in names:
            self.deck.addItem(name, name)

    def _choose(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Export to", self.path.text(), "Anki package (*.apkg)")
        if name:
            self.path.setText(name if name.endswith(".apkg") else name + ".apkg")

    def export(self) -> None:
        """Write the package (off the GUI thread); the dialog stays open and reports the result."""
        text = self.path.text().strip()
        if not text:
            self.status.setText("Give a file name ending in .apkg.")
            return
        path = Path(text).expanduser()
        if path.suffix.lower() != ".apkg" and not path.is_dir():
            path = path.with_suffix(".apkg")
        deck = self.deck.currentData()
        with_progress = self.with_progress.isChecked()
        now = self._context.clock()
        report = self._context.worker.on_main(self._progress)
        self.export_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setRange(0, 0)

        def work(col: Any) -> Any:
            from jpstudy.export import export_apkg

            return export_apkg(col, path, deck=deck, with_progress=with_progress, now=now, progress=report)

        self._context.worker.run(work, self._done, self._failed)

    def _progress(self, stage: str, done: int, total: int) -> None:
        self.status.setText(f"{STAGES.get(stage, stage)}…")
        self.progress.setRange(0, max(1, total))
        self.progress.setValue(done)

    def _done(self, result: Any) -> None:
        self.result_ = result
        self.export_button.setEnabled(True)
        self.progress.setVisible(False)
        reviews = f" with {result.reviews} reviews" if result.reviews else ""
        self.status.setText(
            f"Exported {result.notes} cards{reviews} to {result.path}. "
            "In Anki: File › Import, and tick “Import any learning progress”."
        )

    def _failed(self, exc: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.progress.setVisible(False)
        self.status.setText(f"Nothing was exported: {exc}")
