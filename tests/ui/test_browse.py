"""The browser: a search, an edit of the found note, suspending, all from the keyboard."""

from __future__ import annotations

from jpstudy_ui.browse_model import COLUMNS, BrowseModel, CardRow
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
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Meaning"
    assert model.data(model.index(300, 2)) == "word 301"


def test_browse_opens_with_every_column_on_screen(qtbot, n5_window, idle):
    """At its first size, the Meaning column is on screen and wide enough to read (issue 14: it opened
    off-screen, to the right of the Word … JLPT columns), with a long word and deck name in the list."""
    from jpstudy.collection import NewNote

    window = n5_window
    done: list[object] = []
    long_note = NewNote("国際電気通信連合憲章附属書", "こくさいでんきつうしんれんごうけんしょうふぞくしょ",
                        "annex to the constitution of the ITU")
    now = window.context.clock()
    window.context.worker.run(
        lambda col: col.add_note(long_note, deck="Work::Telecommunications::Japan", now=now), done.append)
    qtbot.waitUntil(lambda: bool(done))
    browse = window.open_window("browse")
    qtbot.waitUntil(lambda: browse.model.rowCount() > 600 and browse.model.row_of(0) is not None)
    idle(window)
    qtbot.wait(50)
    header = browse.table.horizontalHeader()
    viewport = browse.table.viewport().width()
    meaning = COLUMNS.index("Meaning")
    left = header.sectionViewportPosition(meaning)
    assert left >= 0 and left + header.sectionSize(meaning) <= viewport, "Meaning is off-screen"
    assert header.sectionSize(meaning) >= browse.table.fontMetrics().horizontalAdvance("M" * 14)
    assert header.length() <= viewport, "the columns need a horizontal scroll bar"
    browse.search.setText("通信")  # the long word, reading and deck now fill the rows in view
    browse.run_search()
    qtbot.waitUntil(lambda: browse.model.rowCount() == 1 and browse.model.row_of(0) is not None)
    qtbot.wait(50)
    viewport = browse.table.viewport().width()
    left = header.sectionViewportPosition(meaning)
    assert left >= 0 and left + header.sectionSize(meaning) <= viewport, "Meaning is off-screen"
    assert header.sectionSize(meaning) >= browse.table.fontMetrics().horizontalAdvance("M" * 14)
    assert header.length() <= viewport
