"""The job-ad library window, driven by keyboard over a real collection holding three ads mined with the
real miner and the bundled dictionary. Expected figures come from the miner's own results (coverage when
saved, coverage when the same text is mined again today, candidates per ad), not from the library."""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from jpstudy_ui.ads_model import KEY_ROLE, RecordModel, ad_columns
from jpstudy_ui.ads_screen import AdDetailsDialog, AdsScreen
from jpstudy_ui.context import AppContext
from jpstudy_ui.taskman import Change, DbWorker
from jpstudy_ui.theme import LIGHT, ThemeManager
from jpstudy_ui.ui_settings import UiSettings
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor, QTextDocument, QTextFormat
from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QMessageBox, QWidget

from jpstudy import Collection
from jpstudy.ads import AdLibrary
from jpstudy.dictionary import Dictionary
from jpstudy.mining import MiningResult, mine_text
from jpstudy.paths import collection_path
from jpstudy.stats import STATUS_LABELS

JOBADS = Path(__file__).resolve().parent.parent / "fixtures" / "jobads"
T0 = datetime(2026, 2, 20, 9, 0, tzinfo=UTC)  # before the conftest clock (2026-03-02)
CARE_AD = """介護スタッフ募集（正社員）
仕事内容：特別養護老人ホームでの介護業務全般。食事や入浴の介助をお願いします。
給与：月給22万円〜（固定残業代3万円を含む）
勤務時間：8:00〜17:00（夜勤あり、月4回程度）
休日：年間休日110日、週休2日制
試用期間：3ヶ月（条件の変更なし）
応募資格：日本語能力試験N3以上、介護職員初任者研修修了者歓迎
社会保険完備、交通費支給、資格手当あり。
"""


class Library:
    """The saved ads of the template collection and what the miner said about them."""

    def __init__(self, folder: Path, dictionary: Dictionary) -> None:
        self.folder = folder
        self.dictionary = dictionary
        col = Collection.open(collection_path(folder), created=T0 - timedelta(days=1))
        try:
            lib = AdLibrary(col)
            texts = [
                ("care", CARE_AD, "介護", ("夜勤",)),
                ("bakery", (JOBADS / "bakery-part-time.txt").read_text(encoding="utf-8"), "販売", ("パート",)),
                ("delivery", (JOBADS / "delivery-driver.txt").read_text(encoding="utf-8"), "配送", ("正社員",)),
            ]
            self.results: dict[str, MiningResult] = {}
            self.ids: dict[str, int] = {}
            self.then: dict[str, float] = {}
            for day, (name, text, job_type, tags) in enumerate(texts):
                if name == "bakery":  # the user knew some words before saving the second ad
                    self.mark_known(col, mine_text(text, dictionary, status_of=col.word_status), 12)
                result = mine_text(text, dictionary, status_of=col.word_status)
                ad = lib.save(text, result, job_type=job_type, tags=tags, now=T0 + timedelta(days=day))
                self.results[name], self.ids[name] = result, ad.id
                self.then[name] = result.coverage.known_share
            self.known_since = self.mark_known(col, self.results["care"], 15)
            again = {n: mine_text(r.text, dictionary, status_of=col.word_status) for n, r in self.results.items()}
            self.now = {n: r.coverage.known_share for n, r in again.items()}
            self.beyond = {level: again["care"].coverage.beyond[level] for level in ("N3", "N1")}
            self.care_text = again["care"].text
            self.care_spans = [(s.start, s.end, s.status) for s in again["care"].spans]
            self.statuses = {(c.word, c.reading): c.status for r in again.values() for c in r.candidates}
        finally:
            col.close()

    @staticmethod
    def mark_known(col: Collection, result: MiningResult, n: int) -> list[str]:
        """Mark the ``n`` first new candidates of ``result`` known; their words."""
        words = [c for c in result.candidates if c.status == "new"][:n]
        for c in words:
            col.mark_known(c.word, c.reading, c.entry_id)
        return [c.word for c in words]

    def ranked(self) -> list[tuple[str, str]]:
        """Words across the ads by the number of ads with them, then by total count: whole words only
        (the words of each ad's spans, counted where they stand on their own)."""
        in_ads: Counter[tuple[str, str]] = Counter()
        total: Counter[tuple[str, str]] = Counter()
        for r in self.results.values():
            in_ads.update({(c.word, c.reading) for c in r.words})
            total.update((s.word, s.reading) for s in r.spans)
        return sorted(in_ads, key=lambda k: (-in_ads[k], -total[k], k))


