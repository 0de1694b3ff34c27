"""A running Anki on this computer, through the AnkiConnect add-on: send words, read what is known.

    from jpstudy.ankiconnect import ConnectSettings, Outgoing, push_words, pull_words
    client = ConnectSettings().client()          # http://127.0.0.1:8765
    client.version()                             # 6, or AnkiConnectError with what to do
    push_words(client, [Outgoing(new_note, deck="Mined")])   # added / already in Anki
    pull_words(client, col, dictionary)          # Anki's intervals count for word status

Modules: ``client`` (requests, time-outs, messages), ``settings`` (address and key, kept in the
collection), ``push`` (jpstudy's note types and notes into Anki), ``pull`` (Anki's words into word
status), ``outgoing`` (what to send for jpstudy notes).
"""

from jpstudy.ankiconnect.client import DEFAULT_URL, AnkiConnect, AnkiConnectError
from jpstudy.ankiconnect.outgoing import outgoing_for_notes
from jpstudy.ankiconnect.pull import PullResult, pull_words
from jpstudy.ankiconnect.push import Outgoing, PushResult, push_words
from jpstudy.ankiconnect.settings import ConnectSettings

__all__ = [
    "DEFAULT_URL",
    "AnkiConnect",
    "AnkiConnectError",
    "ConnectSettings",
    "Outgoing",
    "PullResult",
    "PushResult",
    "outgoing_for_notes",
    "pull_words",
    "push_words",
]
