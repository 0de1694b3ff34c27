"""Mining building blocks that need no dictionary: normalisation, masks, tokenising, the glossary,
filters and the noun-run rule."""

from __future__ import annotations

import threading
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jpstudy.mining.compounds import FormIndex, compositions, noun_runs
from jpstudy.mining.filters import is_junk_word
from jpstudy.mining.glossary import Glossary, GlossaryError, bundled, key_of, parse
from jpstudy.mining.lexicon import hira
from jpstudy.mining.normalise import fold_width, masked_spans, normalise, strip_html
from jpstudy.mining.tokenize import tokenize

# -- normalisation ---------------------------------------------------------------------------------


def test_kangxi_radicals_and_stray_spaces_from_pdf_copies() -> None:
    # U+2F3F KANGXI RADICAL HAND and U+2F49 KANGXI RADICAL MOON look like 手 and 月.
    assert normalise("夜勤\u2f3f当・\u2f49給") == "夜勤手当・月給"
    assert normalise("勤 務 地：東京") == "勤務地:東京"
    assert normalise("月給 25万円") == "月給 25万円"  # a space before digits stays
    assert normalise("保育園\u3000保育士") == "保育園 保育士"  # an ideographic space is deliberate


def test_enclosed_numbers_become_list_markers_that_join_no_digits() -> None:
    """NFKC alone makes ① a bare 1 that runs into the digits after it: ①8:00 would read 18:00."""
    assert normalise("勤務時間：①8:00〜17:00 ②13:00〜22:00") == "勤務時間:(1)8:00〜17:00 (2)13:00〜22:00"
    assert normalise("月給①25万円〜") == "月給(1)25万円〜"
    assert normalise("⒈8時 ⑴9時 ㉑10時 ㊿ ⓪") == "(1)8時 (1)9時 (21)10時 (50) (0)"
    assert normalise("土日㊗、㈱ジョブ") == "土日祝、(株)ジョブ"  # enclosed ideographs: NFKC as before
    times = [m for m in masked_spans(normalise("①8:00〜17:00")) if m.kind == "time"]
    assert [normalise("①8:00〜17:00")[m.start : m.end] for m in times] == ["8:00", "17:00"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="\nかｶﾞﾟ\u3099\u309aＡé\u0301\u2f3f\u2028ー・", max_size=30))
def test_nfkc_by_line_equals_nfkc_of_the_whole_text(text: str) -> None:
    """normalise applies NFKC line by line, skipping lines already in NFKC: the same as the whole text."""
    assert normalise(text) == unicodedata.normalize("NFKC", text)


def test_full_width_ascii_is_folded_both_ways() -> None:
    assert normalise("ＩＴ企業でＰＣ作業") == "IT企業でPC作業"
    assert fold_width("IT企業 PC 3") == "ＩＴ企業 ＰＣ ３"
    assert len(fold_width("abc-1")) == len("abc-1")


def test_html_becomes_text_but_plain_angle_brackets_stay() -> None:
    html = '<div><p>時給&amp;手当</p><script>alert("給与")</script><br>交通費</div>'
    text = strip_html(html)
    assert "時給&手当" in text and "交通費" in text
    assert "alert" not in text and "<" not in text
    assert strip_html("＜勤務地＞ 1 < 2") == "＜勤務地＞ 1 < 2"


@pytest.mark.parametrize(
    ("text", "kind", "masked"),
    [
        ("応募はhttps://example.jp/job?id=3まで", "url", "https://example.jp/job?id=3"),
        ("メール：recruit@example.co.jp", "email", "recruit@example.co.jp"),
        ("電話 03-1234-5678 まで", "phone", "03-1234-5678"),
        ("時給1,200円以上", "price", "1,200円"),
        ("9:00~18:00", "time", "9:00"),
        ("2025年4月1日入社", "date", "2025年4月1日"),
    ],
)
def test_masked_spans(text: str, kind: str, masked: str) -> None:
    spans = masked_spans(text)
    assert any(text[s.start:s.end] == masked and s.kind == kind for s in spans), spans


def test_pay_words_are_not_masked() -> None:
    text = "時給、月給、年間休日"
    assert masked_spans(text) == []


# -- tokenising ------------------------------------------------------------------------------------


def test_token_offsets_point_into_the_text() -> None:
    text = fold_width("【急募】勤務地：東京都\n交通費全額支給。 ITスキル歓迎！")
    tokens = tokenize(text)
    assert tokens
    for t in tokens:
        assert text[t.start:t.end] == t.surface
    assert [t.surface for t in tokens if t.surface in ("勤務", "交通", "ＩＴ")] == ["勤務", "交通", "ＩＴ"]


