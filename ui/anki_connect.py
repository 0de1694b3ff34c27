"""A running Anki in the app: the AnkiConnect part of Settings, and sending words to Anki.

Every AnkiConnect call runs off the GUI thread with a short time-out (``jpstudy.ankiconnect``):
the connection test on the background thread, sending and reading known words on the database
worker, which holds the stored address and key.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLineEdit, QPushButton, QWidget

from .context import AppContext
from .taskman import Change
from .widgets import label

ADD_TARGETS = (("jpstudy", "to jpstudy"), ("anki", "to Anki"), ("both", "to jpstudy and Anki"))


class AnkiConnectGroup(QGroupBox):
    """Address, API key, "Test connection" and "Read known words" (see the module docstring)."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        from jpstudy.ankiconnect import DEFAULT_URL

        super().__init__("Anki (AnkiConnect)", parent)
        self._context = context
        self._loaded: Any = None
        form = QFormLayout(self)
        self.url = QLineEdit(DEFAULT_URL)
        self.url.setAccessibleName("AnkiConnect address")
        self.url.setPlaceholderText(DEFAULT_URL)
        self.key = QLineEdit()
        self.key.setAccessibleName("AnkiConnect API key")
        self.key.setPlaceholderText("only if you set one in AnkiConnect's config")
        self.key.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        buttons = QHBoxLayout()
        self.test_button = QPushButton("Test &connection")
        self.test_button.setAccessibleName("Test connection")
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self.test)
        self.pull_button = QPushButton("Read &known words from Anki")
        self.pull_button.setAccessibleName("Read known words from Anki")
        self.pull_button.setAutoDefault(False)
        self.pull_button.clicked.connect(self.pull)
        buttons.addWidget(self.test_button)
        buttons.addWidget(self.pull_button)
        buttons.addStretch(1)
        self.result = label("Send words to a running Anki, and let mining know what you know there. Needs the "
                            "AnkiConnect add-on in Anki.", "muted", wrap=True, name="AnkiConnect status")
        self.result.setMinimumHeight(self.result.fontMetrics().lineSpacing() * 4 + 4)
        self.result.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        form.addRow("Add&ress:", self.url)
        form.addRow("API &key:", self.key)
        form.addRow("", buttons)
        form.addRow("", self.result)
        context.worker.run(_load_settings, self._show)

    def _say(self, text: str) -> None:
        """Show ``text`` under the buttons (room for four lines is kept, so the dialog never jumps)."""
        self.result.setText(text)

    def _show(self, settings: Any) -> None:
        self._loaded = settings
        self.url.setText(settings.url)
        self.key.setText(settings.key)

    def chosen(self) -> Any:
        """The settings in the form."""
        from jpstudy.ankiconnect import DEFAULT_URL, ConnectSettings

        return ConnectSettings(self.url.text().strip() or DEFAULT_URL, self.key.text().strip())

    def check(self) -> str | None:
        """Why the address cannot be saved, or None."""
        from jpstudy.ankiconnect import AnkiConnectError
        from jpstudy.ankiconnect.client import check_url

        try:
            check_url(self.chosen().url)
        except AnkiConnectError as exc:
            return str(exc)
        return None

    def save(self) -> None:
        """Store the address and key if they changed (on the database worker)."""
        chosen = self.chosen()
        if chosen == self._loaded or self.check() is not None:
            return
        from jpstudy.ankiconnect import settings

        self._context.worker.run_op(lambda col: settings.save(col, chosen), Change.NONE, lambda _: None)

    def test(self) -> None:
        """Ask AnkiConnect for its version in the background; show it, or what to do."""
        problem = self.check()
        if problem:
            self._say(problem)
            return
        client = self.chosen().client()
        self.test_button.setEnabled(False)
        self._say(f"Asking {client.url}…")

        def done(version: int) -> None:
            self.test_button.setEnabled(True)
            self._say(f"Connected: AnkiConnect version {version} at {client.url}.")

        self._context.worker.run_background(client.version, done, self._failed)

    def pull(self) -> None:
        """Read the words of Anki's Japanese cards for word status (on the database worker)."""
        problem = self.check()
        if problem:
            self._say(problem)
            return
        client, data_dir = self.chosen().client(), self._context.data_dir
        self.pull_button.setEnabled(False)
        self._say("Reading your Anki cards…")

        def work(col: Any) -> Any:
            from jpstudy.ankiconnect import pull_words

            dictionary = _dictionary(data_dir)
            try:
                return pull_words(client, col, dictionary)
            finally:
                if dictionary is not None:
                    dictionary.close()

        def done(result: Any) -> None:
            self.pull_button.setEnabled(True)
            self._say(f"Read {result.words} words from {result.cards} Anki cards: {result.known} known, "
                                f"{result.learning} learning. Mining now colours them by what you know in Anki.")

        self._context.worker.run_op(work, Change.WORDS, done, self._failed, self)

    def _failed(self, exc: BaseException) -> None:
        self.test_button.setEnabled(True)
        self.pull_button.setEnabled(True)
        self._say(str(exc))


def _load_settings(col: Any) -> Any:
    from jpstudy.ankiconnect import settings

    return settings.load(col)


def _dictionary(data_dir: Any) -> Any:
    from jpstudy.dictionary import Dictionary, DictionaryDataError

    try:
        return Dictionary.open(data_dir)
    except DictionaryDataError:
        return None


def send_to_anki(context: AppContext, outgoing: Callable[[Any], Sequence[Any]], done: Callable[[str], None]) -> None:
    """Send ``outgoing(col)`` (``jpstudy.ankiconnect.Outgoing`` items) to Anki on the database worker with
    the stored settings; ``done`` gets a sentence saying what happened (or what went wrong)."""

    def work(col: Any) -> str:
        from jpstudy.ankiconnect import AnkiConnectError, push_words, settings

        try:
            result = push_words(settings.load(col).client(), outgoing(col))
        except AnkiConnectError as exc:
            return f"Nothing was sent to Anki: {exc}"
        already = f"; already in Anki: {', '.join(result.already[:8])}" if result.already else ""
        more = " …" if len(result.already) > 8 else ""
        return f"Sent {result.added} note{'s' if result.added != 1 else ''} to Anki{already}{more}."

    context.worker.run(work, done, lambda exc: done(f"Nothing was sent to Anki: {exc}"))


def outgoing_for_cards(col: Any, card_ids: Sequence[int]) -> list[Any]:
    """What to send for the notes of ``card_ids`` (each note once, with all its cards' directions)."""
    from jpstudy.ankiconnect import outgoing_for_notes

    note_ids = dict.fromkeys(col.get_card(i).note_id for i in card_ids)
    return outgoing_for_notes(col, note_ids)


def add_target_combo() -> QComboBox:
    """Where "Add checked" adds words: jpstudy, Anki (AnkiConnect) or both."""
    combo = QComboBox()
    combo.setAccessibleName("Add the checked words to")
    for key, text in ADD_TARGETS:
        combo.addItem(text, key)
    return combo


def send_candidates(context: AppContext, candidates: Sequence[Any], text: str, done: Callable[[str], None]) -> None:
    """Send mined candidates to Anki's Mined deck, as "Add checked" would add them to jpstudy."""

    def outgoing(_col: Any) -> list[Any]:
        from jpstudy.ankiconnect import Outgoing
        from jpstudy.mining.cards import MINED_DECK, ad_title, new_note_for

        return [Outgoing(new_note_for(c, ad_title(text)), MINED_DECK) for c in candidates]

    send_to_anki(context, outgoing, done)