@pytest.fixture(scope="module")
def library(tmp_path_factory: pytest.TempPathFactory, built_dictionary: Path) -> Iterator[Library]:
    dictionary = Dictionary.open(built_dictionary.parent)
    try:
        yield Library(tmp_path_factory.mktemp("template"), dictionary)
    finally:
        dictionary.close()


@pytest.fixture
def context(qtbot, tmp_path: Path, library: Library, clock) -> Iterator[AppContext]:  # type: ignore[no-untyped-def]
    """A running app context (theme, database worker) over a fresh copy of the library's collection."""
    for file in library.folder.iterdir():
        shutil.copy(file, tmp_path / file.name)
    theme = ThemeManager(QApplication.instance())
    theme.apply(UiSettings(theme="light"))
    worker = DbWorker()
    opened: list[object] = []
    worker.open(collection_path(tmp_path), opened.append, opened.append)
    qtbot.waitUntil(lambda: bool(opened))
    assert isinstance(opened[0], Collection)
    yield AppContext(worker, theme, tmp_path, clock)
    worker.close()


@pytest.fixture
def screen(qtbot, context: AppContext) -> AdsScreen:  # type: ignore[no-untyped-def]
    view = AdsScreen(context)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(view.isActiveWindow)
    qtbot.waitUntil(lambda: view.ads_model.rowCount() == 3 and view.detail is not None)
    return view


def on_worker(qtbot, context: AppContext, work):  # type: ignore[no-untyped-def]
    """Run ``work(col)`` on the database worker and return its result."""
    box: list[object] = []
    context.worker.run(work, box.append, box.append)
    qtbot.waitUntil(lambda: bool(box))
    return box[0]


