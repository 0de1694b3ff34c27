"""Where ads come from (issue 13): text, HTML and PDF files, standard input, clipboard HTML — and the
same words and facts whichever form the ad came in."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from jpstudy.adfacts import FIELD_NAMES, extract_facts
from jpstudy.adtext import AdTextError, fold_radicals, html_to_text, read_ad_file, text_from_bytes
from jpstudy.cli import main as cli_main
from jpstudy.dictionary import Dictionary
from jpstudy.mining import mine_text

ADS = Path(__file__).resolve().parent.parent / "fixtures" / "jobads"
PDFS = ADS.parent / "pdf"
"""PDF ads (apart: the tests that read every job ad as text read ``jobads``)."""


def minimal_pdf(content: bytes) -> bytes:
    """A one-page PDF whose page draws ``content`` (a content stream), with a correct cross-reference
    table; no fonts, so a page without text operators is what a scanned page looks like to a reader."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


@pytest.fixture(scope="module")
def dictionary(built_dictionary: Path) -> Iterator[Dictionary]:
    d = Dictionary.open(built_dictionary.parent)
    yield d
    d.close()


def words(result: object) -> list[tuple[str, str, int]]:
    return sorted((c.word, c.reading, c.count) for c in result.candidates)  # type: ignore[attr-defined]


def test_html_markup_is_dropped_lines_kept_and_scripts_never_run() -> None:
    text = html_to_text((ADS / "it-support.html").read_text(encoding="utf-8"))
    assert text.splitlines() == [
        "ITサポート(リモート可)".replace("(", "（").replace(")", "）"),
        "社内ヘルプデスクとして、PCの セットアップやアカウント管理を担当します。",
        "・完全週休2日制（土日祝）",
        "・在宅勤務 可",
        "お問い合わせ: info@example.com",
    ]
    page = "<p>a<script>alert('<b>x</b>')</script>b</p><style>p{}</style><!-- c --><br><br>d &amp; &#x5186;"
    assert html_to_text(page) == "ab\n\nd & 円"


def test_a_hello_work_page_reads_as_its_form(dictionary: Dictionary) -> None:
    """The table rows of a saved Hello Work page read "label　value", as the form prints them: the same
    facts and the same words as the text of the form."""
    page = read_ad_file(ADS / "hellowork-part-seizou.html")
    assert page.kind == "html"
    assert "tracker" not in page.text and "広告" not in page.text and "JavaScript" not in page.text
    text = (ADS / "hellowork-part-seizou.txt").read_text(encoding="utf-8")
    assert page.text.splitlines()[:-1] == text.splitlines()
    from_page, from_text = extract_facts(page.text), extract_facts(text)
    assert all(from_page.fact(f).value == from_text.fact(f).value for f in FIELD_NAMES)
    form = "\n".join(page.text.splitlines()[:-1])  # without the page's footer
    assert words(mine_text(form, dictionary)) == words(mine_text(text, dictionary))


def test_a_pdf_form_mines_the_same_words_and_facts_as_its_text(dictionary: Dictionary) -> None:
    """tests/fixtures/pdf/hellowork-kaigo.pdf is the 求人票 tools/make_jobad_pdf.py draws from the
    text (Qt's PDF writer, Noto Sans CJK embedded); its font maps some kanji to Kangxi radicals."""
    pdf = read_ad_file(PDFS / "hellowork-kaigo.pdf")
    text = (ADS / "hellowork-kaigo.txt").read_text(encoding="utf-8")
    assert pdf.kind == "pdf"
    assert [line for line in pdf.text.splitlines() if line] == text.splitlines()
    from_pdf, from_text = mine_text(pdf.text, dictionary), mine_text(text, dictionary)
    assert words(from_pdf) == words(from_text)
    pdf_facts, text_facts = extract_facts(from_pdf.text), extract_facts(from_text.text)
    assert [pdf_facts.fact(f).value for f in FIELD_NAMES] == [text_facts.fact(f).value for f in FIELD_NAMES]
    assert pdf_facts.checks == () and pdf_facts.japanese_level.value is None


def test_a_scanned_pdf_gets_a_clear_message() -> None:
    scanned = minimal_pdf(b"0.5 g 50 50 495 742 re f")  # a grey page, no text layer
    with pytest.raises(AdTextError, match=r"no text layer.*scanned"):
        text_from_bytes(scanned, "scan.pdf")


