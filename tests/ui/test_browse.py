"""The browser: a search, an edit of the found note, suspending, all from the keyboard."""

from __future__ import annotations

from jpstudy_ui.browse_model import BrowseModel, CardRow
from jpstudy_ui.note_editor import NoteEditor
from PySide6.QtCore import Qt


def test_search_then_edit_then_suspend(qtbot, n5_window, idle, on_dialog):
    window = n5_window
    qtbot.keyClick(window, Qt.Key.Key_B, Qt.KeyboardModifier.ControlModifier)
    browse = window._windows["browse"]
    qtbot.waitUntil(lambda: browse.count.text().endswith(" cards"))
    assert browse.model.rowCount() == int(browse.count.text().split()[0]) > 600  # N5: ~660 words

    browse.search.setFocus()
    browse.search.insert("word:学生")  # what an input method commits (keyClicks types ASCII only)
    qtbot.keyClick(browse.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: browse.count.text() == "2 cards")  # 学生 and 留学生
    qtbot.waitUntil(lambda: browse.model.row_of(0) is not None)
    words = sorted(browse.model.row_of(r).word for r in range(2))
    assert words == ["学生", "留学生"]
    row = next(r for r in range(2) if browse.model.row_of(r).word == "学生")
    browse.table.setFocus()
    browse.table.selectRow(row)
    qtbot.waitUntil(lambda: browse.preview_word.text() == "学生")

    def fill_editor(editor: NoteEditor) -> None:
        meaning = editor.editors["meaning"]
        meaning.selectAll()
        qtbot.keyClicks(meaning, "student (university)")
        qtbot.keyClick(meaning, Qt.Key.Key_Return)

    on_dialog(NoteEditor, fill_editor)
    qtbot.keyClick(browse.table, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: browse.count.text() == "Saved 学生.")
    qtbot.waitUntil(lambda: browse.preview_meaning.text() == "student (university)")

    qtbot.keyClick(browse.table, Qt.Key.Key_J, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: browse.count.text() == "Suspended 1 card(s).")
    qtbot.waitUntil(lambda: (browse.model.row_of(row) or CardRow(0, 0, *"abcdefg")).state == "new · suspended")

    browse.search.clear()
    qtbot.keyClicks(browse.search, "is:suspended")
    qtbot.keyClick(browse.search, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: browse.count.text() == "1 card")
    idle(window)


def test_browse_model_passes_the_model_tester(qtmodeltester):
    rows = {i: CardRow(i, i, f"語{i}", f"ご{i}", f"word {i}", "Mined", "new", "", "N5") for i in range(1, 451)}
    model = BrowseModel(lambda ids, done: done({i: rows[i] for i in ids}))
    model.set_ids(list(rows))
    qtmodeltester.check(model)
    assert model.data(model.index(300, 0)) == "語301"
    assert model.headerData(6, Qt.Orientation.Horizontal) == "Meaning"
    assert model.data(model.index(300, 6)) == "word 301"
