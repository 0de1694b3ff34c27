"""A dialog that edits a note's fields; used by the review screen (E) and the browser.

The dialog only collects values (``NoteEditor.ask`` returns the edited note or ``None``); the caller
saves it through the database worker.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from jpstudy.collection.models import Note

from .shortcuts import EDITOR, add_actions
from .theme import japanese_font
from .widgets import fit_dialog

LINE_FIELDS = (("word", "Word"), ("reading", "Reading"), ("meaning", "Meaning"))
TEXT_FIELDS = (("sentence", "Sentence"), ("sentence_meaning", "Sentence meaning"), ("notes", "Notes"))


class NoteEditor(QDialog):
    """Edit word, reading, meaning, sentence, its meaning, notes and tags of one note."""

    def __init__(self, note: Note, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Edit {note.word}")
        self.setAccessibleName("Edit note")
        self._note = note
        layout = QVBoxLayout(self)
        form = QFormLayout()
        form.setVerticalSpacing(10)
        self.editors: dict[str, QLineEdit | QPlainTextEdit] = {}
        big = japanese_font(self.font().pointSizeF() * 1.2)
        for name, title in LINE_FIELDS:
            edit = QLineEdit(getattr(note, name))
            edit.setAccessibleName(title)
            if name != "meaning":
                edit.setFont(big)
            form.addRow(f"{title}:", edit)
            self.editors[name] = edit
        for name, title in TEXT_FIELDS:
            text = QPlainTextEdit(getattr(note, name))
            text.setAccessibleName(title)
            text.setTabChangesFocus(True)
            text.setFixedHeight(70)
            form.addRow(f"{title}:", text)
            self.editors[name] = text
        self.tags = QLineEdit(" ".join(note.tags))
        self.tags.setAccessibleName("Tags")
        self.tags.setPlaceholderText("space-separated, e.g. jlpt::n4 work")
        form.addRow("Tags:", self.tags)
        layout.addLayout(form)
        choice = QDialogButtonBox.StandardButton
        buttons = QDialogButtonBox(choice.Save | choice.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        add_actions(self, EDITOR, {"save": self.accept, "cancel": self.reject}, Qt.ShortcutContext.WindowShortcut)
        fit_dialog(self, 56)

    def edited_note(self) -> Note:
        """The note with the values in the form (whitespace trimmed)."""
        values: dict[str, object] = {}
        for name, editor in self.editors.items():
            text = editor.text() if isinstance(editor, QLineEdit) else editor.toPlainText()
            values[name] = text.strip()
        values["tags"] = tuple(dict.fromkeys(t for t in self.tags.text().split() if t))
        return replace(self._note, **values)

    def accept(self) -> None:
        """Refuse an empty word or meaning instead of saving it."""
        edited = self.edited_note()
        if not edited.word or not edited.meaning:
            field = self.editors["word" if not edited.word else "meaning"]
            field.setFocus()
            field.setPlaceholderText("required")
            return
        super().accept()

    @classmethod
    def ask(cls, note: Note, parent: QWidget | None = None) -> Note | None:
        """Show the dialog; the edited note, or ``None`` if cancelled or unchanged."""
        dialog = cls(note, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        edited = dialog.edited_note()
        return None if edited == note else edited
