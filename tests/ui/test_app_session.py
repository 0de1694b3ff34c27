"""The app's life on a data folder: one instance per folder, restore from a backup, backup on close."""

from __future__ import annotations

from pathlib import Path

from jpstudy import backup
from jpstudy.collection import Collection, NewNote
from jpstudy.paths import collection_path


def test_second_instance_is_refused_and_raises_the_first(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from jpstudy_ui.single_instance import SingleInstance

    first = SingleInstance(tmp_path)
    second = SingleInstance(tmp_path)
    try:
        assert first.primary and not second.primary
        with qtbot.waitSignal(first.raise_requested, timeout=5000):
            assert second.ask_primary_to_raise()
    finally:
        second.release()
        first.release()
    third = SingleInstance(tmp_path)  # the folder is free again once the first let go
    assert third.primary
    third.release()


def test_restore_in_the_app_and_backup_on_close(qtbot, n5_data_dir: Path, clock) -> None:  # type: ignore[no-untyped-def]
    from jpstudy_ui.app import AppSession
    from PySide6.QtWidgets import QApplication

    path = collection_path(n5_data_dir)
    saved = backup.create_backup(path, backup.backup_folder(n5_data_dir), clock(), tag="before")
    with Collection.open(path) as col:
        before = col.card_count()
        col.add_note(NewNote(word="残業", reading="ざんぎょう", meaning="overtime"))
        assert col.card_count() == before + 1

    session = AppSession(QApplication.instance(), n5_data_dir, clock)
    qtbot.waitUntil(lambda: session.window.home_summary is not None, timeout=10_000)
    old = session.window
    session.restore(saved)
    assert session.window is not old
    qtbot.addWidget(session.window)
    qtbot.waitUntil(lambda: session.window.home_summary is not None, timeout=10_000)
    session.window.shutdown()
    with Collection.open(path) as col:
        assert col.card_count() == before  # the backup's content is back
    safety = [b for b in backup.list_backups(backup.backup_folder(n5_data_dir)) if b.path != saved]
    assert safety  # what it replaced was kept first

    clock.advance(days=1)
    made = session.close()  # a day later: the automatic backup is due
    assert made is not None and made.exists()
    assert backup.check_collection_file(made) >= 1


def test_work_asked_for_after_the_worker_closed_is_dropped(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A timer that fires while the app closes (the job-ad library's delayed reload) asks for work on a
    closed worker: nothing runs, nothing is raised into the event loop, nothing stays pending."""
    from jpstudy_ui.taskman import DbWorker

    from jpstudy.paths import collection_path

    worker = DbWorker()
    opened: list[object] = []
    worker.open(collection_path(tmp_path), opened.append, opened.append)
    qtbot.waitUntil(lambda: bool(opened))
    worker.close()
    ran: list[object] = []
    worker.run(lambda col: ran.append(col), ran.append, ran.append)
    worker.run_background(lambda: ran.append("background"), ran.append, ran.append)
    qtbot.wait(50)
    assert ran == [] and worker.pending == 0
