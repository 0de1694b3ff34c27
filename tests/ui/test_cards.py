"""What the back of a card shows: the sentence as text with furigana drawn over its kanji, the pitch
accent, the word's kanji with the user's other words, notes; kanji cards; the same in Browse."""

from __future__ import annotations

import itertools
import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest
from jpstudy_ui.kanji_strip import KanjiWordsPopup
from jpstudy_ui.levels_dialog import AddLevelDialog
from jpstudy_ui.ruby_text import RubyText
from jpstudy_ui.theme import DARK, LIGHT
from PySide6.QtCore import Qt

from jpstudy.collection import Collection
from jpstudy.collection.schema import APPLICATION_ID, UPGRADES
from jpstudy.japanese.furigana import sentence_furigana
from jpstudy.paths import collection_path
from jpstudy.review_controller import Phase
from jpstudy.srs import CardState

LEGACY_SENTENCE = "&lt;必須&gt; 丁寧に<b>研修</b>を行います &amp; 交通費支給"
"""A sentence as jpstudy's schema-2 miner stored it: escaped, with the word in <b>."""


@pytest.fixture
def legacy_data_dir(tmp_path: Path, clock) -> Path:  # type: ignore[no-untyped-def]
    """A data folder whose collection is at schema 2, holding two mined words with the old markup."""
    db = sqlite3.connect(collection_path(tmp_path), isolation_level=None)
    for script in UPGRADES[:2]:
        db.executescript(script)
    db.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    db.execute("PRAGMA user_version = 2")
    secs = int((clock() - timedelta(days=1)).timestamp())
    state = json.dumps(CardState.new().to_dict())
    db.execute("INSERT INTO meta VALUES ('created', ?)", (str(secs),))
    db.execute("INSERT INTO decks (id, name) VALUES (1, 'Mined')")
    notes = [
        (1, "研修", "けんしゅう", "training", LEGACY_SENTENCE, "typed in the note editor: 研修期間 = trial period"),
        (2, "研究", "けんきゅう", "research", "<b>研究</b>職", ""),
    ]
    for nid, word, reading, meaning, sentence, note_text in notes:
        db.execute("INSERT INTO notes (id, guid, word, reading, meaning, sentence, notes, tags, created, modified) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, 'mined', ?, ?)", (nid, f"g{nid}", word, reading, meaning, sentence,
                                                                  note_text, secs, secs))
        db.execute("INSERT INTO cards (note_id, deck_id, direction, type, queue, due, ivl, factor, reps, lapses, "
                   "left, position, state) VALUES (?, 1, 'recognition', 0, 0, ?, 0, 0, 0, 0, 0, ?, ?)",
                   (nid, nid, nid, state))
    db.close()
    return tmp_path


def test_review_back_of_an_upgraded_mined_card(qtbot, legacy_data_dir, open_main_window, idle):
    window = open_main_window(legacy_data_dir)
    window.study()
    review = window.review
    qtbot.waitUntil(lambda: review.controller.phase is Phase.QUESTION)
    assert review.controller.current_face.word == "研修"
    qtbot.keyClick(review, Qt.Key.Key_Space)
    assert review.controller.phase is Phase.ANSWER

    # issue 14: the sentence is text, the word highlighted, no markup anywhere on screen
    assert review.sentence.isVisible()
    assert review.sentence.text() == "<必須> 丁寧に研修を行います & 交通費支給"
    pieces = review.controller.current_face.furigana
    assert [(p.text, p.reading) for p in pieces if p.target] == [("研修", "けんしゅう")]
    assert "丁寧(ていねい)" in review.sentence.ruby_text() and "交通(こうつう)費(ひ)" in review.sentence.ruby_text()
    # the note typed in the editor is on the back
    assert review.notes.isVisible() and review.notes.text() == "typed in the note editor: 研修期間 = trial period"
    # the pitch accent, drawn over the reading
    assert review.pitch.isVisible() and review.pitch.label() == "平板 [0]"
    assert review.pitch.accessibleDescription() == "LHHH"
    # the word's kanji; a click lists the user's other words with it
    assert [tile.facts.kanji for tile in review.kanji.tiles] == ["研", "修"]
    tile = review.kanji.tile_for("研")
    qtbot.mouseClick(tile, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: isinstance(review.kanji.popup, KanjiWordsPopup) and review.kanji.popup.isVisible())
    assert [row.accessibleName() for row in review.kanji.popup.rows] == ["研究: not started"]
    review.kanji.popup.close()

    # F hides the readings over the sentence and brings them back
    with_ruby = review.sentence.heightForWidth(600)
    qtbot.keyClick(review, Qt.Key.Key_F)
    assert not review.sentence.ruby_visible() and review.sentence.heightForWidth(600) < with_ruby
    assert all(reading is None for _, _, reading in review.sentence.boxes())
    qtbot.keyClick(review, Qt.Key.Key_F)
    assert review.sentence.ruby_visible()
    idle(window)


