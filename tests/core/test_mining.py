"""Mining job ads against the real bundled dictionary: lookups, compounds, glossary terms, filters,
status from a real collection, cards, the CLI and bad input (hypothesis)."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jpstudy.cli import main as cli_main
from jpstudy.collection import Collection
from jpstudy.dictionary import Dictionary
from jpstudy.mining import Candidate, MiningResult, add_candidates, mine_text
from jpstudy.mining.normalise import MAX_CHARS, masked_spans
from jpstudy.srs import Rating

ADS = Path(__file__).resolve().parent.parent / "fixtures" / "jobads"


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory, built_dictionary: Path) -> Path:
    folder = tmp_path_factory.mktemp("mining-data")
    shutil.copy2(built_dictionary, folder / built_dictionary.name)
    return folder


@pytest.fixture(scope="module")
def dictionary(data_dir: Path) -> Iterator[Dictionary]:
    d = Dictionary.open(data_dir)
    yield d
    d.close()


def mine(dictionary: Dictionary, text: str) -> MiningResult:
    return mine_text(text, dictionary)


def by_word(result: MiningResult) -> dict[str, Candidate]:
    return {c.word: c for c in result.candidates}


def ad(name: str) -> str:
    return (ADS / name).read_text(encoding="utf-8")


# -- lookups, readings, compounds ------------------------------------------------------------------


def test_readings_come_from_the_dictionary(dictionary: Dictionary) -> None:
    words = by_word(mine(dictionary, "日本語を使う仕事です。ＩＴの知識があり、PCを使える方。"))
    assert words["日本語"].reading == "にほんご"  # unidic says ニホンゴ/ニッポン; JMdict's first reading
    assert words["ＩＴ"].reading == "アイティー"  # ASCII IT found through width folding
    assert words["ＰＣ"].meaning
    assert words["使う"].reading == "つかう"  # 使える → its lemma's entry
    assert words["知識"].jlpt is not None


def test_potential_verbs_and_the_person_reading_of_kata(dictionary: Dictionary) -> None:
    words = by_word(mine(dictionary, "ピアノが弾ける方、日本語が話せる方を歓迎します。"))
    assert words["弾く"].reading == "ひく"  # not 弾ける はじける
    assert "弾ける" not in words
    assert words["方"].reading == "かた"  # "person": unidic reads ホウ here


def test_dictionary_compounds_are_one_candidate_with_parts_available(dictionary: Dictionary) -> None:
    words = by_word(mine(dictionary, "勤務地は東京です。日本語能力試験に合格した方。"))
    assert words["勤務地"].reading == "きんむち" and not words["勤務地"].part_of
    assert words["日本語能力試験"].reading == "にほんごのうりょくしけん"
    assert words["勤務"].part_of and words["試験"].part_of
    assert "地" not in words  # a one-character piece of a dictionary compound is not offered


def test_noun_runs_become_composed_compounds(dictionary: Dictionary) -> None:
    words = by_word(mine(dictionary, "営業経験がある方、接客経験を活かせます。"))
    composed = words["営業経験"]
    assert composed.kind == "composed"
    assert composed.reading == "えいぎょうけいけん"
    assert composed.meaning.startswith("営業 ") and " + 経験 " in composed.meaning
    assert composed.entry_id is None and composed.parts == ("営業", "経験")
    assert not words["営業"].part_of  # the parts stay candidates


def test_glossary_terms_from_our_own_ads(dictionary: Dictionary) -> None:
    words = by_word(mine(dictionary, ad("delivery-driver.txt")))
    fixed = words["固定残業代"]
    assert fixed.glossary and fixed.reading == "こていざんぎょうだい" and "overtime" in fixed.meaning
    assert "extra" in fixed.glossary_note
    assert words["週休二日制"].reading == "しゅうきゅうふつかせい"
    assert words["年間休日"].reading == "ねんかんきゅうじつ"
    assert words["普通自動車免許"].reading == "ふつうじどうしゃめんきょ"
    assert words["残業代"].part_of  # inside 固定残業代
    ranks = [c.word for c in mine(dictionary, ad("delivery-driver.txt")).candidates]
    assert ranks.index("固定残業代") < ranks.index("荷物")  # glossary terms rank first


def test_pdf_copy_with_kangxi_radicals_and_spaces(dictionary: Dictionary) -> None:
    result = mine(dictionary, ad("kaigo-pdf-copy.txt"))
    words = by_word(result)
    assert {"夜勤手当", "勤務地", "資格手当", "介護福祉士", "特別養護老人ホーム", "処遇改善手当"} <= set(words)
    assert words["夜勤手当"].reading == "やきんてあて"
    assert [n.word for n in result.names] == ["横浜"]  # place names apart, not candidates


def test_html_ad(dictionary: Dictionary) -> None:
    result = mine(dictionary, ad("it-support.html"))
    words = by_word(result)
    assert {"ヘルプデスク", "完全週休二日制", "在宅勤務", "ＰＣ"} <= set(words)
    assert "<" not in result.text and "alert" not in result.text and "var" not in result.text


def test_grammar_numbers_symbols_and_lone_kana_are_filtered(dictionary: Dictionary) -> None:
    text = ("経験があることが大事なので、ためになるものを見ている方へ。１日８時間、週５日。"
            "【急募】※要確認！ あ")
    words = set(by_word(mine(dictionary, text)))
    for function_word in ("する", "ある", "いる", "なる", "こと", "もの", "ため", "の", "です", "あ"):
        assert function_word not in words
    assert not any(ch.isdigit() for w in words for ch in w)
    assert {"経験", "大事", "要確認"} & words


def test_no_candidates_from_urls_mails_phones_prices_times_dates(dictionary: Dictionary) -> None:
    text = ("応募：https://kyujin.example.jp/apply/kaigo またはsaiyou@example.co.jp、"
            "TEL 045-987-6543。時給1,250円、9:00～18:00、2025年4月1日入社。")
    result = mine(dictionary, text)
    masks = masked_spans(result.text)
    for s in result.spans:
        assert not any(m.start < s.end and s.start < m.end for m in masks), s
    words = set(by_word(result))
    assert {"時給", "入社", "応募"} <= words
    assert not words & {"example", "円", "年", "月", "日", "時", "分", "ｋｙｕｊｉｎ", "ｓａｉｙｏｕ"}


# -- status, coverage, spans, cards ----------------------------------------------------------------


def test_status_coverage_and_spans_from_a_collection(dictionary: Dictionary, tmp_path: Path) -> None:
    col = Collection.open(tmp_path / "col.sqlite3")
    try:
        text = ad("bakery-part-time.txt")
        fresh = mine_text(text, dictionary, status_of=col.word_status)
        assert {c.status for c in fresh.candidates} == {"new"}
        assert fresh.coverage.known_share == 0.0
        sales = by_word(fresh)["販売"]
        col.mark_known(sales.word, sales.reading, sales.entry_id)
        col.ignore_word("レジ", "レジ")
        again = mine_text(text, dictionary, status_of=col.word_status)
        words = by_word(again)
        assert words["販売"].status == "known" and words["レジ"].status == "ignored"
        assert 0 < again.coverage.known_share < 1
        assert "you know" in again.coverage.summary("N3")
        for s in again.spans:
            assert again.text[s.start:s.end] and s.status in ("known", "ignored", "new", "unseen", "learning")
        assert [s.start for s in again.spans] == sorted(s.start for s in again.spans)
        assert any(s.word == "販売" and s.status == "known" for s in again.spans)
        # a word added as a card is not started until answered, then learning (issue 14)
        (note,) = add_candidates(col, [words["品出し"]], text=again.text)
        added = mine_text(text, dictionary, status_of=col.word_status)
        assert by_word(added)["品出し"].status == "unseen" and added.coverage.learning_tokens == 0
        (card,) = col.cards_of_note(note.id)
        col.answer(card, Rating.GOOD, now=datetime.now(UTC))
        studied = mine_text(text, dictionary, status_of=col.word_status)
        occurrences = sum(1 for s in studied.spans if s.word == "品出し")
        assert by_word(studied)["品出し"].status == "learning"
        assert studied.coverage.learning_tokens == occurrences > 0
        share = studied.coverage.learning_share
        assert f"are learning {share:.0%}, " in studied.coverage.summary("N3")
        assert studied.coverage.to_json()["learning_tokens"] == occurrences
    finally:
        col.close()


def test_adding_candidates_as_cards_twice_adds_nothing(dictionary: Dictionary, tmp_path: Path) -> None:
    col = Collection.open(tmp_path / "col.sqlite3")
    try:
        text = ad("bakery-part-time.txt")
        result = mine_text(text, dictionary)
        words = by_word(result)
        chosen = [words["販売"], words["品出し"], words["学生"]]
        added = add_candidates(col, chosen, text=result.text)
        assert len(added) == 3
        note = next(n for n in added if n.word == "販売")
        assert note.source == "【パート・アルバイト】駅前のパン屋で販売スタッフ募集!"
        # plain text plus the word's span (issue 14: the <b> markup showed as text on cards)
        assert "<" not in note.sentence and note.sentence == words["販売"].sentence
        start, end = note.sentence_span
        assert note.sentence[start:end] == "販売"
        assert "mined" in note.tags
        student = next(n for n in added if n.word == "学生")
        assert f"jlpt::{words['学生'].jlpt.lower()}" in student.tags
        assert {d.name for d in col.decks()} >= {"Mined"}
        assert add_candidates(col, chosen, source="Bakery ad") == []
    finally:
        col.close()


def test_json_contract(dictionary: Dictionary) -> None:
    out = mine(dictionary, ad("bakery-part-time.txt")).to_json()
    json.dumps(out, ensure_ascii=False)
    assert out["candidates"] and "coverage" in out
    for c in out["candidates"]:
        assert {"word", "reading", "meaning", "jlpt", "count", "sentence", "status", "entry_id", "pos",
                "glossary", "glossary_note", "frequency", "proper_noun"} <= set(c)
        assert c["jlpt"] in (None, "N5", "N4", "N3", "N2", "N1")
        assert c["count"] >= 1 and c["meaning"] and c["sentence"]
    assert {"known_share", "word_tokens", "by_level", "beyond"} <= set(out["coverage"])


# -- CLI ---------------------------------------------------------------------------------------------


def test_cli_json_table_and_add(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = ADS / "delivery-driver.txt"
    assert cli_main(["--data-dir", str(data_dir), "mine", "--json", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert any(c["word"] == "固定残業代" for c in out["candidates"])
    assert cli_main(["--data-dir", str(data_dir), "mine", "--limit", "5", str(path)]) == 0
    table = capsys.readouterr().out
    assert "word" in table and "you know" in table
    assert cli_main(["--data-dir", str(data_dir), "mine", str(path), "--add", "固定残業代", "荷物"]) == 0
    assert "added 2" in capsys.readouterr().err
    assert cli_main(["--data-dir", str(data_dir), "mine", str(path), "--add", "固定残業代"]) == 0
    assert "added 0" in capsys.readouterr().err


def test_cli_bad_files(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    binary = tmp_path / "x.bin"
    binary.write_bytes(bytes(range(256)) * 50)
    assert cli_main(["--data-dir", str(data_dir), "mine", str(binary)]) == 2
    assert "does not look like text" in capsys.readouterr().err
    assert cli_main(["--data-dir", str(data_dir), "mine", str(tmp_path / "missing.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err
    sjis = tmp_path / "sjis.txt"
    sjis.write_bytes("勤務地：大阪".encode("cp932"))
    assert cli_main(["--data-dir", str(data_dir), "mine", "--json", str(sjis)]) == 0
    assert any(c["word"] == "勤務地" for c in json.loads(capsys.readouterr().out)["candidates"])


# -- bad input -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "   \n\n", "only ASCII text, no Japanese at all 123", "😀🎉👍" * 50,
                                  "<html><body><p></p></body></html>", "\x00\x01\x02\ufffd"])
def test_texts_without_vocabulary_give_a_result_and_a_message(dictionary: Dictionary, text: str) -> None:
    result = mine(dictionary, text)
    assert result.candidates == ()
    assert result.message
    assert result.coverage.known_share == 1.0


def test_ten_megabytes_is_cut_with_a_message(dictionary: Dictionary) -> None:
    text = ("勤務地：東京。" + "a" * 990 + "\n") * 10_500
    assert len(text) > 10_000_000
    t0 = time.perf_counter()
    result = mine(dictionary, text)
    assert time.perf_counter() - t0 < 60
    assert "first 1,000,000 characters" in result.message
    assert len(result.text) <= MAX_CHARS
    assert "勤務地" in by_word(result)


_JP = st.characters(min_codepoint=0x3041, max_codepoint=0x30FF) | st.characters(
    min_codepoint=0x4E00, max_codepoint=0x4FFF)
_ANY = st.text(st.characters(blacklist_categories=("Cs",)), max_size=300)
_MIXED = st.lists(st.sampled_from(["勤務地", "給与", "<p>", "</div>", "&amp;", "😀", "\n", "　", "１２：００",
                                   "https://a.jp", "IT", "ＰＣ", "⼿当", "す", "る", "\x00", "【", "～"])
                  | st.text(_JP, max_size=8), max_size=60).map("".join)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_ANY | _MIXED | st.binary(max_size=400).map(lambda b: b.decode("utf-8", errors="replace")))
def test_any_text_gives_a_consistent_result(dictionary: Dictionary, text: str) -> None:
    result = mine(dictionary, text)
    json.dumps(result.to_json(), ensure_ascii=False)
    for c in result.candidates:
        assert c.word and c.reading and c.meaning and c.count >= 1
        assert not any(ch.isdigit() for ch in c.word)
    for s in result.spans:
        assert 0 <= s.start < s.end <= len(result.text)
