"""The ``jpstudy`` command without a subcommand opens the app (in a subprocess: pytest-qt owns this
process's QApplication, and a second one cannot be created)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

CHILD = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

app = QApplication(sys.argv[:1])

checks = 0

def report():
    # Poll until the welcome is up (it follows the collection's opening on the worker thread), at
    # most 30 s: on a loaded machine a fixed wait would report too early.
    global checks
    checks += 1
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.windowTitle() == "jpstudy"]
    welcome = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.accessibleName() == "Welcome"]
    if not (shown and welcome) and checks < 300:
        QTimer.singleShot(100, report)
        return
    print("main window shown:", len(shown), "welcome shown:", len(welcome), flush=True)
    app.quit()

QTimer.singleShot(100, report)
from jpstudy.cli import main
sys.exit(main(["--data-dir", sys.argv[1]]))
"""


def test_command_opens_the_main_window_with_the_welcome(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)], capture_output=True, text=True, timeout=60, env=env
    )
    assert proc.returncode == 0, proc.stderr
    assert "main window shown: 1 welcome shown: 1" in proc.stdout
    assert (tmp_path / "collection.sqlite3").exists()


SECOND = """
import sys, time
started = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

app = QApplication(sys.argv[:1])

def look():
    box = QApplication.activeModalWidget()
    if not isinstance(box, QMessageBox):
        QTimer.singleShot(10, look)
        return
    image = box.grab().toImage()
    print("after", round(time.perf_counter() - started, 2), flush=True)
    print("title", box.windowTitle(), flush=True)
    print("text", box.text(), "|", box.informativeText().splitlines()[0], flush=True)
    print("background", image.pixelColor(3, image.height() - 3).name(), flush=True)
    print("styled", bool(app.styleSheet()), flush=True)
    print("loaded", any(m.endswith(("main_window", "collection.collection")) for m in sys.modules), flush=True)
    box.accept()

QTimer.singleShot(0, look)
from jpstudy.cli import main
print("exit", main(["--data-dir", sys.argv[1]]), flush=True)
"""


def test_a_second_app_is_refused_at_once_with_a_styled_message(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The message comes in the app's theme (the dark theme here) without loading the main window or
    the collection, and the first instance is asked to come to the front."""
    from jpstudy_ui.single_instance import SingleInstance
    from jpstudy_ui.theme import DARK
    from jpstudy_ui.ui_settings import UiSettings, save_settings

    save_settings(tmp_path, UiSettings(theme="dark"))
    first = SingleInstance(tmp_path)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    try:
        with qtbot.waitSignal(first.raise_requested, timeout=30_000):
            proc = subprocess.Popen([sys.executable, "-c", SECOND, str(tmp_path)], stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True, env=env)
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=30_000)
    finally:
        first.release()
    out = dict(line.split(" ", 1) for line in proc.stdout.read().splitlines())
    assert out["title"] == "jpstudy is already running", proc.stderr.read()
    assert out["text"] == "jpstudy is already open on this data folder. | Its window was brought to the front."
    assert out["background"] == DARK.bg and out["styled"] == "True"
    assert out["loaded"] == "False"  # refused before the main window and the collection are imported
    assert out["exit"] == "1"


def test_without_a_display_the_app_says_so_in_one_line(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([sys.executable, "-m", "jpstudy", "--data-dir", str(tmp_path)], capture_output=True,
                          text=True, timeout=60, env=env)
    assert proc.returncode == 2
    assert proc.stderr.splitlines() == [
        "jpstudy: no display to open the app on (neither DISPLAY nor WAYLAND_DISPLAY is set); start it from a "
        "desktop session, or use the terminal commands (jpstudy --help)."
    ]
    assert "xcb" not in proc.stderr and proc.stdout == ""
