"""Mining job ads against the real bundled dictionary: lookups, compounds, glossary terms, filters,
status from a real collection, cards, the CLI and bad input (hypothesis)."""

from __future__ import annotations

import gc
import json
import shutil
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jpstudy.adfacts import extract_facts
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


def test_circled_list_numbers_join_neither_times_nor_words(dictionary: Dictionary) -> None:
    """①8:00 is item 1 at 8:00, not 18:00; ①分析 is item 1, analysis, not a masked 1分 (one minute)."""
    result = mine(dictionary, "勤務時間：①8:00〜17:00 ②13:00〜22:00\n業務内容：①分析 ②資料作成")
    assert "(1)8:00〜17:00" in result.text and "18:00" not in result.text
    assert {"分析", "資料"} <= set(by_word(result))
    facts = extract_facts(result.text)
    assert facts.working_hours.value["times"] == ["08:00-17:00", "13:00-22:00"]


def test_mining_pauses_the_cyclic_collector_and_switches_it_back_on(dictionary: Dictionary) -> None:
    seen: list[bool] = []
    mine_text("勤務地：東京都", dictionary, progress=lambda done, total: seen.append(gc.isenabled()))
    assert seen and not any(seen)  # off while the chunks are mined
    assert gc.isenabled()


# -- precision in context (issue 16): the sense, the unit, the order ---------------------------------


def first_sense(c: Candidate) -> str:
    return c.meaning.split(" | ")[0]


def test_the_sense_the_ad_uses_is_shown_first_and_the_others_kept(dictionary: Dictionary) -> None:
    result = mine(dictionary, "月3万円の手当。慣れている方を歓迎。賞与は3か月分。9:00～18:00の間で勤務。"
                              "お客様対応。当社規定による。")
    words = by_word(result)
    assert first_sense(words["月"]).startswith("month")  # a number after it: not "moon"
    assert "moon" in words["月"].senses  # … which stays among its senses
    assert words["方"].reading == "かた" and first_sense(words["方"]).startswith("person")
    assert first_sense(words["分"]).startswith("amount; worth")  # after a number and its counter
    assert first_sense(words["間"]).startswith("period of time")  # after a time range
    assert first_sense(words["お客様"]).startswith("customer")  # the register of work, not "guest"
    assert first_sense(words["当社"]).startswith("(this) company")  # not "(this) shrine"
    assert "よる" not in words  # による is a compound particle
    for c in result.candidates:
        assert c.senses and c.meaning.split(" | ")[0] == c.senses[0]
    assert {"senses", "topic"} <= set(result.to_json()["candidates"][0])


def test_days_of_the_week_in_a_list(dictionary: Dictionary) -> None:
    result = mine(dictionary, "休日：週休２日制（日・月）\n勤務日：月～金")
    words = {(c.word, c.reading): c for c in result.candidates}
    assert first_sense(words[("月", "げつ")]).startswith("Monday")  # not つき "moon"
    assert first_sense(words[("日", "にち")]).startswith("Sunday")
    assert first_sense(words[("金", "きん")]).startswith("Friday")
    assert "金" not in {n.word for n in result.names}  # not the name Kim
    assert ("月", "つき") not in words


def test_a_clause_before_a_noun_gives_its_time_sense(dictionary: Dictionary) -> None:
    words = by_word(mine(dictionary, "経験を積んだ後は、設計にも挑戦できます。患者さんのお世話。"))
    assert first_sense(words["後"]).startswith("after")  # not "behind; rear"
    assert words["経験を積む"].reading == "けいけんをつむ"  # an idiom of noun + を + verb is one word
    assert first_sense(words["さん"]).startswith("Mr.")  # the suffix, not 三 "three"


def test_one_span_gives_one_candidate_without_katakana_fragments(dictionary: Dictionary) -> None:
    result = mine(dictionary, "バックエンド開発、オンライン面接、フルタイム勤務。自社の人材マッチングサービス。"
                              "オンコール当番あり。LPIC取得者。")
    everything = {c.word for c in result.candidates}
    for fragment in ("バック", "エンド", "オン", "ライン", "フル", "タイム", "コール", "ＬＰ", "ＩＣ"):
        assert fragment not in everything, fragment  # not even among the parts
    assert {"バックエンド", "フルタイム", "オンコール"} <= {c.word for c in result.words}
    chains = [c.word for c in result.candidates if "マッチング" in c.word]
    assert chains == ["マッチングサービス"]  # no 人材マッチング / 人材マッチングサービス chain
    assert all(not c.part_of for c in result.words) and all(c.part_of for c in result.parts)
    assert result.candidates == result.words + result.parts  # parts ranked apart, after every word


