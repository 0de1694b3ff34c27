"""Where jpstudy finds AnkiConnect: the address and API key, kept in the collection (``meta`` row
``ankiconnect``) so that the app and the ``jpstudy anki`` commands share them."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

from jpstudy.ankiconnect.client import DEFAULT_URL, AnkiConnect, check_url

if TYPE_CHECKING:
    from jpstudy.collection import Collection

META_KEY = "ankiconnect"


@dataclass(frozen=True)
class ConnectSettings:
    """AnkiConnect's address and optional API key ("" for none)."""

    url: str = DEFAULT_URL
    key: str = ""

    def client(self) -> AnkiConnect:
        """A client for these settings."""
        return AnkiConnect(self.url, self.key or None)


def load(col: Collection) -> ConnectSettings:
    """The stored settings (defaults when none, or unreadable)."""
    with col.lock:
        row = col.db.execute("SELECT value FROM meta WHERE key = ?", (META_KEY,)).fetchone()
    try:
        data = json.loads(row[0]) if row else {}
        return ConnectSettings(url=str(data.get("url") or DEFAULT_URL), key=str(data.get("key") or ""))
    except (ValueError, AttributeError):
        return ConnectSettings()


def save(col: Collection, settings: ConnectSettings) -> None:
    """Store the settings (the address is checked first).

    Raises:
        AnkiConnectError: the address is not an AnkiConnect address on this computer.
    """
    checked = ConnectSettings(check_url(settings.url), settings.key.strip())
    with col.lock, col.transaction() as db:
        db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (META_KEY, json.dumps(asdict(checked))))
