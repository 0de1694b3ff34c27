"""Take a screenshot of every screen of the desktop app, in both themes, into docs/screenshots/.

    xvfb-run -a -s "-screen 0 1400x1000x24" python tools/screenshots.py [OUT_DIR]

Builds a demo collection in a temporary folder (JLPT N5 and N4, four months of simulated study at
fixed times, words mined from a job ad, the N5 kanji cards, three backups), opens the real app on a copy
of it per theme with a fixed clock and grabs each window and dialog with QWidget.grab(): ``NAME.png`` in
the light theme, ``NAME-dark.png`` in the dark one. The back of a mined card (sentence furigana, pitch
accent, kanji) is also taken in both themes at the smallest and the largest font size, scrolled to show
the sentence and the kanji when the card is taller than the window. Needs a Japanese font (Debian:
fonts-noto-cjk). Runs offscreen too, with the same fonts.
"""

from __future__ import annotations

import random
import shutil
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 26, 12, 30, tzinfo=UTC)
ADS = ROOT / "tests" / "fixtures" / "jobads"
AD = ADS / "bakery-part-time.txt"
FACTS_AD = ADS / "it-miname-sairyou.txt"
"""The ad whose facts and checks the "mine-facts" screenshots show."""
LIBRARY_ADS = ("delivery-driver.txt", "../pdf/hellowork-kaigo.pdf", "public-kaikei-nendo.txt", "sales-every-check.txt")
"""More ads mined and kept for the library screenshots (after the bakery ad)."""
SIZE = (1200, 800)
LARGE = (1400, 1000)
"""The window for the largest font size (the screen xvfb-run is given)."""


def build_history(data_dir: Path) -> None:
    """A collection with N5 + N4 and ~4 months of daily study (most days), answered like a learner."""
    from jpstudy.collection import Collection
    from jpstudy.paths import collection_path
    from jpstudy.srs import Rating

    start = NOW - timedelta(days=125)
    rng = random.Random(7)
    col = Collection.open(collection_path(data_dir), created=start - timedelta(days=1))
    col.add_jlpt_deck("N5", now=start)
    col.add_jlpt_deck("N4", now=start + timedelta(days=60))
    for day in range(125):
        moment = start + timedelta(days=day, hours=8)
        if moment > NOW - timedelta(hours=6) or rng.random() < 0.12:
            continue  # a missed day now and then; today's reviews are left for the screenshot
        for _ in range(400):
            card = col.next_card(now=moment)
            if card is None:
                break
            roll = rng.random()
            rating = (
                Rating.AGAIN
                if roll < 0.12
                else Rating.HARD
                if roll < 0.2
                else (Rating.EASY if roll > 0.93 else Rating.GOOD)
            )
            col.answer(card, rating, now=moment, time_taken_ms=rng.randint(2500, 9000))
            moment += timedelta(seconds=rng.randint(6, 20))
    col.close()


SHOWCASE = ("交通費", "販売", "品出し")
"""Words mined from the bakery ad for the card-back screenshots (the first one is shown)."""


def add_mined_cards(data_dir: Path) -> None:
    """Mine the bakery ad and add ``SHOWCASE`` as new cards of the Mined deck, with a note on the first;
    add the N5 kanji cards."""
    import dataclasses

    from jpstudy.collection import Collection
    from jpstudy.dictionary import Dictionary
    from jpstudy.mining import add_candidates, miner_for
    from jpstudy.paths import collection_path

    result = miner_for(Dictionary.open(data_dir), prime=False).mine(AD.read_text(encoding="utf-8"))
    by_word = {c.word: c for c in result.candidates}
    with Collection.open(collection_path(data_dir)) as col:
        added = add_candidates(col, [by_word[w] for w in SHOWCASE], text=result.text)
        col.update_note(dataclasses.replace(added[0], notes="規定支給 = paid under the company's rules"), now=NOW)
        col.add_kanji_deck("N5", now=NOW)


