"""pytest-qt fixtures for the desktop app. Qt runs offscreen unless ``--onscreen`` is given.

``QT_QPA_PLATFORM`` is set in ``pytest_configure``, before any test module imports Qt.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--onscreen", action="store_true", help="show the windows instead of offscreen Qt")


def pytest_configure(config: pytest.Config) -> None:
    if not config.getoption("--onscreen", default=False):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"


class Clock:
    """A settable clock: ``clock()`` is the current test time; ``advance`` moves it on."""

    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    """10:00 UTC on a fixed day (after the 04:00 rollover)."""
    return Clock(datetime(2026, 3, 2, 10, 0, tzinfo=UTC))


@pytest.fixture
def n5_data_dir(tmp_path: Path, clock: Clock) -> Path:
    """A data folder whose collection already holds the JLPT N5 deck."""
    from jpstudy.collection import Collection
    from jpstudy.paths import collection_path

    col = Collection.open(collection_path(tmp_path), created=clock() - timedelta(days=1))
    try:
        col.fuzz = False
        col.add_jlpt_deck("N5", now=clock())
    finally:
        col.close()
    return tmp_path


def make_window(qtbot, data_dir: Path, clock: Clock):  # type: ignore[no-untyped-def]
    """The main window over ``data_dir``, once its home screen has loaded."""
    from jpstudy_ui.app import create_main_window
    from PySide6.QtWidgets import QApplication

    window = create_main_window(QApplication.instance(), data_dir, clock)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.home_summary is not None, timeout=10_000)
    return window


@pytest.fixture
def n5_window(qtbot, n5_data_dir: Path, clock: Clock) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The main window over a collection with the N5 deck."""
    window = make_window(qtbot, n5_data_dir, clock)
    yield window
    window.shutdown()  # usually done already: pytest-qt closes the window, which closes the collection


def wait_idle(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """Wait until the database worker has reported back every job."""
    qtbot.waitUntil(lambda: window.context.worker.pending == 0, timeout=20_000)


@pytest.fixture
def idle(qtbot):  # type: ignore[no-untyped-def]
    """``idle(window)`` waits until the window's database worker has nothing pending."""
    return lambda window: wait_idle(qtbot, window)


@pytest.fixture
def on_dialog():  # type: ignore[no-untyped-def]
    """``on_dialog(cls, act)`` calls ``act(dialog)`` once a modal dialog of type ``cls`` is showing.

    Modal dialogs block in ``exec()``, so the test's interaction is scheduled before the key press that
    opens them; the dialog may appear later (after a database round trip), hence the polling.
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    def arm(cls: type, act, tries: int = 250) -> None:  # type: ignore[no-untyped-def]
        def check() -> None:
            dialog = QApplication.activeModalWidget()
            if isinstance(dialog, cls):
                act(dialog)
            elif tries > 0:
                arm(cls, act, tries - 1)

        QTimer.singleShot(20, check)

    return arm


@pytest.fixture
def open_main_window(qtbot, clock):  # type: ignore[no-untyped-def]
    """``open_main_window(data_dir)``: the main window over any data folder, closed after the test."""
    opened = []

    def open_(data_dir: Path):  # type: ignore[no-untyped-def]
        window = make_window(qtbot, data_dir, clock)
        opened.append(window)
        return window

    yield open_
    for window in opened:
        window.shutdown()
