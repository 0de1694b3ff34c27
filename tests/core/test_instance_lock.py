"""A second instance on the same data folder is refused; the lock dies with its owner process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from jpstudy import instance_lock

HOLDER = """
import sys, time
from jpstudy import instance_lock
lock = instance_lock.acquire(sys.argv[1])
print("held" if lock else "refused", flush=True)
time.sleep(60)
"""


def start_holder(folder: Path) -> subprocess.Popen[str]:
    """Another process that takes the folder's lock and keeps it until killed."""
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(folder)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "held"
    return proc


def test_second_acquire_is_refused_until_release(tmp_path: Path) -> None:
    first = instance_lock.acquire(tmp_path)
    assert first is not None and first.held
    assert instance_lock.acquire(tmp_path) is None
    assert instance_lock.owner_pid(tmp_path) == os.getpid()
    first.release()
    assert not first.held
    first.release()  # idempotent
    with instance_lock.acquire(tmp_path) as again:
        assert again is not None
    assert instance_lock.acquire(tmp_path) is not None


def test_other_process_holds_the_lock_and_a_kill_frees_it(tmp_path: Path) -> None:
    holder = start_holder(tmp_path)
    try:
        assert instance_lock.acquire(tmp_path) is None
        # the refused attempt must not wipe the owner's pid from the lock file
        assert instance_lock.owner_pid(tmp_path) == holder.pid
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
    lock = instance_lock.acquire(tmp_path)  # the lock file is still there, but its lock died with kill -9
    assert lock is not None
    assert (tmp_path / instance_lock.LOCK_FILE).exists()
    assert instance_lock.owner_pid(tmp_path) == os.getpid()
    lock.release()


def test_folders_are_independent_and_created(tmp_path: Path) -> None:
    a = instance_lock.acquire(tmp_path / "a")
    b = instance_lock.acquire(tmp_path / "new" / "b")
    assert a is not None and b is not None
    a.release()
    b.release()


def test_window_server_name_is_per_folder_and_spelling_independent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "data").mkdir()
    (tmp_path / "other").mkdir()
    name = instance_lock.window_server_name(tmp_path / "data")
    monkeypatch.chdir(tmp_path)
    assert instance_lock.window_server_name("data") == name
    assert instance_lock.window_server_name(tmp_path / "other" / ".." / "data") == name
    assert instance_lock.window_server_name(tmp_path / "other") != name
    # usable as a QLocalServer name everywhere: short, no path separators
    assert name.startswith("jpstudy-") and len(name) <= 40 and name.replace("-", "").isalnum()
