"""The text of a job ad from what the user has: a .txt, .html or .pdf file, bytes from standard input,
or rich text pasted from a browser (the clipboard's text/html).

    from jpstudy.adtext import read_ad_file, text_from_bytes, html_to_text, AdTextError
    ad = read_ad_file(Path("kyujinhyo.pdf"))   # AdText(text, kind="pdf", name="kyujinhyo.pdf")
    text_from_bytes(sys.stdin.buffer.read(), "-").text
    html_to_text("<p>給与</p><p>月給25万円</p>")   # "給与\\n月給25万円"

Modules: ``decode`` (bytes of text files: encodings, binary data), ``html`` (markup dropped, line breaks
kept, scripts never run), ``pdf`` (the text layer of a PDF in reading order), ``glyphs`` (Kangxi-radical
look-alikes turned into the ordinary kanji). Every failure is an :class:`AdTextError` whose message says
what is wrong and what to do.
"""

from jpstudy.adtext.decode import MAX_INPUT_BYTES, AdText, AdTextError, read_ad_file, text_from_bytes
from jpstudy.adtext.glyphs import fold_radicals
from jpstudy.adtext.html import html_to_text, looks_like_html

__all__ = [
    "MAX_INPUT_BYTES", "AdText", "AdTextError", "fold_radicals", "html_to_text", "looks_like_html",
    "read_ad_file", "text_from_bytes",
]
