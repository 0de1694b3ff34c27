"""Take a screenshot of every screen of the desktop app into docs/screenshots/.

    xvfb-run -a -s "-screen 0 1400x1000x24" python tools/screenshots.py [OUT_DIR]

Builds a demo collection in a temporary folder (JLPT N5 and N4, four months of simulated study at
fixed times, a mined job ad), opens the real app on it with a fixed clock and grabs each window with
QWidget.grab(). Needs a Japanese font (Debian: fonts-noto-cjk). Runs offscreen too, with the same fonts.
"""

from __future__ import annotations

import random
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

ROOT = Path(__file__).resolve().parent.parent
NOW = datetime(2026, 11, 26, 12, 30, tzinfo=UTC)
ADS = ROOT / "tests" / "fixtures" / "jobads"
AD = ADS / "bakery-part-time.txt"
FACTS_AD = ADS / "it-miname-sairyou.txt"
"""The ad whose facts and checks the "mine-facts" screenshots show."""
LIBRARY_ADS = ("delivery-driver.txt", "hellowork-kaigo.pdf", "public-kaikei-nendo.txt", "sales-every-check.txt")
"""More ads mined and kept for the library screenshots (after the bakery ad)."""
SIZE = (1200, 800)


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
    """Take every screenshot."""
    from jpstudy_ui.app import create_main_window
    from jpstudy_ui.ui_settings import UiSettings, save_settings
    from jpstudy_ui.welcome_dialog import WelcomeDialog

    from jpstudy.dictionary import ensure_built
    from jpstudy.review_controller import Phase

    out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    clock = lambda: NOW  # noqa: E731
    with tempfile.TemporaryDirectory() as tmp:
        first_run, demo = Path(tmp, "first"), Path(tmp, "demo")
        first_run.mkdir()
        demo.mkdir()
        built = ensure_built(demo)
        (first_run / built.name).write_bytes(built.read_bytes())
        save_settings(first_run, UiSettings(theme="light"))
        save_settings(demo, UiSettings(theme="light"))

        window = create_main_window(app, first_run, clock)
        window.resize(*SIZE)
        window.show()
        spin(app, lambda: window.findChild(WelcomeDialog) is not None)
        welcome = window.findChild(WelcomeDialog)
        spin(app, welcome.isVisible)
        save(welcome, out, "welcome")
        welcome.picker.boxes["N4"].setChecked(True)
        welcome.start.click()
        spin(app, lambda: not welcome.isVisible())
        window.close()

        build_history(demo)
        window = create_main_window(app, demo, clock)
        window.resize(*SIZE)
        window.show()
        spin(app, lambda: window.home_summary is not None and len(window.levels) == 5)
        save(window, out, "home")

        window.study()
        review = window.review
        spin(app, lambda: review.controller.phase is Phase.QUESTION)
        save(window, out, "review-front")
        QTest.keyClick(review, Qt.Key.Key_Space)
        save(window, out, "review-back")

        window.context.apply_settings(UiSettings(theme="dark"))
        save(window, out, "review-back-dark")
        window.show_home()
        spin(app, lambda: window.context.worker.pending == 0)
        save(window, out, "home-dark")
        window.context.apply_settings(UiSettings(theme="light"))

        mine = window.open_window("mine")
        mine.resize(*SIZE)
        mine.load_file(AD)
        mine.mine()
        spin(app, lambda: mine.result is not None, timeout=60)
        for row in range(3):
            mine.model.set_checked(mine.proxy.mapToSource(mine.proxy.index(row, 0)).row(), True)
        save(mine, out, "mine")
        for name in LIBRARY_ADS:
            mine.result = None
            mine.load_file(ADS / name)
            spin(app, lambda n=name: mine.status.text().startswith(f"Opened {n}"), timeout=60)
            mine.mine()
            spin(app, lambda: mine.result is not None, timeout=60)
        mine.result = None
        mine.load_file(FACTS_AD)
        mine.mine()
        spin(app, lambda: mine.result is not None, timeout=60)
        spin(app, lambda: window.context.worker.pending == 0)
        mine.right_tabs.setCurrentIndex(1)
        mine.facts_panel.checks.setCurrentRow(0)
        save(mine, out, "mine-facts")
        window.context.apply_settings(UiSettings(theme="dark"))
        mine.restyle()
        mine.facts_panel.checks.setCurrentRow(3)
        save(mine, out, "mine-facts-dark")
        window.context.apply_settings(UiSettings(theme="light"))
        mine.close()

        ads = window.open_window("ads")
        ads.resize(1320, 860)
        spin(app, lambda: window.context.worker.pending == 0)
        spin(app, lambda: False, timeout=0.5)
        save(ads, out, "ads-library")
        window.context.apply_settings(UiSettings(theme="dark"))
        ads.reload()
        spin(app, lambda: window.context.worker.pending == 0)
        spin(app, lambda: False, timeout=0.5)
        ads.facts_panel.checks.setCurrentRow(0)
        save(ads, out, "ads-library-dark")
        window.context.apply_settings(UiSettings(theme="light"))
        ads.close()

        browse = window.open_window("browse")
        browse.resize(*SIZE)
        browse.search.setText("deck:JLPT::N4 is:review")
        browse.run_search()
        spin(app, lambda: browse.model.rowCount() > 0 and browse.model.row_of(0) is not None)
        spin(app, lambda: window.context.worker.pending == 0)
        save(browse, out, "browse")
        browse.close()

        stats = window.open_window("stats")
        stats.resize(1000, 1500)
        spin(app, lambda: stats.report is not None)
        save(stats, out, "statistics")
        stats.close()

        for name, opener in (
            ("export", window.export),
            ("settings", window.open_settings),
            ("about", window.open_about),
            ("add-level", window.add_level),
        ):
            opener()
            spin(app, lambda: window.context.worker.pending == 0)
            dialog = QApplication.activeModalWidget() or _last_dialog(window)
            spin(app, lambda d=dialog: d.isVisible(), timeout=2)
            save(dialog, out, name)
            dialog.close()

        window.study()
        for index in range(200):  # study everything due, by keyboard, as a learner would
            spin(app, lambda: review.controller.phase is not Phase.LOADING)
            if review.controller.phase is Phase.FINISHED:
                break
            QTest.keyClick(review, Qt.Key.Key_Space)
            QTest.keyClick(review, Qt.Key.Key_1 if index % 9 == 4 else Qt.Key.Key_3)
        spin(app, lambda: review.controller.phase is Phase.FINISHED)
        save(window, out, "review-finished")
        window.close()
    return 0


def _last_dialog(window: QWidget) -> QWidget:
    from PySide6.QtWidgets import QDialog

    dialogs = [d for d in window.findChildren(QDialog) if d.isVisible()]
    return dialogs[-1]


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots"))
