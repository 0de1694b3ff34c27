"""Browse: search cards, see the selected note, edit it, see its card info, add a card, suspend, reset,
delete, move to another deck, send to a running Anki.

Keys: the "Browse" rows of ``shortcuts.SHORTCUTS`` (Enter in the table also edits).
The search language is ``jpstudy.collection.search``'s (``deck:``, ``tag:``, ``is:new`` …).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from jpstudy.japanese.kanji import breakdown

from .anki_connect import outgoing_for_cards, send_to_anki
from .browse_model import COLUMNS, BrowseModel, CardRow, read_rows
from .card_info_dialog import CardInfoDialog
from .context import AppContext
from .kanji_strip import KanjiStrip
from .note_editor import NoteEditor
from .shortcuts import BROWSE, add_actions, key_text, shortcut
from .taskman import Change
from .theme import japanese_font
from .widgets import card_frame, fit_columns, label

T = TypeVar("T")
SEARCH_HELP = (
    "Search words, readings and meanings. Also: deck:JLPT::N4  tag:work  jlpt:N3  "
    "is:new  is:learn  is:review  is:suspended  is:kanji  -word (exclude)"
)


class BrowseScreen(QWidget):
    """The browser window."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self.setWindowTitle("Browse — jpstudy")
        self.setAccessibleName("Browse")
        self.resize(1000, 640)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(20, 16, 20, 16)
        outer.setSpacing(10)

        self.search = QLineEdit()
        self.search.setAccessibleName("Search cards")
        self.search.setPlaceholderText("Search (Ctrl+F) — e.g. 会社, deck:JLPT::N5, is:review, tag:work")
        self.search.setClearButtonEnabled(True)
        self.search.returnPressed.connect(self.run_search)
        outer.addWidget(self.search)
        outer.addWidget(label(SEARCH_HELP, "muted", wrap=True, name="Search help"))

        body = QHBoxLayout()
        body.setSpacing(16)
        outer.addLayout(body, 1)
        self.model = BrowseModel(self._fetch)
        self.table = QTableView()
        self.table.setAccessibleName("Cards")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(False)
        self.table.installEventFilter(self)
        self.model.dataChanged.connect(lambda *_: self._fit_columns())
        self.table.activated.connect(lambda _: self.edit_selected())
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._show_selected())
        self.model.dataChanged.connect(lambda *_: self._show_selected())
        body.addWidget(self.table, 3)

        frame, side = card_frame("Selected card")
        self.preview_word = label("", "title", wrap=True, name="Selected word")
        self.preview_word.setFont(japanese_font(context.settings.font_size * 2.2))
        self.preview_reading = label("", "heading", wrap=True, name="Selected reading")
        self.preview_meaning = label("", None, wrap=True, name="Selected meaning")
        self.preview_info = label("", "muted", wrap=True, name="Selected card details")
        for widget in (self.preview_word, self.preview_reading, self.preview_meaning, self.preview_info):
            side.addWidget(widget)
        self.preview_kanji = KanjiStrip(context)
        self.preview_kanji.failed.connect(lambda message: self.count.setText(f"Failed: {message}"))
        self.preview_kanji.setVisible(False)
        side.addWidget(self.preview_kanji)
        side.addStretch(1)
        self.buttons: dict[str, QPushButton] = {}
        handlers: dict[str, Callable[[], object]] = {
            "edit": self.edit_selected,
            "info": self.show_info,
            "suspend": self.toggle_suspend,
            "reset": self.reset_selected,
            "move": self.move_selected,
            "delete": self.delete_selected,
            "send": self.send_selected,
            "add": self.add_card,
        }
        for key, text in (
            ("edit", "Edit…"), ("info", "Card info…"), ("suspend", "Suspend / unsuspend"), ("reset", "Reset to new"),
            ("move", "Move to deck…"), ("delete", "Delete"), ("send", "Send to Anki"), ("add", "Add a card…"),
        ):
            button = QPushButton(f"{text}   {key_text(BROWSE, key)}")
            button.setAccessibleName(text)
            button.setToolTip(shortcut(BROWSE, key).text)
            button.clicked.connect(handlers[key])
            side.addWidget(button)
            self.buttons[key] = button
        body.addWidget(frame, 1)
        self.count = label("", "muted", name="Result count")
        outer.addWidget(self.count)
        add_actions(self, BROWSE, {
            **handlers,
            "search": lambda: (self.search.setFocus(), self.search.selectAll()),
            "close": self.close,
        })
        self.setTabOrder(self.search, self.table)
        context.worker.changed.connect(self._on_changed)
        context.worker.run(lambda col: breakdown("日"), lambda _: None)  # read the kanji data off the UI thread
        self.run_search()

    def _fit_columns(self) -> None:
        """Every column on screen, Meaning taking what the others leave (``widgets.fit_columns``)."""
        fit_columns(self.table, COLUMNS.index("Meaning"))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Refit the columns when the table changes size."""
        if watched is self.table and event.type() == QEvent.Type.Resize:
            self._fit_columns()
        return super().eventFilter(watched, event)

    # -- searching -----------------------------------------------------------------------------------
    def run_search(self) -> None:
        """Search with the text in the box (everything when empty)."""
        query = self.search.text().strip()
        self.count.setText("Searching…")
        self._context.worker.run(lambda col: col.search_cards(query), self._show_ids, self._search_failed)

    def _show_ids(self, ids: list[int]) -> None:
        self.model.set_ids(ids)
        self.count.setText(f"{len(ids)} card{'s' if len(ids) != 1 else ''}")
        if ids:
            self.table.selectRow(0)
        self._show_selected()

    def _search_failed(self, exc: BaseException) -> None:
        self.count.setText(f"Cannot search: {exc}")

    def _fetch(self, ids: list[int], done: Callable[[dict[int, CardRow]], None]) -> None:
        now = self._context.clock()
        self._context.worker.run(lambda col: read_rows(col, ids, now), done)

    def _on_changed(self, changes: Change, initiator: object) -> None:
        if initiator is not self and changes & (Change.CARDS | Change.NOTES | Change.DECKS):
            self.model.invalidate()

    # -- selection -----------------------------------------------------------------------------------
    def selected_card_ids(self) -> list[int]:
        """Ids of the selected cards, in table order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.card_id(row) for row in rows]

    def _show_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_of(rows[0].row()) if len(rows) == 1 else None
        if row is None:
            for widget in (self.preview_word, self.preview_reading, self.preview_meaning):
                widget.setText("")
            self.preview_info.setText(f"{len(rows)} cards selected" if len(rows) > 1 else "")
            self.preview_kanji.set_kanji((), self._context.settings.font_size, 0, None)
            return
        self.preview_kanji.set_kanji(breakdown(row.word), self._context.settings.font_size,
                                     self.preview_word.width(), row.note_id)
        self.preview_word.setText(row.word)
        self.preview_reading.setText(row.reading if row.reading != row.word else "")
        self.preview_meaning.setText(row.meaning)
        self.preview_info.setText(
            f"Deck {row.deck} · {row.state}"
            + (f" · due {row.due}" if row.due else "")
            + (f" · {row.jlpt}" if row.jlpt else "")
        )

    # -- operations ----------------------------------------------------------------------------------
    def _op(self, work: Callable[[Any], T], changes: Change, message: Callable[[T], str]) -> None:
        """Run ``work`` on the selected cards; then re-read them and say ``message(result)``."""
        ids = self.selected_card_ids()

        def done(result: T) -> None:
            self.model.invalidate(ids)
            self.count.setText(message(result))
            self._show_selected()

        self._context.worker.run_op(work, changes, done, lambda e: self.count.setText(f"Failed: {e}"), self)

    def send_selected(self) -> None:
        """Send the notes of the selected cards to a running Anki (AnkiConnect), never twice."""
        ids = self.selected_card_ids()
        if ids:
            self.count.setText("Sending to Anki…")
            send_to_anki(self._context, lambda col: outgoing_for_cards(col, ids), self.count.setText)

    def edit_selected(self) -> None:
        """Edit the note of the (first) selected card."""
        ids = self.selected_card_ids()
        if not ids:
            return

        def edit(note: object) -> None:
            edited = NoteEditor.ask(note, self)
            self.activateWindow()
            self.table.setFocus()
            if edited is not None:
                self._op(lambda col: col.update_note(edited), Change.NOTES, lambda n: f"Saved {n.word}.")

        self._context.worker.run(lambda col: col.note_of(col.get_card(ids[0])), edit)

    def show_info(self) -> None:
        """Open Card info for the (first) selected card."""
        ids = self.selected_card_ids()
        if ids:
            CardInfoDialog.show_card(self._context, ids[0], self)

    def add_card(self) -> None:
        """Open the Add dialog, with the deck of the selected card chosen."""
        from .add_card_dialog import AddCardDialog

        rows = self.table.selectionModel().selectedRows()
        row = self.model.row_of(rows[0].row()) if rows else None
        AddCardDialog.open_for(self._context, self, deck=row.deck if row else None, on_added=self.run_search)

    def toggle_suspend(self) -> None:
        """Suspend the selected cards, or unsuspend them if all are suspended."""
        ids = self.selected_card_ids()
        if not ids:
            return

        def work(col: object) -> bool:
            suspend = not all(col.get_card(i).suspended for i in ids)
            col.suspend(ids, suspended=suspend)
            return suspend

        self._op(work, Change.CARDS, lambda s: f"{'Suspended' if s else 'Unsuspended'} {len(ids)} card(s).")

    def reset_selected(self) -> None:
        """Make the selected cards new again (after confirming)."""
        ids = self.selected_card_ids()
        if ids and self._confirm(f"Make {len(ids)} card(s) new again? Their review history is kept."):
            now = self._context.clock()
            self._op(lambda col: col.reset(ids, now=now), Change.CARDS, lambda _: f"Reset {len(ids)} card(s).")

    def move_selected(self) -> None:
        """Move the selected cards to a deck chosen (or typed) in a dialog."""
        ids = self.selected_card_ids()
        if not ids:
            return

        def ask(decks: list[str]) -> None:
            name, ok = QInputDialog.getItem(
                self, "Move to deck", "Deck (type a new name to create it):", decks, 0, True
            )
            if ok and name.strip():
                target = name.strip()
                self._op(
                    lambda col: col.move_cards(ids, target),
                    Change.CARDS | Change.DECKS,
                    lambda _: f"Moved {len(ids)} card(s) to {target}.",
                )

        self._context.worker.run(lambda col: [d.name for d in col.decks()], ask)

    def delete_selected(self) -> None:
        """Delete the notes of the selected cards (after confirming)."""
        ids = self.selected_card_ids()
        if not ids or not self._confirm(f"Delete the notes of {len(ids)} card(s)? This cannot be undone."):
            return

        def work(col: object) -> int:
            notes = {col.get_card(i).note_id for i in ids}
            return col.delete_notes(notes)

        self._context.worker.run_op(work, Change.CARDS | Change.NOTES, lambda n: self._deleted(n), initiator=self)

    def _deleted(self, notes: int) -> None:
        self.count.setText(f"Deleted {notes} note(s).")
        self.run_search()

    def _confirm(self, question: str) -> bool:
        answer = QMessageBox.question(self, "jpstudy", question)
        return answer == QMessageBox.StandardButton.Yes