def test_lemma_suffix_is_cut_and_unknown_tokens_are_marked() -> None:
    by_surface = {t.surface: t for t in tokenize("レベルの高いコンピューター")}
    assert by_surface["レベル"].lemma == "レベル"
    assert by_surface["コンピューター"].lemma == "コンピューター"


def test_one_tagger_per_thread_gives_identical_results() -> None:
    text = "社会保険完備、交通費支給。日本語能力試験N2以上の方を歓迎します。" * 20
    expected = tokenize(text)
    results: list[list[object]] = []

    def work() -> None:
        results.append(list(tokenize(text)))

    threads = [threading.Thread(target=work) for _ in range(3)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert results == [expected] * 3


# -- glossary --------------------------------------------------------------------------------------


def test_bundled_glossary_is_large_and_well_formed() -> None:
    g = bundled()
    terms = set(g.terms.values())
    assert len(terms) >= 500
    for t in terms:
        assert t.reading and all("\u3041" <= c <= "\u30ff" or c == "・" for c in t.reading), t
        assert not is_junk_word(key_of(t.word)), t
        assert t.meaning.strip(), t


@pytest.mark.parametrize(
    "word",
    ["固定残業代", "みなし残業", "試用期間", "裁量労働制", "派遣", "契約社員", "正社員", "社会保険完備",
     "週休二日制", "業務委託", "紹介予定派遣", "手取り"],
)
def test_terms_easy_to_misread_carry_a_note(word: str) -> None:
    term = bundled().get(key_of(word))
    assert term is not None and len(term.note) > 20


def test_glossary_spelling_variants_point_to_one_headword() -> None:
    g = bundled()
    assert g.get(key_of("完全週休2日制")) is g.get(key_of("完全週休二日制"))
    assert g.get(key_of("完全週休2日制")).word == "完全週休二日制"
    assert g.get(key_of("借上社宅")).reading == "かりあげしゃたく"


def test_glossary_parse_errors_name_the_line() -> None:
    rows = parse("# comment\n\n資格手当\tしかくてあて\tqualification allowance\t\n")
    assert Glossary.from_rows(rows).get("資格手当").meaning == "qualification allowance"
    with pytest.raises(GlossaryError, match=":2:"):
        parse("資格手当\tしかくてあて\tqualification allowance\n夜勤手当\tやきんてあて\n")


# -- filters and noun runs -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "junk"),
    [("勤務地", False), ("ＩＴ", False), ("ＯＪＴ", False), ("を", True), ("ア", True), ("１日", True),
     ("ＩＴ企業", True), ("Ｅｘｃｅｌ", True), ("する", True), ("こと", True), ("", True), ("ー", True),
     ("【", True), ("😀", True)],
)
def test_junk_words(word: str, junk: bool) -> None:
    assert is_junk_word(word) is junk


def test_form_index_prefixes() -> None:
    index = FormIndex(["社会保険", "社会", "勤務地"])
    assert "社会" in index and "社" not in index
    assert index.has_prefix("社会保") and index.has_prefix("勤") and not index.has_prefix("保険")


def test_glossary_sections_give_topics_and_the_offer() -> None:
    rows = parse("# --- Pay / salary 給与 ---\n月給\tげっきゅう\tmonthly salary\n\n"
                 "# --- IT ---\n開発\tかいはつ\tdevelopment\n")
    assert [(r.word, r.topic, r.offer) for r in rows] == [("月給", "Pay / salary 給与", True), ("開発", "IT", False)]
    terms = bundled()
    assert terms.get("固定残業代").offer and terms.get("社会保険完備").offer and not terms.get("開発").offer


def test_noun_runs_and_compositions() -> None:
    # units: 資格 手当 、 発注 者 の 交通費 全額 支給
    is_noun = [True, True, False, True, False, False, True, True, True]
    is_suffix = [False, False, False, False, True, False, False, False, False]
    touches = [False] + [True] * 8
    runs = noun_runs(is_noun, is_suffix, touches)
    assert runs == [[(0, 1), (1, 2)], [(3, 5)], [(6, 7), (7, 8), (8, 9)]]
    assert compositions(runs[0]) == [(0, 2)]
    assert compositions(runs[1]) == [(3, 5)]
    assert compositions(runs[2]) == [(6, 9)]  # one span, one composed compound: no overlapping chain
    assert compositions([(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]) == []  # too long to be one word
    assert noun_runs([True, True], [False, False], [False, False]) == []  # a line break between them


def test_hira() -> None:
    assert hira("シカクテアテ") == "しかくてあて"
    assert hira("ビザー") == "びざー"
