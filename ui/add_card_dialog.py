"""Add a card by hand (Ctrl+N in the main window and in Browse), as Anki's Add window: word, reading,
meaning, JLPT level, sentence, its meaning, notes, tags, deck and the directions to study. Typing a
word and leaving the field (or Look up, Alt+L) fills reading, meaning and level from the offline
dictionary (``jpstudy.manual_note.suggest``); every field stays editable. Ctrl+Enter adds, and the
dialog stays open, emptied, for the next word; Esc closes it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from jpstudy.collection.models import MINED_DECK, NewNote
from jpstudy.decks import LEVELS

from .context import AppContext
from .shortcuts import EDITOR, add_actions, key_text
from .taskman import Change
from .theme import japanese_font
from .widgets import fit_dialog, label

DIRECTIONS = (("recognition", "Recognition: see the word, recall reading and meaning"),
              ("production", "Production: see the meaning, recall the word"))


class AddCardDialog(QDialog):
    """See the module docstring. ``added`` holds the notes added while the dialog was open."""

    def __init__(self, context: AppContext, parent: QWidget | None = None, deck: str | None = None,
                 on_added: Callable[[], None] | None = None) -> None:
        super().__init__(parent)
        self._context = context
        self._on_added = on_added
        self._dictionary: Any = None
        self._entry_id: int | None = None
        self._pos = ""
        self._looked_up = ""
        self.added: list[Any] = []
        self.setWindowTitle("Add a card")
        self.setAccessibleName("Add a card")
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        form = QFormLayout()
        form.setVerticalSpacing(8)
        big = japanese_font(self.font().pointSizeF() * 1.2)
        word_row = QHBoxLayout()
        self.word = QLineEdit()
        self.word.setAccessibleName("Word")
        self.word.setPlaceholderText("e.g. 会議 or かいぎ")
        self.word.setFont(big)
        self.word.editingFinished.connect(lambda: self.look_up(only_if_empty=True))
        self.word.textEdited.connect(self._word_edited)
        self.lookup_button = QPushButton("&Look up")
        self.lookup_button.setAccessibleName("Look the word up in the dictionary")
        self.lookup_button.setAutoDefault(False)
        self.lookup_button.clicked.connect(lambda: self.look_up(only_if_empty=False))
        word_row.addWidget(self.word, 1)
        word_row.addWidget(self.lookup_button)
        word_label = QLabel("&Word:")
        word_label.setBuddy(self.word)
        form.addRow(word_label, word_row)
        self.reading = self._line("Reading", "kana, e.g. かいぎ", big)
        form.addRow("&Reading:", self.reading)
        self.meaning = self._line("Meaning", "English meaning", None)
        form.addRow("&Meaning:", self.meaning)
        self.jlpt = QComboBox()
        self.jlpt.setAccessibleName("JLPT level")
        self.jlpt.addItem("none", None)
        for level in LEVELS:
            self.jlpt.addItem(level, level)
        form.addRow("&JLPT:", self.jlpt)
        self.sentence = self._text("Sentence", "an example with the word (optional)")
        form.addRow("&Sentence:", self.sentence)
        self.sentence_meaning = self._text("Sentence meaning", "its translation (optional)")
        form.addRow("Sentence m&eaning:", self.sentence_meaning)
        self.notes = self._text("Notes", "anything you want to remember (optional)")
        form.addRow("N&otes:", self.notes)
        self.tags = self._line("Tags", "space-separated, e.g. work meeting", None)
        form.addRow("T&ags:", self.tags)
        self.deck = QComboBox()
        self.deck.setEditable(True)
        self.deck.setAccessibleName("Deck")
        self.deck.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.deck.setEditText(deck or MINED_DECK)
        form.addRow("&Deck:", self.deck)
        self.directions: dict[str, QCheckBox] = {}
        for name, text in DIRECTIONS:
            box = QCheckBox(text)
            box.setAccessibleName(name.title())
            box.setChecked(name == "recognition")
            form.addRow("Study:" if name == "recognition" else "", box)
            self.directions[name] = box
        layout.addLayout(form)
        self.status = label("", "muted", wrap=True, name="Add status")
        layout.addWidget(self.status)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.add_button = buttons.addButton(f"&Add   {key_text(EDITOR, 'save')}",
                                            QDialogButtonBox.ButtonRole.ActionRole)
        self.add_button.setProperty("role", "primary")
        self.add_button.setAccessibleName("Add")
        self.add_button.clicked.connect(self.add)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        add_actions(self, EDITOR, {"save": self.add, "cancel": self.reject}, Qt.ShortcutContext.WindowShortcut)
        fit_dialog(self, 60)
        self.word.setFocus()
        context.worker.run(lambda col: [d.name for d in col.decks()], self._fill_decks)

    @classmethod
    def open_for(cls, context: AppContext, parent: QWidget, deck: str | None = None,
                 on_added: Callable[[], None] | None = None) -> AddCardDialog:
        """Create and show the dialog (not modal: Browse and the decks stay usable)."""
        dialog = cls(context, parent, deck, on_added)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    # -- building ------------------------------------------------------------------------------------
    def _line(self, name: str, placeholder: str, font: Any) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        if font is not None:
            edit.setFont(font)
        return edit

    def _text(self, name: str, placeholder: str) -> QPlainTextEdit:
        text = QPlainTextEdit()
        text.setAccessibleName(name)
        text.setPlaceholderText(placeholder)
        text.setTabChangesFocus(True)
        text.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 16)
        return text

    def _fill_decks(self, names: list[str]) -> None:
        typed = self.deck.currentText()
        self.deck.clear()
        self.deck.addItems(names)
        self.deck.setEditText(typed)

    # -- dictionary ----------------------------------------------------------------------------------
    def _word_edited(self, _text: str) -> None:
        self._entry_id = None  # the word changed: a looked-up entry no longer applies

    def look_up(self, only_if_empty: bool = False) -> None:
        """Fill reading, meaning and level from the dictionary (only empty fields when ``only_if_empty``)."""
        word = self.word.text().strip()
        if not word or (only_if_empty and (word == self._looked_up or self.meaning.text().strip())):
            return
        self._looked_up = word
        reading = self.reading.text().strip()
        self.status.setText("Looking it up…" if self._dictionary else "Opening the dictionary…")
        folder, opened = self._context.data_dir, self._dictionary

        def work() -> Any:
            from jpstudy.dictionary import Dictionary
            from jpstudy.manual_note import suggest

            dictionary = opened or Dictionary.open(folder)
            return dictionary, suggest(dictionary, word, reading)

        self._context.worker.run_background(
            work, lambda result: self._suggested(word, only_if_empty, *result),
            lambda exc: self.status.setText(f"The dictionary is not available: {exc}"))

    def _suggested(self, word: str, only_if_empty: bool, dictionary: Any, suggestion: Any) -> None:
        self._dictionary = dictionary
        if word != self.word.text().strip():
            return  # typed on meanwhile
        if suggestion is None:
            self.status.setText(f"{word} is not in the dictionary: type its reading and meaning.")
            return
        note: NewNote = suggestion.note
        for field, value in ((self.reading, note.reading), (self.meaning, note.meaning)):
            if not (only_if_empty and field.text().strip()):
                field.setText(value)
        if note.word != word:
            self.word.setText(note.word)
            self._looked_up = note.word
        self.jlpt.setCurrentIndex(max(0, self.jlpt.findData(note.jlpt)))
        self._entry_id, self._pos = note.entry_id, note.pos
        others = f" ({suggestion.others} other entr{'y' if suggestion.others == 1 else 'ies'} read or written " \
                 "the same: give the reading and look up again to choose)" if suggestion.others else ""
        self.status.setText(f"Filled in from the dictionary{others}.")

    # -- adding --------------------------------------------------------------------------------------
    def new_note(self) -> NewNote:
        """The note in the form (whitespace trimmed)."""
        return NewNote(
            word=self.word.text().strip(),
            reading=self.reading.text().strip() or self.word.text().strip(),
            meaning=self.meaning.text().strip(),
            pos=self._pos if self._entry_id is not None else "",
            jlpt=self.jlpt.currentData(),
            entry_id=self._entry_id,
            sentence=self.sentence.toPlainText().strip(),
            sentence_meaning=self.sentence_meaning.toPlainText().strip(),
            notes=self.notes.toPlainText().strip(),
            source="Added by hand",
            tags=tuple(dict.fromkeys(t for t in self.tags.text().split() if t)),
        )

    def chosen_directions(self) -> tuple[str, ...]:
        """The directions ticked."""
        return tuple(name for name, box in self.directions.items() if box.isChecked())

    def add(self) -> None:
        """Add the note (the form says what is missing); then empty the form for the next word."""
        note, directions = self.new_note(), self.chosen_directions()
        deck = self.deck.currentText().strip() or MINED_DECK
        missing = next((name for name, value in (("Word", note.word), ("Meaning", note.meaning)) if not value), None)
        if missing:
            self.status.setText(f"{missing} is needed.")
            (self.word if missing == "Word" else self.meaning).setFocus()
            return
        if not directions:
            self.status.setText("Tick at least one direction to study.")
            return
        now = self._context.clock()
        self.add_button.setEnabled(False)
        self._context.worker.run_op(
            lambda col: col.add_note(note, deck=deck, directions=directions, now=now),
            Change.CARDS | Change.NOTES | Change.DECKS,
            lambda stored: self._added(note, deck, stored),
            self._failed,
            self,
        )

    def _added(self, note: NewNote, deck: str, stored: Any) -> None:
        self.add_button.setEnabled(True)
        if stored is None:
            self.status.setText(f"{note.word} 【{note.reading}】 is already in your collection: nothing added.")
            return
        self.added.append(stored)
        cards = len(self.chosen_directions())
        self.status.setText(f"Added {note.word} to {deck} ({cards} card{'s' if cards != 1 else ''}).")
        for field in (self.word, self.reading, self.meaning):
            field.clear()
        for text in (self.sentence, self.sentence_meaning, self.notes):
            text.clear()
        self.jlpt.setCurrentIndex(0)
        self._entry_id, self._pos, self._looked_up = None, "", ""
        self.word.setFocus()
        if self._on_added is not None:
            self._on_added()

    def _failed(self, exc: BaseException) -> None:
        self.add_button.setEnabled(True)
        self.status.setText(f"Not added: {exc}")

    def done(self, result: int) -> None:
        """Close the dictionary with the dialog."""
        if self._dictionary is not None:
            dictionary, self._dictionary = self._dictionary, None
            self._context.worker.run_background(dictionary.close, lambda _: None)
        super().done(result)
