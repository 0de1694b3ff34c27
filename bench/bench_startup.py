"""Start-up of the desktop app on a 100,000-card collection: from process start to a usable main window.

"Usable" means the window is shown and the home screen holds the deck tree with today's counts (the
collection is open on the database worker and its first query came back). The anchor, measured in the
same run, is the cost of Qt alone: a fresh process that imports PySide6, creates the QApplication and
shows an empty QMainWindow. Both run in fresh processes (offscreen Qt unless a display is set),
``ROUNDS`` times each, alternating; the figures are medians. The collection is the 100k-card fixture of
``bench_collection`` (built there once, reused here).

    python bench/bench_startup.py
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from pathlib import Path

START = time.perf_counter()  # the child's clock starts before any import below

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import CACHE_DIR, Result, emit, run_child  # noqa: E402  (bench/ is not a package)

ROUNDS = 3
LIMIT_S = 1.5


def _application() -> object:
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication(sys.argv[:1])


def _spin(app: object, until: object, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not until() and time.perf_counter() < deadline:  # type: ignore[operator]
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.001)


def measure_anchor() -> dict[str, float]:
    """Seconds from process start to an empty QMainWindow exposed on screen."""
    app = _application()
    from PySide6.QtWidgets import QMainWindow

    window = QMainWindow()
    window.resize(1100, 760)
    window.show()
    _spin(app, lambda: window.windowHandle() is not None and window.windowHandle().isExposed())
    return {"seconds": time.perf_counter() - START}


def measure_app(data_dir: Path) -> dict[str, float]:
    """Seconds from process start to the jpstudy main window with its deck tree filled in."""
    app = _application()
    from jpstudy_ui.app import create_main_window

    window = create_main_window(app, data_dir)  # type: ignore[arg-type]
    window.show()
    _spin(app, lambda: window.home_summary is not None and window.windowHandle().isExposed())
    usable = time.perf_counter() - START
    _spin(app, lambda: bool(window.levels))
    levels = time.perf_counter() - START
    cards = window.home_summary.counts if window.home_summary else (0, 0, 0)
    window.shutdown()
    return {"seconds": usable, "levels_seconds": levels, "new": cards[0], "learning": cards[1], "review": cards[2]}


def data_folder() -> Path:
    """A data folder holding a fresh copy of the 100k-card fixture (built by bench_collection if needed)."""
    import bench_collection

    fixture = bench_collection.FIXTURE
    if not (fixture / bench_collection.DONE_MARK).exists():
        print(f"   building the 100k-card fixture in {fixture} (once)…", file=sys.stderr, flush=True)
        run_child([bench_collection.__file__, "build"], timeout=1800)
    from jpstudy.paths import COLLECTION_FILE

    folder = CACHE_DIR / "startup"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    shutil.copyfile(fixture / bench_collection.JPSTUDY_FILE, folder / COLLECTION_FILE)
    return folder


def run() -> list[Result]:
    """Measure both in fresh processes and return the figure."""
    folder = data_folder()
    app_runs, anchor_runs = [], []
    for _ in range(ROUNDS):
        anchor_runs.append(run_child([__file__, "anchor"]))
        app_runs.append(run_child([__file__, "app", str(folder)]))
    value = statistics.median(r["seconds"] for r in app_runs)
    anchor = statistics.median(r["seconds"] for r in anchor_runs)
    levels = statistics.median(r["levels_seconds"] for r in app_runs)
    last = app_runs[-1]
    return [
        Result(
            "launch to usable main window, 100k cards",
            value,
            "PySide6 QApplication + empty QMainWindow shown",
            anchor,
            "s",
            value_limit=LIMIT_S,
            note=f"deck tree with today's counts {int(last['new'])}/{int(last['learning'])}/{int(last['review'])}; "
            f"JLPT progress bars filled at {levels:.2f} s (in the background, the window stays usable)",
        )
    ]


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "anchor":
        emit(measure_anchor())
    elif len(sys.argv) > 2 and sys.argv[1] == "app":
        emit(measure_app(Path(sys.argv[2])))
    else:
        for result in run():
            print(
                f"{result.name}: {result.value:.2f} {result.unit} vs {result.anchor} {result.anchor_value:.2f} "
                f"{result.unit} (ratio {result.ratio:.2f}; target {result.target}: "
                f"{'met' if result.met else 'NOT met'}) — {result.note}"
            )