def modal(qtbot, kind: type[QWidget]) -> QWidget:  # type: ignore[no-untyped-def]
    """The window-modal dialog of ``kind`` the screen has opened."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), kind))
    dialog = QApplication.activeModalWidget()
    qtbot.waitUntil(dialog.isActiveWindow)  # keys go to the dialog, not to the window below
    return dialog


def char_colours(document: QTextDocument) -> list[str | None]:
    """The text colour of each character of the document (None where no colour is set)."""
    cursor = QTextCursor(document)
    colours = []
    for position in range(1, document.characterCount()):
        cursor.setPosition(position)
        fmt = cursor.charFormat()
        colours.append(fmt.foreground().color().name() if fmt.hasProperty(QTextFormat.Property.ForegroundBrush)
                       else None)
    return colours


def test_list_shows_readiness_then_and_today_and_the_selected_ad(qtbot, screen: AdsScreen,
                                                                 library: Library) -> None:
    model = screen.ads_model
    ids = [model.data(model.index(r, 0), KEY_ROLE) for r in range(3)]
    assert ids == [library.ids[n] for n in ("delivery", "bakery", "care")]  # newest first
    readiness = {n: model.data(model.index(ids.index(library.ids[n]), 3)) for n in library.ids}
    assert readiness == {n: f"{library.then[n]:.0%} → {library.now[n]:.0%}" for n in library.ids}
    assert library.then["care"] == 0 < library.now["care"] and library.then["bakery"] > 0
    assert model.data(model.index(2, 2)) == "介護 · 夜勤" and model.data(model.index(1, 2)) == "販売 · パート"

    screen.ads_table.setFocus()
    qtbot.keyClick(screen.ads_table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.detail is not None and screen.detail.ad.id == library.ids["care"])
    assert screen.ad_title.text() == "介護スタッフ募集(正社員)"
    assert screen.ad_readiness.text().startswith(f"0% → {library.now['care']:.0%} of the words known")
    assert screen.ad_text.toPlainText() == library.care_text.rstrip("\n")
    colours = char_colours(screen.ad_text.document())
    expected: list[str | None] = [None] * len(library.care_text.rstrip("\n"))
    by_status = {"known": LIGHT.review, "learning": LIGHT.learning, "unseen": LIGHT.new, "new": LIGHT.new}
    for start, end, status in library.care_spans:
        expected[start:end] = [by_status[status]] * (end - start)
    text = screen.ad_text.toPlainText()  # a line break's own format is its next line's: compare the rest
    assert [c for c, ch in zip(colours, text, strict=False) if ch != "\n"] == [
        e for e, ch in zip(expected, text, strict=True) if ch != "\n"
    ]
    assert any(status == "known" for *_, status in library.care_spans)
    assert screen.beyond_model.rowCount() == library.beyond["N3"] > 0
    assert screen.word_tabs.tabText(0) == f"&Beyond N3, not known yet ({library.beyond['N3']})"
    terms = screen.terms.toPlainText()
    for term in ("固定残業代", "試用期間", "年間休日"):
        assert term in terms

    qtbot.keyClick(screen, Qt.Key.Key_L, Qt.KeyboardModifier.AltModifier)  # the target level box
    assert screen.level.hasFocus()
    qtbot.keyClick(screen.level, Qt.Key.Key_Down)
    qtbot.keyClick(screen.level, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: screen.word_tabs.tabText(0).startswith("&Beyond N1"))
    assert screen.beyond_model.rowCount() == library.beyond["N1"] < library.beyond["N3"]


def test_word_list_filters_and_adds_the_most_common_unknown_words(qtbot, screen: AdsScreen, context,
                                                                  library: Library) -> None:
    qtbot.keyClick(screen, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    assert screen.tabs.currentIndex() == 1 and screen.words_table.hasFocus()
    words = screen.words_model
    ranked = library.ranked()
    qtbot.waitUntil(lambda: words.rowCount() == len(ranked))
    assert [words.key(r) for r in range(words.rowCount())] == ranked
    assert [words.data(words.index(r, 6)) for r in range(words.rowCount())] == [
        STATUS_LABELS[library.statuses[k]] for k in ranked
    ]
    assert words.data(words.index(0, 4)) == "3"  # some words occur in all three ads

    qtbot.keyClick(screen, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)  # job type: All → 介護 …
    assert screen.job_type.hasFocus()
    screen.job_type.setCurrentText("介護")
    care = library.results["care"].words  # whole words: parts of compounds are not counted
    qtbot.waitUntil(lambda: words.rowCount() == len(care) and screen.ads_model.rowCount() == 1)
    assert screen.summary.text() == "3 saved ads, 1 shown"
    qtbot.keyClick(screen.job_type, Qt.Key.Key_Home)  # back to All
    qtbot.waitUntil(lambda: words.rowCount() == len(ranked))

    cards_before = on_worker(qtbot, context, lambda col: col.card_count())
    unknown = [k for k in ranked if library.statuses[k] == "new"][:20]
    screen.words_table.setFocus()
    qtbot.keyClick(screen.words_table, Qt.Key.Key_A,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: screen.status.text().startswith("Added 20 words to the Mined deck"))
    assert on_worker(qtbot, context, lambda col: col.card_count()) == cards_before + 20
    mined = on_worker(qtbot, context, lambda col: {(n.word, n.reading) for n in
                                                   map(col.get_note, col.note_ids("Mined"))})
    assert mined == set(unknown)
    qtbot.waitUntil(lambda: all(words.data(words.index(words.row_of(k), 6)) == "in decks" for k in unknown))


def test_delete_asks_first_then_removes_the_ad_and_export_writes_the_list(
    qtbot, screen: AdsScreen, context, library: Library, tmp_path: Path
) -> None:
    screen.ads_table.setFocus()
    qtbot.keyClick(screen.ads_table, Qt.Key.Key_Down)  # the bakery ad
    qtbot.waitUntil(lambda: screen.detail is not None and screen.detail.ad.id == library.ids["bakery"])

    qtbot.keyClick(screen.ads_table, Qt.Key.Key_Delete)
    box = modal(qtbot, QMessageBox)
    assert "Delete the saved ad" in box.text()
    qtbot.keyClick(box, Qt.Key.Key_Escape)  # keep it
    qtbot.waitUntil(lambda: not box.isVisible())
    assert screen.ads_model.rowCount() == 3 and screen.focusWidget() is screen.ads_table
    qtbot.waitUntil(screen.isActiveWindow)  # keys reach the window's shortcuts again

    qtbot.keyClick(screen.ads_table, Qt.Key.Key_Delete)
    qtbot.keyClick(modal(qtbot, QMessageBox), Qt.Key.Key_D)  # the mnemonic of "&Delete ad"
    qtbot.waitUntil(lambda: screen.status.text().startswith("Deleted “"))
    assert screen.ads_model.rowCount() == 2 and screen.ads_model.row_of(library.ids["bakery"]) is None
    qtbot.waitUntil(lambda: screen.detail.ad.id == library.ids["care"])  # the next ad is shown
    left = on_worker(qtbot, context, lambda col: [a.id for a in AdLibrary(col).list()])
    assert left == [library.ids["delivery"], library.ids["care"]]

    qtbot.waitUntil(screen.isActiveWindow)
    target = tmp_path / "my-ads.csv"

    qtbot.keyClick(screen.ads_table, Qt.Key.Key_E,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    dialog = modal(qtbot, QFileDialog)
    name = dialog.findChild(QLineEdit, "fileNameEdit")  # Qt's own dialog offscreen; focused on opening
    assert name.hasFocus() and name.text() == "jpstudy-ads.csv"
    name.selectAll()
    qtbot.keyClicks(name, str(target))
    qtbot.keyClick(name, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.status.text() == f"Exported 2 ads to {target}.")
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [int(r["id"]) for r in rows] == left
    assert rows[1]["title"] == "介護スタッフ募集(正社員)" and rows[1]["job_type"] == "介護"


def test_table_model_passes_the_model_tester(qtmodeltester, qtbot, context: AppContext) -> None:
    ads = on_worker(qtbot, context, lambda col: AdLibrary(col).list())
    model = RecordModel(ad_columns(), key=lambda a: a.id)
    model.set_records(ads)
    qtmodeltester.check(model)
    model.sort(3, Qt.SortOrder.DescendingOrder)  # by readiness today
    assert [model.record(r).readiness_now.share for r in range(3)] == sorted(
        (a.readiness_now.share for a in ads), reverse=True)
    assert model.remove(model.key(0)) and model.rowCount() == 2
    qtmodeltester.check(model)


def test_edit_details_then_filter_by_the_new_tag(qtbot, screen: AdsScreen, library: Library) -> None:
    screen.ads_table.setFocus()
    qtbot.keyClick(screen.ads_table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)  # the care ad
    qtbot.waitUntil(lambda: screen.detail is not None and screen.detail.ad.id == library.ids["care"])

    qtbot.keyClick(screen.ads_table, Qt.Key.Key_F2)
    dialog = modal(qtbot, AdDetailsDialog)
    assert dialog.title.text() == "介護スタッフ募集(正社員)" and dialog.title.hasFocus()
    dialog.title.selectAll()
    qtbot.keyClicks(dialog.title, "Care staff, Yokohama")
    qtbot.keyClick(dialog.title, Qt.Key.Key_Tab)  # → job type (kept)
    qtbot.keyClick(dialog.job_type, Qt.Key.Key_Tab)  # → tags
    assert dialog.tags.hasFocus()
    dialog.tags.selectAll()
    qtbot.keyClicks(dialog.tags, "night, weekend")
    qtbot.keyClick(dialog.tags, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.status.text() == "Saved “Care staff, Yokohama”.")
    qtbot.waitUntil(lambda: screen.detail is not None and screen.detail.ad.title == "Care staff, Yokohama")
    assert screen.detail.ad.tags == ("night", "weekend") and screen.detail.ad.job_type == "介護"
    assert [screen.tag.itemText(i) for i in range(screen.tag.count())] == [
        "All", "night", "weekend", "パート", "正社員"
    ]
    screen.tag.setCurrentText("weekend")
    qtbot.waitUntil(lambda: screen.ads_model.rowCount() == 1
                    and screen.words_model.rowCount() == len(library.results["care"].words))
    assert screen.ads_model.key(0) == library.ids["care"]

    screen.ads_table.setFocus()
    qtbot.waitUntil(screen.isActiveWindow)
    qtbot.keyClick(screen.ads_table, Qt.Key.Key_F2)  # drop the tag the list is filtered by
    dialog = modal(qtbot, AdDetailsDialog)
    dialog.tags.setFocus()
    dialog.tags.selectAll()
    qtbot.keyClicks(dialog.tags, "night")
    qtbot.keyClick(dialog.tags, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: screen.ads_model.rowCount() == 3)  # no ad has the tag: all are shown
    assert screen.tag.currentText() == "All" and "weekend" not in [
        screen.tag.itemText(i) for i in range(screen.tag.count())
    ]


def test_readiness_today_follows_words_learned_elsewhere(qtbot, screen: AdsScreen, context,
                                                         library: Library) -> None:
    """Marking words known in another screen (here: straight on the worker) raises today's readiness."""
    text = library.results["delivery"].text
    words = [c for c in library.results["delivery"].candidates if library.statuses[(c.word, c.reading)] == "new"]
    learned = words[:10]

    def learn(col: Collection) -> dict[tuple[int | None, str, str], str]:
        for c in learned:
            col.mark_known(c.word, c.reading, c.entry_id)
        return {(c.entry_id, c.word, c.reading): col.word_status(c.entry_id, c.word, c.reading)
                for c in library.results["delivery"].candidates}

    statuses: list[dict] = []
    context.worker.run_op(learn, Change.WORDS, statuses.append, initiator=None)
    qtbot.waitUntil(lambda: bool(statuses))
    today = mine_text(text, library.dictionary, status_of=lambda e, w, r: statuses[0][(e, w, r)])
    expected = f"{library.then['delivery']:.0%} → {today.coverage.known_share:.0%}"
    assert today.coverage.known_share > library.now["delivery"]
    model = screen.ads_model
    row = model.row_of(library.ids["delivery"])
    qtbot.waitUntil(lambda: model.data(model.index(row, 3)) == expected)
    qtbot.waitUntil(lambda: screen.ad_readiness.text().startswith(expected))  # the selected ad, re-read


