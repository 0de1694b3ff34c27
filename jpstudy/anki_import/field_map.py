"""Which field of each Anki note type holds the word, its reading, meaning, sentence …

Terms:
    role: what a field means to jpstudy: ``word``, ``reading``, ``meaning``, ``sentence``,
        ``sentence_meaning`` or ``notes`` (``ROLES``). A field without a role is not imported.
    field map: note type name -> {field name: role}; each role at most once per note type. A note
        type whose map has no ``word`` field is not imported (``unmapped``).
    automatic map: roles recognised from field names of common Japanese decks (Core 2k/6k,
        Kaishi 1.5k, JLPT decks, Yomitan/Lapis mining note types): Expression/Word/Vocab/Kanji… →
        word, Reading/Kana/Furigana… → reading, Meaning/English/Glossary… → meaning, Sentence… →
        sentence (… English/Meaning/Translation → sentence meaning), Notes/Comment → notes. Audio,
        image, pitch and frequency fields are never mapped; a reading field holding kana wins over
        one holding furigana markup.
    ``--map`` syntax: ``NOTETYPE:FIELD=ROLE,FIELD=ROLE,...`` (the note type may be repeated in each
        item); ``ROLE`` ``none`` (or empty) removes a field's role.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping

from jpstudy.anki_import.models import AnkiNoteType

ROLES: tuple[str, ...] = ("word", "reading", "meaning", "sentence", "sentence_meaning", "notes")
ROLE_LABELS = {
    "word": "Word", "reading": "Reading", "meaning": "Meaning", "sentence": "Sentence",
    "sentence_meaning": "Sentence meaning", "notes": "Notes",
}
FieldMap = dict[str, dict[str, str]]

_NEVER = ("audio", "sound", "image", "picture", "pic", "photo", "pitch", "freq", "stroke", "graph", "音声", "画像")
_SENTENCE = ("sentence", "sent", "example", "context", "例文", "文")
_TRANSLATED = ("english", "meaning", "translation", "trans", "eng", "gloss", "意味", "訳")
_READING = ("reading", "kana", "furigana", "yomi", "hiragana", "pronunciation", "読み", "よみ", "かな")
_MEANING = ("meaning", "english", "glossary", "gloss", "definition", "translation", "back", "意味", "英語", "訳")
_NOTES = ("notes", "note", "comment", "hint", "memo", "メモ", "備考")
_WORD = ("expression", "word", "vocab", "vocabulary", "kanji", "japanese", "front", "term", "headword", "key",
         "target", "単語", "語彙", "漢字", "表現", "言葉")


class FieldMapError(ValueError):
    """A ``--map`` argument that names an unknown note type, field or role."""


def _key(name: str) -> str:
    return re.sub(r"[\s_\-:./()]+", "", unicodedata.normalize("NFKC", name).lower())


def _has(key: str, words: Iterable[str]) -> bool:
    return any(word in key for word in words)


def field_role(name: str) -> tuple[str, int] | None:
    """The role a field name suggests and how sure it is (higher wins), or None."""
    key = _key(name)
    if not key or _has(key, _NEVER):
        return None
    if _has(key, _SENTENCE) and not key.startswith(("vocab", "word", "expression")):
        if _has(key, _TRANSLATED):
            return "sentence_meaning", 2
        if _has(key, _READING):
            return None  # the sentence with furigana: the plain sentence field is the one to keep
        return "sentence", 2 if key in ("sentence", "sentencekanji", "sentkanji", "example", "例文") else 1
    if _has(key, _READING):
        return "reading", 1 if "furigana" in key else 2
    if _has(key, _MEANING):
        return "meaning", 2 if key != "back" else 1
    if _has(key, _NOTES):
        return "notes", 1
    if _has(key, _WORD):
        exact = key in ("expression", "word", "vocab", "vocabulary", "vocabkanji", "vocabularykanji", "japanese")
        return "word", 3 if exact else 2 if key != "front" else 1
    return None


def automatic_map(notetype: AnkiNoteType) -> dict[str, str]:
    """The automatic field map of one note type (see the module docstring)."""
    best: dict[str, tuple[int, int, str]] = {}
    for ord_, name in enumerate(notetype.fields):
        guess = field_role(name)
        if guess is None:
            continue
        role, score = guess
        if role not in best or (score, -ord_) > best[role][:2]:
            best[role] = (score, -ord_, name)
    return {name: role for role, (_s, _o, name) in sorted(best.items(), key=lambda kv: -kv[1][1])}


def automatic_maps(notetypes: Iterable[AnkiNoteType]) -> FieldMap:
    """The automatic field map of every note type, by name."""
    return {nt.name: automatic_map(nt) for nt in notetypes}


def parse_map_args(args: Iterable[str], notetypes: Mapping[str, AnkiNoteType]) -> FieldMap:
    """The overrides that ``--map`` arguments give (see the module docstring), checked against the
    package's note types.

    Raises:
        FieldMapError: an unknown note type, field or role, or an item without ``=``.
    """
    out: FieldMap = {}
    for arg in args:
        current: str | None = None
        for item in (part.strip() for part in arg.split(",")):
            if not item:
                continue
            prefix = next((n for n in sorted(notetypes, key=len, reverse=True) if item.startswith(f"{n}:")), None)
            if prefix is not None:
                current, item = prefix, item[len(prefix) + 1:]
            elif current is None:
                known = ", ".join(sorted(notetypes)) or "none"
                raise FieldMapError(f"{item!r}: start with a note type of the package, e.g. NOTETYPE:FIELD=word "
                                    f"(note types: {known})")
            if "=" not in item:
                raise FieldMapError(f"{item!r}: write FIELD=ROLE, e.g. Expression=word")
            field, role = (s.strip() for s in item.rsplit("=", 1))
            if field not in notetypes[current].fields:
                raise FieldMapError(f"note type {current!r} has no field {field!r} "
                                    f"(fields: {', '.join(notetypes[current].fields)})")
            role = role.lower().replace(" ", "_")
            if role not in (*ROLES, "none", ""):
                raise FieldMapError(f"{role!r} is not a role; roles: {', '.join(ROLES)}, none")
            out.setdefault(current, {})[field] = role if role in ROLES else "none"
    return out


def merged_map(automatic: FieldMap, overrides: FieldMap) -> FieldMap:
    """``automatic`` with ``overrides`` applied: a field given a role takes it from any other field."""
    out = {name: dict(fields) for name, fields in automatic.items()}
    for name, fields in overrides.items():
        current = out.setdefault(name, {})
        for field, role in fields.items():
            if role != "none":
                for other in [f for f, r in current.items() if r == role]:
                    del current[other]
                current[field] = role
            else:
                current.pop(field, None)
    return out


def unmapped(field_map: FieldMap) -> list[str]:
    """Note types of ``field_map`` with no word field (reported, not imported)."""
    return sorted(name for name, fields in field_map.items() if "word" not in fields.values())
