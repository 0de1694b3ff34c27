"""Plain text from HTML: a saved job-ad page, or what a browser puts on the clipboard as text/html.

Terms:
    block element: an element a browser starts on a new line (p, div, li, tr, h1…, table, br …). Each
        becomes a line break, so the ad's lines survive.
    cell: a table cell (td, th). Cells of one row are separated by an ideographic space (　), so a
        Hello Work form row "賃金 | 月給230,000円" reads as one line "賃金　月給230,000円".
    hidden content: script, style, template, noscript, svg, iframe, object and the document head. It is
        dropped unread: nothing in the page is ever run or fetched (the parser only reads characters).

Whitespace inside text collapses as a browser collapses it (except in ``pre``); entities (&amp;,
&#x5186;) are decoded; at most one empty line is kept where the page has one (``<br><br>``).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

_BLOCK = frozenset((
    "address", "article", "aside", "blockquote", "dd", "details", "dialog", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
    "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "tfoot", "thead", "tr", "ul",
    "caption", "body", "html",
))
_HIDDEN = frozenset(("script", "style", "template", "noscript", "svg", "iframe", "object", "head", "select"))
_CELL = frozenset(("td", "th"))
_VOID = frozenset(("br", "hr", "img", "input", "meta", "link", "wbr", "area", "base", "col", "embed",
                   "source", "track"))
_SPACES = re.compile(r"[ \t\r\n\f]+")
_AROUND_CELL = re.compile(" *\u3000 *")
_LOOKS_HTML = re.compile(
    r"<\s*(?:!doctype\s+html|html|body|div|p|br|span|td|tr|li|ul|table|h[1-6]|a|b|strong|meta)\b", re.I
)
CELL_SEPARATOR = "\u3000"


def looks_like_html(text: str) -> bool:
    """Whether ``text`` holds HTML markup (a tag a web page or the clipboard would have)."""
    return bool(_LOOKS_HTML.search(text[:20_000]))


class _TextCollector(HTMLParser):
    """Collects the visible text of a document (see the module docstring)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden: list[str] = []
        self._pre = 0
        self._row_has_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self._hidden:
            if tag == self._hidden[-1] and tag not in _VOID:
                self._hidden.append(tag)
            return
        if tag in _HIDDEN:
            self._hidden.append(tag)
            return
        if tag == "br":
            self.parts.append("\n")
        elif tag in _CELL:
            if self._row_has_cell:
                self.parts.append(CELL_SEPARATOR)
            self._row_has_cell = True
        elif tag in _BLOCK:
            self._break()
            if tag == "tr":
                self._row_has_cell = False
            elif tag == "li":
                self.parts.append("・")
        if tag == "pre":
            self._pre += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br" and not self._hidden:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if self._hidden:
            if tag == self._hidden[-1]:
                self._hidden.pop()
            return
        if tag in _BLOCK:
            self._break()
            if tag == "tr":
                self._row_has_cell = False
        if tag == "pre":
            self._pre = max(0, self._pre - 1)

    def _break(self) -> None:
        """A line break at a block's edge, unless the text is already at the start of a line."""
        for part in reversed(self.parts):
            if part.strip(" "):
                if not part.endswith("\n"):
                    self.parts.append("\n")
                return

    def handle_data(self, data: str) -> None:
        if self._hidden:
            return
        self.parts.append(data if self._pre else _SPACES.sub(" ", data))


def html_to_text(markup: str) -> str:
    """The visible text of ``markup`` with its line breaks (see the module docstring)."""
    collector = _TextCollector()
    collector.feed(markup)
    collector.close()
    out: list[str] = []
    for line in "".join(collector.parts).replace("\xa0", " ").split("\n"):
        line = _AROUND_CELL.sub(CELL_SEPARATOR, line).strip(" ")
        if line.strip(CELL_SEPARATOR):
            out.append(line)
        elif out and out[-1]:
            out.append("")  # one empty line where the page had one (<br><br>)
    while out and not out[-1]:
        out.pop()
    return "\n".join(out)
