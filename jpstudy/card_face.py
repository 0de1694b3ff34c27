"""What the review screen shows of one card, read once when the card comes up.

Terms:
    face: a :class:`CardFace`. Besides the note's fields it carries what is derived from them: the
        word's pitch accent (``jpstudy.japanese.pitch``), the sentence split around the studied word
        and in furigana pieces (``jpstudy.japanese.furigana``), and the word's kanji with the bundled
        facts (``jpstudy.japanese.kanji``). A kanji card (``note_kind`` "kanji") shows one kanji: its
        facts, and the user's words written with it (``examples``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from jpstudy.collection.models import Card, Note, WordUse
from jpstudy.japanese.furigana import Ruby, sentence_furigana
from jpstudy.japanese.kanji import KANJI_EXAMPLES, KanjiFacts, breakdown
from jpstudy.japanese.pitch import Pitch, word_pitch
from jpstudy.japanese.sentence import SentenceParts, split_at

if TYPE_CHECKING:
    from jpstudy.collection import Collection


@dataclass(frozen=True)
class CardFace:
    """What the view shows for one card.

    Attributes:
        card_id, note_id: the card's and its note's ids.
        direction: "recognition" (front = word) or "production" (front = meaning).
        word, reading, meaning, jlpt, source, sentence_meaning, notes: the note's fields (jlpt may be None).
        sentence: the example or mined sentence split around the word (``None`` if the note has none).
        kind: the card's state kind before the answer ("new", "learning", "review", "relearning").
        note_kind: "word" or "kanji".
        pitch: the word's pitch accent, None when unidic gives no basis for one.
        furigana: the sentence as furigana pieces, the studied word's pieces marked.
        kanji: the facts of each kanji of the word (of the kanji itself, on a kanji card).
        examples: on a kanji card, the user's words written with it (at most ``KANJI_EXAMPLES``).
    """

    card_id: int
    direction: str
    word: str
    reading: str
    meaning: str
    jlpt: str | None
    sentence: SentenceParts | None
    sentence_meaning: str
    source: str
    kind: str
    note_id: int = 0
    notes: str = ""
    note_kind: str = "word"
    pitch: Pitch | None = None
    furigana: tuple[Ruby, ...] = ()
    kanji: tuple[KanjiFacts, ...] = ()
    examples: tuple[WordUse, ...] = ()


def make_face(col: Collection, card: Card, note: Note) -> CardFace:
    """The face of ``card`` (of ``note``); reads the collection only for a kanji card's examples."""
    kanji_card = note.kind == "kanji"
    return CardFace(
        card_id=card.id,
        direction=card.direction,
        word=note.word,
        reading=note.reading,
        meaning=note.meaning,
        jlpt=note.jlpt,
        sentence=split_at(note.sentence, note.sentence_span),
        sentence_meaning=note.sentence_meaning,
        source=note.source,
        kind=card.state.kind,
        note_id=note.id,
        notes=note.notes,
        note_kind=note.kind,
        pitch=None if kanji_card else word_pitch(note.word, note.reading),
        furigana=sentence_furigana(note.sentence, note.sentence_span, note.word, note.reading),
        kanji=breakdown(note.word),
        examples=tuple(col.words_with_kanji(note.word)[:KANJI_EXAMPLES]) if kanji_card else (),
    )
