"""The database worker: every collection call runs on one thread, results come back as Qt signals.

Terms:
    worker: a :class:`DbWorker`. It owns the open :class:`jpstudy.Collection` and a single-thread executor
        (Anki's taskman pattern), plus a second thread for long work that needs no collection. SQLite
        connections belong to the thread that opened them, so the collection is opened, used and closed
        on that one thread, and two operations never overlap.
    work: a function ``work(col) -> result`` run on the worker. It must not touch widgets.
    done / failed: callbacks run on the GUI thread with the result or the exception.
    change: a :class:`Change` flag set announced after an operation, so screens refresh only when
        something they show changed (Anki's ``OpChanges``).
    main-thread call: :meth:`DbWorker.on_main` wraps a callback so it may be called from the worker (for
        progress reports) and runs on the GUI thread.
"""

from __future__ import annotations

import enum
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import QObject, Qt, Signal, Slot

if TYPE_CHECKING:
    from jpstudy.collection import Collection

T = TypeVar("T")
log = logging.getLogger(__name__)


class Change(enum.Flag):
    """What an operation changed."""

    NONE = 0
    CARDS = enum.auto()  # scheduling state, suspension, deck membership
    NOTES = enum.auto()  # note fields, added or deleted notes
    DECKS = enum.auto()  # decks added or renamed
    OPTIONS = enum.auto()  # scheduler options
    WORDS = enum.auto()  # known / ignored word lists


class DbWorker(QObject):
    """Runs collection work on one background thread; see the module docstring.

    Signals:
        changed(Change, object): an operation changed the collection; the object is its initiator.
        busy_changed(bool): whether work is pending (for a busy indicator).
    """

    changed = Signal(object, object)
    busy_changed = Signal(bool)
    _wake = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jpstudy-db")
        self._background = ThreadPoolExecutor(max_workers=1, thread_name_prefix="jpstudy-work")
        self._col: Collection | None = None
        self._pending = 0
        self._lock = threading.Lock()
        self._closed = False
        self._calls: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._wake.connect(self._run_on_main, Qt.ConnectionType.QueuedConnection)

    # -- lifecycle ---------------------------------------------------------------------------------------
    def open(self, path: Path, done: Callable[[Collection], None], failed: Callable[[BaseException], None]) -> None:
        """Open (or create) the collection at ``path`` on the worker thread."""

        def work(_: Any) -> Collection:
            from jpstudy.collection import Collection

            self._col = Collection.open(path)
            return self._col

        self._submit(work, done, failed, needs_collection=False)

    def close(self) -> None:
        """Close the collection on its thread and stop the worker (blocks until done).

        Results still on their way to the GUI thread are dropped: their screens are closing too.
        Closing twice is harmless.
        """
        if self._closed:
            return
        self._closed = True

        def work() -> None:
            if self._col is not None:
                self._col.close()
                self._col = None

        self._executor.submit(work).result()
        self._executor.shutdown(wait=True)
        self._background.shutdown(wait=True, cancel_futures=True)

    # -- running work ------------------------------------------------------------------------------------
    def run(
        self,
        work: Callable[[Collection], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run a read (or any work that announces nothing) on the worker; ``done`` gets the result."""
        self._submit(work, done, failed or self._log_failure, needs_collection=True)

    def run_op(
        self,
        work: Callable[[Collection], T],
        changes: Change,
        done: Callable[[T], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        initiator: object = None,
    ) -> None:
        """Run a mutation; after ``done`` every screen hears :attr:`changed` with ``changes``."""

        def finished(result: T) -> None:
            if done is not None:
                done(result)
            self.changed.emit(changes, initiator)

        self._submit(work, finished, failed or self._log_failure, needs_collection=True)

    def run_background(
        self,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """Run long work that needs no collection (building the dictionary) on a second thread."""
        self._submit(
            lambda _: work(),
            done,
            failed or self._log_failure,
            needs_collection=False,
            executor=self._background,
        )

    def on_main(self, callback: Callable[..., None]) -> Callable[..., None]:
        """Wrap ``callback`` so that calling it from any thread runs it on the GUI thread."""

        def post(*args: Any) -> None:
            self._post(lambda: callback(*args))

        return post

    # -- internals ---------------------------------------------------------------------------------------
    def _submit(
        self,
        work: Callable[[Any], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None],
        needs_collection: bool,
        executor: ThreadPoolExecutor | None = None,
    ) -> None:
        if self._closed:  # asked while closing (a late timer): dropped, like results still on their way
            return
        self._set_pending(+1)

        def job() -> None:
            try:
                if needs_collection and self._col is None:
                    raise RuntimeError("The collection is not open.")
                result = work(self._col)
            except Exception as exc:
                log.debug("collection work failed", exc_info=True)
                self._post(lambda error=exc: self._finish(failed, error))
                return
            self._post(lambda: self._finish(done, result))

        (executor or self._executor).submit(job)

    def _finish(self, callback: Callable[[Any], None], value: Any) -> None:
        self._set_pending(-1)
        callback(value)

    def _set_pending(self, delta: int) -> None:
        with self._lock:
            before = self._pending
            self._pending += delta
            after = self._pending
        if (before == 0) != (after == 0):
            self.busy_changed.emit(after > 0)

    def _post(self, call: Callable[[], None]) -> None:
        """Queue ``call`` for the GUI thread. Only an argument-less signal crosses the threads: Python
        objects passed through queued signals from non-Qt threads trip PySide6 refcount bugs."""
        self._calls.put(call)
        self._wake.emit()

    @Slot()
    def _run_on_main(self) -> None:
        while True:
            try:
                call = self._calls.get_nowait()
            except queue.Empty:
                return
            if not self._closed:
                call()

    @staticmethod
    def _log_failure(exc: BaseException) -> None:
        log.error("collection work failed: %s", exc)

    @property
    def pending(self) -> int:
        """How many submitted jobs have not yet reported back."""
        return self._pending
