"""Rolling backups (consistent copies, at most one a day, pruning) and restore, API and command line."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from jpstudy import Collection, Rating, backup, instance_lock
from jpstudy.cli import main
from jpstudy.collection import CollectionFileError, NewNote
from jpstudy.collection.schema import SCHEMA_VERSION
from jpstudy.paths import COLLECTION_FILE

T0 = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)


def make_collection(path: Path, answers: int = 0, words: int = 5) -> list[int]:
    """A collection with ``words`` notes and ``answers`` answers; returns the review-log ids."""
    with Collection.open(path, created=T0) as col:
        col.add_notes([NewNote(f"語{i}", f"ご{i}", f"word {i}") for i in range(words)], deck="Mined", now=T0)
        return answer(col, answers)


def answer(col: Collection, n: int, start: datetime = T0) -> list[int]:
    ids = []
    for i in range(n):
        now = start + timedelta(minutes=i)
        card = col.next_card(now)
        assert card is not None
        col.answer(card, Rating.GOOD, now)
        ids.append(col.review_log(card.id)[-1].id)
    return ids


def revlog_ids(path: Path) -> list[int]:
    with Collection.open(path) as col:
        return [e.id for e in col.review_log()]


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


def test_backup_of_an_open_collection_is_a_consistent_single_file(data: Path) -> None:
    path = data / COLLECTION_FILE
    make_collection(path)
    col = Collection.open(path)
    try:
        acknowledged = answer(col, 3)  # committed, still in the write-ahead log while the app runs
        assert path.with_name(path.name + "-wal").stat().st_size > 0
        made = backup.create_backup(path, backup.backup_folder(data), T0)
    finally:
        col.close()
    assert made.parent == data / "backups" and made.name == "collection-20260501-090000Z.sqlite3"
    assert not made.with_name(made.name + "-wal").exists()
    db = sqlite3.connect(made)
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    db.close()
    assert backup.check_collection_file(made) == SCHEMA_VERSION
    assert revlog_ids(made) == acknowledged
    assert [b.path for b in backup.list_backups(data / "backups")] == [made]
    assert not list((data / "backups").glob("*.partial"))


def test_automatic_backup_at_most_once_per_calendar_day(data: Path) -> None:
    make_collection(data / COLLECTION_FILE)
    first = backup.backup_on_close(data, T0)
    assert first is not None
    assert backup.backup_on_close(data, T0 + timedelta(hours=14)) is None  # 23:00 the same day
    second = backup.backup_on_close(data, T0 + timedelta(hours=15, minutes=1))  # 00:01 the next day
    assert second is not None and second != first
    # days are counted in the time zone of the time passed in: 00:30 in Tokyo is a new day there
    tokyo = timezone(timedelta(hours=9), "JST")
    late = datetime(2026, 5, 2, 14, 0, tzinfo=UTC).astimezone(tokyo)  # 23:00 JST, as the 00:01 UTC one
    assert backup.backup_on_close(data, late) is None
    assert backup.backup_on_close(data, late + timedelta(hours=1, minutes=30)) is not None  # same UTC day
    assert len(backup.list_backups(data / "backups")) == 3


def test_policy_every_days_keep_days_and_disable(data: Path) -> None:
    make_collection(data / COLLECTION_FILE)
    backup.save_policy(data, backup.BackupPolicy(every_days=7, keep_days=10))
    assert backup.load_policy(data) == backup.BackupPolicy(every_days=7, keep_days=10)
    made = [backup.backup_on_close(data, T0 + timedelta(days=d)) for d in range(0, 22)]
    days_made = [d for d, m in enumerate(made) if m is not None]
    assert days_made == [0, 7, 14, 21]
    # on day 21 the backups of day 0 and 7 are older than 10 days and were pruned
    kept = [b.created for b in backup.list_backups(data / "backups")]
    assert kept == [T0 + timedelta(days=21), T0 + timedelta(days=14)]
    backup.save_policy(data, backup.BackupPolicy(enabled=False))
    assert backup.backup_on_close(data, T0 + timedelta(days=60)) is None


def test_unusable_policy_file_gives_defaults(data: Path) -> None:
    (data / backup.POLICY_FILE).write_text("{not json", encoding="utf-8")
    assert backup.load_policy(data) == backup.BackupPolicy()
    (data / backup.POLICY_FILE).write_text('{"keep_days": -3, "every_days": "x"}', encoding="utf-8")
    assert backup.load_policy(data) == backup.BackupPolicy()
    (data / backup.POLICY_FILE).write_text('["a"]', encoding="utf-8")
    assert backup.load_policy(data) == backup.BackupPolicy()
    with pytest.raises(ValueError, match="keep_days"):
        backup.BackupPolicy(keep_days=0)


def test_pruning_keeps_the_newest_and_ignores_other_files(data: Path) -> None:
    path = data / COLLECTION_FILE
    make_collection(path)
    folder = backup.backup_folder(data)
    old = [backup.create_backup(path, folder, T0 - timedelta(days=d)) for d in (90, 60, 45)]
    stranger = folder / "my-notes.txt"
    stranger.write_text("mine", encoding="utf-8")
    removed = backup.prune(folder, T0, keep_days=30)
    assert sorted(removed) == sorted(old[:2])
    assert [b.path for b in backup.list_backups(folder)] == [old[2]]  # newest kept although 45 days old
    assert stranger.read_text(encoding="utf-8") == "mine"
    assert backup.backup_on_close(data / "no-collection-here", T0) is None


def test_restore_brings_back_the_backup_and_saves_the_current_state(data: Path) -> None:
    path = data / COLLECTION_FILE
    before = make_collection(path, answers=2)
    folder = backup.backup_folder(data)
    saved = backup.create_backup(path, folder, T0)
    with Collection.open(path) as col:
        later = answer(col, 2, start=T0 + timedelta(hours=1))
    safety = backup.restore(saved, path, folder, T0 + timedelta(hours=2))
    assert revlog_ids(path) == before
    assert safety is not None and "before-restore" in safety.name
    assert revlog_ids(safety) == before + later
    assert backup.list_backups(folder)[0].tag == "before-restore"


KILLED_WRITER = """
import os, signal, sys
from datetime import UTC, datetime, timedelta, timezone
from jpstudy import Collection, Rating
col = Collection.open(sys.argv[1])
now = datetime(2026, 5, 2, 9, 0, tzinfo=UTC)
for i in range(3):
    card = col.next_card(now + timedelta(minutes=i))
    col.answer(card, Rating.AGAIN, now + timedelta(minutes=i))
