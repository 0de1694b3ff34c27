"""Every keyboard shortcut of the app, in one table that the screens install their keys from and that
Help ▸ Keyboard shortcuts lists (so the list cannot drift from what the keys do).

Terms:
    area: where a shortcut works — the main window, or one screen or dialog.
    name: how the code refers to a shortcut of an area (``keys("Browse", "suspend")``).
    keys: the key sequences in Qt's portable form ("Ctrl+Return"); the first one is shown on buttons.

Buttons with an underlined letter also answer Alt + that letter (Qt mnemonics, from their text); the
shortcut list says so in one line instead of repeating each button.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from PySide6.QtCore import QKeyCombination, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class Shortcut:
    """One shortcut; see the module docstring."""

    area: str
    name: str
    keys: tuple[str, ...]
    text: str


MAIN, DECKS, REVIEW, BROWSE, MINE, ADS, STATS, EDITOR = (
    "Main window", "Deck list", "Review", "Browse", "Mine a job ad", "Job-ad library", "Statistics",
    "Note editor and Add a card",
)

SHORTCUTS: tuple[Shortcut, ...] = (
    Shortcut(MAIN, "study", ("Ctrl+Return",), "Study the cards due today"),
    Shortcut(MAIN, "add_card", ("Ctrl+N",), "Add a card by hand"),
    Shortcut(MAIN, "add_level", ("Ctrl+L",), "Add a JLPT level's words as new cards"),
    Shortcut(MAIN, "mine", ("Ctrl+M",), "Mine a job ad for the words you don't know yet"),
    Shortcut(MAIN, "ads", ("Ctrl+Shift+M",), "Job-ad library: your saved ads, how much you can read now"),
    Shortcut(MAIN, "browse", ("Ctrl+B",), "Browse: search, edit, suspend and move cards"),
    Shortcut(MAIN, "stats", ("Ctrl+Shift+S",), "Statistics: reviews, forecast, retention, JLPT progress"),
    Shortcut(MAIN, "export", ("Ctrl+E",), "Export to Anki: an .apkg file for Anki or AnkiDroid"),
    Shortcut(MAIN, "import_anki", ("Ctrl+Shift+I",), "Import from Anki: a package with its review history"),
    Shortcut(MAIN, "settings", ("Ctrl+,",), "Settings: daily limits, learning steps, theme, font size"),
    Shortcut(MAIN, "restore", (), "Restore: replace the collection with one of its backups"),
    Shortcut(MAIN, "shortcuts", ("Ctrl+/",), "Keyboard shortcuts: this list"),
    Shortcut(MAIN, "about", ("F1",), "About jpstudy: version, data sources, licences"),
    Shortcut(MAIN, "quit", ("Ctrl+Q",), "Quit jpstudy"),
    Shortcut(DECKS, "study_deck", ("Return", "Enter"), "Study the selected deck"),
    Shortcut(DECKS, "options", ("Ctrl+Shift+O",), "Options of the selected deck: limits and steps (its preset)"),
    Shortcut(REVIEW, "show", ("Space", "Return", "Enter"), "Show the answer; on the answer side, Good"),
    Shortcut(REVIEW, "again", ("1",), "Again"),
    Shortcut(REVIEW, "hard", ("2",), "Hard"),
    Shortcut(REVIEW, "good", ("3",), "Good"),
    Shortcut(REVIEW, "easy", ("4",), "Easy"),
    Shortcut(REVIEW, "undo", ("Ctrl+Z",), "Undo the last answer, suspend or bury"),
    Shortcut(REVIEW, "edit", ("E",), "Edit the note"),
    Shortcut(REVIEW, "suspend", ("S",), "Suspend the card"),
    Shortcut(REVIEW, "bury", ("B", "-"), "Bury the card until tomorrow"),
    Shortcut(REVIEW, "info", ("I",), "Card info: the card's state and review history"),
    Shortcut(REVIEW, "furigana", ("F",), "Furigana on / off"),
    Shortcut(REVIEW, "scroll_down", ("Down", "PgDown"), "Scroll a long card down (a line / a page)"),
    Shortcut(REVIEW, "scroll_up", ("Up", "PgUp"), "Scroll a long card up (a line / a page)"),
    Shortcut(REVIEW, "back", ("Escape",), "Back to the decks"),
    Shortcut(BROWSE, "search", ("Ctrl+F",), "Go to the search box"),
    Shortcut(BROWSE, "add", ("Ctrl+N",), "Add a card by hand"),
    Shortcut(BROWSE, "edit", ("E",), "Edit the selected note (also Enter in the table)"),
    Shortcut(BROWSE, "info", ("Ctrl+Shift+I",), "Card info: the card's state and review history"),
    Shortcut(BROWSE, "suspend", ("Ctrl+J",), "Suspend / unsuspend the selected cards"),
    Shortcut(BROWSE, "reset", ("Ctrl+Alt+N",), "Make the selected cards new again"),
    Shortcut(BROWSE, "move", ("Ctrl+D",), "Move the selected cards to another deck"),
    Shortcut(BROWSE, "delete", ("Delete",), "Delete the notes of the selected cards"),
    Shortcut(BROWSE, "send", ("Ctrl+Shift+A",), "Send the selected notes to a running Anki (AnkiConnect)"),
    Shortcut(BROWSE, "close", ("Escape",), "Close Browse"),
    Shortcut(MINE, "open", ("Ctrl+O",), "Open a .txt, .html or .pdf file"),
    Shortcut(MINE, "mine", ("Ctrl+Return", "Ctrl+Enter"), "Find the words of the pasted ad"),
    Shortcut(MINE, "paste", ("Ctrl+Shift+V",), "Paste the ad (a web page's rich text read as text) and find its words"),
    Shortcut(MINE, "check", ("Space",), "Check / uncheck the word (in the table)"),
    Shortcut(MINE, "close", ("Escape",), "Close the window"),
    Shortcut(ADS, "saved", ("Ctrl+1",), "The saved ads"),
    Shortcut(ADS, "words", ("Ctrl+2",), "The job-market words"),
    Shortcut(ADS, "edit", ("F2",), "Edit the ad's title, job type and tags"),
    Shortcut(ADS, "delete", ("Delete",), "Delete the ad"),
    Shortcut(ADS, "export", ("Ctrl+Shift+E",), "Export the list"),
    Shortcut(ADS, "add_top", ("Ctrl+Shift+A",), "Add the most common unknown words"),
    Shortcut(ADS, "reload", ("F5",), "Reload"),
    Shortcut(ADS, "close", ("Escape",), "Close the window"),
    Shortcut(STATS, "reload", ("F5",), "Reload"),
    Shortcut(STATS, "close", ("Escape",), "Close the window"),
    Shortcut(EDITOR, "save", ("Ctrl+Return", "Ctrl+Enter"), "Save (also in a multi-line field)"),
    Shortcut(EDITOR, "cancel", ("Escape",), "Cancel"),
)
"""The table; see the module docstring."""

AREAS: tuple[str, ...] = tuple(dict.fromkeys(s.area for s in SHORTCUTS))
"""The areas in the order the list shows them."""

_BY_KEY = {(s.area, s.name): s for s in SHORTCUTS}


def shortcut(area: str, name: str) -> Shortcut:
    """The shortcut ``name`` of ``area`` (``KeyError`` if the table has none)."""
    return _BY_KEY[(area, name)]


def sequences(area: str, name: str) -> list[QKeySequence]:
    """The key sequences of a shortcut."""
    return [QKeySequence(k) for k in shortcut(area, name).keys]


def key_text(area: str, name: str) -> str:
    """The first key sequence as the platform writes it ("Ctrl+J"), for buttons and tooltips."""
    keys = shortcut(area, name).keys
    return QKeySequence(keys[0]).toString(QKeySequence.SequenceFormat.NativeText) if keys else ""


def add_actions(widget: QWidget, area: str, handlers: Mapping[str, Callable[[], object]],
                context: Qt.ShortcutContext = Qt.ShortcutContext.WidgetWithChildrenShortcut) -> dict[str, QAction]:
    """Install the shortcuts of ``area`` named in ``handlers`` on ``widget``; the actions by name."""
    actions = {}
    for name, handler in handlers.items():
        action = QAction(shortcut(area, name).text, widget)
        action.setShortcuts(sequences(area, name))
        action.setShortcutContext(context)
        action.triggered.connect(handler)
        widget.addAction(action)
        actions[name] = action
    return actions


def pressed(event: QKeyEvent, area: str, names: Mapping[str, object] | None = None) -> str | None:
    """The name of the shortcut of ``area`` (among ``names`` when given) that ``event`` is, or ``None``
    (for screens that read keys in ``keyPressEvent``; the keypad's Enter counts as Enter)."""
    combination = event.keyCombination()
    modifiers = combination.keyboardModifiers() & ~Qt.KeyboardModifier.KeypadModifier
    typed = QKeySequence(QKeyCombination(modifiers, combination.key()))
    for s in SHORTCUTS:
        if s.area == area and (names is None or s.name in names) and any(
            QKeySequence(k).matches(typed) == QKeySequence.SequenceMatch.ExactMatch for k in s.keys
        ):
            return s.name
    return None
