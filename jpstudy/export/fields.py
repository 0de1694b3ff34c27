"""Turning a jpstudy note into the HTML of its Anki fields.

Anki fields hold HTML. jpstudy's fields hold plain text — often pasted from job ads that contain
markup — so every value is HTML-escaped and shown as text; line breaks become ``<br>``. The only
markup jpstudy adds itself is ``<span class="target">`` around the studied word in the sentence.
"""

from __future__ import annotations

import html
import re

from jpstudy.collection.models import Note

TARGET_OPEN = '<span class="target">'
TARGET_CLOSE = "</span>"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def text_to_html(text: str) -> str:
    """``text`` as HTML that Anki displays literally (escaped; line breaks as ``<br>``)."""
    return _LINE_BREAK.sub("<br>", html.escape(text, quote=False))


def highlight(sentence: str, word: str, reading: str) -> str:
    """The sentence as HTML with every occurrence of the word (else of its reading) highlighted.

    Example: ``highlight("残業は月10時間", "残業", "ざんぎょう")`` gives
    ``'<span class="target">残業</span>は月10時間'``.
    """
    for form in (word, reading):
        if form and form in sentence:
            marked = f"{TARGET_OPEN}{text_to_html(form)}{TARGET_CLOSE}"
            return marked.join(text_to_html(part) for part in sentence.split(form))
    return text_to_html(sentence)


def note_fields(note: Note) -> list[str]:
    """The note's Anki field values, in the order of ``notetype.FIELD_NAMES``."""
    return [
        text_to_html(note.word),
        text_to_html(note.reading),
        text_to_html(note.meaning),
        note.jlpt or "",
        highlight(note.sentence, note.word, note.reading),
        text_to_html(note.sentence_meaning),
        text_to_html(note.source),
        text_to_html(note.notes),
    ]
