"""The Anki note types jpstudy exports into.

Anki makes one card per template of a note's type, but a jpstudy word may have a recognition card
only, or a production card too. So every exported Anki note is one jpstudy card, and there is one
note type per direction, each with one template:

    ``jpstudy Recognition``: see the word, recall its reading and meaning.
    ``jpstudy Production``: see the meaning, recall the word.

Both have the same fields, in this order: Word, Reading, Meaning, JLPT, Sentence, SentenceMeaning,
Source, Notes. Model ids, field ids and template ids were generated once and are fixed here: Anki
recognises its copy of a note type by the model id and its fields and templates by their ids, so an
update of the templates or the CSS replaces the note type in Anki instead of adding a second one.
Templates and CSS are read from ``resources/anki/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import genanki

from jpstudy.paths import resource_path

FIELD_NAMES: tuple[str, ...] = (
    "Word", "Reading", "Meaning", "JLPT", "Sentence", "SentenceMeaning", "Source", "Notes",
)
FIELD_IDS: tuple[int, ...] = (
    3478252278157489, 235989926779149, 4346993984563089, 646575169619277,
    1568605194502309, 468284271189157, 1958254829402566, 1088006069633969,
)


@dataclass(frozen=True)
class NoteTypeSpec:
    """The fixed identity of one note type.

    Attributes:
        direction: the jpstudy card direction the note type shows.
        model_id: Anki's note type id.
        name: the note type's name in Anki.
        template_name: the name of its only card template.
        template_id: the id of that template.
        front_file: the template's question side in ``resources/anki/``.
    """

    direction: str
    model_id: int
    name: str
    template_name: str
    template_id: int
    front_file: str


NOTE_TYPES: dict[str, NoteTypeSpec] = {
    "recognition": NoteTypeSpec(
        "recognition", 1782638689, "jpstudy Recognition", "Recognition", 941028978740277,
        "recognition_front.html",
    ),
    "production": NoteTypeSpec(
        "production", 1394455039, "jpstudy Production", "Production", 4037873040235925,
        "production_front.html",
    ),
}
BACK_FILE = "back.html"
CSS_FILE = "style.css"


def _resource_text(name: str) -> str:
    return resource_path("anki", name).read_text(encoding="utf-8")


@cache
def note_type(direction: str) -> genanki.Model:
    """The genanki model of the note type for ``direction`` ("recognition" or "production")."""
    spec = NOTE_TYPES[direction]
    return genanki.Model(
        model_id=spec.model_id,
        name=spec.name,
        fields=[
            {"name": name, "id": field_id, "font": "Arial", "size": 20}
            for name, field_id in zip(FIELD_NAMES, FIELD_IDS, strict=True)
        ],
        templates=[
            {
                "name": spec.template_name,
                "id": spec.template_id,
                "qfmt": _resource_text(spec.front_file),
                "afmt": _resource_text(BACK_FILE),
            }
        ],
        css=_resource_text(CSS_FILE),
        sort_field_index=0,
    )
