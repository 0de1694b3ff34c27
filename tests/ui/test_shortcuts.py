"""Keyboard shortcuts: one table (``shortcuts.SHORTCUTS``) that the screens install and that Help ▸
Keyboard shortcuts lists; the note editor saves with Ctrl+Enter and cancels with Esc."""

from __future__ import annotations

from jpstudy_ui.note_editor import NoteEditor
from jpstudy_ui.shortcuts import AREAS, SHORTCUTS, shortcut
from jpstudy_ui.shortcuts_dialog import ShortcutsDialog, keys_shown
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication


def installed_keys(widget) -> set[str]:  # type: ignore[no-untyped-def]
    """Every key sequence of the QActions under ``widget``."""
    return {seq.toString() for action in widget.findChildren(QAction) for seq in action.shortcuts()}


def table_keys(area: str) -> set[str]:
    return {QKeySequence(k).toString() for s in SHORTCUTS if s.area == area for k in s.keys}


def test_every_installed_shortcut_is_in_the_table_and_listed(qtbot, n5_window, idle):
    window = n5_window
    assert installed_keys(window) >= table_keys("Main window")
    assert {QKeySequence(k).toString() for k in installed_keys(window)} <= table_keys("Main window") | {
        k for area in AREAS for k in table_keys(area)}
    for key, area in (("browse", "Browse"), ("stats", "Statistics"), ("ads", "Job-ad library"),
                      ("mine", "Mine a job ad")):
        screen = window.open_window(key)
        keys = {k for action in screen.actions() for seq in action.shortcuts() for k in [seq.toString()]}
        assert keys and keys <= table_keys(area), (area, keys - table_keys(area))
        assert table_keys(area) - keys <= {QKeySequence("Space").toString()}, area  # Space: the table's own key
        screen.close()
    idle(window)

    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_Slash, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), ShortcutsDialog)
                    or window.findChild(ShortcutsDialog) is not None)
    dialog = window.findChild(ShortcutsDialog)
    listed = dialog.rows()
    assert listed == [(s.area, keys_shown(s.keys), s.text) for area in AREAS for s in SHORTCUTS
                      if s.area == area and s.keys]
    assert ("Browse", "Ctrl+J", "Suspend / unsuspend the selected cards") in listed
    dialog.filter.setText("suspend")
    assert {area for area, _, _ in dialog.rows()} == {"Main window", "Review", "Browse"}  # Browse: "…suspend…"
    dialog.close()


def test_the_review_keys_come_from_the_table(n5_window):
    hint = n5_window.review.hint.text()
    for name in ("show", "undo", "edit", "suspend", "info", "furigana", "back"):
        assert QKeySequence(shortcut("Review", name).keys[0]).toString(QKeySequence.SequenceFormat.NativeText) in hint


def test_note_editor_saves_with_ctrl_enter_and_cancels_with_escape(qtbot, n5_window, idle, on_dialog):
    window = n5_window
    notes: list[object] = []
    window.context.worker.run(lambda col: col.note_of(col.get_card(col.search_cards("")[0])), notes.append)
    qtbot.waitUntil(lambda: bool(notes))
    note = notes[0]
    results: list[object] = []

    def type_and_save(editor: NoteEditor) -> None:
        editor.activateWindow()
        qtbot.waitUntil(editor.isActiveWindow)  # window shortcuts work in the active window
        box = editor.editors["notes"]
        box.setFocus()
        qtbot.keyClicks(box, "memo")
        QTimer.singleShot(3000, editor.reject)  # without the shortcut the dialog stays: fail, not hang
        qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)  # in a multi-line field

    on_dialog(NoteEditor, type_and_save)
    results.append(NoteEditor.ask(note, window))
    assert results[-1] is not None and results[-1].notes == "memo"

    def type_then_keypad_enter(editor: NoteEditor) -> None:
        editor.activateWindow()
        qtbot.waitUntil(editor.isActiveWindow)
        box = editor.editors["sentence"]
        box.setFocus()
        qtbot.keyClicks(box, "x")
        QTimer.singleShot(3000, editor.reject)
        qtbot.keyClick(box, Qt.Key.Key_Enter, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier)

    on_dialog(NoteEditor, type_then_keypad_enter)
    assert NoteEditor.ask(note, window).sentence.startswith("x")  # keypad Enter too

    def cancel(editor: NoteEditor) -> None:
        editor.editors["meaning"].setText("changed")
        qtbot.keyClick(editor.editors["meaning"], Qt.Key.Key_Escape)

    on_dialog(NoteEditor, cancel)
    assert NoteEditor.ask(note, window) is None
    idle(window)


def test_about_credits_the_libraries_and_keeps_the_data_attributions(qtbot, n5_window):
    from jpstudy_ui.about_dialog import AboutDialog
    from PySide6.QtWidgets import QLabel

    dialog = AboutDialog(n5_window)
    qtbot.addWidget(dialog)
    text = " ".join(w.text() for w in dialog.findChildren(QLabel))
    assert "PySide6" in text and "Qt " in text and "LGPL-3.0" in text
    assert "genanki" in text and "MIT" in text
    for credit in ("JMdict", "EDRDG", "Jonathan Waller", "wordfreq", "Tatoeba", "KANJIDIC2", "CC BY-SA 4.0"):
        assert credit in text, credit