print(",".join(str(e.id) for e in col.review_log()), flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_restore_after_a_crash_keeps_the_write_ahead_log_in_the_safety_copy(data: Path) -> None:
    path = data / COLLECTION_FILE
    make_collection(path)
    saved = backup.create_backup(path, backup.backup_folder(data), T0)
    proc = subprocess.run([sys.executable, "-c", KILLED_WRITER, str(path)], capture_output=True, text=True)
    assert proc.returncode == -signal.SIGKILL
    crashed = [int(x) for x in proc.stdout.strip().split(",")]
    assert len(crashed) == 3 and path.with_name(path.name + "-wal").stat().st_size > 0
    safety = backup.restore(saved, path, backup.backup_folder(data), T0 + timedelta(days=2))
    assert safety is not None and revlog_ids(safety) == crashed
    # the stale log of the replaced file was not replayed into the restored one
    assert revlog_ids(path) == []
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    db.close()


def other_files(tmp: Path) -> dict[str, Path]:
    """Files that must never be restored: text, another program's SQLite file, damaged, newer."""
    tmp.mkdir()
    text = tmp / "notes.txt"
    text.write_text("not a database\n" * 100, encoding="utf-8")
    foreign = tmp / "other.sqlite3"
    db = sqlite3.connect(foreign)
    db.execute("CREATE TABLE cards (x)")
    db.close()
    damaged = tmp / "damaged.sqlite3"
    make_collection(damaged, words=300)
    raw = bytearray(damaged.read_bytes())
    raw[4096 * 2 : 4096 * 4] = b"\xa5" * (4096 * 2)
    damaged.write_bytes(bytes(raw))
    newer = tmp / "newer.sqlite3"
    make_collection(newer)
    db = sqlite3.connect(newer)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    return {"text": text, "foreign": foreign, "damaged": damaged, "newer": newer, "missing": tmp / "nope"}


@pytest.mark.parametrize("kind", ["text", "foreign", "damaged", "newer", "missing"])
def test_restore_refuses_what_is_not_an_intact_collection(tmp_path: Path, data: Path, kind: str) -> None:
    path = data / COLLECTION_FILE
    make_collection(path, answers=1)
    chosen = other_files(tmp_path / "files")[kind]
    original = path.read_bytes()
    with pytest.raises(CollectionFileError) as err:
        backup.restore(chosen, path, backup.backup_folder(data), T0)
    assert str(chosen) in str(err.value)
    assert path.read_bytes() == original
    assert backup.list_backups(backup.backup_folder(data)) == []  # refused before anything was written
    with pytest.raises(CollectionFileError):
        backup.restore(path, path, backup.backup_folder(data), T0)


def test_restore_over_a_damaged_collection_keeps_its_bytes(tmp_path: Path, data: Path) -> None:
    path = data / COLLECTION_FILE
    path.write_bytes(b"\x00garbage" * 1000)
    good = tmp_path / "good.sqlite3"
    expected = make_collection(good, answers=2)
    safety = backup.restore(good, path, backup.backup_folder(data), T0)
    assert safety is not None and safety.read_bytes() == b"\x00garbage" * 1000
    assert revlog_ids(path) == expected


def test_command_line_backup_list_and_restore(data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(data), "backup"]) == 2
    assert "no collection" in capsys.readouterr().err
    path = data / COLLECTION_FILE
    expected = make_collection(path, answers=1)
    assert main(["--data-dir", str(data), "backup"]) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made.parent == data / "backups" and revlog_ids(made) == expected
    assert main(["--data-dir", str(data), "backup", "--list"]) == 0
    assert made.name in capsys.readouterr().out
    with Collection.open(path) as col:
        answer(col, 1, start=T0 + timedelta(hours=1))
    lock = instance_lock.acquire(data)  # the app is running
    assert lock is not None
    assert main(["--data-dir", str(data), "restore", made.name]) == 2
    assert "close it" in capsys.readouterr().err
    lock.release()
    assert main(["--data-dir", str(data), "restore", made.name]) == 0  # a name in backups/ is enough
    out = capsys.readouterr().out
    assert "restored" in out and "before-restore" in out
    assert revlog_ids(path) == expected
    assert main(["--data-dir", str(data), "restore", str(data / "nothing.sqlite3")]) == 2
    err = capsys.readouterr().err
    assert "nothing was restored" in err and "nothing.sqlite3" in err