def test_a_pdf_with_a_text_layer_is_read() -> None:
    page = minimal_pdf(b"BT /F1 12 Tf 72 700 Td (Hello) Tj ET")
    page = page.replace(b"/Resources << >>", b"/Resources << /Font << /F1 5 0 R >> >>")
    # a base-14 font needs no embedding; add it as object 5 (pdfminer tolerates the stale xref)
    page = page.replace(b"trailer", b"5 0 obj\n<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>\nendobj\ntrailer")
    assert text_from_bytes(page, "-").text.strip() == "Hello"  # standard input: told a PDF by its content


@pytest.mark.parametrize("data", [b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\nthis is not a pdf\n", b"%PDF-"])
def test_a_broken_pdf_gets_a_clear_message(data: bytes) -> None:
    with pytest.raises(AdTextError, match=r"not a readable PDF|no text layer"):
        text_from_bytes(data, "broken.pdf")


def test_text_files_in_the_encodings_japanese_files_use() -> None:
    ad = "勤務地：大阪\n給与：月給25万円以上"
    for data in (ad.encode("utf-8"), ad.encode("utf-8-sig"), ad.encode("cp932"), ad.encode("euc_jp"),
                 ad.encode("utf-16")):
        assert text_from_bytes(data, "ad.txt").text == ad
    with pytest.raises(AdTextError, match="binary"):
        text_from_bytes(bytes(range(256)) * 40, "x.bin")
    with pytest.raises(AdTextError, match="larger than 12 MB"):
        text_from_bytes(b"a" * 12_000_001, "big.txt")
    with pytest.raises(AdTextError, match="cannot read"):
        read_ad_file(ADS / "no-such-ad.txt")


def test_kangxi_radical_look_alikes_become_kanji() -> None:
    assert fold_radicals("⽇曜⽇、⽉給、⼈事、⻑期、⾷事") == "日曜日、月給、人事、長期、食事"
    assert fold_radicals("資格\u2003必須・A\u2027B") == "資格\u3000必須・A・B"
    assert fold_radicals("普通の文") == "普通の文"


def test_jpstudy_mine_reads_pdf_and_prints_facts(tmp_path: Path, built_dictionary: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / built_dictionary.name).symlink_to(built_dictionary)
    assert cli_main(["--data-dir", str(data_dir), "mine", "--json", str(PDFS / "hellowork-kaigo.pdf")]) == 0
    out = json.loads(capsys.readouterr().out)
    facts = out["facts"]
    assert set(facts) == {*FIELD_NAMES, "checks"}
    assert facts["pay"]["value"] == {"period": "month", "min": 220000, "max": 260000, "top_only": False}
    assert facts["checks"] == []
    assert "fit" not in out  # no collection yet
    assert cli_main(["--data-dir", str(data_dir), "mine", "--save", str(ADS / "sales-every-check.txt")]) == 0
    assert "saved as ad 1" in capsys.readouterr().err
    assert cli_main(["--data-dir", str(data_dir), "mine", "--json", str(ADS / "sales-every-check.txt")]) == 0
    out = json.loads(capsys.readouterr().out)
    assert [c["rule"] for c in out["facts"]["checks"]][:2] == ["fixed_overtime_hours", "fixed_overtime_amount"]
    text = (ADS / "sales-every-check.txt").read_text(encoding="utf-8")
    check = out["facts"]["checks"][0]
    assert check["start"] is not None and "固定残業代" in mine_text_normalised(text)[check["start"]:check["end"]]
    known = round(out["coverage"]["known_share"] * 100)
    assert out["fit"]["sentence"] == f"This ad does not state a Japanese level. You know {known} % of its words."
    assert cli_main(["--data-dir", str(data_dir), "mine", str(ADS / "hellowork-part-seizou.html")]) == 0
    table = capsys.readouterr().out
    assert "what the ad says:" in table and "Pay: ¥1,150 to ¥1,200 an hour" in table
    scanned = tmp_path / "scan.pdf"
    scanned.write_bytes(minimal_pdf(b"0 0 10 10 re f"))
    assert cli_main(["--data-dir", str(data_dir), "mine", str(scanned)]) == 2
    assert "no text layer" in capsys.readouterr().err


def mine_text_normalised(text: str) -> str:
    from jpstudy.mining.normalise import normalise

    return normalise(text)
