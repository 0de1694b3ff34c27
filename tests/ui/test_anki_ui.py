"""The app's Anki features: File ▸ Import from Anki…, AnkiConnect in Settings, sending from Mine and Browse.

The Anki side is real: a collection studied with the ``anki`` package, and a loopback AnkiConnect
(``tests/core/ankiconnect_server.py``) backed by a real Anki collection.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ["ANKI_TEST_MODE"] = "1"
sys.path.insert(0, str(Path(__file__).parents[1] / "core"))

import pytest
from anki.collection import Collection as AnkiCollection
from anki.collection import ExportAnkiPackageOptions
from anki.generic_pb2 import Empty
from anki.import_export_pb2 import ExportLimit
from anki_studied import WORDS, build_studied
from ankiconnect_server import serving
from jpstudy_ui.anki_import_dialog import AnkiImportDialog
from jpstudy_ui.settings_dialog import SettingsDialog
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

JOBADS = Path(__file__).parents[1] / "fixtures" / "jobads"


@pytest.fixture
def package(tmp_path: Path) -> Path:
    studied = build_studied(tmp_path / "studied")
    out = tmp_path / "studied.apkg"
    options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True, with_media=True)
    studied.col.export_anki_package(out_path=str(out), options=options, limit=ExportLimit(whole_collection=Empty()))
    studied.col.close()
    return out


@pytest.fixture
def anki(tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "anki").mkdir()
    col = AnkiCollection(str(tmp_path / "anki" / "collection.anki2"))
    with serving(col) as server:
        yield col, server
    col.close()


def run(window, qtbot, work):  # type: ignore[no-untyped-def]
    out: list[object] = []
    window.context.worker.run(work, out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=10_000)
    return out[0]


def test_import_dialog_shows_the_mapping_imports_and_summarises(qtbot, n5_window, package, with_dictionary, idle):
    window = n5_window
    with_dictionary(window.context.data_dir)
    assert "import_anki" in window.actions_by_key
    dialog = AnkiImportDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load(package)
    qtbot.waitUntil(lambda: bool(dialog.mappings), timeout=20_000)
    by_name = {m.name: m for m in dialog.mappings}
    assert set(by_name) == {"Japanese Vocab", "Core 2k", "Kaishi 1.5k", "Basic", "Cloze"}
    core = by_name["Core 2k"]
    assert core.combos["Vocabulary-Kanji"].currentData() == "word"
    assert core.combos["Vocabulary-Furigana"].currentData() == "reading"
    assert not by_name["Cloze"].warning.isHidden() and by_name["Core 2k"].warning.isHidden()
    # the user maps Cloze's Text to Word, and Core 2k's Expression (its sentence) to Sentence
    cloze = by_name["Cloze"].combos["Text"]
    cloze.setCurrentIndex(cloze.findData("word"))
    assert by_name["Cloze"].warning.isHidden()
    expression = core.combos["Expression"]
    expression.setCurrentIndex(expression.findData("sentence"))
    # choosing Word for a second field takes it from the first
    core.combos["Vocabulary-English"].setCurrentIndex(core.combos["Vocabulary-English"].findData("word"))
    assert core.combos["Vocabulary-Kanji"].currentData() == "none"
    core.combos["Vocabulary-Kanji"].setCurrentIndex(core.combos["Vocabulary-Kanji"].findData("word"))
    core.combos["Vocabulary-English"].setCurrentIndex(core.combos["Vocabulary-English"].findData("meaning"))
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.summary is not None or dialog.status.text().startswith("Nothing"), timeout=60_000)
    summary = dialog.summary
    assert summary is not None, dialog.status.text()
    # + 猫 (Basic) and the Cloze note; the N5 words of the collection (食べる, 会社 …) are matched, not added
    assert summary.notes_added + summary.notes_updated == len(WORDS) + 2 and summary.notes_updated >= 3
    assert dialog.pages.currentIndex() == 2
    text = dialog.summary_page.text()
    assert f"{summary.notes_added} new notes, {summary.notes_updated} updated" in text
    assert "Words you had on both sides" in text and "kept Anki's card" in text
    idle(window)
    notes = run(window, qtbot, lambda col: {n.word: n for n in map(col.get_note, col.note_ids())})
    assert notes[WORDS[4][0]].sentence == WORDS[4][3]  # a Core 2k word N5 does not have
    assert "{{c1::東京}}は日本の首都" in notes
    dialog.buttons.button(QDialogButtonBox.StandardButton.Close).click()


def test_a_bad_file_says_why_and_imports_nothing(qtbot, n5_window, tmp_path):
    bad = tmp_path / "broken.apkg"
    bad.write_bytes(b"PK\x03\x04 broken")
    dialog = AnkiImportDialog(n5_window.context, n5_window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load(bad)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Nothing was imported"), timeout=10_000)
    assert "not an Anki package or is damaged" in dialog.status.text()
    assert not dialog.import_button.isEnabled()


def open_settings(qtbot, window):  # type: ignore[no-untyped-def]
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    dialog = window.findChild(SettingsDialog)
    qtbot.waitUntil(lambda: dialog.isVisible() and dialog.isEnabled())
    return dialog


def test_settings_test_connection_and_saved_address(qtbot, n5_window, anki, idle):
    window = n5_window
    _, server = anki
    dialog = open_settings(qtbot, window)
    assert dialog.anki.url.text() == "http://127.0.0.1:8765"
    dialog.anki.url.setText("http://127.0.0.1:1")
    qtbot.mouseClick(dialog.anki.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "No Anki is answering" in dialog.anki.result.text(), timeout=10_000)
    dialog.anki.url.setText(server.url)
    qtbot.mouseClick(dialog.anki.test_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.anki.result.text().startswith("Connected"), timeout=10_000)
    assert "AnkiConnect version 6" in dialog.anki.result.text()
    dialog.anki.url.setText("http://192.168.0.9:8765")
    dialog.save()
    assert dialog.isVisible() and "this computer" in dialog.status.text()
    dialog.anki.url.setText(server.url)
    dialog.save()
    qtbot.waitUntil(lambda: not dialog.isVisible())
    idle(window)
    from jpstudy.ankiconnect import settings

    assert run(window, qtbot, settings.load).url == server.url


def test_add_checked_to_both_and_send_from_browse(qtbot, n5_window, anki, with_dictionary, idle):
    window = n5_window
    col, server = anki
    with_dictionary(window.context.data_dir)
    from jpstudy.ankiconnect import ConnectSettings, settings

    run(window, qtbot, lambda c: settings.save(c, ConnectSettings(server.url, "")))
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    mine = window._windows["mine"]
    qtbot.waitUntil(lambda: QApplication.activeWindow() is mine)
    mine.paste.setFocus()
    mine.paste.insertPlainText((JOBADS / "bakery-part-time.txt").read_text(encoding="utf-8"))
    qtbot.keyClick(mine.paste, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: mine.result is not None, timeout=30_000)
    for _ in range(3):
        qtbot.keyClick(mine.table, Qt.Key.Key_Space)
        qtbot.keyClick(mine.table, Qt.Key.Key_Down)
    checked = {mine.model.candidate(r).word for r in mine.model.checked_rows()}
    mine.add_target.setCurrentIndex(mine.add_target.findData("both"))
    qtbot.keyClick(mine, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: col.note_count() == 3, timeout=10_000)
    idle(window)
    words = {col.get_note(n)["Word"] for n in col.find_notes('"note:jpstudy Recognition"')}
    assert words == checked
    mined = run(window, qtbot, lambda c: {c.note_of(c.get_card(i)).word for i in c.search_cards("deck:Mined")})
    assert mined == checked

    browse = window.open_window("browse")
    qtbot.waitUntil(lambda: browse.model.rowCount() > 0, timeout=10_000)
    browse.table.selectRow(0)
    qtbot.mouseClick(browse.buttons["send"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: browse.count.text().startswith("Sent"), timeout=10_000)
    assert browse.count.text() == "Sent 1 note to Anki." and col.note_count() == 4
    qtbot.mouseClick(browse.buttons["send"], Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "already in Anki" in browse.count.text(), timeout=10_000)
    assert browse.count.text().startswith("Sent 0 notes to Anki; already in Anki:") and col.note_count() == 4