def test_a_damaged_collection_is_not_backed_up(tmp_path: Path, data: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = data / COLLECTION_FILE
    path.write_bytes(other_files(tmp_path / "files")["damaged"].read_bytes())
    with pytest.raises(CollectionFileError, match="damaged, so no backup was made") as err:
        backup.create_backup(path, backup.backup_folder(data), T0)
    assert str(path) in str(err.value)
    assert backup.list_backups(backup.backup_folder(data)) == []
    assert not list(backup.backup_folder(data).glob("*.partial"))
    assert main(["--data-dir", str(data), "backup"]) == 2
    assert "no backup was made" in capsys.readouterr().err


def test_restore_into_a_fresh_data_folder(tmp_path: Path, data: Path) -> None:
    """Moving to a new computer: there is no collection yet, only the backup file."""
    carried = tmp_path / "from-old-pc.sqlite3"
    expected = make_collection(carried, answers=3)
    assert backup.restore(carried, data / COLLECTION_FILE, backup.backup_folder(data), T0) is None
    assert revlog_ids(data / COLLECTION_FILE) == expected
    assert revlog_ids(carried) == expected  # the chosen file itself is only read


def test_summaries_count_cards_and_name_unreadable_backups(data: Path) -> None:
    """What the restore list shows: cards, notes, the latest answer, the size; a damaged or foreign
    file in the folder is listed with the reason instead of failing the list."""
    collection = data / COLLECTION_FILE
    ids = make_collection(collection, answers=3, words=7)
    folder = backup.backup_folder(data)
    made = backup.create_backup(collection, folder, T0 + timedelta(hours=1))
    broken = folder / "collection-20260101-000000Z.sqlite3"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    summaries = {s.backup.path: s for s in map(backup.summarize, backup.list_backups(folder))}
    good = summaries[made]
    assert (good.cards, good.notes, good.problem) == (7, 7, None)
    assert good.last_review == datetime.fromtimestamp(max(ids) / 1000, UTC)
    assert good.size_bytes == made.stat().st_size > 0
    bad = summaries[broken]
    assert bad.cards is None and bad.problem and "jpstudy collection" in bad.problem
