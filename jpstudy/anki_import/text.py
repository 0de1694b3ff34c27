"""Anki field HTML to jpstudy's plain text, and furigana.

Terms:
    furigana markup: Anki's ruby syntax ``漢字[かんじ]``: the text in brackets is the reading of the
        characters before it, back to the previous space (a space may be put in front of a base to
        end the one before: ``お 茶[ちゃ]``). HTML ruby (``<ruby>漢字<rt>かんじ</rt></ruby>``) means
        the same.
    plain text: what jpstudy stores: no tags, entities decoded, ``[sound:…]`` references dropped,
        line breaks (``<br>``, ``<div>``, ``<p>``) kept as newlines, runs of spaces collapsed.
"""

from __future__ import annotations

import html
import re

_FURIGANA = re.compile(r" ?([^ >\[\]]+?)\[([^\]]*)\]")
_RUBY = re.compile(r"<ruby[^>]*>(.*?)</ruby>", re.IGNORECASE | re.DOTALL)
_RT = re.compile(r"<rt[^>]*>(.*?)</rt>", re.IGNORECASE | re.DOTALL)
_RP = re.compile(r"<rp[^>]*>.*?</rp>", re.IGNORECASE | re.DOTALL)
_BREAK = re.compile(r"<br\s*/?>|</(?:div|p|li|tr)>", re.IGNORECASE)
_HIDDEN = re.compile(r"<(script|style)[^>]*>.*?</\1>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_SPACES = re.compile(r"[ \t\u00a0]+")
_LINES = re.compile(r" *\n[ \n]*")


def _ruby(html_text: str, keep: int) -> str:
    """HTML ruby resolved to its base text (``keep`` 1) or its reading (``keep`` 2)."""

    def one(match: re.Match[str]) -> str:
        inner = _RP.sub("", match.group(1))
        if keep == 2:
            parts = _RT.split(inner)  # base, reading, base, reading, ...
            bases, readings = parts[0::2], parts[1::2]
            return "".join(r if r.strip() else b for b, r in zip(bases, [*readings, ""], strict=False))
        return _RT.sub("", inner)

    return _RUBY.sub(one, html_text)


def _plain(html_text: str) -> str:
    text = _HIDDEN.sub("", html_text)
    text = _BREAK.sub("\n", text)
    text = _SOUND.sub("", _TAG.sub("", text))
    text = html.unescape(text).replace("\r\n", "\n").replace("\r", "\n")
    text = _SPACES.sub(" ", text)
    return _LINES.sub("\n", text).strip()


def has_furigana(html_text: str) -> bool:
    """Whether a field uses furigana markup or HTML ruby."""
    return bool(_FURIGANA.search(_SOUND.sub("", html_text)) or _RUBY.search(html_text))


def plain_text(html_text: str) -> str:
    """A field as jpstudy's plain text, furigana dropped: ``<b>日本[にほん]</b>語`` → ``日本語``."""
    text = _SOUND.sub("", _ruby(html_text, 1))
    text = _FURIGANA.sub(r"\1", text)
    return _plain(text)


def furigana_reading(html_text: str) -> str:
    """The field read aloud, from its furigana: ``食[た]べる`` → ``たべる``, ``日本[にほん]語[ご]`` → ``にほんご``."""
    text = _SOUND.sub("", _ruby(html_text, 2))
    text = _FURIGANA.sub(r"\2", text)
    return _plain(text).replace(" ", "")