def test_an_empty_library_says_how_to_fill_it(qtbot, tmp_path: Path, clock) -> None:  # type: ignore[no-untyped-def]
    theme = ThemeManager(QApplication.instance())
    theme.apply(UiSettings(theme="light"))
    worker = DbWorker()
    opened: list[object] = []
    worker.open(collection_path(tmp_path), opened.append, opened.append)
    qtbot.waitUntil(lambda: bool(opened))
    try:
        view = AdsScreen(AppContext(worker, theme, tmp_path, clock))
        qtbot.addWidget(view)
        view.show()
        qtbot.waitUntil(lambda: view.summary.text() == "0 saved ads" and view.words_count.text() != "")
        assert view.ad_title.text() == "No saved ads yet" and "Mine a job ad" in view.ad_meta.text()
        assert not view.delete_button.isEnabled() and not view.add_button.isEnabled()
        assert view.words_count.text() == "0 words · 0 not in your decks yet"
        qtbot.keyClick(view, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
        assert view.status.text() == "" and worker.pending == 0
    finally:
        worker.close()


def test_the_list_shows_pay_days_off_and_the_level_asked_and_filters_by_level(
    qtbot, screen: AdsScreen, context: AppContext, library: Library
) -> None:
    """Issue 13: pay, days off and the Japanese level asked per ad; "At my level" and "Came within
    reach" follow the JLPT level the collection says the user has reached."""
    model = screen.ads_model
    rows = {model.record(r).id: [model.index(r, c).data() for c in (4, 5, 6)] for r in range(model.rowCount())}
    assert rows[library.ids["care"]] == ["¥220k+/mo", "110/yr · 2 some wks", "N3"]
    assert rows[library.ids["bakery"]] == ["¥1,150+/h", "–", "N3"]  # 日常会話程度: read as N3
    assert rows[library.ids["delivery"]] == ["¥280k–350k/mo", "105/yr · 2 some wks", "–"]
    assert screen.reach_summary.text() == "You have not reached JLPT N5 yet: 1 of 3 saved ads ask for no more."
    screen.japanese.setCurrentText("At my level")
    qtbot.waitUntil(lambda: [a.id for a in model.records()] == [library.ids["delivery"]])

    def learn_to_n3(col: Collection) -> None:  # the user now knows every N5, N4 and N3 word
        from jpstudy.decks import load_jlpt_words

        words = [w for level in ("N5", "N4", "N3") for w in load_jlpt_words(level)]
        with col.lock, col.transaction() as db:  # what mark_known does, in one transaction
            db.executemany("INSERT OR REPLACE INTO word_marks (word, reading, entry_id, mark) "
                           "VALUES (?, ?, ?, 'known')", [(w.word, w.reading, w.entry_id) for w in words])

    on_worker(qtbot, context, learn_to_n3)
    screen.reload()
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=20_000)
    assert screen.reach_summary.text() == (
        "You have reached JLPT N3: 3 of 3 saved ads ask for no more (2 came within reach since you saved them).")
    care = model.row_of(library.ids["care"])
    assert model.index(care, 6).data() == "N3 ✓"
    assert "since you saved it" in model.index(care, 6).data(Qt.ItemDataRole.ToolTipRole)
    screen.japanese.setCurrentText("Came within reach")
    qtbot.waitUntil(lambda: sorted(a.id for a in model.records()) == sorted(
        [library.ids["care"], library.ids["bakery"]]))
    screen.japanese.setCurrentText("N2")
    qtbot.waitUntil(lambda: model.rowCount() == 0)