def test_no_merge_across_a_word_boundary_nor_a_homophone(dictionary: Dictionary) -> None:
    words = by_word(mine(dictionary, "寮は3食付き。ドライブレコーダー全車搭載。持参または郵送。会社について。"))
    assert "食付き" not in words and first_sense(words["付き"]).startswith("furnished with")
    assert "前者" not in words  # 全車 is no word of the dictionary; its reading is another word's
    assert words["または"].meaning.startswith("or")  # not また "again" + は
    assert "また" not in words  # nor as a part
    assert "つく" not in words  # について is a compound particle


def test_names_of_organisations_and_places_are_not_vocabulary(dictionary: Dictionary) -> None:
    result = mine(dictionary, "事業所名：株式会社クリーンサポート東日本（東京都江東区）\n"
                              "社会福祉法人あおば会　ヘルパーステーションあおば\n山田運輸株式会社　営業部")
    names = {n.word for n in result.names}
    assert {"クリーンサポート東日本", "東京都", "あおば会", "あおば", "山田運輸"} <= names
    words = {c.word for c in result.candidates}
    assert not words & {"クリーン", "サポート", "東日本", "東京都", "区", "会", "あおば"}
    assert {"株式会社", "社会福祉法人", "営業部"} <= words  # the legal form is a word of its own


def test_the_offer_comes_first(dictionary: Dictionary) -> None:
    result = mine(dictionary, ad("bakery-part-time.txt"))
    first = result.words[:10]
    assert all(c.glossary and c.topic for c in first)
    offer = [c.word for c in result.words if c.glossary and c.topic in
             ("Pay / salary 給与", "Hours 勤務時間", "Insurance and benefits 保険・福利厚生", "Requirements 応募資格",
              "Contract types 雇用形態", "Holidays 休日・休暇", "Visas and status of residence 在留資格")]
    assert [c.word for c in result.words[:len(offer)]] == offer  # pay, hours, benefits … before the rest
    assert "時給" in offer[:10] and "交通費規定支給" in offer


@pytest.mark.parametrize("text", ["", "We are hiring a senior engineer in Tokyo.", "12,345 --- !!! 100% 09:00"])
def test_no_japanese_words_to_read_is_said_plainly(dictionary: Dictionary, text: str) -> None:
    result = mine(dictionary, text)
    assert result.coverage.summary() == "there are no Japanese words to read in this text"
    assert result.message == "there are no Japanese words to read in this text"
    assert "100%" not in result.to_json()["coverage"]["summary"]


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


def test_cli_lists_parts_only_on_request_and_says_when_there_is_nothing(
        data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = ADS / "delivery-driver.txt"
    assert cli_main(["--data-dir", str(data_dir), "mine", str(path)]) == 0
    table = capsys.readouterr().out
    assert "固定残業代" in table and "(part)" not in table and "--parts" in table
    assert cli_main(["--data-dir", str(data_dir), "mine", "--parts", str(path)]) == 0
    assert "残業代 (part)" in capsys.readouterr().out
    english = tmp_path / "english.txt"
    english.write_text("We are hiring. Salary 3,000 USD.\n", encoding="utf-8")
    assert cli_main(["--data-dir", str(data_dir), "mine", str(english)]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == "there are no Japanese words to read in this text"
    assert "100%" not in captured.out + captured.err


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


def test_a_token_resolves_by_its_own_part_of_speech_whatever_came_before(dictionary: Dictionary) -> None:
    """The miner's memo of resolved tokens keys on all the token fields the lookup reads: さん as a
    suffix (患者さん: the honorific) and the same form as a noun are two lookups, in either order."""
    from jpstudy.mining.lookup import resolve_token
    from jpstudy.mining.miner import Miner
    from jpstudy.mining.session import miner_for
    from jpstudy.mining.tokenize import tokenize

    san = next(t for t in tokenize("患者さんの対応") if t.surface == "さん")
    assert san.pos1 == "接尾辞"
    noun = san._replace(pos1="名詞")
    shared: Miner = miner_for(dictionary)
    honorific, three = resolve_token(shared.lex, san), resolve_token(shared.lex, noun)
    assert honorific is not None and three is not None and honorific.entry.entry_id != three.entry.entry_id
    fresh = Miner(shared.lex, shared.forms, shared.glossary)
    assert fresh._resolve(san) == honorific and fresh._resolve(noun) == three
    fresh = Miner(shared.lex, shared.forms, shared.glossary)
    assert fresh._resolve(noun) == three and fresh._resolve(san) == honorific
