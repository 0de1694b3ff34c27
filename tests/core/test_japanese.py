"""Pitch accent, sentence furigana, the kanji of a word, and sentences as plain text plus a span.

The pitch expectations come from a list written by hand in the accent dictionaries' notation
(``tests/fixtures/pitch/accents.tsv``), the furigana expectations from fugashi itself, called here
directly, on the project's test ads and the JLPT example sentences.
"""

from __future__ import annotations

from pathlib import Path

import fugashi
import pytest

from jpstudy.decks import load_jlpt_words
from jpstudy.dictionary.kana import to_hiragana
from jpstudy.japanese.furigana import Ruby, align, anki_furigana, kanji_like, sentence_furigana
from jpstudy.japanese.kanji import breakdown, kanji_of
from jpstudy.japanese.morae import is_special, split_morae
from jpstudy.japanese.pitch import heights, pattern_of, word_pitch
from jpstudy.japanese.sentence import from_legacy_markup, locate_word, split_at
from jpstudy.mining.normalise import normalise

FIXTURES = Path(__file__).parents[1] / "fixtures"
ACCENTS = [
    (word, reading, int(kernel))
    for word, reading, kernel in (
        line.split("\t") for line in (FIXTURES / "pitch" / "accents.tsv").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
]
COMPOUNDS = {"日本語", "自転車", "郵便局", "図書館", "飛行機", "誕生日", "日曜日"}
"""The list's words that unidic-lite splits into two parts (their pitch is composed, so estimated)."""


# -- pitch accent -----------------------------------------------------------------------------------

def test_the_list_is_large_enough_and_has_every_pattern() -> None:
    assert len(ACCENTS) >= 100
    names = {pattern_of(kernel, len(split_morae(reading))) for _, reading, kernel in ACCENTS}
    assert names == {"heiban", "atamadaka", "nakadaka", "odaka"}


@pytest.mark.parametrize(("word", "reading", "kernel"), ACCENTS, ids=[f"{w}-{r}" for w, r, _ in ACCENTS])
def test_pitch_agrees_with_the_dictionary(word: str, reading: str, kernel: int) -> None:
    pitch = word_pitch(word, reading)
    assert pitch is not None
    assert pitch.morae == tuple(split_morae(reading))
    if word in COMPOUNDS:
        assert pitch.estimated and len(pitch.parts) == 2
    else:  # one dictionary entry: never estimated, and the dictionary's pattern is among those shown
        assert not pitch.estimated
        assert kernel in pitch.kernels, pitch.describe()


def test_no_wrong_pattern_is_shown_as_certain() -> None:
    wrong_certain = [w for w, r, k in ACCENTS if (p := word_pitch(w, r)) and not p.estimated and p.kernel != k]
    # the dictionaries give two patterns for these; unidic lists the other one first and shows both
    assert wrong_certain == ["卵", "頭"]
    assert word_pitch("卵", "たまご").describe() == "平板 [0] · also 中高 [2]"
    estimated_wrong = [w for w, r, k in ACCENTS if (p := word_pitch(w, r)) and p.estimated and p.kernel != k]
    assert estimated_wrong == ["日本語"]  # unidic's C3 rule for 語; shown as "estimated", never as certain


def test_homophones_by_their_kanji() -> None:
    assert word_pitch("箸", "はし").name() == "頭高 [1]"
    assert word_pitch("橋", "はし").name() == "尾高 [2]"
    assert word_pitch("端", "はし").name() == "平板 [0]"


def test_the_card_reading_picks_the_analysis() -> None:
    # unidic reads 日本 ニッポン [3] first; the card says にほん [2]
    assert word_pitch("日本", "にほん").kernels == (2,)
    assert word_pitch("日本", "にっぽん").kernels == (3,)
    assert word_pitch("日本", "やまと") is None  # no analysis reads it so: nothing rather than a guess


def test_compounds_the_miner_joins_are_composed_and_estimated() -> None:
    pitch = word_pitch("人材派遣", "じんざいはけん")
    assert pitch.estimated and pitch.parts == ("人材", "派遣")
    assert pitch.describe() == "estimated: 中高 [5] (人材 + 派遣)"  # 派遣 is C2: the fall after its first mora
    assert word_pitch("お茶", "おちゃ") is None  # a prefix: no rule jpstudy applies, so no pattern


def test_heights_and_special_morae() -> None:
    assert heights(0, 3) == [False, True, True, True]  # 平板: the particle stays high
    assert heights(1, 3) == [True, False, False, False]
    assert heights(2, 3) == [False, True, False, False]
    assert heights(3, 3) == [False, True, True, False]  # 尾高: the particle falls
    morae = split_morae("ひこうき")
    assert [is_special(morae, i) for i in range(4)] == [False, False, True, False]
    assert split_morae("ちゅうごくご") == ["ちゅ", "う", "ご", "く", "ご"]
    assert split_morae("ファイル") == ["ファ", "イ", "ル"]


# -- furigana -----------------------------------------------------------------------------------------

def _sentences() -> list[str]:
    lines = []
    for path in sorted((FIXTURES / "jobads").iterdir()):
        lines += [line.strip() for line in normalise(path.read_text(encoding="utf-8")).splitlines() if line.strip()]
    examples = [w.example for w in load_jlpt_words("N5") + load_jlpt_words("N3") if w.example]
    return lines + examples


SENTENCES = _sentences()


def test_there_is_much_text_to_check() -> None:
    assert len(SENTENCES) > 2000


def test_every_kanji_run_gets_a_reading_and_no_kana_does() -> None:
    tagger = fugashi.Tagger()
    checked = 0
    for sentence in SENTENCES:
        pieces = sentence_furigana(sentence)
        assert "".join(p.text for p in pieces) == sentence
        for piece in pieces:
            if piece.reading:
                assert any(kanji_like(c) for c in piece.text), (sentence, piece)
            else:
                assert not any(kanji_like(c) for c in piece.text) or _unknown_to_unidic(tagger, piece.text), (
                    sentence, piece)
        checked += 1
    assert checked == len(SENTENCES)


def _unknown_to_unidic(tagger: fugashi.Tagger, text: str) -> bool:
    return all(node.is_unk for node in tagger(text) if any(kanji_like(c) for c in node.surface))


def test_readings_agree_with_fugashi_in_context() -> None:
    tagger = fugashi.Tagger()  # fugashi called here directly, not through jpstudy
    for sentence in SENTENCES[:600]:
        pieces = sentence_furigana(sentence)
        # what each character is read as: a piece's reading belongs to its first character
        read: list[str] = []
        for piece in pieces:
            read += [piece.reading or to_hiragana(piece.text)] + [""] * (len(piece.text) - 1) if piece.reading \
                else [to_hiragana(c) for c in piece.text]
        pos = 0
        for node in tagger(sentence):
            start = sentence.find(node.surface, pos)
            pos = start + len(node.surface)
            kana = node.feature.kana
            if not kana or not any(kanji_like(c) for c in node.surface):
                continue
            assert "".join(read[start:pos]) == to_hiragana(kana), (sentence, node.surface)


def test_the_studied_word_uses_the_card_reading() -> None:
    sentence = "毎日日本語を勉強します。"
    pieces = sentence_furigana(sentence, (2, 5), "日本語", "にほんご")
    assert Ruby("日本語", "にほんご", True) in pieces  # unidic alone reads it にっぽんご
    inflected = sentence_furigana("パンを食べました。", (3, 5), "食べる", "たべる")
    assert [p for p in inflected if p.target] == [Ruby("食", "た", True), Ruby("べ", "", True)]


def test_alignment_over_kanji_runs() -> None:
    assert align("取り消し", "とりけし") == (Ruby("取", "と"), Ruby("り"), Ruby("消", "け"), Ruby("し"))
    assert align("三ヶ月", "さんかげつ") == (Ruby("三ヶ月", "さんかげつ"),)
    assert align("大人", "おとな") == (Ruby("大人", "おとな"),)  # a reading of the whole word stays whole
    assert align("ギター", "ぎたー") == (Ruby("ギター"),)


def test_anki_syntax_escapes_text_and_marks_the_word() -> None:
    pieces = (Ruby("<b>"), Ruby("勉強", "べんきょう", True), Ruby("[1]"))
    assert anki_furigana(pieces) == '&lt;b&gt;<span class="target"> 勉強[べんきょう]</span>&#91;1&#93;'


# -- kanji ----------------------------------------------------------------------------------------------

def test_kanji_of_words_with_iteration_mark_small_ke_and_kana() -> None:
    assert kanji_of("人々") == ("人",)
    assert kanji_of("三ヶ月") == ("三", "月")
    assert kanji_of("取り消し") == ("取", "消")
    assert kanji_of("日曜日") == ("日", "曜")
    assert kanji_of("ギター") == ()
    (hito,) = breakdown("人々")
    assert (hito.meanings, hito.onyomi, hito.kunyomi, hito.strokes, hito.level) == (
        ("person",), ("ジン", "ニン"), ("ひと", "-り", "-と"), 2, "N5")
    (hashi,) = breakdown("箸")  # not in the JLPT lists: no facts invented
    assert (hashi.level, hashi.meanings, hashi.meta) == (None, (), "not in the JLPT kanji lists")


# -- sentences ------------------------------------------------------------------------------------------

def test_legacy_markup_becomes_plain_text_and_span() -> None:
    assert from_legacy_markup("&lt;必須&gt; <b>賞与</b>あり &amp; 交通費") == ("<必須> 賞与あり & 交通費", (5, 7))
    assert from_legacy_markup("<b>残業</b>なし。<b>残業</b>代") == ("残業なし。残業代", (0, 2))
    assert from_legacy_markup("未閉<b>鎖") == ("未閉鎖", None)


def test_locate_word_finds_the_word_its_reading_or_its_stem() -> None:
    assert locate_word("パンを食べました。", "食べる", "たべる") == (3, 5)
    assert locate_word("りんごがすき", "林檎", "りんご") == (0, 3)
    assert locate_word("関係ない", "猫", "ねこ") is None
    assert split_at("関係ない", None).before == "関係ない"


# -- the collection keeps sentence and span together ---------------------------------------------------

def test_editing_a_sentence_finds_the_word_again_and_kanji_cards_are_searchable(tmp_path: Path) -> None:
    import dataclasses

    from jpstudy.collection import Collection, NewNote

    with Collection.open(tmp_path / "c.sqlite3") as col:
        note = col.add_note(NewNote("研修", "けんしゅう", "training", sentence="丁寧に研修を行います"))
        assert note.sentence_span == (3, 5)
        edited = col.update_note(dataclasses.replace(note, sentence="<b>研修</b>期間は3ヶ月"))
        assert edited.sentence == "<b>研修</b>期間は3ヶ月" and edited.sentence_span == (3, 5)  # typed text stays text
        kept = col.update_note(dataclasses.replace(edited, meaning="training period"))
        assert kept.sentence_span == (3, 5)
        given = col.add_note(NewNote("期間", "きかん", "period", sentence="研修期間", sentence_span=(2, 4)))
        assert given.sentence_span == (2, 4)
        assert col.add_kanji_deck("N5") == 79 and col.add_kanji_deck("N5") == 0
        assert len(col.search_cards("is:kanji")) == 79 and len(col.search_cards("-is:kanji")) == 2
        uses = col.words_with_kanji("期")
        assert [(u.word, u.status) for u in uses] == [("期間", "not started")]
        assert [u.word for u in col.words_with_kanji("研")] == ["研修"]
        assert col.words_with_kanji("研", exclude_note=note.id) == []
