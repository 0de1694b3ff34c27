"""The text layer of a PDF job ad (Hello Work 求人票, a municipality's 募集要項) in reading order.

Terms:
    text line: a run of characters on one baseline as pdfminer.six lays them out (its CMap support
        decodes the Japanese fonts of such PDFs).
    row: text lines of a page whose vertical extents overlap, read left to right. A form's label and
        its value ("賃金" … "月給230,000円") share a row; the cells of a row are joined by an ideographic
        space (　). Rows are read top to bottom, pages in order.
    scanned PDF: pages without a text layer (an image of paper). jpstudy reads no images; the message
        says so.

Kangxi-radical look-alikes, which such fonts often map in place of kanji (⽇ ⽉ ⼈), are folded into the
kanji (``jpstudy.adtext.glyphs``).
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Iterator
from typing import Any

from jpstudy.adtext.decode import AdTextError
from jpstudy.adtext.glyphs import fold_radicals

MAX_PAGES = 50
"""Pages read at most (a job ad has one to a few)."""
CELL_SEPARATOR = "\u3000"
_SPACES = re.compile(r"[ \t]+")


def pdf_to_text(data: bytes, name: str = "the PDF") -> str:
    """The text of the PDF ``data`` (see the module docstring).

    Raises:
        AdTextError: not a readable PDF, encrypted, or without a text layer (scanned).
    """
    from pdfminer.layout import LAParams
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException

    try:
        from pdfminer.high_level import extract_pages

        pages = list(_pages(extract_pages(io.BytesIO(data), laparams=LAParams(), maxpages=MAX_PAGES)))
    except (PDFEncryptionError, PDFPasswordIncorrect) as exc:
        raise AdTextError(f"{name} is protected by a password; open it in a PDF viewer and copy the text") from exc
    except (PDFSyntaxError, PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        raise AdTextError(f"{name} is not a readable PDF ({type(exc).__name__}); "
                          "open it in a PDF viewer and copy the text") from exc
    text = "\n\n".join(page for page in pages if page)
    if not text.strip():
        raise AdTextError(
            f"{name} has no text layer: it looks like a scanned image of paper, and jpstudy does not read "
            "images. Copy the ad's text from its web page, or run it through OCR and open the result"
        )
    return fold_radicals(text)


def _pages(layouts: Iterable[Any]) -> Iterator[str]:
    for layout in layouts:
        yield "\n".join(_rows(list(_lines(layout))))


def _lines(item: Any) -> Iterator[Any]:
    """The horizontal text lines inside a layout item."""
    from pdfminer.layout import LTTextLineHorizontal

    if isinstance(item, LTTextLineHorizontal):
        yield item
        return
    try:
        children = iter(item)
    except TypeError:
        return
    for child in children:
        yield from _lines(child)


def _rows(lines: list[Any]) -> Iterator[str]:
    """Text of each row (see the module docstring), top to bottom."""
    lines.sort(key=lambda line: -line.y1)
    row: list[Any] = []
    bottom = top = 0.0
    for line in lines:
        text = _SPACES.sub(" ", line.get_text().strip())
        if not text:
            continue
        middle = (line.y0 + line.y1) / 2
        if row and bottom <= middle <= top:
            row.append((line.x0, text))
            bottom = min(bottom, line.y0)
            continue
        if row:
            yield CELL_SEPARATOR.join(t for _, t in sorted(row))
        row, bottom, top = [(line.x0, text)], line.y0, line.y1
    if row:
        yield CELL_SEPARATOR.join(t for _, t in sorted(row))
