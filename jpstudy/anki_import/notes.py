"""An Anki note as a jpstudy word: its fields by role as plain text, its dictionary entry, and which
of its cards is jpstudy's recognition or production card.

Terms:
    values: the note's plain-text value per role (see ``field_map``); the reading comes from the
        reading field (from its furigana when it holds furigana markup), else from furigana markup
        in the word field, else from the dictionary entry.
    Japanese word: a word with at least one kana or kanji; notes whose word has none (a Basic
        note about capitals, say) are not imported.
    direction of a template: ``recognition`` when its question shows the word field but not the
        meaning field, ``production`` when it shows the meaning but not the word; otherwise the
        first template is recognition and the second production. A third template has no jpstudy
        direction: its cards are not imported (and counted).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jpstudy.anki_import.field_map import ROLES
from jpstudy.anki_import.models import AnkiNote, AnkiNoteType
from jpstudy.anki_import.text import furigana_reading, has_furigana, plain_text
from jpstudy.dictionary import Dictionary
from jpstudy.dictionary.kana import to_hiragana

_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f々〆ヶ]")
_KANA_ONLY = re.compile(r"^[\u3040-\u30ffー・ ]+$")


@dataclass(frozen=True)
class NoteValues:
    """A note's values by role, with the field index each came from."""

    values: dict[str, str]
    indexes: dict[str, int]

    def get(self, role: str) -> str:
        """The value of ``role`` ("" when unmapped)."""
        return self.values.get(role, "")


@dataclass(frozen=True)
class Link:
    """The dictionary entry a word was linked to."""

    entry_id: int | None
    reading: str
    jlpt: str | None


def note_values(note: AnkiNote, notetype: AnkiNoteType, field_map: dict[str, str]) -> NoteValues:
    """The plain-text values of ``note`` by role under ``field_map`` (field name -> role)."""
    values: dict[str, str] = {}
    indexes: dict[str, int] = {}
    for index, name in enumerate(notetype.fields):
        role = field_map.get(name)
        if role not in ROLES or index >= len(note.fields):
            continue
        raw = note.fields[index]
        indexes[role] = index
        values[role] = furigana_reading(raw) if role == "reading" and has_furigana(raw) else plain_text(raw)
    word_raw = note.fields[indexes["word"]] if "word" in indexes else ""
    if not values.get("reading") and has_furigana(word_raw):
        values["reading"] = furigana_reading(word_raw)
    return NoteValues(values, indexes)


def is_japanese(word: str) -> bool:
    """Whether ``word`` has a kana or kanji (see the module docstring)."""
    return bool(_JAPANESE.search(word))


def link_word(dictionary: Dictionary | None, word: str, reading: str) -> Link:
    """The JMdict entry of ``word`` read ``reading`` (any reading when blank), with the reading to keep
    and the JLPT level; no entry when the dictionary lacks the word or has it only with other readings."""
    if dictionary is None or not word:
        return Link(None, reading, None)
    wanted = to_hiragana(reading) if reading and _KANA_ONLY.match(reading) else None
    for entry in dictionary.lookup(word):
        readings = [to_hiragana(r) for r in entry.readings]
        if wanted is not None and wanted not in readings:
            continue
        chosen = reading or (entry.readings[0] if entry.readings else word)
        return Link(entry.entry_id, chosen, dictionary.jlpt_level(entry.entry_id, chosen))
    return Link(None, reading, None)


def _shows(template_front: str, field: str | None) -> bool:
    if not field:
        return False
    pattern = r"\{\{[#^/]?(?:[\w-]+:)*" + re.escape(field) + r"\}\}"
    return re.search(pattern, template_front) is not None


def template_directions(notetype: AnkiNoteType, field_map: dict[str, str]) -> dict[int, str]:
    """Template ord -> jpstudy direction (see the module docstring); ords without one are left out."""
    by_role = {role: name for name, role in field_map.items()}
    word, meaning = by_role.get("word"), by_role.get("meaning")
    guessed: dict[int, str] = {}
    for ord_, template in enumerate(notetype.templates):
        shows_word, shows_meaning = _shows(template.front, word), _shows(template.front, meaning)
        if shows_word and not shows_meaning:
            guessed[ord_] = "recognition"
        elif shows_meaning and not shows_word:
            guessed[ord_] = "production"
    out: dict[int, str] = {}
    for ord_ in range(len(notetype.templates)):
        wanted = guessed.get(ord_) or ("recognition" if ord_ == 0 else "production")
        if wanted in out.values():
            wanted = "production" if wanted == "recognition" else "recognition"
        if wanted not in out.values():
            out[ord_] = wanted
    return out
