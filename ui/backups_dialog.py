"""File ▸ Restore from a backup…: the collection's backups, newest first, with when each was made, how
many cards it holds, its latest answer and its size; Restore replaces the collection with the chosen
one (after a confirmation naming both card counts). ``jpstudy.backup`` does the work; the main window
asks ``AppSession`` to restore (``MainWindow.restore_requested``)."""

from __future__ import annotations

from datetime import datetime, tzinfo
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from jpstudy import backup
from jpstudy.paths import collection_path

from .context import AppContext
from .widgets import fit_dialog, label

COLUMNS = ("Made", "Cards", "Notes", "Latest answer", "Size", "Kind")
KINDS = {"": "backup", backup.SAFETY_TAG: "safety copy made before a restore"}


def size_text(size: int) -> str:
    """ "820 KB", "12.4 MB"."""
    return f"{size / 1024:,.0f} KB" if size < 10 * 1024 * 1024 else f"{size / 1024 / 1024:,.1f} MB"


def row_cells(summary: backup.BackupSummary, tz: tzinfo) -> tuple[str, ...]:
    """The table cells of one backup."""

    def when(moment: datetime | None) -> str:
        return "—" if moment is None else f"{moment.astimezone(tz):%Y-%m-%d %H:%M}"

    def count(n: int | None) -> str:
        return "?" if n is None else f"{n:,}"

    kind = KINDS.get(summary.backup.tag, summary.backup.tag)
    if summary.problem:
        kind = f"unreadable: {summary.problem}"
    return (when(summary.backup.created), count(summary.cards), count(summary.notes), when(summary.last_review),
            size_text(summary.size_bytes), kind)


class BackupsDialog(QDialog):
    """See the module docstring; after ``Accepted``, ``chosen`` is the backup to restore."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.chosen: Path | None = None
        self.summaries: list[backup.BackupSummary] = []
        self.current_cards: int | None = None
        self._tz: tzinfo | None = None
        self.folder = backup.backup_folder(context.data_dir)
        self.setWindowTitle("Restore from a backup")
        self.setAccessibleName("Restore from a backup")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(label("Restore from a backup", "title"))
        policy = backup.load_policy(context.data_dir)
        every = "a day" if policy.every_days == 1 else f"every {policy.every_days} days"
        layout.addWidget(label(
            f"jpstudy backs your collection up when it closes (at most once {every}, kept {policy.keep_days} "
            f"days) into {self.folder}. Restoring keeps your current collection as a backup first, so a "
            "restore can be undone by restoring that one.", "muted", wrap=True, name="About backups"))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName("Backups")
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(len(COLUMNS) - 1, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemActivated.connect(lambda _: self.restore_selected())
        layout.addWidget(self.table, 1)
        self.status = label("Reading the backups…", "muted", wrap=True, name="Backups status")
        layout.addWidget(self.status)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.backup_button = self.buttons.addButton("&Back up now", QDialogButtonBox.ButtonRole.ActionRole)
        self.backup_button.setAutoDefault(False)
        self.backup_button.clicked.connect(self.back_up_now)
        self.restore_button = self.buttons.addButton("&Restore…", QDialogButtonBox.ButtonRole.ActionRole)
        self.restore_button.setProperty("role", "primary")
        self.restore_button.setEnabled(False)
        self.restore_button.clicked.connect(self.restore_selected)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        fit_dialog(self, 84)
        self.resize(self.width(), max(self.height(), 460))
        context.worker.run(lambda col: (col.card_count(), col.options.tz), self._collection_read)

    # -- reading -------------------------------------------------------------------------------------
    def _collection_read(self, result: tuple[int, tzinfo]) -> None:
        self.current_cards, self._tz = result
        self.reload()

    def reload(self) -> None:
        """Read the backup list and each backup's figures (off the GUI thread)."""
        folder = self.folder
        self._context.worker.run_background(
            lambda: [backup.summarize(b) for b in backup.list_backups(folder)], self._show,
            lambda exc: self.status.setText(f"Cannot read {folder}: {exc}"))

    def _show(self, summaries: list[backup.BackupSummary]) -> None:
        self.summaries = summaries
        tz = self._tz or datetime.now().astimezone().tzinfo
        self.table.setRowCount(len(summaries))
        for r, summary in enumerate(summaries):
            for c, text in enumerate(row_cells(summary, tz)):
                item = QTableWidgetItem(text)
                if c in (1, 2, 4):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if summary.problem:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsSelectable)
                self.table.setItem(r, c, item)
        current = "" if self.current_cards is None else f" Your collection now holds {self.current_cards:,} cards."
        self.status.setText(
            (f"{len(summaries)} backup{'s' if len(summaries) != 1 else ''}, newest first." if summaries
             else "No backups yet: one is made when jpstudy closes, or now with Back up now.") + current)
        first = next((r for r, s in enumerate(summaries) if not s.problem), None)
        if first is not None:
            self.table.selectRow(first)
            self.table.setFocus()
        self._selection_changed()

    def selected(self) -> backup.BackupSummary | None:
        """The backup chosen in the table."""
        rows = self.table.selectionModel().selectedRows()
        return self.summaries[rows[0].row()] if rows else None

    def _selection_changed(self) -> None:
        chosen = self.selected()
        self.restore_button.setEnabled(chosen is not None and chosen.problem is None)

    # -- actions -------------------------------------------------------------------------------------
    def back_up_now(self) -> None:
        """Make a backup of the collection as it is now, then list it."""
        source, folder, now = collection_path(self._context.data_dir), self.folder, self._context.clock()
        self.backup_button.setEnabled(False)

        def made(_path: Any) -> None:
            self.backup_button.setEnabled(True)
            self.reload()

        def failed(exc: BaseException) -> None:
            self.backup_button.setEnabled(True)
            self.status.setText(f"No backup made: {exc}")

        self._context.worker.run_background(lambda: backup.create_backup(source, folder, now), made, failed)

    def restore_selected(self) -> None:
        """Ask, naming both card counts; on Yes close with ``chosen`` set."""
        chosen = self.selected()
        if chosen is None or chosen.problem is not None:
            return
        tz = self._tz or datetime.now().astimezone().tzinfo
        now_cards = "" if self.current_cards is None else f" ({self.current_cards:,} cards)"
        answer = QMessageBox.question(
            self, "Restore from a backup",
            f"Replace your collection{now_cards} with the backup made "
            f"{chosen.backup.created.astimezone(tz):%Y-%m-%d %H:%M} ({chosen.cards:,} cards)?\n\n"
            "Your current collection is kept as a backup first.")
        if answer == QMessageBox.StandardButton.Yes:
            self.chosen = chosen.backup.path
            self.accept()
