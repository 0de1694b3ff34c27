"""Turning a jpstudy note into the HTML of its Anki fields.

Anki fields hold HTML. jpstudy's fields hold plain text — often pasted from job ads that contain
markup — so every value is HTML-escaped and shown as text; line breaks become ``<br>``. The markup
jpstudy adds itself:

    Sentence: the studied word (the stored span) in ``<span class="target">``.
    SentenceFurigana: the sentence in Anki's ``漢字[かんじ]`` syntax (``jpstudy.japanese.furigana``),
        shown by the templates with ``{{furigana:SentenceFurigana}}``.
    Pitch: the reading as mora spans, ``class="h"`` on high morae and ``"d"`` on the kernel (the CSS
        draws a line over the high morae and the drop after the kernel), then the pattern's name.
    Kanji: one ``div.kanji-item`` per kanji of the word with its meaning, readings, strokes and level.
    Words (kanji notes): the user's words written with the kanji, as a list.

No field ever holds a script or an image.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from jpstudy.collection.models import Note, WordUse
from jpstudy.japanese.furigana import anki_furigana, sentence_furigana
from jpstudy.japanese.kanji import KanjiFacts, breakdown, kanji_facts
from jpstudy.japanese.pitch import PATTERNS, Pitch, word_pitch

TARGET_OPEN = '<span class="target">'
TARGET_CLOSE = "</span>"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def text_to_html(text: str) -> str:
    """``text`` as HTML that Anki displays literally (escaped; line breaks as ``<br>``)."""
    return _LINE_BREAK.sub("<br>", html.escape(text, quote=False))


def sentence_html(sentence: str, span: tuple[int, int] | None) -> str:
    """The sentence as HTML with the studied word (``span``) highlighted.

    Example: ``sentence_html("残業は月10時間", (0, 2))`` gives
    ``'<span class="target">残業</span>は月10時間'``.
    """
    if span is None:
        return text_to_html(sentence)
    start, end = span
    return (f"{text_to_html(sentence[:start])}{TARGET_OPEN}{text_to_html(sentence[start:end])}{TARGET_CLOSE}"
            f"{text_to_html(sentence[end:])}")


def pitch_html(pitch: Pitch | None) -> str:
    """The Pitch field (see the module docstring); "" when there is no pitch."""
    if pitch is None:
        return ""
    highs = pitch.heights()
    morae = []
    for index, mora in enumerate(pitch.morae):
        classes = ["mora"] + (["h"] if highs[index] else []) + (["d"] if index + 1 == pitch.kernel else [])
        morae.append(f'<span class="{" ".join(classes)}">{html.escape(mora)}</span>')
    tail = '<span class="tail h"></span>' if highs[-1] else '<span class="tail"></span>'
    label = html.escape(pitch.describe())
    estimated = " estimated" if pitch.estimated else ""
    return (f'<span class="pitch" title="{PATTERNS[pitch.pattern()]} ({pitch.pattern()})">{"".join(morae)}{tail}'
            f'</span> <span class="pitch-name{estimated}">{label}</span>')


def kanji_html(facts: Sequence[KanjiFacts]) -> str:
    """The Kanji field of a word (see the module docstring); "" for a word without kanji."""
    items = []
    for f in facts:
        items.append(
            f'<div class="kanji-item"><span class="kanji-char" lang="ja">{html.escape(f.kanji)}</span>'
            f'<span class="kanji-facts"><span class="kanji-meaning">{html.escape(f.meaning)}</span> '
            f'<span class="kanji-readings" lang="ja">{html.escape(f.readings)}</span> '
            f'<span class="kanji-meta">{html.escape(f.meta)}</span></span></div>'
        )
    return "".join(items)


def words_html(uses: Sequence[WordUse]) -> str:
    """The Words field of a kanji note: the user's words written with it."""
    items = "".join(
        f'<li><span lang="ja">{html.escape(u.word)}</span>'
        + (f'【<span lang="ja">{html.escape(u.reading)}</span>】' if u.reading and u.reading != u.word else "")
        + f" {html.escape(u.meaning)}</li>"
        for u in uses
    )
    return f'<ul class="kanji-words">{items}</ul>' if items else ""


def note_fields(note: Note) -> list[str]:
    """A word note's Anki field values, in the order of ``notetype.FIELD_NAMES``."""
    furigana = sentence_furigana(note.sentence, note.sentence_span, note.word, note.reading)
    return [
        text_to_html(note.word),
        text_to_html(note.reading),
        text_to_html(note.meaning),
        note.jlpt or "",
        sentence_html(note.sentence, note.sentence_span),
        text_to_html(note.sentence_meaning),
        text_to_html(note.source),
        text_to_html(note.notes),
        pitch_html(word_pitch(note.word, note.reading)),
        anki_furigana(furigana),
        kanji_html(breakdown(note.word)),
    ]


def kanji_note_fields(note: Note, uses: Sequence[WordUse]) -> list[str]:
    """A kanji note's Anki field values, in the order of ``notetype.KANJI_FIELD_NAMES``. The readings
    and stroke count come from the bundled data; meaning and notes from the note (the user may edit them)."""
    facts = kanji_facts(note.word)
    return [
        text_to_html(note.word),
        text_to_html(note.meaning),
        text_to_html("、".join(facts.onyomi)),
        text_to_html("、".join(facts.kunyomi)),
        str(facts.strokes) if facts.strokes else "",
        note.jlpt or "",
        words_html(uses),
        text_to_html(note.notes),
    ]
