"""The mining window reads the ad for the user (issue 13): facts and checks on their own tab, a chosen
fact marked in the ad, the fit line; PDFs, dropped files and rich text pasted from a browser; and the
issue-14 fixes of this window (hovering a word shows its reading and meaning; katakana words not cut)."""

from __future__ import annotations

import sys
from pathlib import Path

from jpstudy_ui.candidates_model import MEANING, WORD
from jpstudy_ui.mine_screen import hover_text
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication, QTextCursor

from jpstudy.adfacts import FIELD_NAMES, extract_facts

ROOT = Path(__file__).resolve().parents[2]
JOBADS = ROOT / "tests" / "fixtures" / "jobads"


def open_and_mine(qtbot, window, with_dictionary, idle, name: str):  # type: ignore[no-untyped-def]
    """The mining window of ``window`` (its data folder given the dictionary) after mining the test ad
    ``name``, with the work it started done."""
    with_dictionary(window.context.data_dir)
    mine = window.open_window("mine")
    mine.load_file(JOBADS / name)
    qtbot.waitUntil(lambda: bool(mine.paste.toPlainText()), timeout=30_000)
    mine.mine()
    qtbot.waitUntil(lambda: mine.result is not None, timeout=30_000)
    idle(window)
    return mine


def marked(mine) -> str:  # type: ignore[no-untyped-def]
    """The text the ad view marks (the chosen fact's span), line breaks as in the ad."""
    (selection,) = mine.ad_view.extraSelections()
    return selection.cursor.selectedText().replace("\u2029", "\n").replace("\u2028", "\n")


def test_facts_and_checks_tab_marks_what_it_read(qtbot, n5_window, with_dictionary, idle):
    mine = open_and_mine(qtbot, n5_window, with_dictionary, idle, "delivery-driver.txt")
    panel = mine.facts_panel
    assert mine.right_tabs.tabText(1) == "What the ad &says · 1 check"
    # one character of the view for one of the ad (a last line break is not drawn)
    assert mine.ad_view.toPlainText() == mine.result.text.rstrip("\n")
    qtbot.keyClick(mine, Qt.Key.Key_S, Qt.KeyboardModifier.AltModifier)
    assert mine.right_tabs.currentWidget() is panel
    assert panel.checks.count() == 1 and "週休二日制" in panel.checks.item(0).text()
    assert "not legal advice" in panel.note.text()
    panel.checks.setCurrentRow(0)
    assert marked(mine) == "週休二日制"
    facts = extract_facts(mine.result.text)
    rows = {panel.table.item(r, 0).text(): r for r in range(panel.table.rowCount())}
    assert len(rows) == len(FIELD_NAMES)
    panel.table.setCurrentCell(rows["Fixed overtime pay"], 1)
    assert marked(mine) == facts.fixed_overtime.text
    assert "¥40,000" in panel.table.item(rows["Fixed overtime pay"], 1).text()
    assert panel.table.item(rows["Japanese level"], 1).text() == "not stated"
    # the fit line comes once the JLPT progress is read: this ad states no level
    qtbot.waitUntil(lambda: panel.fit.text().startswith("This ad does not state a Japanese level."))


def test_the_fit_names_the_level_asked(qtbot, n5_window, with_dictionary, idle):
    mine = open_and_mine(qtbot, n5_window, with_dictionary, idle, "office-no-checks.txt")
    panel = mine.facts_panel
    qtbot.waitUntil(lambda: panel.fit.text().startswith("This ad asks for JLPT N2."))
    assert " % of the N2 words and " in panel.fit.text() and panel.fit.text().endswith(" % of this ad's words.")
    # the N5 cards are all new in this collection
    assert panel.reach.text().startswith("You have not reached N5 yet (a level counts as reached when you know 80 %")
    assert mine.right_tabs.tabText(1) == "What the ad &says"
    assert panel.checks_title.text().startswith("<b>No checks</b>")


def test_hovering_a_word_shows_its_reading_and_meaning(qtbot, n5_window, with_dictionary, idle):
    mine = open_and_mine(qtbot, n5_window, with_dictionary, idle, "bakery-part-time.txt")
    span = next(s for s in mine.result.spans if s.word == "販売")
    cursor = QTextCursor(mine.ad_view.document())
    cursor.setPosition(span.start + 1)
    meaning = next(c.meaning for c in mine.result.candidates if c.word == "販売")
    assert cursor.charFormat().toolTip() == hover_text("販売", "はんばい", meaning, span.status)
    assert cursor.charFormat().toolTip().startswith("販売 【はんばい】 ") and meaning
    in_decks = next(s for s in mine.result.spans if s.status == "unseen")  # an N5 word, in the decks
    cursor.setPosition(in_decks.start + 1)
    assert in_decks.reading in cursor.charFormat().toolTip() and cursor.charFormat().toolTip().endswith(" — in decks")


