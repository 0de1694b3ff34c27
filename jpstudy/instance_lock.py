"""One app instance per data folder: an operating-system lock on a file in that folder.

Two processes writing the same collection would each keep their own undo stack and queue; instead
the second instance is refused. The lock is an OS lock (``flock`` on POSIX, ``msvcrt.locking`` on
Windows), so it disappears with the process that holds it, even after a crash or ``kill -9``: a
stale lock file never blocks the next start.

Usage (the desktop app)::

    lock = instance_lock.acquire(data_dir)
    if lock is None:       # another instance runs on this folder
        # ask it to raise its window: connect a QLocalSocket to window_server_name(data_dir)
        ...
    else:                  # we are the first: listen with a QLocalServer on window_server_name(data_dir)
        ...
        lock.release()     # (or let the process end)

Terms:
    lock file: ``LOCK_FILE`` inside the data folder; it holds the owner's process id for people
        looking at the folder; the lock itself is the OS lock, not the file's existence.
    window server name: the name of a local socket (``QLocalServer``) on which the first instance
        listens for "raise your window" requests; derived from the data folder, so instances on
        other data folders do not see each other.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from typing import IO, Self

LOCK_FILE = "jpstudy.lock"


class InstanceLock:
    """The held lock of one data folder; release it with ``release()`` or by ending the process."""

    def __init__(self, handle: IO[str], path: Path) -> None:
        self._handle: IO[str] | None = handle
        self.path = path

    @property
    def held(self) -> bool:
        """Whether this object still holds the lock."""
        return self._handle is not None

    def release(self) -> None:
        """Give the lock up (idempotent). The lock file stays; only the OS lock matters."""
        if self._handle is None:
            return
        _unlock(self._handle)
        self._handle.close()
        self._handle = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def acquire(data_dir: str | os.PathLike[str]) -> InstanceLock | None:
    """Lock ``data_dir`` for this process; None if another process (or another lock object) holds it.

    Raises:
        OSError: the data folder cannot be created or the lock file cannot be opened (e.g. read-only).
    """
    folder = Path(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_FILE
    # "a+" never truncates: a refused second instance must not wipe the owner's pid.
    handle = path.open("a+", encoding="utf-8")
    if not _try_lock(handle):
        handle.close()
        return None
    handle.seek(0)
    handle.truncate()
    handle.write(f"{os.getpid()}\n")
    handle.flush()
    return InstanceLock(handle, path)


def owner_pid(data_dir: str | os.PathLike[str]) -> int | None:
    """The process id written by the current (or last) owner of the folder's lock, if readable."""
    try:
        text = (Path(data_dir) / LOCK_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def window_server_name(data_dir: str | os.PathLike[str]) -> str:
    """The local-socket name the first instance listens on for "raise your window" requests.

    Stable for a folder however it is spelled (resolved path), distinct per folder and per user, and
    short enough for a Unix socket path.
    """
    key = f"{Path(data_dir).expanduser().resolve()}\0{_user_key()}"
    return "jpstudy-" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:24]


def _user_key() -> str:
    getuid = getattr(os, "getuid", None)
    return str(getuid()) if getuid is not None else os.environ.get("USERNAME", "")


if sys.platform == "win32":
    import msvcrt

    def _try_lock(handle: IO[str]) -> bool:
        handle.seek(0)
        try:
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(handle: IO[str]) -> bool:
        # flock (not lockf): a lock belongs to the open file, so even a second acquire() in the same
        # process is refused, as a second app instance would be.
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