def review_back_shots(app: QApplication, window: QWidget, out: Path) -> None:
    """The back of the first showcase card, light and dark, at the smallest and largest font size."""
    from jpstudy_ui.ui_settings import FONT_SIZES, UiSettings

    from jpstudy.review_controller import Phase

    review = window.review
    window.study("Mined")
    spin(app, lambda: review.controller.phase is Phase.QUESTION)
    QTest.keyClick(review, Qt.Key.Key_Space)
    for size in (FONT_SIZES[0], FONT_SIZES[-1]):
        window.resize(*(SIZE if size < 20 else LARGE))
        for theme in ("light", "dark"):
            window.context.apply_settings(UiSettings(theme=theme, font_size=size))
            review.controller.refresh_current()
            spin(app, lambda: review.controller.phase is Phase.ANSWER)
            spin(app, lambda: False, timeout=0.3)
            bar = review.card_scroll.verticalScrollBar()  # from the pitch accent down, when it does not all fit
            bar.setValue(min(bar.maximum(), review.pitch.mapTo(review.card_scroll.widget(), QPoint()).y() - 8))
            save(window, out, f"review-back-{theme}-{size}pt")
    window.resize(*SIZE)
    window.context.apply_settings(UiSettings(theme="light"))


def spin(app: QApplication, until: Callable[[], bool], timeout: float = 30.0) -> None:
    """Process events until ``until()`` is true (or the timeout passes)."""
    end = time.monotonic() + timeout
    while not until() and time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)
    for _ in range(5):
        app.processEvents()


def save(widget: QWidget, out: Path, name: str) -> None:
    """Grab ``widget`` into ``out/name``.png."""
    QApplication.processEvents()
    path = out / f"{name}.png"
    widget.grab().save(str(path))
    print("wrote", path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)


def main(out: Path) -> int:
    """Take every screenshot, in the light theme (``NAME.png``) and the dark one (``NAME-dark.png``)."""
    from jpstudy.dictionary import ensure_built

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        demo = Path(tmp, "demo")
        demo.mkdir()
        built = ensure_built(demo)
        build_history(demo)
        add_mined_cards(demo)
        make_backups(demo)
        for theme, suffix in (("light", ""), ("dark", "-dark")):
            first_run = Path(tmp, f"first-{theme}")
            first_run.mkdir()
            shutil.copy2(built, first_run / built.name)
            data = Path(tmp, f"demo-{theme}")
            shutil.copytree(demo, data)
            shoot(app, first_run, data, theme, out, suffix, Path(tmp, f"anki-{theme}"))
    return 0


def make_backups(data_dir: Path) -> None:
    """Three backups of the demo collection, a week, two days and one day old."""
    from jpstudy import backup
    from jpstudy.paths import collection_path

    for days in (7, 2, 1):
        backup.create_backup(collection_path(data_dir), backup.backup_folder(data_dir), NOW - timedelta(days=days))