def test_the_ads_facts_tab_marks_what_it_read(qtbot, screen: AdsScreen, library: Library) -> None:
    row = screen.ads_model.row_of(library.ids["care"])
    screen.ads_table.selectRow(row)
    screen.ads_table.setCurrentIndex(screen.ads_model.index(row, 0))
    qtbot.waitUntil(lambda: screen.detail is not None and screen.detail.ad.id == library.ids["care"])
    assert screen.facts_tabs.tabText(0) == "What the ad sa&ys · 3 checks"
    panel = screen.facts_panel
    assert [panel.checks.item(i).text().split("\n")[0][:14] for i in range(panel.checks.count())] == [
        "⚠  The pay inc", "⚠  The ad does", "⚠  週休二日制 means"]
    panel.checks.setCurrentRow(2)
    (selection,) = screen.ad_text.extraSelections()
    assert selection.cursor.selectedText() == "週休2日制"
    assert panel.fit.text() == "This ad asks for JLPT N3. You know 0 % of the N3 words and " \
        f"{screen.detail.ad.readiness_now.share * 100:.0f} % of this ad's words."


def test_the_words_under_an_ad_are_never_squeezed(qtbot, screen: AdsScreen) -> None:
    """Issue 14: the words table under the ad showed a single row in a window of the default size."""
    screen.resize(1000, 640)
    qtbot.waitUntil(lambda: screen.beyond_model.rowCount() > 0)
    QApplication.processEvents()
    table = screen.beyond_table
    rows = table.viewport().height() // table.verticalHeader().defaultSectionSize()
    assert rows >= 6
    # and Meaning stays in view beside the word and its reading
    header = table.horizontalHeader()
    assert header.sectionViewportPosition(3) + 20 < table.viewport().width()
    assert table.columnWidth(3) >= table.viewport().width() // 5  # a narrow pane: a word keeps 6 kanji
