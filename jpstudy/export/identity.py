"""Stable identities of what jpstudy writes into Anki packages.

Anki recognises on import what it already holds by these identities, so they never change between
exports or releases:

Terms:
    note GUID: Anki's per-note identity (base91 text). An exported Anki note is one jpstudy *card*
        (one word in one direction), so its GUID is hashed from the word's identity — the dictionary
        entry id when the word has one, else its headword — plus its reading and the card direction.
        Never from the meaning, the sentence, the notes or the tags: re-importing after such an edit
        updates the Anki note instead of adding a duplicate. (An edit of the word or its reading makes
        it another word to Anki, which then holds both.) A kanji card's GUID is hashed from the kanji
        alone.
    deck id: derived from the full deck name, so ``JLPT::N5`` has the same id in every export. (Anki
        matches decks by name on import; the id only has to be stable and unique.)
    tags: Anki tags have no spaces; jpstudy writes ``jlpt::n3`` for the level, ``mined`` for words
        mined from a text, ``leech`` for leech cards, and the user's own tags.
"""

from __future__ import annotations

import hashlib

from genanki.util import guid_for

from jpstudy.collection.models import MINED_DECK

GUID_NAMESPACE = "jpstudy"
LEECH_TAG = "leech"
DECK_ID_MIN = 1 << 40
"""Deck ids live in [2**40, 2**52): clear of Anki's Default deck (1) and exact as JSON doubles."""
DECK_ID_SPAN = (1 << 52) - DECK_ID_MIN


def note_guid(entry_id: int | None, word: str, reading: str, direction: str) -> str:
    """Anki GUID of the exported note showing ``word`` in ``direction``.

    Example: ``note_guid(1358280, "食べる", "たべる", "recognition")`` is the same in every export,
    whatever the meaning says.
    """
    if entry_id is not None:
        return guid_for(GUID_NAMESPACE, "entry", entry_id, reading, direction)
    return guid_for(GUID_NAMESPACE, "word", word, reading, direction)


def kanji_guid(kanji: str) -> str:
    """Anki GUID of the exported kanji card of ``kanji``."""
    return guid_for(GUID_NAMESPACE, "kanji", kanji)


def deck_id(name: str) -> int:
    """Stable Anki deck id for the full deck name (``"JLPT::N5"``, ``"Mined"``, a user deck)."""
    digest = hashlib.sha256(f"{GUID_NAMESPACE} deck {name}".encode()).digest()
    return DECK_ID_MIN + int.from_bytes(digest[:8], "big") % DECK_ID_SPAN


def is_mined_deck(deck_name: str) -> bool:
    """Whether a card in ``deck_name`` was mined from a text (the ``Mined`` deck and its subdecks)."""
    return deck_name == MINED_DECK or deck_name.startswith(f"{MINED_DECK}::")


def anki_tags(
    note_tags: tuple[str, ...], jlpt: str | None, *, mined: bool, leech: bool
) -> list[str]:
    """The Anki tags of one exported card: the note's tags, ``jlpt::nX``, ``mined``, ``leech``.

    jpstudy tags a whole note ``leech`` when one of its cards becomes a leech; in Anki each card is
    its own note, so ``leech`` goes only to the card that is one (and only while the note keeps the
    tag). Spaces in tags become ``_``; duplicates are dropped, first occurrence kept.
    """
    tags = [tag.strip().replace(" ", "_") for tag in note_tags if tag.strip() and tag != LEECH_TAG]
    if jlpt:
        tags.append(f"jlpt::{jlpt.lower()}")
    if mined:
        tags.append("mined")
    if leech and LEECH_TAG in note_tags:
        tags.append(LEECH_TAG)
    return list(dict.fromkeys(tags))