def shoot(app: QApplication, first_run: Path, demo: Path, theme: str, out: Path, suffix: str, tmp: Path) -> None:
    """Every screen of the app in one theme (``tmp``: a folder for the Anki import's package)."""
    from jpstudy_ui.add_card_dialog import AddCardDialog
    from jpstudy_ui.app import create_main_window
    from jpstudy_ui.card_info_dialog import CardInfoDialog
    from jpstudy_ui.ui_settings import UiSettings, save_settings
    from jpstudy_ui.welcome_dialog import WelcomeDialog

    from jpstudy.review_controller import Phase

    clock = lambda: NOW  # noqa: E731
    settings = UiSettings(theme=theme)
    save_settings(first_run, settings)
    save_settings(demo, settings)

    window = create_main_window(app, first_run, clock)
    window.resize(*SIZE)
    window.show()
    spin(app, lambda: window.findChild(WelcomeDialog) is not None)
    welcome = window.findChild(WelcomeDialog)
    spin(app, welcome.isVisible)
    save(welcome, out, "welcome" + suffix)
    welcome.picker.boxes["N4"].setChecked(True)
    welcome.start.click()
    spin(app, lambda: not welcome.isVisible(), timeout=60)
    window.close()

    window = create_main_window(app, demo, clock)
    window.resize(*SIZE)
    window.show()
    spin(app, lambda: window.home_summary is not None and len(window.levels) == 5)
    save(window, out, "home" + suffix)

    window.study()
    review = window.review
    spin(app, lambda: review.controller.phase is Phase.QUESTION)
    save(window, out, "review-front" + suffix)
    QTest.keyClick(review, Qt.Key.Key_Space)
    save(window, out, "review-back" + suffix)
    QTest.keyClick(review, Qt.Key.Key_B)  # bury: the review screen says so, and Undo names it
    spin(app, lambda: review.controller.phase is Phase.QUESTION and bool(review.notice.text()))
    save(window, out, "review-buried" + suffix)
    QTest.keyClick(review, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    spin(app, lambda: review.controller.phase is Phase.QUESTION and window.context.worker.pending == 0)
    QTest.keyClick(review, Qt.Key.Key_Space)
    if theme == "light":  # the back of a mined card, both themes, both ends of the font sizes
        review_back_shots(app, window, out)
        window.study()
        spin(app, lambda: review.controller.phase is Phase.QUESTION)
    QTest.keyClick(review, Qt.Key.Key_I)
    spin(app, lambda: window.findChild(CardInfoDialog) is not None)
    info = window.findChild(CardInfoDialog)
    spin(app, info.isVisible, timeout=2)
    save(info, out, "card-info" + suffix)
    info.close()
    window.study("Kanji::N5")
    spin(app, lambda: review.controller.phase is Phase.QUESTION)
    QTest.keyClick(review, Qt.Key.Key_Space)
    save(window, out, "kanji-card" + suffix)
    window.show_home()
    spin(app, lambda: window.context.worker.pending == 0)

    mine = window.open_window("mine")
    mine.resize(*SIZE)
    mine.load_file(AD)
    mine.mine()
    spin(app, lambda: mine.result is not None, timeout=60)
    for row in range(3):
        mine.model.set_checked(mine.proxy.mapToSource(mine.proxy.index(row, 0)).row(), True)
    save(mine, out, "mine" + suffix)
    mine.show_parts.setChecked(True)  # the parts of compounds, on request, after the words
    mine.table.scrollToBottom()
    save(mine, out, "mine-parts" + suffix)
    mine.show_parts.setChecked(False)
    mine._back_to_paste()
    mine.result = None
    mine.paste.setPlainText("We are hiring a senior engineer. Salary: 5,000,000 JPY / year.")
    mine.mine()
    spin(app, lambda: mine.result is not None, timeout=60)
    save(mine, out, "mine-no-japanese" + suffix)
    for name in LIBRARY_ADS:  # more ads kept in the library, then the facts of one with checks
        mine.result = None
        mine.load_file(ADS / name)
        spin(app, lambda n=Path(name).name: mine.status.text().startswith(f"Opened {n}"), timeout=60)
        mine.mine()
        spin(app, lambda: mine.result is not None, timeout=60)
    mine.result = None
    mine.load_file(FACTS_AD)
    mine.mine()
    spin(app, lambda: mine.result is not None, timeout=60)
    spin(app, lambda: window.context.worker.pending == 0)
    mine.right_tabs.setCurrentIndex(1)
    mine.facts_panel.checks.setCurrentRow(0 if theme == "light" else 3)
    save(mine, out, "mine-facts" + suffix)
    mine.close()

    ads = window.open_window("ads")
    ads.resize(1320, 860)
    spin(app, lambda: window.context.worker.pending == 0)
    spin(app, lambda: False, timeout=0.5)
    save(ads, out, "ads-library" + suffix)
    ads.close()

    browse = window.open_window("browse")
    browse.resize(*SIZE)
    browse.search.setText("deck:JLPT::N4 is:review")
    browse.run_search()
    spin(app, lambda: browse.model.rowCount() > 0 and browse.model.row_of(0) is not None)
    spin(app, lambda: window.context.worker.pending == 0)
    save(browse, out, "browse" + suffix)
    browse.search.setText("deck:Mined")
    browse.run_search()
    spin(app, lambda: browse.model.rowCount() > 0 and browse.model.row_of(0) is not None)
    spin(app, lambda: browse.preview_word.text() == SHOWCASE[0])
    browse.preview_kanji.show_words("交")
    spin(app, lambda: browse.preview_kanji.popup is not None and browse.preview_kanji.popup.isVisible())
    save(browse, out, "browse-kanji" + suffix)
    popup = browse.preview_kanji.popup
    save(popup, out, "browse-kanji-words" + suffix)
    popup.close()
    browse.add_card()
    spin(app, lambda: browse.findChild(AddCardDialog) is not None)
    add = browse.findChild(AddCardDialog)
    add.word.setText("会議")
    add.look_up()
    spin(app, lambda: add.meaning.text() != "", timeout=30)
    add.sentence.setPlainText("明日の会議は十時からです。")
    save(add, out, "add-card" + suffix)
    add.close()
    browse.close()

    stats = window.open_window("stats")
    stats.resize(1000, 1500)
    spin(app, lambda: stats.report is not None)
    save(stats, out, "statistics" + suffix)
    stats.close()

    for name, opener in (
        ("deck-options", lambda: window.home.open_deck_options("JLPT::N5")),
        ("export", window.export),
        ("settings", window.open_settings),
        ("about", window.open_about),
        ("add-level", window.add_level),
        ("restore", window.choose_backup),
        ("shortcuts", window.open_shortcuts),
    ):
        opener()
        spin(app, lambda: window.context.worker.pending == 0)
        dialog = QApplication.activeModalWidget() or _last_dialog(window)
        spin(app, lambda d=dialog: d.isVisible(), timeout=2)
        spin(app, lambda: False, timeout=0.3)  # background reads (the backup list) arrive
        save(dialog, out, name + suffix)
        dialog.close()
    if theme == "light":  # the import dialog in both themes, and the AnkiConnect settings
        tmp.mkdir()
        anki_screens(app, window, out, tmp)

    window.study()
    for index in range(200):  # study everything due, by keyboard, as a learner would
        spin(app, lambda: review.controller.phase is not Phase.LOADING)
        if review.controller.phase is Phase.FINISHED:
            break
        QTest.keyClick(review, Qt.Key.Key_Space)
        QTest.keyClick(review, Qt.Key.Key_1 if index % 9 == 4 else Qt.Key.Key_3)
    spin(app, lambda: review.controller.phase is Phase.FINISHED)
    save(window, out, "review-finished" + suffix)
    window.close()
    window.context.worker.close()


def anki_screens(app: QApplication, window: QWidget, out: Path, tmp: Path) -> None:
    """The import dialog's field maps and summary for a package studied in Anki (needs the ``anki``
    test dependency), and Settings after "Test connection" with no Anki running."""
    from jpstudy_ui.anki_import_dialog import AnkiImportDialog
    from jpstudy_ui.settings_dialog import SettingsDialog
    from jpstudy_ui.ui_settings import UiSettings

    try:
        import os

        os.environ.setdefault("ANKI_TEST_MODE", "1")
        sys.path.insert(0, str(ROOT / "tests" / "core"))
        from anki.collection import ExportAnkiPackageOptions
        from anki.generic_pb2 import Empty
        from anki.import_export_pb2 import ExportLimit
        from anki_studied import build_studied
    except ImportError:
        print("skipped the import screenshots: the anki package is not installed")
    else:
        studied = build_studied(tmp / "anki")
        package = tmp / "Japanese.apkg"
        options = ExportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True)
        studied.col.export_anki_package(out_path=str(package), options=options,
                                        limit=ExportLimit(whole_collection=Empty()))
        studied.col.close()
        dialog = AnkiImportDialog(window.context, window)
        dialog.resize(760, 720)
        dialog.show()
        dialog.load(package)
        spin(app, lambda: bool(dialog.mappings))
        save(dialog, out, "anki-import-mapping")
        window.context.apply_settings(UiSettings(theme="dark"))
        save(dialog, out, "anki-import-mapping-dark")
        window.context.apply_settings(UiSettings(theme="light"))
        dialog.start_import()
        spin(app, lambda: dialog.summary is not None, timeout=60)
        save(dialog, out, "anki-import-summary")
        dialog.close()
    settings = SettingsDialog(window.context, window)
    settings.show()
    spin(app, settings.isEnabled)
    settings.anki.url.setText("http://127.0.0.1:1")
    settings.anki.test()
    spin(app, lambda: "No Anki" in settings.anki.result.text(), timeout=10)
    save(settings, out, "ankiconnect-settings")
    settings.close()


def _last_dialog(window: QWidget) -> QWidget:
    from PySide6.QtWidgets import QDialog

    dialogs = [d for d in window.findChildren(QDialog) if d.isVisible()]
    return dialogs[-1]


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"))