def test_long_katakana_words_are_not_cut(qtbot, n5_window, with_dictionary, idle):
    mine = open_and_mine(qtbot, n5_window, with_dictionary, idle, "bakery-part-time.txt")
    metrics = mine.table.fontMetrics()
    words = [mine.model.index(r, WORD).data() for r in range(mine.model.rowCount())]
    assert any(w.startswith("販売スタッフ") for w in words)
    for word in words:
        assert metrics.horizontalAdvance(word) < mine.table.columnWidth(WORD) - 8, word
    # and Meaning keeps about a fifth of the table (Reading is never narrower than its header), in view
    assert mine.table.columnViewportPosition(MEANING) + mine.table.columnWidth(MEANING) <= (
        mine.table.viewport().width() + 2)
    assert mine.table.columnWidth(MEANING) >= mine.table.viewport().width() // 6


def test_paste_button_reads_a_browsers_rich_text(qtbot, n5_window, with_dictionary, idle):
    window = n5_window
    with_dictionary(window.context.data_dir)
    mine = window.open_window("mine")
    mime = QMimeData()
    mime.setHtml("<html><body><h2>給与</h2><p>月給<b>25万円</b>〜</p><script>alert('x')</script>"
                 "<ul><li>週休二日制</li></ul></body></html>")
    mime.setText("給与 月給25万円〜 週休二日制")
    QGuiApplication.clipboard().setMimeData(mime)
    qtbot.mouseClick(mine.paste_button, Qt.MouseButton.LeftButton)
    assert mine.paste.toPlainText() == "給与\n月給25万円〜\n・週休二日制"
    qtbot.waitUntil(lambda: mine.result is not None, timeout=30_000)
    idle(window)
    assert [c.rule for c in mine.facts.checks] == ["weekly_two_days_not_every_week"]
    QGuiApplication.clipboard().clear()  # the clipboard owns the data: let it go before the app does


def test_a_pdf_made_here_mines_as_its_text(qtbot, n5_window, with_dictionary, idle, tmp_path):
    """A 求人票 PDF drawn now by Qt (tools/make_jobad_pdf.py, Noto Sans CJK embedded), dropped on the
    window: the same words and facts as mining its text."""
    sys.path.insert(0, str(ROOT / "tools"))
    from make_jobad_pdf import make_pdf

    text = (JOBADS / "hellowork-kaigo.txt").read_text(encoding="utf-8")
    pdf = make_pdf(text, tmp_path / "kyujinhyo.pdf")
    assert pdf.read_bytes().startswith(b"%PDF-") and b"FontFile" in pdf.read_bytes()  # the font is embedded
    window = n5_window
    with_dictionary(window.context.data_dir)
    mine = window.open_window("mine")
    drop = QMimeData()
    drop.setUrls([QUrl.fromLocalFile(str(pdf))])
    event = QDropEvent(QPointF(10, 10), Qt.DropAction.CopyAction, drop, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    mine.dropEvent(event)
    qtbot.waitUntil(lambda: mine.status.text().startswith("Opened kyujinhyo.pdf"), timeout=30_000)
    mine.mine()
    qtbot.waitUntil(lambda: mine.result is not None, timeout=30_000)
    from_pdf = mine.result
    mine.result = None
    mine.paste.setPlainText(text)
    mine.mine()
    qtbot.waitUntil(lambda: mine.result is not None, timeout=30_000)
    idle(window)
    assert sorted((c.word, c.reading, c.count) for c in from_pdf.candidates) == sorted(
        (c.word, c.reading, c.count) for c in mine.result.candidates)
    pdf_facts, text_facts = extract_facts(from_pdf.text), extract_facts(mine.result.text)
    assert [pdf_facts.fact(f).value for f in FIELD_NAMES] == [text_facts.fact(f).value for f in FIELD_NAMES]
    assert mine.facts.pay.value == {"period": "month", "min": 220000, "max": 260000, "top_only": False}


def test_a_file_dropped_on_the_text_box_is_opened_not_pasted(qtbot, n5_window, tmp_path):
    mine = n5_window.open_window("mine")
    drop = QMimeData()
    drop.setUrls([QUrl.fromLocalFile(str(JOBADS / "hellowork-part-seizou.html"))])
    assert mine.paste.canInsertFromMimeData(drop)
    mine.paste.insertFromMimeData(drop)
    assert mine.paste.toPlainText().startswith("求人票（パート）")
    assert "<" not in mine.paste.toPlainText()
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(b"%PDF-1.4\n%broken")
    mine.load_file(scanned)
    qtbot.waitUntil(lambda: mine.status.text().startswith("Cannot open scan.pdf: "), timeout=30_000)
    assert "PDF" in mine.status.text() and mine.paste.toPlainText().startswith("求人票（パート）")
