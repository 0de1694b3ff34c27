"""Take the screenshot of the job-ad library window: ``docs/screenshots/ads.png``.

    xvfb-run -a python tools/screenshot_ads.py [OUT.png] [--tab words] [--theme dark]

Builds a throw-away data folder with the bundled dictionary and the sample job ads of
``tests/fixtures/jobads`` mined by the real miner and saved over a few weeks (some words studied in
between, so readiness climbs), opens the window on it, selects the newest ad and saves a grab.
Run it under Xvfb (or any display) with the Noto CJK fonts installed (Debian ``fonts-noto-cjk``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ADS = ROOT / "tests" / "fixtures" / "jobads"
START = datetime(2026, 9, 1, 9, 0, tzinfo=UTC)
SAMPLES = (  # file, title (None: first line), source, job type, tags, days after START
    ("kaigo-pdf-copy.txt", None, "Hello Work", "介護", ("夜勤", "横浜"), 0),
    ("bakery-part-time.txt", None, "タウンワーク", "販売", ("パート",), 9),
    ("it-support.html", None, "Green", "IT", ("英語",), 17),
    ("delivery-driver.txt", None, "Indeed", "配送", ("正社員",), 24),
)


def build(folder: Path) -> None:
    """A collection in ``folder`` holding the sample ads, with words learned between the saves."""
    from jpstudy import Collection
    from jpstudy.ads import AdLibrary
    from jpstudy.dictionary import Dictionary
    from jpstudy.mining import mine_text
    from jpstudy.paths import collection_path

    dictionary = Dictionary.open(folder)
    col = Collection.open(collection_path(folder), created=START - timedelta(days=30))
    try:
        col.add_jlpt_deck("N5", now=START - timedelta(days=30))
        lib = AdLibrary(col)
        for name, title, source, job_type, tags, days in SAMPLES:
            text = (ADS / name).read_text(encoding="utf-8")
            result = mine_text(text, dictionary, status_of=col.word_status)
            lib.save(text, result, title=title, source=source, job_type=job_type, tags=tags,
                     now=START + timedelta(days=days))
            for word in [c for c in result.candidates if c.status == "new"][:: 3][:14]:
                col.mark_known(word.word, word.reading, word.entry_id)
    finally:
        col.close()
        dictionary.close()


def main(argv: list[str] | None = None) -> int:
    """Build the sample library, show the window, save the grab; the exit status."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "docs" / "screenshots" / "ads.png")
    parser.add_argument("--tab", choices=("ads", "words"), default="ads")
    parser.add_argument("--theme", choices=("light", "dark"), default="light")
    args = parser.parse_args(argv)

    from jpstudy_ui.ads_screen import AdsScreen
    from jpstudy_ui.context import AppContext
    from jpstudy_ui.taskman import DbWorker
    from jpstudy_ui.theme import ThemeManager
    from jpstudy_ui.ui_settings import UiSettings
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from jpstudy.paths import collection_path

    app = QApplication(sys.argv)
    with tempfile.TemporaryDirectory(prefix="jpstudy-ads-shot-") as tmp:
        folder = Path(tmp)
        build(folder)
        theme = ThemeManager(app)
        theme.apply(UiSettings(theme=args.theme, font_size=11))
        worker = DbWorker(app)
        context = AppContext(worker, theme, folder, lambda: START + timedelta(days=40))
        screens: list[AdsScreen] = []

        def opened(_: object) -> None:
            screen = AdsScreen(context)
            screen.resize(1360, 860)
            screen.show()
            screens.append(screen)
            QTimer.singleShot(1500, select)

        def select() -> None:
            screen = screens[0]
            if args.tab == "words":
                screen.tabs.setCurrentIndex(1)
                screen.words_table.setFocus()
            else:
                screen._select_row(0)  # the newest ad
                screen.ads_table.setFocus()
            QTimer.singleShot(1500, grab)

        def grab() -> None:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            screens[0].grab().save(str(args.out))
            print(f"saved {args.out}")
            app.quit()

        worker.open(collection_path(folder), opened, lambda exc: (print(exc), app.quit()))
        app.exec()
        worker.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
