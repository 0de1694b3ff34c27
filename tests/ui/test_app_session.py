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


def test_restore_lists_the_backups_with_date_size_and_cards(qtbot, n5_data_dir: Path, clock, idle, on_dialog) -> None:  # type: ignore[no-untyped-def]
    """File ▸ Restore from a backup… lists the backups (not a file dialog showing the live collection),
    newest first, with their card counts; Restore asks, naming both counts, then restores the chosen one."""
    from datetime import timedelta

    from jpstudy_ui.app import AppSession
    from jpstudy_ui.backups_dialog import BackupsDialog
    from PySide6.QtWidgets import QApplication, QMessageBox

    path, folder = collection_path(n5_data_dir), backup.backup_folder(n5_data_dir)
    older = backup.create_backup(path, folder, clock() - timedelta(days=2))
    with Collection.open(path) as col:
        n5_cards = col.card_count()
        col.add_note(NewNote(word="残業", reading="ざんぎょう", meaning="overtime"))
    newer = backup.create_backup(path, folder, clock() - timedelta(days=1))
    (folder / "notes.txt").write_text("not a backup")

    session = AppSession(QApplication.instance(), n5_data_dir, clock)
    window = session.window
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.home_summary is not None, timeout=10_000)
    window.actions_by_key["restore"].trigger()
    dialog = window.findChild(BackupsDialog)
    qtbot.waitUntil(lambda: dialog.table.rowCount() == 2 and dialog.current_cards is not None)
    assert [s.backup.path for s in dialog.summaries] == [newer, older]  # the live collection is not offered
    assert [s.cards for s in dialog.summaries] == [n5_cards + 1, n5_cards]
    tz = dialog._tz
    cells = [[dialog.table.item(r, c).text() for c in range(6)] for r in range(2)]
    assert cells[1][:3] == [f"{(clock() - timedelta(days=2)).astimezone(tz):%Y-%m-%d %H:%M}", f"{n5_cards:,}",
                            f"{n5_cards:,}"]
    assert cells[1][4].endswith(("KB", "MB")) and cells[1][3] == "—"  # no answers in it yet
    assert f"now holds {n5_cards + 1:,} cards" in dialog.status.text()

    asked: list[str] = []

    def confirm(box: QMessageBox) -> None:
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    dialog.table.selectRow(1)
    on_dialog(QMessageBox, confirm)
    with qtbot.waitSignal(window.restore_requested, timeout=10_000) as signal:
        dialog.restore_button.click()
    assert signal.args == [older]
    assert f"({n5_cards + 1:,} cards) with the backup made" in asked[0] and f"({n5_cards:,} cards)?" in asked[0]
    qtbot.waitUntil(lambda: session.window is not window and session.window.home_summary is not None,
                    timeout=10_000)
    qtbot.addWidget(session.window)
    session.window.shutdown()
    with Collection.open(path) as col:
        assert col.card_count() == n5_cards
