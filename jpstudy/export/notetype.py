"""The Anki note types jpstudy exports into.

Anki makes one card per template of a note's type, but a jpstudy word may have a recognition card
only, or a production card too. So every exported Anki note is one jpstudy card, and there is one
note type per kind of card, each with one template:

    ``jpstudy Recognition``: see the word, recall its reading and meaning.
    ``jpstudy Production``: see the meaning, recall the word.
    ``jpstudy Kanji``: see a kanji, recall its meaning and readings (kanji cards).

The two word note types have the same fields, in this order: Word, Reading, Meaning, JLPT, Sentence,
SentenceMeaning, Source, Notes, Pitch, SentenceFurigana, Kanji (the last three added in schema 4,
appended so that every earlier field keeps its place). The kanji note type has Kanji, Meaning, Onyomi,
Kunyomi, Strokes, JLPT, Words, Notes.

Model ids, field ids and template ids were generated once and are fixed here: Anki recognises its copy
of a note type by the model id and its fields and templates by their ids, so an update of the
templates or the CSS replaces the note type in Anki instead of adding a second one. When fields are
added, Anki merges them into its copy only with "Merge note types" ticked on import (and, for the notes
it then holds, "Update notes: Always" once: merging marks them changed). Templates and CSS are read
from ``resources/anki/``; this module is the one definition of the note types (export and AnkiConnect).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import genanki

from jpstudy.paths import resource_path

FIELD_NAMES: tuple[str, ...] = (
    "Word", "Reading", "Meaning", "JLPT", "Sentence", "SentenceMeaning", "Source", "Notes",
    "Pitch", "SentenceFurigana", "Kanji",
)
FIELD_IDS: tuple[int, ...] = (
    3478252278157489, 235989926779149, 4346993984563089, 646575169619277,
    1568605194502309, 468284271189157, 1958254829402566, 1088006069633969,
    2204315394307185, 1614198018911258, 1745721290967027,
)
KANJI_FIELD_NAMES: tuple[str, ...] = ("Kanji", "Meaning", "Onyomi", "Kunyomi", "Strokes", "JLPT", "Words", "Notes")
KANJI_FIELD_IDS: tuple[int, ...] = (
    3246628931277399, 823901773914231, 3795100881004191, 1912853357787696,
    3511088855269321, 4186043419856121, 4170506013886812, 960878819288680,
)


@dataclass(frozen=True)
class NoteTypeSpec:
    """The fixed identity of one note type.

    Attributes:
        key: "recognition" or "production" (the jpstudy card direction shown), or "kanji".
        model_id: Anki's note type id.
        name: the note type's name in Anki.
        template_name: the name of its only card template.
        template_id: the id of that template.
        front_file, back_file: the template's sides in ``resources/anki/``.
        fields, field_ids: the field names and their fixed ids, in order.
    """

    key: str
    model_id: int
    name: str
    template_name: str
    template_id: int
    front_file: str
    back_file: str = "back.html"
    fields: tuple[str, ...] = FIELD_NAMES
    field_ids: tuple[int, ...] = FIELD_IDS


NOTE_TYPES: dict[str, NoteTypeSpec] = {
    "recognition": NoteTypeSpec(
        "recognition", 1782638689, "jpstudy Recognition", "Recognition", 941028978740277,
        "recognition_front.html",
    ),
    "production": NoteTypeSpec(
        "production", 1394455039, "jpstudy Production", "Production", 4037873040235925,
        "production_front.html",
    ),
    "kanji": NoteTypeSpec(
        "kanji", 1671995146, "jpstudy Kanji", "Kanji", 4259433633599563, "kanji_front.html",
        "kanji_back.html", KANJI_FIELD_NAMES, KANJI_FIELD_IDS,
    ),
}
CSS_FILE = "style.css"


def _resource_text(name: str) -> str:
    return resource_path("anki", name).read_text(encoding="utf-8")


@cache
def note_type(key: str) -> genanki.Model:
    """The genanki model of the note type ``key`` ("recognition", "production" or "kanji")."""
    spec = NOTE_TYPES[key]
    return genanki.Model(
        model_id=spec.model_id,
        name=spec.name,
        fields=[
            {"name": name, "id": field_id, "font": "Arial", "size": 20}
            for name, field_id in zip(spec.fields, spec.field_ids, strict=True)
        ],
        templates=[
            {
                "name": spec.template_name,
                "id": spec.template_id,
                "qfmt": _resource_text(spec.front_file),
                "afmt": _resource_text(spec.back_file),
            }
        ],
        css=_resource_text(CSS_FILE),
        sort_field_index=0,
    )
