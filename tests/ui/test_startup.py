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