SIZES = (9, 12, 16, 20, 24)


@pytest.mark.parametrize("point_size", SIZES)
def test_kana_sit_centred_over_their_kanji_and_nothing_overlaps(qtbot, point_size):
    sentence = "未経験の方も歓迎します。丁寧に研修を行いますので、安心してご応募ください。交通費は全額支給、" \
               "社会保険完備。週休二日制（シフト制）、年間休日120日以上。"
    for palette in (LIGHT, DARK):
        widget = RubyText(lambda p=palette: p)
        qtbot.addWidget(widget)
        widget.set_point_size(point_size * 1.4)
        widget.set_pieces(sentence_furigana(sentence, (0, 3), "未経験", "みけいけん"))
        for width in (260, 520, 1000):
            widget.resize(width, widget.heightForWidth(width))
            boxes = widget.boxes()
            assert "".join(piece.text for piece, _, _ in boxes) == sentence
            rubies = [(box, reading) for piece, box, reading in boxes if reading is not None]
            assert len(rubies) == sum(1 for piece, _, _ in boxes if piece.reading) > 10
            for box, reading in rubies:  # centred over its text, just above it, inside the widget
                assert abs(reading.center().x() - box.center().x()) < 0.51
                assert reading.bottom() <= box.top() + 0.01
                assert reading.left() >= -0.01 and reading.right() <= width + 0.01
            for (_, a, _), (_, b, rb) in itertools.pairwise(boxes):
                if abs(a.top() - b.top()) < 0.01:  # same line: left to right, no overlap
                    assert a.right() <= b.left() + 0.01
                else:  # a new line starts below the whole previous one
                    assert (rb or b).top() >= a.bottom() - 0.01
            readings = [r for _, r in rubies]
            for r1, r2 in itertools.pairwise(readings):
                if abs(r1.top() - r2.top()) < 0.01:
                    assert r1.right() <= r2.left() + 0.01, (point_size, width)
            assert max(box.right() for _, box, _ in boxes) <= width + 0.01
            assert widget.heightForWidth(width) >= max(box.bottom() for _, box, _ in boxes)


def test_kanji_cards_from_the_add_level_dialog_and_their_review(qtbot, n5_window, idle):
    window = n5_window
    dialog = AddLevelDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.kanji_picker is not None)
    assert dialog.picker.boxes["N5"].isChecked() and not dialog.picker.boxes["N5"].isEnabled()  # words: added
    box = dialog.kanji_picker.boxes["N5"]
    assert box.isEnabled() and not box.isChecked() and box.text().startswith("N5  —  79 kanji")
    box.setChecked(True)
    dialog.add_button.click()
    qtbot.waitUntil(lambda: dialog.result() == 1, timeout=10_000)
    idle(window)

    def kanji_cards(col: Collection) -> int:
        return len(col.search_cards("deck:Kanji::N5"))

    counts = []
    window.context.worker.run(kanji_cards, counts.append)
    idle(window)
    assert counts == [79]

    window.study("Kanji::N5")
    review = window.review
    qtbot.waitUntil(lambda: review.controller.phase is Phase.QUESTION)
    face = review.controller.current_face
    assert face.note_kind == "kanji" and review.front.text() == face.word == "日"
    assert not review.furigana.isVisible()  # the readings are the answer
    qtbot.keyClick(review, Qt.Key.Key_Space)
    assert review.reading.text() == "on  ニチ、ジツ\nkun  ひ、-び、-か"
    assert review.meaning.text() == "day; sun; Japan; counter for days"
    assert review.level.text() == "N5 kanji · 4 strokes"
    words = [review.examples_layout.itemAt(i).widget().accessibleName() for i in range(review.examples_layout.count())]
    assert len(words) == 8 and all(name.split(":")[0].count("日") for name in words)
    assert review.examples_title.text() == "Your words with 日"
    assert not review.sentence.isVisible() and not review.kanji.isVisible()


def test_browse_shows_the_kanji_of_the_selected_word(qtbot, n5_window, idle):
    window = n5_window
    browse = window.open_window("browse")
    browse.search.setText("word:毎日")
    browse.run_search()
    qtbot.waitUntil(lambda: browse.model.rowCount() == 1 and browse.model.row_of(0) is not None)
    browse.table.selectRow(0)
    qtbot.waitUntil(lambda: browse.preview_word.text() == "毎日")
    assert [tile.facts.kanji for tile in browse.preview_kanji.tiles] == ["毎", "日"]
    assert browse.preview_kanji.tile_for("日").facts.meta == "4 strokes · N5"
    qtbot.mouseClick(browse.preview_kanji.tile_for("日"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: browse.preview_kanji.popup is not None and browse.preview_kanji.popup.isVisible())
    names = [row.accessibleName().split(":")[0] for row in browse.preview_kanji.popup.rows]
    assert len(names) == 12 and "毎日" not in names and all("日" in name for name in names)
    browse.preview_kanji.popup.close()
    idle(window)
