"""One app per data folder: the first instance holds the folder's lock and listens on a local socket;
a second one is refused and asks the first to raise its window instead of opening a second writer.

Terms:
    primary: the instance that holds the data folder's OS lock (``jpstudy.instance_lock``).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from jpstudy.instance_lock import InstanceLock, acquire, window_server_name

RAISE_MESSAGE = b"raise"


class SingleInstance(QObject):
    """Claims the data folder; ``raise_requested`` fires when a second instance starts on it."""

    raise_requested = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._name = window_server_name(data_dir)
        self.lock: InstanceLock | None = acquire(data_dir)
        self._server: QLocalServer | None = None
        if self.lock is not None:
            QLocalServer.removeServer(self._name)  # a crashed first instance leaves its socket behind
            self._server = QLocalServer(self)
            self._server.newConnection.connect(self._on_connection)
            self._server.listen(self._name)

    @property
    def primary(self) -> bool:
        """Whether this instance owns the data folder."""
        return self.lock is not None

    def ask_primary_to_raise(self, timeout_ms: int = 500) -> bool:
        """Ask the running instance to show its window; whether the message was delivered (a running
        instance answers at once: the short timeout keeps the refusal quick when it hangs)."""
        socket = QLocalSocket()
        socket.connectToServer(self._name)
        if not socket.waitForConnected(timeout_ms):
            return False
        socket.write(RAISE_MESSAGE)
        delivered = socket.waitForBytesWritten(timeout_ms)
        socket.disconnectFromServer()
        return delivered

    def release(self) -> None:
        """Stop listening and give up the data folder."""
        if self._server is not None:
            self._server.close()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def _on_connection(self) -> None:
        assert self._server is not None
        while (socket := self._server.nextPendingConnection()) is not None:
            # the socket is the server's child and goes with it; a message is a few bytes
            arrived = socket.bytesAvailable() > 0 or socket.waitForReadyRead(1000)
            if arrived and bytes(socket.readAll().data()).startswith(RAISE_MESSAGE):
                self.raise_requested.emit()
            socket.abort()
